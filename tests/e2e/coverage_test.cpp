// placard coverage through the real binary: case 20 point 7, revoked placards, scans,
// the formats, the PDF read back with Poppler, and the --fail-under exit code.
#include "support/case_fixture.hpp"
#include "support/pdf_readback.hpp"
#include "support/text_match.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

using namespace placard;
using namespace placard::test;
namespace fs = std::filesystem;

namespace {

bool contains(const std::string& haystack, const std::string& needle)
{
    return haystack.find(needle) != std::string::npos;
}

const std::string header =
    "employee_code,national_code,first_name,last_name,job_title,office,province\n";
const std::string three_rows =
    "E1,3233564805,سارا,نمونه‌زاده,کارشناس,دفتر مرکزی,اصفهان\n"
    "E2,4040404041,بهرام,آزمایشی,مهندس,شعبه شمالی,اصفهان\n"
    "E3,5787982061,کوروش,فرضی,کارشناس,دفتر مرکزی,خراسان رضوی\n";

// A valid national code from nine digits: the check digit of the Iranian scheme.
std::string national_code(long serial)
{
    std::string digits = fmt::format("{:09}", serial);
    int sum = 0;
    for (int i = 0; i < 9; ++i) {
        sum += (digits[static_cast<std::size_t>(i)] - '0') * (10 - i);
    }
    int rest = sum % 11;
    return digits + std::to_string(rest < 2 ? rest : 11 - rest);
}

struct CoverageFixture : CaseFixture {
    fs::path ledger = dir / "ledger.sqlite";
    fs::path roster = dir / "roster.csv";

    void write_roster(const std::string& rows) const
    {
        std::ofstream(roster, std::ios::binary) << header << rows;
    }

    // Prints every row of the roster as it stands, recording them in the ledger.
    void print_all() const
    {
        RunResult printed = render(roster, dir / "placards.pdf", {"--ledger", ledger.string()});
        INFO(printed.err);
        REQUIRE(printed.exit_code == 0);
    }

    RunResult coverage(std::vector<std::string> extra = {}) const
    {
        std::vector<std::string> arguments = {
            "coverage", roster.string(), "--ledger", ledger.string()};
        arguments.insert(arguments.end(), extra.begin(), extra.end());
        return run_placard(arguments);
    }
};

nlohmann::json parse_json(const RunResult& result)
{
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    return nlohmann::json::parse(result.out);
}

std::vector<std::string> uncovered_codes(const nlohmann::json& doc)
{
    std::vector<std::string> codes;
    for (const auto& employee : doc["uncovered"]) {
        codes.push_back(employee["employee_code"]);
    }
    return codes;
}

}  // namespace

