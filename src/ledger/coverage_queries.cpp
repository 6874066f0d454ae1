// The ledger as coverage reports read it: one pass over every placard, folded per
// employee into the live placard, when it was printed and why the newest one was revoked.

#include "ledger/detail.hpp"
#include "ledger/ledger.hpp"

namespace placard::ledger {

namespace {

// Rows come in (code, generation) order, which the placard table's WITHOUT ROWID key
// gives without a sort. The join with batch is on its primary key.
constexpr const char* coverage_sql =
    "SELECT p.employee_code, p.generation, p.kid, p.fields_digest, b.ended_at, "
    "       r.employee_code IS NOT NULL, r.reason, r.revoked_at "
    "FROM placard p JOIN batch b ON b.batch_id = p.batch_id "
    "LEFT JOIN revocation r "
    "    ON r.employee_code = p.employee_code AND r.generation = p.generation "
    "ORDER BY p.employee_code, p.generation";

void fold_coverage(CoverageState& state, SQLite::Statement& row)
{
    auto generation = static_cast<std::uint32_t>(row.getColumn(1).getInt64());
    state.highest_issued = generation;
    if (row.getColumn(5).getInt() == 0) {
        state.generation = generation;
        state.kid = row.getColumn(2).getString();
        state.fields_digest = row.getColumn(3).getString();
        state.printed_at = static_cast<std::time_t>(row.getColumn(4).getInt64());
        return;
    }
    state.last_revocation = parse_revoke_reason(row.getColumn(6).getString());
    state.revoked_at = static_cast<std::time_t>(row.getColumn(7).getInt64());
}

}  // namespace

void Ledger::for_each_coverage_state(
    const std::function<void(const std::string&, const CoverageState&)>& visit) const
{
    detail::guarded({path_, options_.wait}, "read the ledger", [&] {
        SQLite::Statement query(*db_, coverage_sql);
        std::string code;
        CoverageState state;
        bool any = false;
        while (query.executeStep()) {
            std::string row_code = query.getColumn(0).getString();
            if (any && row_code != code) {
                visit(code, state);
                state = CoverageState{};
            }
            code = std::move(row_code);
            any = true;
            fold_coverage(state, query);
        }
        if (any) {
            visit(code, state);
        }
    });
}

}  // namespace placard::ledger
