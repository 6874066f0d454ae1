#include "ledger/ledger.hpp"
#include "unit/ledger/ledger_test_support.hpp"

#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>

using namespace placard;
using namespace placard::test;

namespace {

long all_rows(const std::filesystem::path& path)
{
    SQLite::Database db = raw_connection(path);
    long rows = 0;
    for (const char* table : {"batch", "output_file", "placard", "revocation"}) {
        rows += count_rows(db, table);
    }
    return rows;
}

ledger::BatchCounts printed(long n)
{
    ledger::BatchCounts counts;
    counts.read = n;
    counts.printed = n;
    return counts;
}

}  // namespace

TEST_SUITE("ledger")
{
    TEST_CASE("a committed batch records its files, placards and counts")
    {
        TempDir dir;
        ledger::Ledger ledger(dir / "ledger.sqlite");
        ledger::BatchWriter batch = ledger.begin_batch(batch_info("B1"));
        batch.add_placard(sample_placard("E00001", 1, "T1", 1));
        batch.add_placard(sample_placard("E00002", 1, "T1", 2));
        ledger::BatchCounts counts{5, 2, 1, 1, 1};
        batch.commit({{"placards.pdf", digest_of("pdf"), 123456, 2}}, counts, 1767229200);

        std::optional<ledger::BatchRecord> record = ledger.find_batch("B1");
        REQUIRE(record.has_value());
        CHECK(record->status == "committed");
        CHECK(record->info.started_at == 1767225600);
        CHECK(record->ended_at == 1767229200);
        CHECK(record->info.operator_name == "hr-night");
        CHECK(record->info.host_name == "print-01");
        CHECK(record->info.options_json == R"({"changed_only":true})");
        CHECK(record->counts.read == 5);
        CHECK(record->counts.unchanged == 1);
        REQUIRE(record->files.size() == 1);
        CHECK(record->files[0].byte_size == 123456);
        CHECK(record->files[0].page_count == 2);

        std::optional<ledger::PlacardState> state = ledger.placard_state("E00002");
        REQUIRE(state.has_value());
        CHECK(state->generation == 1);
        CHECK(state->fields_digest == digest_of("E00002 fields 1"));
        CHECK(ledger.integrity_check().empty());
    }

    TEST_CASE("a batch dropped without commit leaves nothing behind")
    {
        TempDir dir;
        ledger::Ledger ledger(dir / "ledger.sqlite");
        {
            ledger::BatchWriter batch = ledger.begin_batch(batch_info("B1"));
            batch.add_placard(sample_placard("E00001", 1));
            CHECK(ledger.placard_state("E00001").has_value());  // the batch sees its own rows
        }

        CHECK(all_rows(dir / "ledger.sqlite") == 0);
        CHECK_FALSE(ledger.placard_state("E00001").has_value());
        record_batch(ledger, "B2", {sample_placard("E00001", 1)});  // the write lock was let go
        CHECK(ledger.integrity_check().empty());
    }

    TEST_CASE("a run killed in the middle of a batch leaves the ledger as it was")
    {
        TempDir dir;
        std::filesystem::path path = dir / "ledger.sqlite";
        {
            ledger::Ledger ledger(path);
            record_batch(ledger, "B1", {sample_placard("E00001", 1)});
        }

        pid_t child = ::fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            try {
                ledger::Ledger ledger(path);
                ledger::BatchWriter batch = ledger.begin_batch(batch_info("B2"));
                for (int i = 0; i < 5000; ++i) {
                    batch.add_placard(sample_placard("K" + std::to_string(i), 1, "T1", i + 1));
                }
                std::raise(SIGKILL);
            } catch (...) {
            }
            ::_exit(1);
        }
        int status = 0;
        ::waitpid(child, &status, 0);
        REQUIRE(WIFSIGNALED(status));

        ledger::Ledger ledger(path);
        CHECK(ledger.integrity_check().empty());
        CHECK_FALSE(ledger.find_batch("B2").has_value());
        CHECK(all_rows(path) == 3);  // B1, its file and its placard
        record_batch(ledger, "B2", {sample_placard("K0", 1)});
    }

    TEST_CASE("commit refuses placards on a page or file the batch does not list")
    {
        TempDir dir;
        ledger::Ledger ledger(dir / "ledger.sqlite");
        ledger::BatchWriter batch = ledger.begin_batch(batch_info("B1"));
        batch.add_placard(sample_placard("E00001", 1, "T1", 3));

        CHECK_THROWS_AS(
            batch.commit({{"placards.pdf", digest_of("pdf"), 10, 2}}, printed(1)),
            std::logic_error);
        CHECK_THROWS_AS(
            batch.commit({{"other.pdf", digest_of("pdf"), 10, 3}}, printed(1)), std::logic_error);
        CHECK_THROWS_AS(
            batch.commit({{"placards.pdf", digest_of("pdf"), 10, 3}}, printed(2)),
            std::logic_error);

        batch.commit({{"placards.pdf", digest_of("pdf"), 10, 3}}, printed(1));
        CHECK(ledger.find_batch("B1")->status == "committed");
    }

    TEST_CASE("a generation already in the ledger is refused with the employee named")
    {
        TempDir dir;
        ledger::Ledger ledger(dir / "ledger.sqlite");
        record_batch(ledger, "B1", {sample_placard("E00001", 1)});
        ledger::BatchWriter batch = ledger.begin_batch(batch_info("B2"));

        CHECK_THROWS_WITH_AS(
            batch.add_placard(sample_placard("E00001", 1)),
            ((dir / "ledger.sqlite").string()
             + ": employee E00001 generation 1 is already in the ledger; a new placard needs "
               "the next generation")
                .c_str(),
            ledger::LedgerError);
        batch.add_placard(sample_placard("E00001", ledger.next_generation("E00001")));
        batch.commit({{"placards.pdf", digest_of("pdf"), 10, 1}}, printed(1));
        CHECK(ledger.placard_state("E00001")->generation == 2);
    }

    TEST_CASE("a batch id already in the ledger is refused")
    {
        TempDir dir;
        ledger::Ledger ledger(dir / "ledger.sqlite");
        record_batch(ledger, "B1", {sample_placard("E00001", 1)});

        CHECK_THROWS_WITH_AS(
            ledger.begin_batch(batch_info("B1")),
            doctest::Contains("batch B1 is already in the ledger; use a new batch id"),
            ledger::LedgerError);
        record_batch(ledger, "B2", {sample_placard("E00002", 1)});
    }

    TEST_CASE("only one batch at a time on one ledger connection")
    {
        TempDir dir;
        ledger::Ledger ledger(dir / "ledger.sqlite");
        ledger::BatchWriter batch = ledger.begin_batch(batch_info("B1"));

        CHECK_THROWS_AS(ledger.begin_batch(batch_info("B2")), std::logic_error);
        CHECK_THROWS_AS(
            ledger.revoke({revoke_request("E00001", 0, ledger::RevokeReason::lost)}),
            std::logic_error);
    }
}
