#include "ledger/batch_writer.hpp"

#include "ledger/detail.hpp"
#include "ledger/ledger.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace placard::ledger {

namespace {

constexpr int max_generation = 999999;

void check_info(const BatchInfo& info)
{
    if (info.batch_id.empty() || info.operator_name.empty()) {
        throw std::invalid_argument("a batch needs an id and an operator");
    }
    if (!detail::is_sha256_hex(info.roster_digest)) {
        throw std::invalid_argument("the roster digest must be SHA-256 in lower-case hex");
    }
}

void check_placard(const PlacardRecord& p)
{
    if (p.employee_code.empty() || p.kid.empty() || p.file.empty()) {
        throw std::invalid_argument("a placard needs an employee code, a key id and a file");
    }
    if (p.generation < 1 || p.generation > max_generation || p.page < 1) {
        throw std::invalid_argument(fmt::format(
            "placard {}: generation {} or page {} out of range",
            p.employee_code,
            p.generation,
            p.page));
    }
    if (!detail::is_sha256_hex(p.fields_digest)) {
        throw std::invalid_argument("the fields digest must be SHA-256 in lower-case hex");
    }
}

bool batch_exists(SQLite::Database& db, const std::string& batch_id)
{
    SQLite::Statement query(db, "SELECT 1 FROM batch WHERE batch_id = ?");
    query.bind(1, batch_id);
    return query.executeStep();
}

void insert_open_batch(SQLite::Database& db, const BatchInfo& info)
{
    SQLite::Statement insert(
        db,
        "INSERT INTO batch (batch_id, status, started_at, operator_name, host_name, "
        "                   roster_digest, options_json) "
        "VALUES (?, 'open', ?, ?, ?, ?, ?)");
    insert.bind(1, info.batch_id);
    insert.bind(2, static_cast<std::int64_t>(detail::now_if_zero(info.started_at)));
    insert.bind(3, info.operator_name);
    insert.bind(4, info.host_name);
    insert.bind(5, info.roster_digest);
    insert.bind(6, info.options_json);
    insert.exec();
}

bool is_duplicate_key(const SQLite::Exception& error)
{
    return error.getExtendedErrorCode() == SQLITE_CONSTRAINT_PRIMARYKEY;
}

}  // namespace

