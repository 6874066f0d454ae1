// The SQLite roster source: values read by storage class, numeric ID columns flagged,
// filters bound, and the same employees as from the equivalent CSV.
#include "roster/sqlite_source.hpp"
#include "roster_test_support.hpp"
#include "util/error.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace placard::roster;
using namespace placard::roster::test;
using placard::Finding;
using placard::Severity;

namespace {

std::string case07_database(const placard::test::TempDir& dir)
{
    std::string path = (dir / "roster.db").string();
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec(placard::test::read_file(cases_dir() + "/07-sqlite-string-affinity/roster.sql"));
    return path;
}

ReadOptions table(const std::string& name)
{
    ReadOptions options;
    options.sqlite_table = name;
    return options;
}

std::string error_of(const std::string& path, const ReadOptions& options)
{
    try {
        read_roster(path, options);
    } catch (const placard::Error& error) {
        return error.what();
    }
    return "(no error)";
}

const Finding* file_finding(const ReadResult& result, std::string_view code)
{
    for (const Finding& finding : result.file_findings) {
        if (finding.code == code) {
            return &finding;
        }
    }
    return nullptr;
}

// The database lost the leading zeros that the CSV kept, so only it warns of padding.
std::vector<std::string> without_padding(std::vector<std::string> codes)
{
    std::erase(codes, "national-code-padded");
    return codes;
}

}  // namespace

TEST_CASE("case 07: numeric ID columns get one schema warning naming columns and types")
{
    placard::test::TempDir dir;
    std::string db = case07_database(dir);

    ReadResult result = read_roster(db, table("employees"));
    const Finding* warning = file_finding(result, "sqlite-numeric-id-column");
    REQUIRE(warning != nullptr);
    CHECK(warning->severity == Severity::warning);
    CHECK(warning->where.source.find("table employees") != std::string::npos);
    for (const char* part :
         {"national_code (declared STRING, NUMERIC affinity)",
          "personnel_no (declared NUMBER, NUMERIC affinity)",
          "declare them TEXT"}) {
        CHECK_MESSAGE(warning->message.find(part) != std::string::npos, part);
    }

    ReadResult ok = read_roster(db, table("employees_ok"));
    CHECK(file_finding(ok, "sqlite-numeric-id-column") == nullptr);
    for (const Finding& finding : ok.file_findings) {
        CHECK(finding.severity == Severity::info);
    }
}

TEST_CASE("case 07: integer national codes are judged like spreadsheet values")
{
    placard::test::TempDir dir;
    std::string db = case07_database(dir);

    ReadResult plain = read_roster(db, table("employees"));
    REQUIRE(plain.rows.size() == 4);
    CHECK(find_code(plain.rows[0], "national-code-leading-zeros") != nullptr);
    CHECK(find_code(plain.rows[1], "national-code-leading-zeros") != nullptr);
    CHECK(plain.rows[2].disposition == Disposition::accepted);
    CHECK(plain.rows[2].employee.national_code == "4040404041");
    CHECK(find_code(plain.rows[3], "national-code-checksum") != nullptr);
    CHECK(plain.rows[3].fields[1] == "3141590000");

    ReadOptions padded = table("employees");
    padded.pad_national_code = true;
    ReadResult repaired = read_roster(db, padded);
    CHECK(repaired.rows[0].employee.national_code == "0012345679");
    CHECK(repaired.rows[1].employee.national_code == "0135792460");
    CHECK(find_code(repaired.rows[0], "national-code-padded") != nullptr);
    CHECK(repaired.rows[3].disposition == Disposition::rejected);

    ReadResult ok = read_roster(db, table("employees_ok"));
    std::vector<std::string> codes;
    for (const RosterRow& row : ok.rows) {
        CHECK(row.disposition == Disposition::accepted);
        codes.push_back(row.employee.national_code);
    }
    CHECK(codes == std::vector<std::string>{"0012345679", "0135792460", "4040404041"});
}

