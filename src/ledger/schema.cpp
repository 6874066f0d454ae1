#include "ledger/schema.hpp"

#include "ledger/ledger_error.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <array>

namespace placard::ledger::schema {

namespace {

// Version 1. Every table is STRICT, so a value of the wrong type is refused instead of
// being converted, and every identifier (employee code, key id, batch id, file path,
// digest) is TEXT: a digit-only code such as 0012345 must never become the number 12345.
// Times are INTEGER seconds since 1970 (UTC). Digests are 64 lower-case hex digits.
constexpr std::string_view version_1 = R"sql(
CREATE TABLE batch (
    batch_id       TEXT NOT NULL PRIMARY KEY CHECK (batch_id <> ''),
    status         TEXT NOT NULL CHECK (status IN ('open', 'committed')),
    started_at     INTEGER NOT NULL,
    ended_at       INTEGER,
    operator_name  TEXT NOT NULL CHECK (operator_name <> ''),
    host_name      TEXT NOT NULL,
    roster_digest  TEXT NOT NULL
        CHECK (length(roster_digest) = 64 AND roster_digest NOT GLOB '*[^0-9a-f]*'),
    options_json   TEXT NOT NULL CHECK (json_valid(options_json)),
    rows_read      INTEGER NOT NULL DEFAULT 0 CHECK (rows_read >= 0),
    rows_printed   INTEGER NOT NULL DEFAULT 0 CHECK (rows_printed >= 0),
    rows_rejected  INTEGER NOT NULL DEFAULT 0 CHECK (rows_rejected >= 0),
    rows_skipped   INTEGER NOT NULL DEFAULT 0 CHECK (rows_skipped >= 0),
    rows_unchanged INTEGER NOT NULL DEFAULT 0 CHECK (rows_unchanged >= 0),
    CHECK (status = 'open' OR ended_at IS NOT NULL)
) STRICT;

CREATE TABLE output_file (
    batch_id   TEXT NOT NULL REFERENCES batch (batch_id),
    path       TEXT NOT NULL CHECK (path <> ''),
    sha256     TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
    byte_size  INTEGER NOT NULL CHECK (byte_size >= 0),
    page_count INTEGER NOT NULL CHECK (page_count >= 0),
    PRIMARY KEY (batch_id, path)
) STRICT, WITHOUT ROWID;

CREATE TABLE placard (
    employee_code TEXT NOT NULL CHECK (employee_code <> ''),
    generation    INTEGER NOT NULL CHECK (generation BETWEEN 1 AND 999999),
    kid           TEXT NOT NULL CHECK (kid <> ''),
    fields_digest TEXT NOT NULL
        CHECK (length(fields_digest) = 64 AND fields_digest NOT GLOB '*[^0-9a-f]*'),
    batch_id      TEXT NOT NULL,
    path          TEXT NOT NULL,
    page          INTEGER NOT NULL CHECK (page >= 1),
    province      TEXT NOT NULL,
    city          TEXT NOT NULL,
    agency        TEXT NOT NULL,
    office        TEXT NOT NULL,
    PRIMARY KEY (employee_code, generation),
    FOREIGN KEY (batch_id, path) REFERENCES output_file (batch_id, path)
) STRICT, WITHOUT ROWID;

CREATE INDEX placard_by_kid ON placard (kid, employee_code, generation);
CREATE INDEX placard_by_file ON placard (batch_id, path, page);

CREATE TABLE revocation (
    employee_code TEXT NOT NULL,
    generation    INTEGER NOT NULL,
    reason        TEXT NOT NULL
        CHECK (reason IN ('lost', 'damaged', 'stolen', 'data-changed', 'key-leaked')),
    operator_name TEXT NOT NULL CHECK (operator_name <> ''),
    revoked_at    INTEGER NOT NULL,
    batch_id      TEXT REFERENCES batch (batch_id),
    PRIMARY KEY (employee_code, generation),
    FOREIGN KEY (employee_code, generation) REFERENCES placard (employee_code, generation)
) STRICT, WITHOUT ROWID;

CREATE INDEX revocation_by_batch ON revocation (batch_id);
)sql";

constexpr std::array<std::string_view, 1> released_steps = {version_1};

int read_pragma(SQLite::Database& db, const char* pragma)
{
    SQLite::Statement query(db, fmt::format("PRAGMA {}", pragma));
    query.executeStep();
    return query.getColumn(0).getInt();
}

}  // namespace

std::span<const std::string_view> migrations()
{
    return released_steps;
}

int stored_version(SQLite::Database& db)
{
    return read_pragma(db, "user_version");
}

bool is_empty(SQLite::Database& db)
{
    SQLite::Statement objects(db, "SELECT count(*) FROM sqlite_schema");
    objects.executeStep();
    return objects.getColumn(0).getInt() == 0 && stored_version(db) == 0;
}

bool is_ledger_or_empty(SQLite::Database& db)
{
    // One statement reads all three at one moment. Read one by one, they could straddle
    // the commit of another run creating this very ledger: no application id yet, then
    // its tables, which looked like somebody else's database.
    SQLite::Statement query(
        db,
        "SELECT (SELECT application_id FROM pragma_application_id), "
        "(SELECT count(*) FROM sqlite_schema), (SELECT user_version FROM pragma_user_version)");
    query.executeStep();
    bool ours = query.getColumn(0).getInt() == application_id;
    bool empty = query.getColumn(1).getInt() == 0 && query.getColumn(2).getInt() == 0;
    return ours || empty;
}

void migrate(
    SQLite::Database& db,
    std::span<const std::string_view> steps,
    const std::filesystem::path& ledger)
{
    int target = static_cast<int>(steps.size());
    if (stored_version(db) == target) {
        return;
    }

    // Another process may be migrating the same file: take the write lock, then read
    // the version again under it.
    db.exec("BEGIN IMMEDIATE");
    try {
        int version = stored_version(db);
        if (version > target) {
            throw LedgerError::newer_schema(ledger, version, target);
        }
        for (int step = version; step < target; ++step) {
            db.exec(std::string(steps[static_cast<std::size_t>(step)]));
        }

        // PRAGMA takes no bound parameters; both numbers are our own constants.
        db.exec(fmt::format("PRAGMA application_id = {}", application_id));
        db.exec(fmt::format("PRAGMA user_version = {}", target));
        db.exec("COMMIT");
    } catch (...) {
        db.tryExec("ROLLBACK");
        throw;
    }
}

}  // namespace placard::ledger::schema
