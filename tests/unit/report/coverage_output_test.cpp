// The text formats of a coverage report: CSV for Excel, JSON for dashboards, the table.
#include "report/coverage_output.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <sstream>

using namespace placard::report;

namespace {

GroupFigures figures(const std::string& name, long employees, long covered)
{
    GroupFigures g;
    g.name = name;
    g.employees = employees;
    g.covered = covered;
    return g;
}

// Two groups, one of them the empty value; a name that a spreadsheet would run.
CoverageReport sample()
{
    CoverageReport report;
    report.roster = "roster.csv";
    report.ledger = "ledger.sqlite";
    report.as_of = 1772323200;
    report.rows_read = 4;
    report.groups = {figures("اصفهان", 3, 2), figures("", 1, 0)};
    report.total = figures("", 4, 2);
    EmployeeRef who{"اصفهان", 4, "E3", "=cmd|' /C calc'!A0", "دفتر \"مرکزی\", طبقه ۲"};
    report.uncovered = {{who, Gap::never_printed, "no placard in the ledger"}};
    report.follow_ups = {{who, FollowUpKind::outdated, 2, "printed fields changed"}};
    return report;
}

}  // namespace

TEST_SUITE("report")
{
    TEST_CASE("percentages are rounded down to a tenth, so 100.0 means everyone")
    {
        CHECK(percent_text(figures("", 3, 2)) == "66.6");
        CHECK(percent_text(figures("", 2000, 1999)) == "99.9");
        CHECK(percent_text(figures("", 29, 29)) == "100.0");
        CHECK(percent_text(figures("", 7, 0)) == "0.0");
        CHECK(percent_text(figures("", 0, 0)) == "100.0");
    }

    TEST_CASE("CSV: a BOM for Excel, one header, formulas defused, quotes kept")
    {
        std::ostringstream out;
        write_coverage_csv(sample(), out);
        std::string csv = out.str();

        CHECK(
            csv.rfind(
                "\xEF\xBB\xBF"
                "record,group,employees,covered,percent,",
                0)
            == 0);
        CHECK(csv.find("\r\ngroup,اصفهان,3,2,66.6,0,,,,") != std::string::npos);
        CHECK(csv.find("\r\ngroup,(none),1,0,0.0,") != std::string::npos);
        CHECK(csv.find("\r\ntotal,,4,2,50.0,") != std::string::npos);
        CHECK(csv.find(",'=cmd|' /C calc'!A0,") != std::string::npos);
        CHECK(csv.find(",=cmd") == std::string::npos);
        CHECK(csv.find("\"دفتر \"\"مرکزی\"\", طبقه ۲\"") != std::string::npos);
        CHECK(csv.find("\r\nuncovered,اصفهان,,,,,,,,4,E3,") != std::string::npos);
        CHECK(csv.find(",outdated,2,printed fields changed,") != std::string::npos);
    }

    TEST_CASE("JSON parses, with the figures, the lists and null for the empty group")
    {
        std::ostringstream out;
        write_coverage_json(sample(), out);
        nlohmann::json doc = nlohmann::json::parse(out.str());

        CHECK(doc["by"] == "province");
        CHECK(doc["as_of"] == "2026-03-01T00:00:00Z");
        CHECK(doc["total"]["employees"] == 4);
        CHECK(doc["total"]["percent"] == doctest::Approx(50.0));
        REQUIRE(doc["groups"].size() == 2);
        CHECK(doc["groups"][0]["group"] == "اصفهان");
        CHECK(doc["groups"][1]["group"].is_null());
        CHECK_FALSE(doc["total"].contains("scanned"));  // no scan log given
        REQUIRE(doc["uncovered"].size() == 1);
        CHECK(doc["uncovered"][0]["employee_code"] == "E3");
        CHECK(doc["uncovered"][0]["name"] == "=cmd|' /C calc'!A0");  // JSON is not a sheet
        CHECK(doc["uncovered"][0]["reason"] == "never-printed");
        CHECK(doc["follow_up"][0]["generation"] == 2);
        CHECK(doc["scans"].is_null());
        CHECK(doc["reports"].is_null());
    }

    TEST_CASE("JSON with scans and reports carries their figures")
    {
        CoverageReport report = sample();
        report.with_scans = true;
        report.with_reports = true;
        report.scans.lines = 5;
        report.reported_offices = {{"دفتر مرکزی", "", "", 2, 1772323200, 3, 2}};
        std::ostringstream out;
        write_coverage_json(report, out);
        nlohmann::json doc = nlohmann::json::parse(out.str());

        CHECK(doc["total"]["scanned"] == 0);
        CHECK(doc["scans"]["lines"] == 5);
        REQUIRE(doc["reports"]["offices"].size() == 1);
        CHECK(doc["reports"]["offices"][0]["city"].is_null());
        CHECK(doc["reports"]["offices"][0]["last_reported"] == "2026-03-01T00:00:00Z");
    }

    TEST_CASE("the table puts the figures first and the Persian names last")
    {
        std::ostringstream out;
        write_coverage_table(sample(), out);
        std::string table = out.str();

        CHECK(table.find("placard coverage by province, as of 2026-03-01T00:00:00Z") == 0);
        CHECK(table.find("         3        2    66.6         0  اصفهان\n") != std::string::npos);
        CHECK(table.find("         1        0     0.0         0  (none)\n") != std::string::npos);
        CHECK(table.find("         4        2    50.0         0  all\n") != std::string::npos);
        CHECK(table.find("without a placard: 1 of 4") != std::string::npos);
        CHECK(table.find("E3           never-printed") != std::string::npos);
    }

    TEST_CASE("format names")
    {
        CHECK(parse_coverage_format("table") == CoverageFormat::table);
        CHECK(parse_coverage_format("text") == CoverageFormat::table);
        CHECK(parse_coverage_format("pdf") == CoverageFormat::pdf);
        CHECK_FALSE(parse_coverage_format("xlsx").has_value());
    }
}
