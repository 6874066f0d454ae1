// A run killed while it creates a ledger leaves an SQLite file with nothing in it: no
// bytes at all, or only the header that switching to WAL writes. Readers must take it
// for an empty ledger, and the next run must build the ledger in it.
#include "ledger/ledger.hpp"
#include "unit/ledger/ledger_test_support.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>

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

namespace {

// Counts the rollback journals SQLite opens while it is alive, through a VFS that hands
// every call to the default one and is made the default itself.
class JournalWatch {
public:
    JournalWatch()
        : real_(sqlite3_vfs_find(nullptr))
        , watch_(*real_)
    {
        watch_.zName = "placard-journal-watch";
        watch_.pAppData = this;
        watch_.xOpen = &JournalWatch::open;
        sqlite3_vfs_register(&watch_, 1);
    }

    ~JournalWatch()
    {
        sqlite3_vfs_unregister(&watch_);
        sqlite3_vfs_register(real_, 1);
    }

    JournalWatch(const JournalWatch&) = delete;
    JournalWatch& operator=(const JournalWatch&) = delete;

    int journals_opened() const { return journals_opened_; }

private:
    static int open(sqlite3_vfs* vfs, const char* name, sqlite3_file* file, int flags, int* out)
    {
        auto* self = static_cast<JournalWatch*>(vfs->pAppData);
        if ((flags & SQLITE_OPEN_MAIN_JOURNAL) != 0) {
            ++self->journals_opened_;
        }
        return self->real_->xOpen(self->real_, name, file, flags, out);
    }

    sqlite3_vfs* real_;
    sqlite3_vfs watch_;
    int journals_opened_ = 0;
};

}  // namespace

TEST_SUITE("ledger")
{
    // The window this closes is a few milliseconds wide (between writing the first page
    // and deleting the journal), too narrow for a kill test to hit on demand; what can be
    // checked every time is that no journal file exists to be left behind.
    TEST_CASE("a new ledger is created without a rollback journal a kill could leave hot")
    {
        for (bool wal_header : {false, true}) {
            std::string left = wal_header ? "only a WAL header" : "zero bytes";
            INFO(left);
            TempDir dir;
            std::filesystem::path path = file_left_empty(dir, wal_header);

            JournalWatch watch;
            {
                ledger::Ledger writer(path);
                record_batch(writer, "B1", {sample_placard("E00001", 1)});
            }
            CHECK(watch.journals_opened() == 0);
            CHECK_FALSE(std::filesystem::exists(path.string() + "-journal"));

            ledger::Ledger reader(path, read_only());
            CHECK(reader.integrity_check().empty());
            CHECK(reader.status("T1", "E00001", 1).status == ledger::PlacardStatus::valid);
        }
    }

    TEST_CASE("the journal watch sees the rollback journal SQLite opens by default")
    {
        // Without this, a watch that never counted anything would pass the test above.
        TempDir dir;
        std::filesystem::path path = dir / "plain.sqlite";
        JournalWatch watch;
        SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec("CREATE TABLE t (x INTEGER)");
        CHECK(watch.journals_opened() >= 1);
    }
}
