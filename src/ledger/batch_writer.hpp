#pragma once

#include "ledger/records.hpp"

#include <ctime>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace SQLite {
class Statement;
}

namespace placard::ledger {

class Ledger;

// One batch being written. It holds the ledger's write transaction from begin_batch()
// to commit(): the batch row, its placards and its revocations become visible together,
// or not at all. Dropping it without commit() (an exception, an early return) rolls
// everything back, and so does a crash, since SQLite discards an uncommitted transaction.
//
// Holding the write lock for the whole run is deliberate: a second run on the same
// ledger waits (then gets LedgerBusy) instead of computing the same "changed" set and
// issuing the same generations. Readers (verify-url, exports) are not blocked in WAL mode.
// While the batch is open, the Ledger's queries see the batch's own placards.
//
// A BatchWriter must not outlive its Ledger.
class BatchWriter {
public:
    BatchWriter(BatchWriter&& other) noexcept;
    BatchWriter& operator=(BatchWriter&&) = delete;
    BatchWriter(const BatchWriter&) = delete;
    BatchWriter& operator=(const BatchWriter&) = delete;
    ~BatchWriter();

    const std::string& batch_id() const { return batch_id_; }

    // Records a placard printed on `page` of `file`; the file is described in commit().
    // Throws LedgerError if that employee's generation is already in the ledger.
    void add_placard(const PlacardRecord& placard);

    // Revokes as Ledger::revoke does, as part of this batch (a reprint revokes the old
    // generation). The batch's own new placards are never revoked by it.
    RevokeOutcome revoke(const std::vector<RevokeRequest>& requests);

    // Call only once every file is complete under its final name. Every file a placard
    // names must be listed, with the page inside it, and counts.printed must equal the
    // placards added; a mismatch is a bug in the caller (std::logic_error).
    void commit(
        const std::vector<OutputFile>& files, const BatchCounts& counts, std::time_t ended_at = 0);

    long placards_added() const { return placards_added_; }

private:
    friend class Ledger;

    BatchWriter(Ledger& ledger, const BatchInfo& info);

    void check_before_commit(const std::vector<OutputFile>& files, const BatchCounts& counts) const;
    void write_files(const std::vector<OutputFile>& files);
    void close_batch(const BatchCounts& counts, std::time_t ended_at);
    void roll_back() noexcept;

    Ledger* ledger_ = nullptr;  // null once committed, rolled back or moved from
    std::string batch_id_;
    std::unique_ptr<SQLite::Statement> insert_placard_;
    std::map<std::string, int> last_page_by_file_;
    long placards_added_ = 0;
};

}  // namespace placard::ledger
