#include "ledger/ledger.hpp"
#include "unit/ledger/ledger_test_support.hpp"

#include <doctest/doctest.h>

#include <chrono>

using namespace placard;
using namespace placard::test;
using namespace std::chrono_literals;

TEST_SUITE("ledger")
{
    TEST_CASE("a second run gives up with LedgerBusy once its wait is over")
    {
        TempDir dir;
        std::filesystem::path path = dir / "ledger.sqlite";
        ledger::Ledger first(path);
        record_batch(first, "B1", {sample_placard("E00001", 1)});
        std::optional<ledger::BatchWriter> running(first.begin_batch(batch_info("B2")));

        ledger::LedgerOptions options;
        options.wait = 300ms;
        ledger::Ledger second(path, options);
        CHECK(second.status("T1", "E00001", 1).status == ledger::PlacardStatus::valid);

        auto started = std::chrono::steady_clock::now();
        CHECK_THROWS_WITH_AS(
            second.begin_batch(batch_info("B3")),
            (path.string()
             + ": ledger is busy: another placard run is writing it and did not finish within "
               "0.3 s; run again when it is done, or wait longer")
                .c_str(),
            ledger::LedgerBusy);
        auto waited = std::chrono::steady_clock::now() - started;
        CHECK(waited >= 250ms);
        CHECK(waited < 3s);
        CHECK_THROWS_AS(
            second.revoke({revoke_request("E00001", 1, ledger::RevokeReason::lost)}),
            ledger::LedgerBusy);

        running.reset();
        record_batch(second, "B3", {sample_placard("E00002", 1)});
        CHECK(second.integrity_check().empty());
    }

    TEST_CASE("a run that waits gets the ledger when the other run commits in time")
    {
        TempDir dir;
        std::filesystem::path path = dir / "ledger.sqlite";
        ledger::Ledger first(path);
        ledger::BatchWriter running = first.begin_batch(batch_info("B1"));
        running.add_placard(sample_placard("E00001", 1));

        ledger::LedgerOptions options;
        options.wait = 0ms;
        ledger::Ledger second(path, options);
        CHECK_THROWS_AS(second.begin_batch(batch_info("B2")), ledger::LedgerBusy);
        // The running batch is invisible to other connections until it commits.
        CHECK_FALSE(second.placard_state("E00001").has_value());

        ledger::BatchCounts counts;
        counts.read = counts.printed = 1;
        running.commit({{"placards.pdf", digest_of("pdf"), 10, 1}}, counts);
        CHECK(second.placard_state("E00001").has_value());
        CHECK(second.next_generation("E00001") == 2);
    }
}