TEST_CASE("a query gives the same rows as its table, with findings counted by row")
{
    placard::test::TempDir dir;
    std::string db = case07_database(dir);
    ReadOptions query;
    query.sqlite_query = "SELECT * FROM employees";

    ReadResult by_table = read_roster(db, table("employees"));
    ReadResult by_query = read_roster(db, query);
    REQUIRE(by_query.rows.size() == by_table.rows.size());
    for (std::size_t i = 0; i < by_table.rows.size(); ++i) {
        CHECK(by_query.rows[i].disposition == by_table.rows[i].disposition);
        CHECK(by_query.rows[i].fields == by_table.rows[i].fields);
        CHECK(by_query.rows[i].line == static_cast<long>(i) + 1);
    }
    const Finding* checksum = find_code(by_query.rows[3], "national-code-checksum");
    REQUIRE(checksum != nullptr);
    CHECK(checksum->where.is_row);
    CHECK(checksum->where.field == "national_code");
    CHECK(placard::format_finding(*checksum).find("(query): row 4: error:") != std::string::npos);
}

TEST_CASE("a query's computed columns and a table's untyped columns are read like any other")
{
    // SQLite declares no type for an expression or an untyped column; placard refused
    // both with SQLite's "Could not determine declared column type".
    placard::test::TempDir dir;
    std::string db = case07_database(dir);
    ReadOptions computed;
    computed.sqlite_query =
        "SELECT employee_id, national_code, personnel_no, trim(first_name) AS first_name, "
        "last_name, job_title, office FROM employees_ok";
    {
        SQLite::Database writer(db, SQLite::OPEN_READWRITE);
        writer.exec(
            "CREATE TABLE untyped (employee_id, national_code, personnel_no, first_name, "
            "last_name, job_title, office); INSERT INTO untyped SELECT * FROM employees_ok");
    }

    ReadResult by_table = read_roster(db, table("employees_ok"));
    for (const ReadOptions& options : {computed, table("untyped")}) {
        ReadResult read = read_roster(db, options);
        REQUIRE(read.rows.size() == by_table.rows.size());
        for (std::size_t i = 0; i < by_table.rows.size(); ++i) {
            CHECK(read.rows[i].fields == by_table.rows[i].fields);
        }
    }
}

TEST_CASE("the same roster as CSV and as SQLite with INTEGER codes gives the same employees")
{
    placard::test::TempDir dir;
    std::string csv = basic_header
                      + "E1,0012345679,سارا,نمونه‌زاده,کارشناس,دفتر\n"
                      + "E2,4040404041,علي,كريمي,مهندس,شعبه\n" + "E3,12345679,نرگس,تستی,,\n";
    ReadOptions pad;
    pad.pad_national_code = true;
    ReadResult from_csv = read_roster(dir.write("roster.csv", csv).string(), pad);

    std::string path = (dir / "roster.db").string();
    {
        SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec("CREATE TABLE t (employee_id TEXT, national_code INTEGER, first_name TEXT, "
                "last_name TEXT, job_title TEXT, office TEXT)");
        SQLite::Statement insert(db, "INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)");
        auto add = [&](const char* code,
                       long long national,
                       const char* first,
                       const char* last,
                       const char* title,
                       const char* office) {
            insert.reset();
            insert.bind(1, code);
            insert.bind(2, static_cast<std::int64_t>(national));
            insert.bind(3, first);
            insert.bind(4, last);
            insert.bind(5, title);
            insert.bind(6, office);
            insert.exec();
        };
        add("E1", 12345679, "سارا", "نمونه‌زاده", "کارشناس", "دفتر");
        add("E2", 4040404041, "علي", "كريمي", "مهندس", "شعبه");
        add("E3", 12345679, "نرگس", "تستی", "", "");
    }
    ReadOptions sqlite_pad = table("t");
    sqlite_pad.pad_national_code = true;
    ReadResult from_sqlite = read_roster(path, sqlite_pad);

    REQUIRE(from_sqlite.rows.size() == from_csv.rows.size());
    for (std::size_t i = 0; i < from_csv.rows.size(); ++i) {
        const RosterRow& a = from_csv.rows[i];
        const RosterRow& b = from_sqlite.rows[i];
        CAPTURE(i);
        CHECK(a.disposition == b.disposition);
        CHECK(without_padding(codes_of(a)) == without_padding(codes_of(b)));
        CHECK(a.employee.employee_code == b.employee.employee_code);
        CHECK(a.employee.national_code == b.employee.national_code);
        CHECK(a.employee.first_name == b.employee.first_name);
        CHECK(a.employee.last_name == b.employee.last_name);
        CHECK(a.employee.job_title == b.employee.job_title);
    }
    CHECK(find_code(from_sqlite.rows[0], "national-code-padded") != nullptr);  // zeros were lost
    CHECK(from_sqlite.rows[1].employee.last_name == "کریمی");
    CHECK(from_sqlite.rows[2].disposition == Disposition::rejected);  // duplicate national code
}

