// The read side of the ledger: what incremental runs, verify-url, exports and the
// leaked-key playbook ask of it.

#include "ledger/detail.hpp"
#include "ledger/ledger.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace placard::ledger {

namespace {

constexpr std::uint32_t max_generation = 999999;

// Every generation of one employee (or of all, in code order), oldest first, with
// whether it was revoked. WITHOUT ROWID keeps placard rows clustered by (code,
// generation), so this order costs no sort.
constexpr const char* generations_sql =
    "SELECT p.employee_code, p.generation, p.kid, p.fields_digest, "
    "       r.employee_code IS NOT NULL "
    "FROM placard p LEFT JOIN revocation r "
    "    ON r.employee_code = p.employee_code AND r.generation = p.generation ";

constexpr const char* placard_columns =
    "p.employee_code, p.generation, p.kid, p.fields_digest, p.path, p.page, "
    "p.province, p.city, p.agency, p.office, p.batch_id";

// The first column of every row `sql` gives with `value` bound to its one parameter.
std::vector<std::string> first_column(
    SQLite::Database& db, const char* sql, const std::string& value)
{
    SQLite::Statement query(db, sql);
    query.bind(1, value);
    std::vector<std::string> column;
    while (query.executeStep()) {
        column.push_back(query.getColumn(0).getString());
    }
    return column;
}

// Folds one row of generations_sql into the employee's state; rows come oldest first.
void fold_generation(PlacardState& state, SQLite::Statement& row)
{
    auto generation = static_cast<std::uint32_t>(row.getColumn(1).getInt64());
    state.highest_issued = generation;
    if (row.getColumn(4).getInt() == 0) {
        state.generation = generation;
        state.kid = row.getColumn(2).getString();
        state.fields_digest = row.getColumn(3).getString();
    }
}

IssuedPlacard read_issued(SQLite::Statement& row)
{
    IssuedPlacard issued;
    PlacardRecord& p = issued.placard;
    p.employee_code = row.getColumn(0).getString();
    p.generation = static_cast<std::uint32_t>(row.getColumn(1).getInt64());
    p.kid = row.getColumn(2).getString();
    p.fields_digest = row.getColumn(3).getString();
    p.file = row.getColumn(4).getString();
    p.page = row.getColumn(5).getInt();
    p.province = row.getColumn(6).getString();
    p.city = row.getColumn(7).getString();
    p.agency = row.getColumn(8).getString();
    p.office = row.getColumn(9).getString();
    issued.batch_id = row.getColumn(10).getString();
    return issued;
}

BatchRecord read_batch(SQLite::Statement& row)
{
    BatchRecord batch;
    batch.info.batch_id = row.getColumn(0).getString();
    batch.status = row.getColumn(1).getString();
    batch.info.started_at = static_cast<std::time_t>(row.getColumn(2).getInt64());
    batch.ended_at = static_cast<std::time_t>(row.getColumn(3).getInt64());
    batch.info.operator_name = row.getColumn(4).getString();
    batch.info.host_name = row.getColumn(5).getString();
    batch.info.roster_digest = row.getColumn(6).getString();
    batch.info.options_json = row.getColumn(7).getString();
    batch.counts.read = static_cast<long>(row.getColumn(8).getInt64());
    batch.counts.printed = static_cast<long>(row.getColumn(9).getInt64());
    batch.counts.rejected = static_cast<long>(row.getColumn(10).getInt64());
    batch.counts.skipped = static_cast<long>(row.getColumn(11).getInt64());
    batch.counts.unchanged = static_cast<long>(row.getColumn(12).getInt64());
    return batch;
}

std::vector<OutputFile> batch_files(SQLite::Database& db, const std::string& batch_id)
{
    std::vector<OutputFile> files;
    SQLite::Statement query(
        db,
        "SELECT path, sha256, byte_size, page_count FROM output_file WHERE batch_id = ? "
        "ORDER BY path");
    query.bind(1, batch_id);
    while (query.executeStep()) {
        files.push_back(
            {query.getColumn(0).getString(),
             query.getColumn(1).getString(),
             static_cast<std::uint64_t>(query.getColumn(2).getInt64()),
             query.getColumn(3).getInt()});
    }
    return files;
}

}  // namespace

std::optional<PlacardState> Ledger::placard_state(const std::string& employee_code) const
{
    return detail::guarded({path_, options_.wait}, "read the ledger", [&] {
        if (!state_query_) {
            state_query_ = std::make_unique<SQLite::Statement>(
                *db_,
                std::string(generations_sql) + "WHERE p.employee_code = ? ORDER BY p.generation");
        }
        SQLite::Statement& query = *state_query_;
        query.tryReset();
        query.bind(1, employee_code);

        std::optional<PlacardState> state;
        while (query.executeStep()) {
            fold_generation(state ? *state : state.emplace(), query);
        }
        query.tryReset();  // a statement left mid-way would pin its read snapshot
        return state;
    });
}

std::string Ledger::recorded_code(const std::string& typed_code) const
{
    return detail::guarded({path_, options_.wait}, "read the ledger", [&] {
        SQLite::Statement exact(*db_, "SELECT 1 FROM placard WHERE employee_code = ? LIMIT 1");
        exact.bind(1, typed_code);
        if (exact.executeStep()) {
            return typed_code;
        }

        // NOCASE cannot use the key's index, so this scans the placards: it runs only when
        // the code was typed in another letter case than the roster's.
        std::vector<std::string> spellings = first_column(
            *db_,
            "SELECT DISTINCT employee_code FROM placard "
            "WHERE employee_code = ? COLLATE NOCASE ORDER BY employee_code",
            typed_code);
        if (spellings.size() > 1) {
            throw LedgerError(
                path_,
                fmt::format(
                    "employee code {} is recorded in {} spellings ({}); give one of them exactly",
                    typed_code,
                    spellings.size(),
                    fmt::join(spellings, ", ")));
        }
        return spellings.empty() ? typed_code : spellings.front();
    });
}

