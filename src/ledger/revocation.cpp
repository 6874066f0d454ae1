#include "ledger/detail.hpp"
#include "ledger/ledger.hpp"

#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>

#include <array>
#include <stdexcept>
#include <utility>

namespace placard::ledger {

namespace {

constexpr std::array<std::pair<RevokeReason, std::string_view>, 5> reason_names = {{
    {RevokeReason::lost, "lost"},
    {RevokeReason::damaged, "damaged"},
    {RevokeReason::stolen, "stolen"},
    {RevokeReason::data_changed, "data-changed"},
    {RevokeReason::key_leaked, "key-leaked"},
}};

// One generation of the employee named by a request, as the ledger holds it.
struct Candidate {
    std::uint32_t generation = 0;
    std::string kid;
    std::optional<Revocation> revocation;
};

// Prepared once per call: the leaked-key playbook revokes thousands of placards at once.
struct RevocationStatements {
    explicit RevocationStatements(SQLite::Database& db)
        : candidates(
            db,
            "SELECT p.generation, p.kid, r.reason, r.operator_name, r.revoked_at, r.batch_id, "
            "       r.employee_code IS NOT NULL "
            "FROM placard p LEFT JOIN revocation r "
            "    ON r.employee_code = p.employee_code AND r.generation = p.generation "
            "WHERE p.employee_code = ?1 AND (?2 = 0 OR p.generation = ?2) "
            "    AND p.batch_id <> ?3 "
            "ORDER BY p.generation")
        , insert(
              db,
              "INSERT INTO revocation "
              "(employee_code, generation, reason, operator_name, revoked_at, batch_id) "
              "VALUES (?, ?, ?, ?, ?, ?)")
    {}

    SQLite::Statement candidates;
    SQLite::Statement insert;
};

std::vector<Candidate> candidates(
    SQLite::Statement& query, const RevokeRequest& request, const std::string& own_batch)
{
    query.tryReset();
    query.bind(1, request.employee_code);
    query.bind(2, static_cast<std::int64_t>(request.generation));
    query.bind(3, own_batch);

    std::vector<Candidate> found;
    while (query.executeStep()) {
        Candidate c{
            static_cast<std::uint32_t>(query.getColumn(0).getInt64()),
            query.getColumn(1).getString(),
            std::nullopt};
        if (query.getColumn(6).getInt() != 0) {
            c.revocation = Revocation{
                request.employee_code,
                c.generation,
                c.kid,
                parse_revoke_reason(query.getColumn(2).getString()).value_or(RevokeReason::lost),
                query.getColumn(3).getString(),
                static_cast<std::time_t>(query.getColumn(4).getInt64()),
                query.getColumn(5).getString()};
        }
        found.push_back(std::move(c));
    }
    return found;
}

void check_request(const RevokeRequest& request)
{
    if (request.employee_code.empty() || request.operator_name.empty()) {
        throw std::invalid_argument("a revocation needs an employee code and an operator");
    }
}

// The request names placards the ledger never issued: refuse the whole call.
void check_found(
    const std::filesystem::path& ledger,
    const RevokeRequest& request,
    const std::vector<Candidate>& found)
{
    if (found.empty() && request.generation == 0) {
        throw LedgerError(
            ledger,
            fmt::format(
                "cannot revoke: employee {} has no placard in this ledger", request.employee_code));
    }
    if (found.empty()) {
        throw LedgerError(
            ledger,
            fmt::format(
                "cannot revoke: employee {} has no placard of generation {} in this ledger",
                request.employee_code,
                request.generation));
    }
    if (request.generation != 0 && !request.kid.empty() && found.front().kid != request.kid) {
        throw LedgerError(
            ledger,
            fmt::format(
                "cannot revoke: placard {} generation {} was signed with key {}, not {}",
                request.employee_code,
                request.generation,
                found.front().kid,
                request.kid));
    }
}

Revocation insert_revocation(
    SQLite::Statement& insert,
    const RevokeRequest& request,
    const Candidate& target,
    const std::string& own_batch)
{
    Revocation made{
        request.employee_code,
        target.generation,
        target.kid,
        request.reason,
        request.operator_name,
        detail::now_if_zero(request.revoked_at),
        own_batch};
    insert.tryReset();
    insert.bind(1, made.employee_code);
    insert.bind(2, static_cast<std::int64_t>(made.generation));
    insert.bind(3, std::string(reason_name(made.reason)));
    insert.bind(4, made.operator_name);
    insert.bind(5, static_cast<std::int64_t>(made.revoked_at));
    if (own_batch.empty()) {
        insert.bind(6);
    } else {
        insert.bind(6, own_batch);
    }
    insert.exec();
    return made;
}

}  // namespace

std::string_view reason_name(RevokeReason reason)
{
    for (const auto& [value, name] : reason_names) {
        if (value == reason) {
            return name;
        }
    }
    throw std::logic_error("unknown revoke reason");
}

std::optional<RevokeReason> parse_revoke_reason(std::string_view text)
{
    for (const auto& [value, name] : reason_names) {
        if (name == text) {
            return value;
        }
    }
    return std::nullopt;
}

std::string_view status_name(PlacardStatus status)
{
    switch (status) {
    case PlacardStatus::valid:
        return "valid";
    case PlacardStatus::revoked:
        return "revoked";
    case PlacardStatus::unknown:
        return "unknown";
    }
    return "unknown";
}

namespace detail {

RevokeOutcome apply_revocations(
    SQLite::Database& db,
    const std::filesystem::path& ledger,
    const std::vector<RevokeRequest>& requests,
    const std::string& own_batch)
{
    RevocationStatements statements(db);
    RevokeOutcome outcome;
    for (const RevokeRequest& request : requests) {
        check_request(request);
        std::vector<Candidate> found = candidates(statements.candidates, request, own_batch);
        check_found(ledger, request, found);

        for (const Candidate& target : found) {
            if (!request.kid.empty() && target.kid != request.kid) {
                continue;  // "every live placard" narrowed to one key
            }
            if (target.revocation) {
                outcome.already_revoked.push_back(*target.revocation);
            } else {
                outcome.revoked.push_back(
                    insert_revocation(statements.insert, request, target, own_batch));
            }
        }
    }
    return outcome;
}

}  // namespace detail

RevokeOutcome Ledger::revoke(const std::vector<RevokeRequest>& requests)
{
    require_writable("revoke");
    return detail::guarded({path_, options_.wait}, "revoke placards", [&] {
        SQLite::Transaction transaction(*db_, SQLite::TransactionBehavior::IMMEDIATE);
        RevokeOutcome outcome = detail::apply_revocations(*db_, path_, requests, "");
        transaction.commit();
        return outcome;
    });
}

}  // namespace placard::ledger
