#include "ledger/ledger.hpp"
#include "unit/ledger/ledger_test_support.hpp"

#include <doctest/doctest.h>

using namespace placard;
using namespace placard::test;

TEST_SUITE("ledger")
{
    TEST_CASE("a healthy ledger passes the integrity check")
    {
        TempDir dir;
        ledger::Ledger ledger(dir / "ledger.sqlite");
        record_batch(ledger, "B1", {sample_placard("E00001", 1), sample_placard("E00002", 1)});
        ledger.revoke({revoke_request("E00001", 1, ledger::RevokeReason::lost)});

        CHECK(ledger.integrity_check().empty());
    }

    TEST_CASE("the integrity check names broken references, pages and open batches")
    {
        // Damage that only a tool writing the file behind placard's back could do.
        TempDir dir;
        std::filesystem::path path = dir / "ledger.sqlite";
        ledger::Ledger ledger(path);
        record_batch(ledger, "B1", {sample_placard("E00001", 1), sample_placard("E00002", 1)});
        {
            SQLite::Database db = raw_connection(path);
            db.exec("UPDATE output_file SET page_count = 1");
            db.exec("UPDATE batch SET status = 'open'");
            db.exec("INSERT INTO revocation VALUES ('E00009', 1, 'lost', 'clerk', 0, NULL)");
        }

        std::vector<std::string> problems = ledger.integrity_check();
        CHECK(
            problems
            == std::vector<std::string>{
                "foreign key: 1 row of revocation refers to missing rows of placard",
                "batch B1 is open, but a batch is only open inside its own transaction",
                "placard E00002 generation 1 is on page 2 of placards.pdf, which has 1 pages"});
    }
}