std::unordered_map<std::string, PlacardState> Ledger::load_placard_states() const
{
    return detail::guarded({path_, options_.wait}, "read the ledger", [&] {
        std::unordered_map<std::string, PlacardState> states;
        SQLite::Statement query(
            *db_, std::string(generations_sql) + "ORDER BY p.employee_code, p.generation");
        while (query.executeStep()) {
            fold_generation(states[query.getColumn(0).getString()], query);
        }
        return states;
    });
}

std::uint32_t Ledger::next_generation(const std::string& employee_code) const
{
    std::optional<PlacardState> state = placard_state(employee_code);
    std::uint32_t highest = state ? state->highest_issued : 0;
    if (highest >= max_generation) {
        throw LedgerError(
            path_,
            fmt::format(
                "employee {} has used every generation up to {}; no new URL can be issued",
                employee_code,
                max_generation));
    }
    return highest + 1;
}

StatusAnswer Ledger::status(
    const std::string& kid, const std::string& employee_code, std::uint32_t generation) const
{
    return detail::guarded({path_, options_.wait}, "read the ledger", [&] {
        SQLite::Statement query(
            *db_,
            "SELECT p.kid, r.reason, r.operator_name, r.revoked_at, r.batch_id, "
            "       r.employee_code IS NOT NULL "
            "FROM placard p LEFT JOIN revocation r "
            "    ON r.employee_code = p.employee_code AND r.generation = p.generation "
            "WHERE p.employee_code = ? AND p.generation = ?");
        query.bind(1, employee_code);
        query.bind(2, static_cast<std::int64_t>(generation));

        StatusAnswer answer;
        if (!query.executeStep() || query.getColumn(0).getString() != kid) {
            return answer;
        }
        if (query.getColumn(5).getInt() == 0) {
            answer.status = PlacardStatus::valid;
            return answer;
        }
        answer.status = PlacardStatus::revoked;
        answer.revocation = Revocation{
            employee_code,
            generation,
            kid,
            parse_revoke_reason(query.getColumn(1).getString()).value_or(RevokeReason::lost),
            query.getColumn(2).getString(),
            static_cast<std::time_t>(query.getColumn(3).getInt64()),
            query.getColumn(4).getString()};
        return answer;
    });
}

std::vector<Revocation> Ledger::revocations() const
{
    return detail::guarded({path_, options_.wait}, "read the ledger", [&] {
        SQLite::Statement query(
            *db_,
            "SELECT r.employee_code, r.generation, p.kid, r.reason, r.operator_name, "
            "       r.revoked_at, r.batch_id "
            "FROM revocation r JOIN placard p USING (employee_code, generation) "
            "ORDER BY r.revoked_at, r.employee_code, r.generation");
        std::vector<Revocation> list;
        while (query.executeStep()) {
            list.push_back(
                {query.getColumn(0).getString(),
                 static_cast<std::uint32_t>(query.getColumn(1).getInt64()),
                 query.getColumn(2).getString(),
                 parse_revoke_reason(query.getColumn(3).getString()).value_or(RevokeReason::lost),
                 query.getColumn(4).getString(),
                 static_cast<std::time_t>(query.getColumn(5).getInt64()),
                 query.getColumn(6).getString()});
        }
        return list;
    });
}

std::vector<IssuedPlacard> Ledger::live_placards_signed_by(const std::string& kid) const
{
    return detail::guarded({path_, options_.wait}, "read the ledger", [&] {
        SQLite::Statement query(
            *db_,
            fmt::format(
                "SELECT {} FROM placard p WHERE p.kid = ? AND NOT EXISTS ("
                "    SELECT 1 FROM revocation r "
                "    WHERE r.employee_code = p.employee_code AND r.generation = p.generation) "
                "ORDER BY p.employee_code, p.generation",
                placard_columns));
        query.bind(1, kid);
        std::vector<IssuedPlacard> live;
        while (query.executeStep()) {
            live.push_back(read_issued(query));
        }
        return live;
    });
}

std::optional<BatchRecord> Ledger::find_batch(const std::string& batch_id) const
{
    return detail::guarded({path_, options_.wait}, "read the ledger", [&] {
        SQLite::Statement query(
            *db_,
            "SELECT batch_id, status, started_at, ended_at, operator_name, host_name, "
            "       roster_digest, options_json, rows_read, rows_printed, rows_rejected, "
            "       rows_skipped, rows_unchanged "
            "FROM batch WHERE batch_id = ?");
        query.bind(1, batch_id);
        std::optional<BatchRecord> batch;
        if (query.executeStep()) {
            batch = read_batch(query);
            batch->files = batch_files(*db_, batch_id);
        }
        return batch;
    });
}

std::vector<std::string> Ledger::batches_with_file(const std::string& path) const
{
    return detail::guarded({path_, options_.wait}, "read the ledger", [&] {
        return first_column(
            *db_,
            "SELECT f.batch_id FROM output_file f JOIN batch b USING (batch_id) "
            "WHERE f.path = ? ORDER BY b.started_at, f.batch_id",
            path);
    });
}

}  // namespace placard::ledger
