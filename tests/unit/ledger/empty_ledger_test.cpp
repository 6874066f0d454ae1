// A run killed while it creates a ledger leaves an SQLite file with nothing in it: no
// bytes at all, or only the header that switching to WAL writes. Readers must take it
// for an empty ledger, and the next run must build the ledger in it.
#include "ledger/ledger.hpp"
#include "unit/ledger/ledger_test_support.hpp"

#include <doctest/doctest.h>

#include <fstream>

using namespace placard;
using namespace placard::test;

namespace {

std::filesystem::path file_left_empty(const TempDir& dir, bool wal_header)
{
    std::filesystem::path path = dir / "ledger.sqlite";
    if (wal_header) {
        SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec("PRAGMA journal_mode = WAL");
    } else {
        std::ofstream{path};
    }
    return path;
}

ledger::LedgerOptions read_only()
{
    ledger::LedgerOptions options;
    options.read_only = true;
    return options;
}

}  // namespace

TEST_SUITE("ledger")
{
    TEST_CASE("a ledger file left empty by a killed run reads as a ledger with nothing in it")
    {
        for (bool wal_header : {false, true}) {
            std::string left = wal_header ? "only a WAL header" : "zero bytes";
            INFO(left);
            TempDir dir;
            std::filesystem::path path = file_left_empty(dir, wal_header);

            ledger::Ledger reader(path, read_only());
            CHECK(reader.integrity_check().empty());
            CHECK(reader.revocations().empty());
            CHECK(reader.load_placard_states().empty());
            CHECK(reader.status("T1", "E00001", 1).status == ledger::PlacardStatus::unknown);
            CHECK_THROWS_AS(reader.begin_batch(batch_info("B1")), std::logic_error);
        }
    }

    TEST_CASE("the next run builds the ledger in a file left empty")
    {
        TempDir dir;
        std::filesystem::path path = file_left_empty(dir, true);
        {
            ledger::Ledger writer(path);
            record_batch(writer, "B1", {sample_placard("E00001", 1)});
        }
        ledger::Ledger reader(path, read_only());
        CHECK(reader.integrity_check().empty());
        CHECK(reader.status("T1", "E00001", 1).status == ledger::PlacardStatus::valid);
    }
}