BatchWriter::BatchWriter(Ledger& ledger, const BatchInfo& info)
    : batch_id_(info.batch_id)
{
    check_info(info);

    SQLite::Database& db = *ledger.db_;
    detail::guarded({ledger.path_, ledger.options_.wait}, "start a batch", [&] {
        // IMMEDIATE takes the write lock now, so waiting for another run happens here,
        // before any work, and never half-way through a commit.
        db.exec("BEGIN IMMEDIATE");
        try {
            if (batch_exists(db, info.batch_id)) {
                throw LedgerError(
                    ledger.path_,
                    fmt::format(
                        "batch {} is already in the ledger; use a new batch id", batch_id_));
            }
            // The batch's files are known only at commit, after its placards: check the
            // placard-to-file references then, at COMMIT, instead of at each insert.
            db.exec("PRAGMA defer_foreign_keys = ON");
            insert_open_batch(db, info);
            insert_placard_ = std::make_unique<SQLite::Statement>(
                db,
                "INSERT INTO placard (employee_code, generation, kid, fields_digest, batch_id, "
                "    path, page, province, city, agency, office) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        } catch (...) {
            insert_placard_.reset();
            db.tryExec("ROLLBACK");
            throw;
        }
    });
    ledger_ = &ledger;
    ledger.open_batch_ = batch_id_;
}

BatchWriter::BatchWriter(BatchWriter&& other) noexcept
    : ledger_(std::exchange(other.ledger_, nullptr))
    , batch_id_(std::move(other.batch_id_))
    , insert_placard_(std::move(other.insert_placard_))
    , last_page_by_file_(std::move(other.last_page_by_file_))
    , placards_added_(other.placards_added_)
{}

BatchWriter::~BatchWriter()
{
    roll_back();
}

void BatchWriter::roll_back() noexcept
{
    if (ledger_ == nullptr) {
        return;
    }
    insert_placard_.reset();
    sqlite3* handle = ledger_->db_->getHandle();
    // A failed COMMIT may already have ended the transaction.
    if (sqlite3_get_autocommit(handle) == 0) {
        ledger_->db_->tryExec("ROLLBACK");
    }
    ledger_->open_batch_.clear();
    ledger_ = nullptr;
}

void BatchWriter::add_placard(const PlacardRecord& p)
{
    if (ledger_ == nullptr) {
        throw std::logic_error("add_placard on a batch that is no longer open");
    }
    check_placard(p);

    detail::Context where{ledger_->path_, ledger_->options_.wait};
    try {
        SQLite::Statement& insert = *insert_placard_;
        insert.tryReset();
        insert.bind(1, p.employee_code);
        insert.bind(2, static_cast<std::int64_t>(p.generation));
        insert.bind(3, p.kid);
        insert.bind(4, p.fields_digest);
        insert.bind(5, batch_id_);
        insert.bind(6, p.file);
        insert.bind(7, p.page);
        insert.bind(8, p.province);
        insert.bind(9, p.city);
        insert.bind(10, p.agency);
        insert.bind(11, p.office);
        insert.exec();
    } catch (const SQLite::Exception& error) {
        if (is_duplicate_key(error)) {
            throw LedgerError(
                where.ledger,
                fmt::format(
                    "employee {} generation {} is already in the ledger; a new placard needs "
                    "the next generation",
                    p.employee_code,
                    p.generation));
        }
        detail::rethrow(error, where, "record a placard");
    }

    int& last_page = last_page_by_file_[p.file];
    last_page = std::max(last_page, p.page);
    ++placards_added_;
}

RevokeOutcome BatchWriter::revoke(const std::vector<RevokeRequest>& requests)
{
    if (ledger_ == nullptr) {
        throw std::logic_error("revoke on a batch that is no longer open");
    }
    // A savepoint, so a refused request undoes the requests before it, not the batch.
    SQLite::Database& db = *ledger_->db_;
    return detail::guarded({ledger_->path_, ledger_->options_.wait}, "revoke placards", [&] {
        db.exec("SAVEPOINT batch_revoke");
        try {
            RevokeOutcome outcome =
                detail::apply_revocations(db, ledger_->path_, requests, batch_id_);
            db.exec("RELEASE batch_revoke");
            return outcome;
        } catch (...) {
            db.tryExec("ROLLBACK TO batch_revoke");
            db.tryExec("RELEASE batch_revoke");
            throw;
        }
    });
}

void BatchWriter::commit(
    const std::vector<OutputFile>& files, const BatchCounts& counts, std::time_t ended_at)
{
    if (ledger_ == nullptr) {
        throw std::logic_error("commit on a batch that is no longer open");
    }
    check_before_commit(files, counts);

    detail::guarded({ledger_->path_, ledger_->options_.wait}, "commit the batch", [&] {
        write_files(files);
        close_batch(counts, ended_at);
        insert_placard_.reset();
        ledger_->db_->exec("COMMIT");
    });
    ledger_->open_batch_.clear();
    ledger_ = nullptr;
}

void BatchWriter::check_before_commit(
    const std::vector<OutputFile>& files, const BatchCounts& counts) const
{
    std::map<std::string, int> pages;
    for (const OutputFile& file : files) {
        if (file.path.empty() || !detail::is_sha256_hex(file.sha256) || file.page_count < 0) {
            throw std::logic_error("an output file needs a path, a SHA-256 and a page count");
        }
        if (!pages.emplace(file.path, file.page_count).second) {
            throw std::logic_error("output file listed twice: " + file.path);
        }
    }
    for (const auto& [path, last_page] : last_page_by_file_) {
        auto file = pages.find(path);
        if (file == pages.end() || last_page > file->second) {
            throw std::logic_error(fmt::format(
                "placards are recorded on page {} of {}, which is not among the batch's files "
                "or has fewer pages",
                last_page,
                path));
        }
    }
    if (counts.printed != placards_added_) {
        throw std::logic_error(fmt::format(
            "the batch counts {} printed but recorded {} placards",
            counts.printed,
            placards_added_));
    }
}

void BatchWriter::write_files(const std::vector<OutputFile>& files)
{
    SQLite::Statement insert(
        *ledger_->db_,
        "INSERT INTO output_file (batch_id, path, sha256, byte_size, page_count) "
        "VALUES (?, ?, ?, ?, ?)");
    for (const OutputFile& file : files) {
        insert.tryReset();
        insert.bind(1, batch_id_);
        insert.bind(2, file.path);
        insert.bind(3, file.sha256);
        insert.bind(4, static_cast<std::int64_t>(file.byte_size));
        insert.bind(5, file.page_count);
        insert.exec();
    }
}

void BatchWriter::close_batch(const BatchCounts& counts, std::time_t ended_at)
{
    SQLite::Statement update(
        *ledger_->db_,
        "UPDATE batch SET status = 'committed', ended_at = ?, rows_read = ?, rows_printed = ?, "
        "    rows_rejected = ?, rows_skipped = ?, rows_unchanged = ? "
        "WHERE batch_id = ?");
    update.bind(1, static_cast<std::int64_t>(detail::now_if_zero(ended_at)));
    update.bind(2, static_cast<std::int64_t>(counts.read));
    update.bind(3, static_cast<std::int64_t>(counts.printed));
    update.bind(4, static_cast<std::int64_t>(counts.rejected));
    update.bind(5, static_cast<std::int64_t>(counts.skipped));
    update.bind(6, static_cast<std::int64_t>(counts.unchanged));
    update.bind(7, batch_id_);
    update.exec();
}

}  // namespace placard::ledger
