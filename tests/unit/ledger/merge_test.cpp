#include "ledger/ledger.hpp"
#include "unit/ledger/ledger_test_support.hpp"

#include <doctest/doctest.h>

using namespace placard;
using namespace placard::test;

namespace {

// Two shards of one roster, as `render --shard 1/2` and `--shard 2/2` would leave them.
struct Shards {
    TempDir dir;
    std::filesystem::path one = dir / "shard-1.sqlite";
    std::filesystem::path two = dir / "shard-2.sqlite";
    std::filesystem::path all = dir / "all.sqlite";

    Shards()
    {
        ledger::Ledger first(one);
        record_batch(first, "S1", {sample_placard("E00001", 1), sample_placard("E00003", 1)});
        record_batch(first, "S1-R", {sample_placard("E00001", 2)});
        first.revoke({revoke_request("E00001", 1, ledger::RevokeReason::lost)});
        ledger::Ledger second(two);
        record_batch(
            second, "S2", {sample_placard("E00002", 1), sample_placard("E00004", 1, "K2")});
    }
};

}  // namespace

TEST_SUITE("ledger")
{
    TEST_CASE("merging shard ledgers gathers their batches, placards and revocations")
    {
        Shards shards;
        ledger::MergeSummary summary = ledger::Ledger::merge(shards.all, {shards.one, shards.two});
        CHECK(summary.batches_added == 3);
        CHECK(summary.placards_added == 5);
        CHECK(summary.revocations_added == 1);
        CHECK(summary.duplicates_skipped == 0);

        ledger::Ledger all(shards.all);
        CHECK(all.integrity_check().empty());
        CHECK(all.status("T1", "E00001", 1).status == ledger::PlacardStatus::revoked);
        CHECK(all.status("T1", "E00001", 2).status == ledger::PlacardStatus::valid);
        CHECK(all.status("K2", "E00004", 1).status == ledger::PlacardStatus::valid);
        CHECK(all.load_placard_states().size() == 4);
        CHECK(all.find_batch("S2")->files.size() == 1);
    }

    TEST_CASE("merging the same shard again adds nothing")
    {
        Shards shards;
        ledger::Ledger::merge(shards.all, {shards.one});
        ledger::MergeSummary again = ledger::Ledger::merge(shards.all, {shards.one});

        CHECK(again.batches_added == 0);
        CHECK(again.placards_added == 0);
        CHECK(again.revocations_added == 0);
        CHECK(again.duplicates_skipped == 8);  // 2 batches, 2 files, 3 placards, 1 revocation
    }

    TEST_CASE("merge refuses the same placard with another key and merges nothing")
    {
        Shards shards;
        std::filesystem::path clash = shards.dir / "clash.sqlite";
        {
            ledger::Ledger other(clash);
            record_batch(other, "S9", {sample_placard("E00002", 1, "K2")});
        }

        CHECK_THROWS_WITH_AS(
            ledger::Ledger::merge(shards.all, {shards.two, clash}),
            (shards.all.string()
             + ": cannot merge: 1 conflicting record, the first: placard (E00002, 1) in "
             + clash.string() + " has another kid than the target holds; nothing was merged")
                .c_str(),
            ledger::LedgerConflict);
        ledger::Ledger all(shards.all);
        CHECK(all.load_placard_states().empty());
    }

    TEST_CASE("merge refuses the same placard with other printed fields")
    {
        Shards shards;
        std::filesystem::path clash = shards.dir / "clash.sqlite";
        {
            ledger::Ledger other(clash);
            ledger::PlacardRecord changed = sample_placard("E00002", 1);
            changed.fields_digest = digest_of("another title");
            record_batch(other, "S9", {changed});
        }

        CHECK_THROWS_WITH_AS(
            ledger::Ledger::merge(shards.all, {shards.two, clash}),
            doctest::Contains("has another fields_digest than the target holds"),
            ledger::LedgerConflict);
    }

    TEST_CASE("merge refuses a source that is not a ledger, and the target itself")
    {
        Shards shards;
        std::filesystem::path roster = shards.dir / "roster.sqlite";
        SQLite::Database(roster, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE)
            .exec("CREATE TABLE employees (employee_code TEXT)");

        CHECK_THROWS_WITH_AS(
            ledger::Ledger::merge(shards.all, {shards.one, roster}),
            doctest::Contains((roster.string() + ": not a placard ledger").c_str()),
            ledger::LedgerError);
        CHECK_THROWS_WITH_AS(
            ledger::Ledger::merge(shards.one, {shards.one}),
            (shards.one.string() + ": cannot merge a ledger into itself").c_str(),
            ledger::LedgerError);
        CHECK(ledger::Ledger(shards.all).load_placard_states().empty());
    }
}
