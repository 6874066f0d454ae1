#include "ledger/ledger.hpp"
#include "unit/ledger/ledger_test_support.hpp"

#include <doctest/doctest.h>

#include <map>

using namespace placard;
using namespace placard::test;
using ledger::RevokeReason;

namespace {

std::map<std::string, ledger::CoverageState> coverage_states(const ledger::Ledger& ledger)
{
    std::map<std::string, ledger::CoverageState> states;
    std::vector<std::string> order;
    ledger.for_each_coverage_state([&](const std::string& code, const ledger::CoverageState& s) {
        order.push_back(code);
        states.emplace(code, s);
    });
    CHECK(order.size() == states.size());  // each employee once
    return states;
}

}  // namespace

TEST_SUITE("ledger")
{
    TEST_CASE("coverage states: the live placard with its batch time, or the last revocation")
    {
        TempDir dir;
        ledger::Ledger ledger(dir / "ledger.sqlite");
        record_batch(
            ledger,
            "B1",
            {sample_placard("E00001", 1),
             sample_placard("E00002", 1),
             sample_placard("E00003", 1)});
        record_batch(ledger, "B2", {sample_placard("E00001", 2, "K2")});
        ledger.revoke(
            {revoke_request("E00001", 1, RevokeReason::data_changed),
             revoke_request("E00002", 1, RevokeReason::stolen)});

        std::map<std::string, ledger::CoverageState> states = coverage_states(ledger);
        REQUIRE(states.size() == 3);

        const ledger::CoverageState& reissued = states["E00001"];
        CHECK(reissued.generation == 2);
        CHECK(reissued.kid == "K2");
        CHECK(reissued.fields_digest == digest_of("E00001 fields 2"));
        CHECK(reissued.printed_at == 1767229200);  // the batch's commit time
        CHECK(reissued.highest_issued == 2);

        const ledger::CoverageState& revoked = states["E00002"];
        CHECK_FALSE(revoked.has_live());
        CHECK(revoked.highest_issued == 1);
        REQUIRE(revoked.last_revocation.has_value());
        CHECK(*revoked.last_revocation == RevokeReason::stolen);
        CHECK(revoked.revoked_at == 1767300000);

        const ledger::CoverageState& plain = states["E00003"];
        CHECK(plain.generation == 1);
        CHECK_FALSE(plain.last_revocation.has_value());
    }

    TEST_CASE("coverage states of an empty ledger: no call at all")
    {
        TempDir dir;
        ledger::Ledger ledger(dir / "ledger.sqlite");
        CHECK(coverage_states(ledger).empty());
    }
}
