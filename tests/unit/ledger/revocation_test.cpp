#include "ledger/ledger.hpp"
#include "unit/ledger/ledger_test_support.hpp"

#include <doctest/doctest.h>

using namespace placard;
using namespace placard::test;
using ledger::PlacardStatus;
using ledger::RevokeReason;

TEST_SUITE("ledger")
{
    TEST_CASE("revoke reasons keep the spelling the survey server reads")
    {
        for (auto [reason, name] :
             {std::pair{RevokeReason::lost, "lost"},
              {RevokeReason::damaged, "damaged"},
              {RevokeReason::stolen, "stolen"},
              {RevokeReason::data_changed, "data-changed"},
              {RevokeReason::key_leaked, "key-leaked"}}) {
            CHECK(ledger::reason_name(reason) == name);
            CHECK(ledger::parse_revoke_reason(name) == reason);
        }
        CHECK_FALSE(ledger::parse_revoke_reason("data_changed").has_value());
        CHECK_FALSE(ledger::parse_revoke_reason("Lost").has_value());
    }

    TEST_CASE("revoking one generation turns its URL revoked and leaves the others valid")
    {
        TempDir dir;
        ledger::Ledger ledger(dir / "ledger.sqlite");
        record_batch(ledger, "B1", {sample_placard("E00001", 1), sample_placard("E00002", 1)});
        record_batch(ledger, "B2", {sample_placard("E00001", 2)});

        ledger::RevokeOutcome outcome =
            ledger.revoke({revoke_request("E00001", 1, RevokeReason::stolen)});
        REQUIRE(outcome.revoked.size() == 1);
        CHECK(outcome.revoked[0].kid == "T1");

        ledger::StatusAnswer old = ledger.status("T1", "E00001", 1);
        CHECK(old.status == PlacardStatus::revoked);
        REQUIRE(old.revocation.has_value());
        CHECK(old.revocation->reason == RevokeReason::stolen);
        CHECK(old.revocation->operator_name == "clerk");
        CHECK(old.revocation->revoked_at == 1767300000);
        CHECK(ledger.status("T1", "E00001", 2).status == PlacardStatus::valid);
        CHECK(ledger.status("T1", "E00002", 1).status == PlacardStatus::valid);
    }

    TEST_CASE("a typed code is matched to the spelling the ledger recorded")
    {
        TempDir dir;
        ledger::Ledger ledger(dir / "ledger.sqlite");
        record_batch(
            ledger,
            "B1",
            {sample_placard("e00001", 1), sample_placard("Ab-7", 1), sample_placard("AB-7", 1)});

        CHECK(ledger.recorded_code("e00001") == "e00001");
        CHECK(ledger.recorded_code("E00001") == "e00001");
        CHECK(ledger.recorded_code("AB-7") == "AB-7");  // an exact spelling wins
        CHECK(ledger.recorded_code("E00009") == "E00009");

        // Two spellings of one code and a third typed: neither may be guessed.
        try {
            (void)ledger.recorded_code("ab-7");
            FAIL("a code recorded in two spellings was resolved");
        } catch (const ledger::LedgerError& error) {
            CHECK(std::string(error.what()).find("AB-7, Ab-7") != std::string::npos);
        }
    }

    TEST_CASE("a URL the ledger never issued is unknown, whatever part differs")
    {
        TempDir dir;
        ledger::Ledger ledger(dir / "ledger.sqlite");
        record_batch(ledger, "B1", {sample_placard("E00001", 1, "T1")});

        CHECK(ledger.status("T1", "E00001", 1).status == PlacardStatus::valid);
        CHECK(ledger.status("T1", "E00009", 1).status == PlacardStatus::unknown);
        CHECK(ledger.status("T1", "E00001", 2).status == PlacardStatus::unknown);
        CHECK(ledger.status("K2", "E00001", 1).status == PlacardStatus::unknown);
        CHECK(ledger::status_name(PlacardStatus::unknown) == "unknown");
    }

    TEST_CASE("revoking every live placard of an employee, twice")
    {
        TempDir dir;
        ledger::Ledger ledger(dir / "ledger.sqlite");
        record_batch(ledger, "B1", {sample_placard("E00001", 1)});
        record_batch(ledger, "B2", {sample_placard("E00001", 2)});

        ledger::RevokeOutcome first =
            ledger.revoke({revoke_request("E00001", 0, RevokeReason::data_changed)});
        CHECK(first.revoked.size() == 2);
        ledger::RevokeOutcome again =
            ledger.revoke({revoke_request("E00001", 0, RevokeReason::lost)});
        CHECK(again.revoked.empty());
        REQUIRE(again.already_revoked.size() == 2);
        CHECK(again.already_revoked[0].reason == RevokeReason::data_changed);
    }

    TEST_CASE("a revoked generation is never issued again")
    {
        TempDir dir;
        ledger::Ledger ledger(dir / "ledger.sqlite");
        record_batch(ledger, "B1", {sample_placard("E00001", 1)});
        record_batch(ledger, "B2", {sample_placard("E00001", 2)});
        ledger.revoke({revoke_request("E00001", 2, RevokeReason::lost)});

        std::optional<ledger::PlacardState> state = ledger.placard_state("E00001");
        REQUIRE(state.has_value());
        CHECK(state->generation == 1);
        CHECK(state->highest_issued == 2);
        CHECK(ledger.next_generation("E00001") == 3);

        ledger.revoke({revoke_request("E00001", 1, RevokeReason::lost)});
        state = ledger.placard_state("E00001");
        CHECK_FALSE(state->has_live());
        CHECK(ledger.next_generation("E00001") == 3);
        CHECK(ledger.next_generation("E00077") == 1);
    }

    TEST_CASE("a revocation naming a placard never issued is refused and revokes nothing")
    {
        TempDir dir;
        std::filesystem::path path = dir / "ledger.sqlite";
        ledger::Ledger ledger(path);
        record_batch(ledger, "B1", {sample_placard("E00001", 1), sample_placard("E00002", 1)});

        auto good = revoke_request("E00001", 1, RevokeReason::lost);
        CHECK_THROWS_WITH_AS(
            ledger.revoke({good, revoke_request("E00009", 0, RevokeReason::lost)}),
            (path.string() + ": cannot revoke: employee E00009 has no placard in this ledger")
                .c_str(),
            ledger::LedgerError);
        CHECK_THROWS_WITH_AS(
            ledger.revoke({good, revoke_request("E00002", 4, RevokeReason::lost)}),
            (path.string()
             + ": cannot revoke: employee E00002 has no placard of generation 4 in this ledger")
                .c_str(),
            ledger::LedgerError);
        auto other_key = revoke_request("E00002", 1, RevokeReason::lost);
        other_key.kid = "K9";
        CHECK_THROWS_WITH_AS(
            ledger.revoke({good, other_key}),
            (path.string()
             + ": cannot revoke: placard E00002 generation 1 was signed with key T1, not K9")
                .c_str(),
            ledger::LedgerError);

        CHECK(ledger.revocations().empty());
    }

    TEST_CASE("a reprint batch revokes the old generation and its new one stays live")
    {
        TempDir dir;
        ledger::Ledger ledger(dir / "ledger.sqlite");
        record_batch(ledger, "B1", {sample_placard("E00001", 1)});

        ledger::BatchWriter reprint = ledger.begin_batch(batch_info("R1"));
        reprint.add_placard(sample_placard("E00001", ledger.next_generation("E00001")));
        // Asked after the new placard is added: the batch's own placard is left alone.
        ledger::RevokeOutcome outcome =
            reprint.revoke({revoke_request("E00001", 0, RevokeReason::lost)});
        CHECK(outcome.revoked.size() == 1);
        ledger::BatchCounts counts;
        counts.read = counts.printed = 1;
        reprint.commit({{"placards.pdf", digest_of("pdf"), 10, 1}}, counts);

        CHECK(ledger.status("T1", "E00001", 1).status == PlacardStatus::revoked);
        CHECK(ledger.status("T1", "E00001", 2).status == PlacardStatus::valid);
        std::vector<ledger::Revocation> list = ledger.revocations();
        REQUIRE(list.size() == 1);
        CHECK(list[0].kid == "T1");
        CHECK(list[0].generation == 1);
        CHECK(list[0].batch_id == "R1");
    }

    TEST_CASE("a reprint batch dropped before commit keeps the old placard valid")
    {
        TempDir dir;
        ledger::Ledger ledger(dir / "ledger.sqlite");
        record_batch(ledger, "B1", {sample_placard("E00001", 1)});
        {
            ledger::BatchWriter reprint = ledger.begin_batch(batch_info("R1"));
            reprint.revoke({revoke_request("E00001", 1, RevokeReason::lost)});
        }

        CHECK(ledger.status("T1", "E00001", 1).status == PlacardStatus::valid);
        CHECK(ledger.revocations().empty());
    }

    TEST_CASE("the leaked-key list holds every live placard signed with that key")
    {
        TempDir dir;
        ledger::Ledger ledger(dir / "ledger.sqlite");
        record_batch(
            ledger,
            "B1",
            {sample_placard("E00001", 1, "T1"),
             sample_placard("E00002", 1, "T1"),
             sample_placard("E00003", 1, "K2")});
        ledger.revoke({revoke_request("E00002", 1, RevokeReason::damaged)});

        std::vector<ledger::IssuedPlacard> live = ledger.live_placards_signed_by("T1");
        REQUIRE(live.size() == 1);
        CHECK(live[0].placard.employee_code == "E00001");
        CHECK(live[0].placard.city == "کاشان");
        CHECK(live[0].batch_id == "B1");
        CHECK(ledger.live_placards_signed_by("K2").size() == 1);
        CHECK(ledger.live_placards_signed_by("Z9").empty());
    }

    TEST_CASE("the bulk state map agrees with one-by-one lookups")
    {
        TempDir dir;
        ledger::Ledger ledger(dir / "ledger.sqlite");
        record_batch(ledger, "B1", {sample_placard("E00001", 1), sample_placard("E00002", 1)});
        record_batch(ledger, "B2", {sample_placard("E00001", 2), sample_placard("E00003", 1)});
        ledger.revoke({revoke_request("E00001", 2, RevokeReason::lost)});
        ledger.revoke({revoke_request("E00003", 1, RevokeReason::lost)});

        auto states = ledger.load_placard_states();
        CHECK(states.size() == 3);
        for (const auto& [code, state] : states) {
            std::optional<ledger::PlacardState> one = ledger.placard_state(code);
            REQUIRE(one.has_value());
            CHECK(one->generation == state.generation);
            CHECK(one->highest_issued == state.highest_issued);
            CHECK(one->fields_digest == state.fields_digest);
        }
        CHECK(states["E00001"].generation == 1);
        CHECK(states["E00001"].highest_issued == 2);
        CHECK_FALSE(states["E00003"].has_live());
    }
}
