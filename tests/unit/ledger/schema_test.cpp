#include "ledger/ledger.hpp"
#include "ledger/schema.hpp"
#include "unit/ledger/ledger_test_support.hpp"

#include <doctest/doctest.h>

#include <set>

using namespace placard;
using namespace placard::test;

namespace {

int pragma_number(SQLite::Database& db, const std::string& pragma)
{
    SQLite::Statement query(db, "PRAGMA " + pragma);
    query.executeStep();
    return query.getColumn(0).getInt();
}

struct ColumnType {
    std::string table;
    std::string column;
    std::string declared;
};

std::vector<ColumnType> ledger_columns(SQLite::Database& db)
{
    SQLite::Statement query(
        db,
        "SELECT t.name, c.name, c.type FROM sqlite_schema t, pragma_table_info(t.name) c "
        "WHERE t.type = 'table' ORDER BY t.name, c.cid");
    std::vector<ColumnType> columns;
    while (query.executeStep()) {
        columns.push_back(
            {query.getColumn(0).getString(),
             query.getColumn(1).getString(),
             query.getColumn(2).getString()});
    }
    return columns;
}

}  // namespace

TEST_SUITE("ledger")
{
    TEST_CASE("a new ledger is in WAL mode at this placard's schema version")
    {
        TempDir dir;
        {
            ledger::Ledger created(dir / "ledger.sqlite");
        }

        SQLite::Database db = raw_connection(dir / "ledger.sqlite");
        CHECK(db.execAndGet("PRAGMA journal_mode").getString() == "wal");
        CHECK(pragma_number(db, "user_version") == ledger::schema::current_version());
        CHECK(pragma_number(db, "application_id") == ledger::schema::application_id);
        CHECK(ledger::schema::current_version() >= 1);
    }

    TEST_CASE("every ledger table is STRICT and every ID column is declared TEXT")
    {
        // A column declared STRING or NUMERIC turns the code 0012345 into the number 12345.
        TempDir dir;
        {
            ledger::Ledger created(dir / "ledger.sqlite");
        }
        SQLite::Database db = raw_connection(dir / "ledger.sqlite");

        SQLite::Statement tables(
            db,
            "SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND "
            "name NOT LIKE 'sqlite_%'");
        std::set<std::string> strict_tables;
        while (tables.executeStep()) {
            CHECK_MESSAGE(tables.getColumn(1).getInt() == 1, tables.getColumn(0).getString());
            strict_tables.insert(tables.getColumn(0).getString());
        }
        CHECK(
            strict_tables
            == std::set<std::string>{"batch", "output_file", "placard", "revocation"});

        const std::set<std::string> id_columns = {
            "employee_code", "kid", "batch_id", "path", "roster_digest", "fields_digest", "sha256"};
        std::set<std::string> seen;
        for (const ColumnType& c : ledger_columns(db)) {
            INFO(c.table << "." << c.column << " " << c.declared);
            CHECK((c.declared == "TEXT" || c.declared == "INTEGER"));
            if (id_columns.count(c.column) != 0) {
                CHECK(c.declared == "TEXT");
                seen.insert(c.column);
            }
        }
        CHECK(seen == id_columns);
    }

    TEST_CASE("ledger keeps the leading zeros of a digit-only employee code")
    {
        TempDir dir;
        ledger::Ledger ledger(dir / "ledger.sqlite");
        record_batch(ledger, "B1", {sample_placard("0012345", 1)});

        SQLite::Database db = raw_connection(dir / "ledger.sqlite");
        SQLite::Statement stored(db, "SELECT typeof(employee_code), employee_code FROM placard");
        REQUIRE(stored.executeStep());
        CHECK(stored.getColumn(0).getString() == "text");
        CHECK(stored.getColumn(1).getString() == "0012345");
        CHECK(ledger.placard_state("0012345").has_value());
        CHECK_FALSE(ledger.placard_state("12345").has_value());
    }

    TEST_CASE("migrations run in order from the stored version and stamp the new one")
    {
        TempDir dir;
        SQLite::Database db(dir / "m.sqlite", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        const std::vector<std::string_view> steps = {
            "CREATE TABLE step_log (step INTEGER NOT NULL) STRICT; INSERT INTO step_log VALUES "
            "(1);",
            "INSERT INTO step_log VALUES (2);",
            "INSERT INTO step_log VALUES (3);"};

        ledger::schema::migrate(db, std::span(steps).first(2), dir / "m.sqlite");
        CHECK(pragma_number(db, "user_version") == 2);
        ledger::schema::migrate(db, steps, dir / "m.sqlite");
        CHECK(pragma_number(db, "user_version") == 3);
        ledger::schema::migrate(db, steps, dir / "m.sqlite");

        SQLite::Statement log(db, "SELECT group_concat(step, ',') FROM step_log");
        log.executeStep();
        CHECK(log.getColumn(0).getString() == "1,2,3");
    }

    TEST_CASE("a failing migration step leaves the ledger at its old version")
    {
        TempDir dir;
        SQLite::Database db(dir / "m.sqlite", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        const std::vector<std::string_view> steps = {
            "CREATE TABLE a (x INTEGER) STRICT;", "CREATE TABLE b (x INTEGER) STRICT; BROKEN;"};

        CHECK_THROWS(ledger::schema::migrate(db, steps, dir / "m.sqlite"));
        CHECK(pragma_number(db, "user_version") == 0);
        CHECK_FALSE(db.tableExists("a"));
    }

    TEST_CASE("a ledger written by a newer placard is refused and left untouched")
    {
        TempDir dir;
        std::filesystem::path path = dir / "ledger.sqlite";
        {
            ledger::Ledger created(path);
        }
        int newer = ledger::schema::current_version() + 1;
        raw_connection(path).exec("PRAGMA user_version = " + std::to_string(newer));

        CHECK_THROWS_WITH_AS(
            ledger::Ledger{path},
            (path.string() + ": ledger schema version " + std::to_string(newer)
             + " is newer than this placard knows (up to " + std::to_string(newer - 1)
             + "); it was written by a newer placard; use that version or a newer one")
                .c_str(),
            ledger::LedgerError);
        SQLite::Database db = raw_connection(path);
        CHECK(pragma_number(db, "user_version") == newer);
    }

    TEST_CASE("an SQLite database that is not a ledger is refused and left untouched")
    {
        // A roster database given as --ledger by mistake must not get ledger tables.
        TempDir dir;
        std::filesystem::path path = dir / "roster.sqlite";
        {
            SQLite::Database roster(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
            roster.exec("CREATE TABLE employees (employee_code TEXT)");
        }

        CHECK_THROWS_WITH_AS(
            ledger::Ledger{path},
            (path.string()
             + ": not a placard ledger: an SQLite database of something else; it was left "
               "untouched; give the path of a ledger or of a file that does not exist yet")
                .c_str(),
            ledger::LedgerError);
        SQLite::Database db = raw_connection(path);
        CHECK_FALSE(db.tableExists("placard"));
        CHECK(db.execAndGet("PRAGMA journal_mode").getString() == "delete");
    }

    TEST_CASE("a file that is not SQLite at all is refused with its name")
    {
        TempDir dir;
        std::filesystem::path path = dir.write("notes.txt", std::string(4096, 'x'));

        CHECK_THROWS_WITH_AS(
            ledger::Ledger{path},
            doctest::Contains(
                (path.string() + ": cannot open the ledger: file is not a database").c_str()),
            ledger::LedgerError);
    }

    TEST_CASE("a read-only ledger answers questions and refuses changes")
    {
        TempDir dir;
        {
            ledger::Ledger ledger(dir / "ledger.sqlite");
            record_batch(ledger, "B1", {sample_placard("E00001", 1)});
        }
        ledger::LedgerOptions options;
        options.read_only = true;
        ledger::Ledger ledger(dir / "ledger.sqlite", options);

        CHECK(ledger.status("T1", "E00001", 1).status == ledger::PlacardStatus::valid);
        CHECK_THROWS_AS(
            ledger.revoke({revoke_request("E00001", 1, ledger::RevokeReason::lost)}),
            std::logic_error);
        CHECK_THROWS_AS(ledger::Ledger(dir / "absent.sqlite", options), ledger::LedgerError);
    }
}
