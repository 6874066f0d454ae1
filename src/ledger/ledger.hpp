#pragma once

#include "ledger/batch_writer.hpp"
#include "ledger/ledger_error.hpp"
#include "ledger/records.hpp"

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace SQLite {
class Database;
class Statement;
}  // namespace SQLite

namespace placard::ledger {

struct LedgerOptions {
    // How long to wait for another run's write lock before throwing LedgerBusy.
    std::chrono::milliseconds wait{5000};
    // Opens an existing ledger without write access (verify-url, exports); it must already
    // be at this placard's schema version.
    bool read_only = false;
    // Refuses to create the ledger: revoke and reprint act on what earlier runs recorded,
    // and a mistyped path would otherwise leave a new, empty ledger behind. A read-only
    // open always needs the file.
    bool must_exist = false;
};

struct MergeSummary {
    long batches_added = 0;
    long placards_added = 0;
    long revocations_added = 0;
    long duplicates_skipped = 0;  // rows the target already held, identical where it matters
};

// The print ledger: every batch run, every placard issued, every revocation, in one
// SQLite file (WAL mode, foreign keys on, a versioned schema; see docs/ledger.md).
//
// A Ledger is one connection. It is neither copied nor moved, because a BatchWriter
// refers to it; keep it in a std::optional or a std::unique_ptr when it must be passed
// around. Every SQLite failure comes out as LedgerError (LedgerBusy when another run holds
// the write lock past the wait), naming the file.
class Ledger {
public:
    // Opens the ledger, creating it unless read-only, and migrates an older schema forward.
    // Refuses a file of a newer placard and an SQLite database that is not a ledger.
    explicit Ledger(std::filesystem::path path, LedgerOptions options = {});
    ~Ledger();
    Ledger(const Ledger&) = delete;
    Ledger& operator=(const Ledger&) = delete;

    const std::filesystem::path& path() const { return path_; }

    // Starts a batch and holds the ledger's write lock until it is committed or dropped;
    // see BatchWriter. Waits up to the configured time for another run, then throws
    // LedgerBusy.
    BatchWriter begin_batch(const BatchInfo& info);

    // Incremental runs: what the ledger knows of one employee (nullopt: never printed),
    // or of every employee at once.
    std::optional<PlacardState> placard_state(const std::string& employee_code) const;
    std::unordered_map<std::string, PlacardState> load_placard_states() const;

    // The employee code as the ledger recorded it, for a code an operator typed. Codes
    // compare without letter case, but each is recorded as its roster spelt it, and
    // lookups are exact. Returns `typed_code` itself when the ledger holds it, or holds no
    // spelling of it; throws LedgerError when it holds several spellings.
    std::string recorded_code(const std::string& typed_code) const;

    // Coverage reports: calls `visit` once for every employee the ledger knows, in code
    // order, with one query, so the caller keeps only what it needs of each.
    void for_each_coverage_state(
        const std::function<void(const std::string& employee_code, const CoverageState& state)>&
            visit) const;

    // The generation a new placard of this employee gets: one above every generation
    // issued, revoked ones included, so no URL is ever issued twice.
    std::uint32_t next_generation(const std::string& employee_code) const;

    // Revokes in one transaction: all requests apply, or none does. Throws LedgerError for
    // an employee or a generation the ledger never issued, or a key id that does not match.
    // Inside a batch, use BatchWriter::revoke so the revocations commit with it.
    RevokeOutcome revoke(const std::vector<RevokeRequest>& requests);

    // Every revocation, oldest first, with the key id, for the survey server's list.
    std::vector<Revocation> revocations() const;

    // The status of the placard a verified URL names.
    StatusAnswer status(
        const std::string& kid, const std::string& employee_code, std::uint32_t generation) const;

    // Every live placard signed with this key id, by employee code: the leaked-key list.
    std::vector<IssuedPlacard> live_placards_signed_by(const std::string& kid) const;

    std::optional<BatchRecord> find_batch(const std::string& batch_id) const;

    // The batches that recorded a file under this path (as recorded), oldest first. A run
    // must not write over such a file: its placards would point at pages that are gone.
    std::vector<std::string> batches_with_file(const std::string& path) const;

    // PRAGMA integrity_check and foreign_key_check plus the ledger's own rules (no batch
    // left open, every page inside its file). Empty when all is well; one line per problem.
    // Not while this connection has a batch open (std::logic_error).
    std::vector<std::string> integrity_check() const;

    // Folds the ledgers of sharded runs into target (created if missing) in one
    // transaction. Rows the target already holds are skipped when they agree; the same
    // placard (code and generation) with another key id or fields digest, or the same
    // batch or file with other contents, is a conflict: LedgerConflict, nothing merged.
    static MergeSummary merge(
        const std::filesystem::path& target,
        const std::vector<std::filesystem::path>& sources,
        LedgerOptions options = {});

private:
    friend class BatchWriter;
    friend class Merger;

    void open();
    void require_writable(const char* what) const;

    std::filesystem::path path_;
    LedgerOptions options_;
    std::unique_ptr<SQLite::Database> db_;
    // Prepared once: an incremental run may ask for every employee one by one.
    mutable std::unique_ptr<SQLite::Statement> state_query_;
    std::string open_batch_;  // the batch this connection is writing; empty: none
};

}  // namespace placard::ledger