TEST_CASE("filters are bound values compared after normalisation, never SQL text")
{
    placard::test::TempDir dir;
    std::string path = (dir / "roster.db").string();
    {
        SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec(
            "CREATE TABLE t (employee_id TEXT, national_code TEXT, first_name TEXT, "
            "last_name TEXT, province TEXT, city TEXT);"
            "INSERT INTO t VALUES ('E1', '"
            + valid_national_code(1)
            + "', 'a', 'b', 'اصفهان', 'كاشان');"
              "INSERT INTO t VALUES ('E2', '"
            + valid_national_code(2)
            + "', 'a', 'b', 'تهران', 'تهران');"
              "INSERT INTO t VALUES ('E3', '"
            + valid_national_code(3) + "', 'a', 'b', ' اصفهان', 'اصفهان');");
    }
    ReadOptions options = table("t");
    options.filters = {{Field::province, "اصفهان"}, {Field::city, "کاشان"}};
    ReadResult result = read_roster(path, options);
    REQUIRE(result.rows.size() == 1);
    CHECK(result.rows[0].employee.employee_code == "E1");

    options.filters = {{Field::province, "x' OR '1'='1"}};
    CHECK_THROWS_AS(read_roster(path, options), placard::Error);  // no rows: nothing matched

    options.filters = {{Field::agency, "any"}};
    CHECK(error_of(path, options).find("cannot filter by agency") != std::string::npos);
}

TEST_CASE("the CSV reader applies the same filters and counts other rows as skipped")
{
    std::string csv = "employee_id,national_code,first_name,last_name,province\n"
                      "E1,"
                      + valid_national_code(1)
                      + ",a,b,اصفهان\n"
                        "E2,"
                      + valid_national_code(2)
                      + ",a,b,تهران\n"
                        "E3,bad,a,b,تهران\n";
    ReadOptions options;
    options.filters = {{Field::province, "اصفهان"}};
    ReadResult result = read_bytes(csv, options);
    REQUIRE(result.rows.size() == 3);
    CHECK(result.rows[0].disposition == Disposition::accepted);
    CHECK(result.rows[1].disposition == Disposition::skipped);
    CHECK(result.rows[1].reason_code == "outside-filter");
    CHECK(result.rows[2].disposition == Disposition::skipped);  // not this run's row to judge
}

TEST_CASE("blobs, invalid UTF-8, missing tables and non-databases are clear errors")
{
    placard::test::TempDir dir;
    std::string path = (dir / "roster.db").string();
    {
        SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec(
            "CREATE TABLE t (employee_id TEXT, national_code TEXT, first_name TEXT, "
            "last_name TEXT);"
            "INSERT INTO t VALUES ('E1', '"
            + valid_national_code(1)
            + "', x'00ff', 'b');"
              "INSERT INTO t VALUES ('E2', '"
            + valid_national_code(2)
            + "', CAST(x'c3' AS TEXT), 'b');"
              "INSERT INTO t VALUES ('E3', '"
            + valid_national_code(3) + "', 'a', NULL);");
    }
    ReadResult result = read_roster(path, table("t"));
    REQUIRE(result.rows.size() == 3);
    const Finding* blob = find_code(result.rows[0], "sqlite-blob");
    REQUIRE(blob != nullptr);
    CHECK(blob->where.line == 1);
    CHECK(blob->where.field == "first_name");
    CHECK(find_code(result.rows[1], "invalid-encoding") != nullptr);
    CHECK(find_code(result.rows[2], "required-field-empty") != nullptr);
    for (const RosterRow& row : result.rows) {
        CHECK(row.disposition == Disposition::rejected);
    }

    std::string missing = error_of(path, table("staff"));
    CHECK(missing.find("no table or view named \"staff\"") != std::string::npos);
    CHECK(missing.find("\"t\"") != std::string::npos);

    std::string text_file = dir.write("roster.csv", "employee_id\nE1\n").string();
    CHECK(error_of(text_file, table("t")).find("SQLite") != std::string::npos);
    CHECK(
        error_of((dir / "absent.db").string(), table("t")).find("no such file")
        != std::string::npos);

    ReadOptions writing;
    writing.sqlite_query = "DELETE FROM t";
    CHECK(error_of(path, writing).find("SQLite") != std::string::npos);
    CHECK(read_roster(path, table("t")).rows.size() == 3);
}
