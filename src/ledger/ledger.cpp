#include "ledger/ledger.hpp"

#include "ledger/detail.hpp"
#include "ledger/schema.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <map>
#include <stdexcept>

namespace placard::ledger {

namespace {

// STRICT tables arrived in SQLite 3.37.0.
constexpr int oldest_sqlite = 3037000;

int open_flags(const LedgerOptions& options)
{
    return options.read_only ? SQLite::OPEN_READONLY : SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE;
}

int wait_ms(const LedgerOptions& options)
{
    return static_cast<int>(options.wait.count());
}

void switch_to_wal(SQLite::Database& db, const std::filesystem::path& path)
{
    // A new file goes into WAL mode through one write of its first page. Under SQLite's
    // default rollback journal that write is guarded by a -journal file, and a run killed
    // after the page is written but before that file is deleted leaves a hot journal,
    // which a read-only reader cannot roll back ("attempt to write a readonly database").
    // The file holds nothing yet, so there is nothing for a journal to protect: that one
    // write is made without one.
    bool in_rollback_mode = db.execAndGet("PRAGMA journal_mode").getString() != "wal";
    if (in_rollback_mode && schema::is_empty(db)) {
        db.exec("PRAGMA journal_mode = OFF");
    }

    // A no-op on a ledger that is already in WAL mode; a new file needs it once.
    std::string mode = db.execAndGet("PRAGMA journal_mode = WAL").getString();
    if (mode != "wal") {
        throw LedgerError::no_wal(path, mode);
    }
}

// A run killed while creating its ledger leaves an SQLite file with nothing in it. Readers
// (ledger check, verify-url, revocation exports) take it for what it is, a ledger with
// nothing recorded yet, through an empty ledger in memory: they cannot create the tables
// in the file, and the next run with write access does.
std::unique_ptr<SQLite::Database> empty_ledger_in_memory(const std::filesystem::path& path)
{
    auto db = std::make_unique<SQLite::Database>(
        ":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db->exec("PRAGMA foreign_keys = ON");
    schema::migrate(*db, schema::migrations(), path);
    return db;
}

void check_read_only_version(SQLite::Database& db, const std::filesystem::path& path)
{
    int version = schema::stored_version(db);
    if (version > schema::current_version()) {
        throw LedgerError::newer_schema(path, version, schema::current_version());
    }
    if (version < schema::current_version()) {
        throw LedgerError::older_schema_read_only(path, version, schema::current_version());
    }
}

std::vector<std::string> sqlite_integrity(SQLite::Database& db)
{
    std::vector<std::string> problems;
    SQLite::Statement check(db, "PRAGMA integrity_check");
    while (check.executeStep()) {
        std::string line = check.getColumn(0).getString();
        if (line != "ok") {
            problems.push_back("integrity: " + line);
        }
    }
    return problems;
}

std::vector<std::string> foreign_key_problems(SQLite::Database& db)
{
    std::map<std::pair<std::string, std::string>, long> missing;
    SQLite::Statement check(db, "PRAGMA foreign_key_check");
    while (check.executeStep()) {
        ++missing[{check.getColumn(0).getString(), check.getColumn(2).getString()}];
    }

    std::vector<std::string> problems;
    problems.reserve(missing.size());
    for (const auto& [tables, count] : missing) {
        problems.push_back(fmt::format(
            "foreign key: {} row{} of {} refer{} to missing rows of {}",
            count,
            count == 1 ? "" : "s",
            tables.first,
            count == 1 ? "s" : "",
            tables.second));
    }
    return problems;
}

// The rules SQLite cannot state as constraints.
std::vector<std::string> ledger_rule_problems(SQLite::Database& db)
{
    std::vector<std::string> problems;
    SQLite::Statement open(db, "SELECT batch_id FROM batch WHERE status = 'open'");
    while (open.executeStep()) {
        problems.push_back(fmt::format(
            "batch {} is open, but a batch is only open inside its own transaction",
            open.getColumn(0).getString()));
    }

    SQLite::Statement pages(
        db,
        "SELECT p.employee_code, p.generation, p.page, p.path, f.page_count "
        "FROM placard p JOIN output_file f USING (batch_id, path) "
        "WHERE p.page > f.page_count");
    while (pages.executeStep()) {
        problems.push_back(fmt::format(
            "placard {} generation {} is on page {} of {}, which has {} pages",
            pages.getColumn(0).getString(),
            pages.getColumn(1).getInt(),
            pages.getColumn(2).getInt(),
            pages.getColumn(3).getString(),
            pages.getColumn(4).getInt()));
    }
    return problems;
}

}  // namespace

Ledger::Ledger(std::filesystem::path path, LedgerOptions options)
    : path_(std::move(path))
    , options_(options)
{
    if (sqlite3_libversion_number() < oldest_sqlite) {
        throw LedgerError::sqlite_too_old(path_, sqlite3_libversion());
    }
    std::error_code ignored;
    if ((options_.read_only || options_.must_exist) && !std::filesystem::exists(path_, ignored)) {
        throw LedgerError::missing(path_);
    }
    detail::guarded({path_, options_.wait}, "open the ledger", [this] { open(); });
}

Ledger::~Ledger() = default;

void Ledger::open()
{
    db_ = std::make_unique<SQLite::Database>(path_, open_flags(options_), wait_ms(options_));
    db_->exec("PRAGMA foreign_keys = ON");

    // Look before writing anything: a newer ledger or someone else's database is
    // refused untouched.
    if (!schema::is_ledger_or_empty(*db_)) {
        throw LedgerError::not_a_ledger(path_);
    }
    if (options_.read_only) {
        if (schema::is_empty(*db_)) {
            db_ = empty_ledger_in_memory(path_);
            return;
        }
        check_read_only_version(*db_, path_);
        return;
    }
    int version = schema::stored_version(*db_);
    if (version > schema::current_version()) {
        throw LedgerError::newer_schema(path_, version, schema::current_version());
    }

    switch_to_wal(*db_, path_);
    // FULL syncs the WAL at every commit. Commits are one per batch, so it costs nothing
    // measurable, and a committed batch then survives a power loss, not only a crash.
    db_->exec("PRAGMA synchronous = FULL");
    schema::migrate(*db_, schema::migrations(), path_);
}

void Ledger::require_writable(const char* what) const
{
    if (options_.read_only) {
        throw std::logic_error(fmt::format("{} on a ledger opened read-only", what));
    }
    if (!open_batch_.empty()) {
        throw std::logic_error(fmt::format("{} while a batch is open on this ledger", what));
    }
}

BatchWriter Ledger::begin_batch(const BatchInfo& info)
{
    require_writable("begin_batch");
    return BatchWriter(*this, info);
}

std::vector<std::string> Ledger::integrity_check() const
{
    // An open batch's placards point at files that are written only at commit.
    if (!open_batch_.empty()) {
        throw std::logic_error("integrity_check while a batch is open on this ledger");
    }
    return detail::guarded({path_, options_.wait}, "check the ledger", [this] {
        std::vector<std::string> problems = sqlite_integrity(*db_);
        for (const auto& found : {foreign_key_problems(*db_), ledger_rule_problems(*db_)}) {
            problems.insert(problems.end(), found.begin(), found.end());
        }
        return problems;
    });
}

}  // namespace placard::ledger