TEST_SUITE("e2e coverage")
{
    TEST_CASE("case 20 point 7: 6 employees, 3 covered, the 3 rejected rows listed")
    {
        CaseFixture fixture;
        fs::path roster = CaseFixture::case_file("20-coverage-no-silent-skip", "roster.csv");
        fs::path ledger = fixture.dir / "ledger.sqlite";
        RunResult render = fixture.render(
            roster, fixture.dir / "out.pdf", {"--skip-invalid", "--ledger", ledger.string()});
        INFO(render.err);
        REQUIRE(render.exit_code == 3);

        RunResult table = run_placard({"coverage", roster.string(), "--ledger", ledger.string()});
        INFO(table.err);
        CHECK(table.exit_code == 0);
        CHECK(table.err.empty());  // quiet when all went well
        CHECK(contains(table.out, "         6        3    50.0         0  (none)\n"));
        CHECK(contains(table.out, "without a placard: 3 of 6"));
        for (const char* code : {"E00143", "E00144", "E00145"}) {
            CHECK(contains(table.out, code));
        }
        CHECK_FALSE(contains(table.out, "E00141"));

        nlohmann::json doc = parse_json(run_placard(
            {"coverage", roster.string(), "--ledger", ledger.string(), "--format", "json"}));
        CHECK(doc["total"]["employees"] == 6);
        CHECK(doc["total"]["covered"] == 3);
        CHECK(uncovered_codes(doc) == std::vector<std::string>{"E00143", "E00144", "E00145"});
        for (const auto& employee : doc["uncovered"]) {
            CHECK(employee["reason"] == "row-rejected");
        }
        CHECK(contains(doc["uncovered"][1]["detail"], "duplicate-national-code"));

        fs::path csv = fixture.dir / "coverage.csv";
        RunResult written = run_placard(
            {"coverage",
             roster.string(),
             "--ledger",
             ledger.string(),
             "--format",
             "csv",
             "-o",
             csv.string()});
        CHECK(written.exit_code == 0);
        std::string bytes = read_file(csv);
        CHECK(bytes.rfind("\xEF\xBB\xBF", 0) == 0);
        CHECK(contains(bytes, "\r\nuncovered,(none),,,,,,,,4,E00143,"));
        CHECK(contains(bytes, "\r\nuncovered,(none),,,,,,,,5,E00144,"));
        CHECK(contains(bytes, "\r\nuncovered,(none),,,,,,,,6,E00145,"));
        CHECK(fixture.temp_files().empty());
    }

    TEST_CASE("a revoked placard that was not reprinted is uncovered, and --fail-under exits 8")
    {
        CoverageFixture fixture;
        fixture.write_roster(three_rows);
        fixture.print_all();
        RunResult revoked = run_placard(
            {"revoke", "E2", "--reason", "stolen", "--ledger", fixture.ledger.string()});
        REQUIRE(revoked.exit_code == 0);

        nlohmann::json doc = parse_json(fixture.coverage({"--format", "json"}));
        CHECK(doc["total"]["covered"] == 2);
        CHECK(uncovered_codes(doc) == std::vector<std::string>{"E2"});
        CHECK(doc["uncovered"][0]["reason"] == "revoked");
        CHECK(contains(doc["uncovered"][0]["detail"], "generation 1 revoked (stolen)"));

        // 2 of 3 is 66.6 %.
        CHECK(fixture.coverage({"--fail-under", "66"}).exit_code == 0);
        RunResult low = fixture.coverage({"--fail-under", "70"});
        CHECK(low.exit_code == 8);
        CHECK(contains(low.err, "coverage 66.6% is below --fail-under 70"));
        CHECK(contains(low.out, "without a placard: 1 of 3"));  // the report is still written
        CHECK(fixture.coverage({"--fail-under", "101"}).exit_code == 4);

        // Reprinted: covered again, and 100 % passes any threshold.
        RunResult reprint = fixture.reprint(
            {"E2", "--reason", "stolen"}, fixture.ledger, fixture.roster, fixture.dir / "b.pdf");
        REQUIRE(reprint.exit_code == 0);
        CHECK(fixture.coverage({"--fail-under", "100"}).exit_code == 0);
    }

    TEST_CASE("scans: only the live generation and key count, and stale placards are listed")
    {
        CoverageFixture fixture;
        fixture.write_roster(three_rows);
        fixture.print_all();
        fs::path scans = fixture.dir.write(
            "scans.csv",
            "employee_code,kid,generation,first_scan,last_scan\n"
            "E1,T1,1,2026-01-02T08:00:00Z,2026-01-09T08:00:00Z\n"
            "E2,K9,1,2026-01-02T08:00:00Z,2026-01-09T08:00:00Z\n"
            "E3,T1,2,2026-01-02T08:00:00Z,2026-01-09T08:00:00Z\n"
            "E3,T1,1,yesterday,2026-01-09T08:00:00Z\n");

        RunResult result =
            fixture.coverage({"--scans", scans.string(), "--stale-days", "0", "--format", "json"});
        CHECK(contains(result.err, "scans.csv:5:4: warning: "));
        nlohmann::json doc = nlohmann::json::parse(result.out);
        CHECK(doc["total"]["scanned"] == 1);
        CHECK(doc["total"]["never_scanned"] == 2);
        CHECK(doc["scans"]["matched"] == 1);
        CHECK(doc["scans"]["not_live"] == 2);
        CHECK(doc["scans"]["bad_lines"] == 1);
        std::vector<std::string> stale;
        for (const auto& item : doc["follow_up"]) {
            stale.push_back(std::string(item["employee_code"]) + ":" + std::string(item["kind"]));
        }
        CHECK(stale == std::vector<std::string>{"E2:never-scanned", "E3:never-scanned"});

        // Printed today: nothing is stale under the default 30 days.
        nlohmann::json fresh =
            parse_json(fixture.coverage({"--scans", scans.string(), "--format", "json"}));
        CHECK(fresh["total"]["never_scanned"] == 0);
    }

    TEST_CASE("filters, groups and reported offices through the command line")
    {
        CoverageFixture fixture;
        fixture.write_roster(three_rows);
        fixture.print_all();
        fixture.write_roster(three_rows + "E4,4216618197,دارا,خیالی,کارشناس,شعبه شمالی,اصفهان\n");
        fs::path reports = fixture.dir.write(
            "reports.csv", "office,city,agency,reported_at\nشعبه شمالی,,,2026-02-01\n");

        nlohmann::json doc = parse_json(fixture.coverage(
            {"--province",
             "اصفهان",
             "--by",
             "office",
             "--reports",
             reports.string(),
             "--format",
             "json"}));
        CHECK(doc["by"] == "office");
        CHECK(doc["rows_skipped"] == 1);
        CHECK(doc["total"]["employees"] == 3);
        REQUIRE(doc["groups"].size() == 2);
        CHECK(doc["groups"][0]["group"] == "دفتر مرکزی");
        CHECK(doc["groups"][0]["reported_offices"] == 0);
        CHECK(doc["groups"][1]["group"] == "شعبه شمالی");
        CHECK(doc["groups"][1]["covered"] == 1);
        CHECK(doc["groups"][1]["reported_offices"] == 1);
        CHECK(doc["reports"]["offices"][0]["employees"] == 2);
    }

    TEST_CASE("--by province,office: one group per office of each province, in every format")
    {
        CoverageFixture fixture;
        fixture.write_roster(three_rows);
        fixture.print_all();
        fixture.write_roster(three_rows + "E4,4216618197,دارا,خیالی,کارشناس,شعبه شمالی,اصفهان\n");

        nlohmann::json doc =
            parse_json(fixture.coverage({"--by", "province,office", "--format", "json"}));
        CHECK(doc["by"] == "province,office");
        REQUIRE(doc["groups"].size() == 3);
        CHECK(doc["groups"][0]["group"] == "اصفهان / دفتر مرکزی");
        CHECK(doc["groups"][0]["values"] == nlohmann::json({"اصفهان", "دفتر مرکزی"}));
        CHECK(doc["groups"][1]["group"] == "اصفهان / شعبه شمالی");
        CHECK(doc["groups"][1]["employees"] == 2);
        CHECK(doc["groups"][1]["covered"] == 1);
        CHECK(doc["groups"][2]["values"] == nlohmann::json({"خراسان رضوی", "دفتر مرکزی"}));
        CHECK(doc["uncovered"][0]["group"] == "اصفهان / شعبه شمالی");

        RunResult table = fixture.coverage({"--by", "province,office"});
        CHECK(table.exit_code == 0);
        CHECK(contains(table.out, "coverage by province,office"));
        CHECK(contains(table.out, "اصفهان / شعبه شمالی"));

        RunResult repeated = fixture.coverage({"--by", "office,office"});
        CHECK(repeated.exit_code == 4);
        CHECK(contains(repeated.err, "'office' is named twice"));
    }

    TEST_CASE("a SQLite roster, its province filter bound in SQL, grouped by city")
    {
        CaseFixture fixture;
        fs::path db = fixture.dir / "hr.sqlite";
        {
            SQLite::Database hr(db.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
            hr.exec("CREATE TABLE staff (employee_code TEXT, national_code TEXT, first_name TEXT, "
                    "last_name TEXT, office TEXT, city TEXT, province TEXT);"
                    "INSERT INTO staff VALUES"
                    " ('E1', '3233564805', 'سارا', 'نمونه', 'دفتر مرکزی', 'کاشان', 'اصفهان'),"
                    " ('E2', '4040404041', 'بهرام', 'آزمایشی', 'شعبه شمالی', 'اصفهان', 'اصفهان'),"
                    " ('E3', '5787982061', 'کوروش', 'فرضی', 'دفتر مرکزی', 'مشهد', 'خراسان رضوی'),"
                    " ('E4', '4216618197', 'دارا', 'خیالی', 'دفتر مرکزی', 'کاشان', 'اصفهان');");
        }
        fs::path ledger = fixture.dir / "ledger.sqlite";
        std::vector<std::string> source = {"--sqlite", db.string(), "--table", "staff"};
        std::vector<std::string> first_two = {
            "--sqlite", db.string(), "--query", "SELECT * FROM staff WHERE employee_code < 'E3'"};
        first_two.insert(first_two.end(), {"--ledger", ledger.string()});
        std::vector<std::string> render = {
            "render",
            "--key",
            fixture.key.string(),
            "--base-url",
            case_base_url,
            "-o",
            (fixture.dir / "a.pdf").string()};
        render.insert(render.end(), first_two.begin(), first_two.end());
        REQUIRE(run_placard(render).exit_code == 0);

        std::vector<std::string> coverage = {
            "coverage",
            "--ledger",
            ledger.string(),
            "--province",
            "اصفهان",
            "--by",
            "city",
            "--format",
            "json"};
        coverage.insert(coverage.end(), source.begin(), source.end());
        nlohmann::json doc = parse_json(run_placard(coverage));
        CHECK(doc["rows_read"] == 3);  // the filter is in the query: E3 is never read
        CHECK(doc["total"]["employees"] == 3);
        CHECK(doc["total"]["covered"] == 2);
        REQUIRE(doc["groups"].size() == 2);
        CHECK(doc["groups"][0]["group"] == "اصفهان");
        CHECK(doc["groups"][0]["covered"] == 1);
        CHECK(doc["groups"][1]["group"] == "کاشان");
        CHECK(doc["groups"][1]["employees"] == 2);
        CHECK(uncovered_codes(doc) == std::vector<std::string>{"E4"});
        CHECK(doc["uncovered"][0]["line"] == 3);  // the row of the result
    }

    TEST_CASE("the PDF report: pages as planned, Persian group names, fonts embedded")
    {
        CoverageFixture fixture;
        fixture.write_roster(three_rows);
        fixture.print_all();
        fixture.write_roster(three_rows + "E4,4216618197,دارا,خیالی,کارشناس,شعبه شمالی,تهران\n");
        fs::path pdf = fixture.dir / "coverage.pdf";

        RunResult result = fixture.coverage({"--format", "pdf", "-o", pdf.string()});
        INFO(result.err);
        REQUIRE(result.exit_code == 0);
        CHECK(result.out.empty());

        // Summary, chart, groups table, the one employee without a placard.
        PdfReadback readback(pdf);
        REQUIRE(readback.page_count() == 4);
        std::string chart = readback.page_text(1);
        for (const char* province : {"اصفهان", "تهران", "خراسان رضوی"}) {
            CHECK(page_text_holds(chart, province));
        }
        CHECK(page_text_holds(chart, "۱۰۰٫۰٪"));
        CHECK(page_text_holds(readback.page_text(0), "۷۵٫۰٪"));
        CHECK(page_text_holds(readback.page_text(3), "E4"));
        CHECK(page_text_holds(readback.page_text(3), "دارا خیالی"));
        for (const FontReport& font : readback.fonts()) {
            CAPTURE(font.name);
            CHECK(font.embedded);
        }
        CHECK(fixture.temp_files().empty());
    }

    TEST_CASE("the PDF report pages thousands of rows")
    {
        CoverageFixture fixture;
        fixture.write_roster(three_rows);
        fixture.print_all();
        std::string rows = three_rows;
        for (long i = 1; i <= 2000; ++i) {
            rows += fmt::format(
                "N{:05},{},نام,خانوادگی,کارشناس,واحد {},تهران\n",
                i,
                national_code(100000 + i),
                i % 7);
        }
        fixture.write_roster(rows);
        fs::path pdf = fixture.dir / "coverage.pdf";

        RunResult result =
            fixture.coverage({"--format", "pdf", "-o", pdf.string(), "--by", "office"});
        INFO(result.err);
        REQUIRE(result.exit_code == 0);

        // 9 offices: 1 chart page and 1 table page; 2,000 uncovered at 36 rows a page: 56.
        PdfReadback readback(pdf);
        REQUIRE(readback.page_count() == 1 + 1 + 1 + 56);
        std::set<std::string> listed;
        std::regex code("N[0-9]{5}");
        for (int page = 3; page < readback.page_count(); ++page) {
            std::string text = readback.page_text(page);
            for (std::sregex_iterator it(text.begin(), text.end(), code), end; it != end; ++it) {
                listed.insert(it->str());
            }
        }
        CHECK(listed.size() == 2000);
    }

    TEST_CASE("usage errors and unreadable inputs")
    {
        CoverageFixture fixture;
        fixture.write_roster(three_rows);
        CHECK(fixture.coverage({"--format", "pdf"}).exit_code == 4);
        CHECK(fixture.coverage({"--stale-days", "5"}).exit_code == 4);
        CHECK(fixture.coverage({"--by", "street"}).exit_code == 4);

        RunResult missing = fixture.coverage();
        CHECK(missing.exit_code == 2);
        CHECK(contains(missing.err, "ledger.sqlite: no ledger at this path"));
    }
}
