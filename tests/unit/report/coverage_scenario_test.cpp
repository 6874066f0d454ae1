// A whole report from files: a roster, a ledger built through its own API, a scan log
// and citizens' reports, every figure computed by hand.
#include "ledger/digest.hpp"
#include "ledger/ledger.hpp"
#include "report/coverage_job.hpp"
#include "support/temp_dir.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <map>
#include <vector>

using namespace placard;
using namespace placard::report;
using placard::test::TempDir;

namespace {

constexpr std::time_t day = 24 * 60 * 60;
constexpr std::time_t as_of = 1772323200;  // 2026-03-01
constexpr std::time_t long_ago = as_of - 40 * day;
constexpr std::time_t recently = as_of - 2 * day;

const char* const header =
    "employee_code,national_code,first_name,last_name,job_title,office,agency,city,province,"
    "status\n";

// Line 2 onwards. E2's title changed since its placard; E5 and E6 have bad national
// codes; E7 is retired; line 10 repeats E1's code.
const char* const rows =
    "E1,1234567891,سارا,نمونه,کارشناس,دفتر مرکزی,ثبت احوال,کاشان,اصفهان,فعال\n"
    "E2,2345678917,علی,آزمایشی,مدیر,دفتر مرکزی,ثبت احوال,کاشان,اصفهان,فعال\n"
    "E3,3456789122,نرگس,تستی,کارشناس,دفتر مرکزی,ثبت احوال,کاشان,اصفهان,فعال\n"
    "E4,4567891236,رضا,خیالی,کارشناس,اداره کل,ثبت احوال,تهران,تهران,فعال\n"
    "E5,5678912340,زهرا,فرضی,کارشناس,اداره کل,ثبت احوال,تهران,تهران,فعال\n"
    "E6,6789123450,کاوه,ساختگی,کارشناس,شعبه شمالی,ثبت احوال,تهران,تهران,فعال\n"
    "E7,7891234566,مینا,نمونه,کارشناس,اداره کل,ثبت احوال,تهران,تهران,بازنشسته\n"
    "E8,8912345672,بهرام,آزمایشی,کارشناس,دفتر ساری,ثبت احوال,ساری,,فعال\n"
    "E1,9123456787,سارا,دیگری,کارشناس,اداره کل,ثبت احوال,تهران,تهران,فعال\n";

std::string digest(const char* first, const char* last, const char* title, const char* office)
{
    roster::Employee e;
    e.first_name = first;
    e.last_name = last;
    e.job_title = title;
    e.office = office;
    e.agency = "ثبت احوال";
    return ledger::printed_fields_digest(e);
}

ledger::PlacardRecord placard(const std::string& code, const std::string& fields_digest, int page)
{
    ledger::PlacardRecord p;
    p.employee_code = code;
    p.kid = "T1";
    p.fields_digest = fields_digest;
    p.file = "placards.pdf";
    p.page = page;
    return p;
}

void record(
    ledger::Ledger& ledger,
    const std::string& batch_id,
    const std::vector<ledger::PlacardRecord>& placards,
    std::time_t ended_at)
{
    ledger::BatchInfo info;
    info.batch_id = batch_id;
    info.started_at = ended_at - 60;
    info.operator_name = "hr";
    info.host_name = "print-01";
    info.roster_digest = ledger::sha256_hex(batch_id);
    ledger::BatchWriter batch = ledger.begin_batch(info);
    for (const ledger::PlacardRecord& p : placards) {
        batch.add_placard(p);
    }
    ledger::BatchCounts counts;
    counts.read = counts.printed = static_cast<long>(placards.size());
    batch.commit(
        {{"placards.pdf",
          ledger::sha256_hex("pdf " + batch_id),
          1000,
          static_cast<int>(placards.size())}},
        counts,
        ended_at);
}

// E1 as printed; E2 before its promotion; E3 revoked as stolen; E6 printed before its
// row went bad; E8 printed two days ago. E4 and E5 were never printed.
void write_ledger(const std::filesystem::path& path)
{
    ledger::Ledger ledger(path);
    record(
        ledger,
        "B1",
        {placard("E1", digest("سارا", "نمونه", "کارشناس", "دفتر مرکزی"), 1),
         placard("E2", digest("علی", "آزمایشی", "کارشناس", "دفتر مرکزی"), 2),
         placard("E3", digest("نرگس", "تستی", "کارشناس", "دفتر مرکزی"), 3),
         placard("E6", digest("کاوه", "ساختگی", "کارشناس", "شعبه شمالی"), 4)},
        long_ago);
    record(
        ledger,
        "B2",
        {placard("E8", digest("بهرام", "آزمایشی", "کارشناس", "دفتر ساری"), 1)},
        recently);
    ledger::RevokeRequest stolen;
    stolen.employee_code = "E3";
    stolen.reason = ledger::RevokeReason::stolen;
    stolen.operator_name = "clerk";
    stolen.revoked_at = as_of - 10 * day;
    ledger.revoke({stolen});
}

// With a BOM, CRLF and a quoted field. Line 3 scans a placard under another key, 4 someone not in
// the roster, 5 and 6 are bad, 7 lists E6's live placard with no scan yet.
const char* const scan_log = "\xEF\xBB\xBF"
                             "employee_code,kid,generation,first_scan,last_scan\r\n"
                             "E1,T1,1,2026-01-25T09:00:00Z,\"2026-02-20T10:00:00+03:30\"\r\n"
                             "E2,K9,1,2026-01-25T09:00:00Z,2026-01-25T09:00:00Z\r\n"
                             "E99,T1,1,2026-01-25T09:00:00Z,2026-01-25T09:00:00Z\r\n"
                             "E4,T1,one,2026-01-25T09:00:00Z,2026-01-25T09:00:00Z\r\n"
                             "E1,T1,1,25/01/2026,2026-01-25T09:00:00Z\r\n"
                             "E6,T1,1,,\r\n";

const char* const reports =
    "office,city,agency,reported_at\n"
    "دفتر مرکزی,کاشان,,2026-02-10\n"
    "دفتر مركزي,کاشان,,2026-02-12T08:00:00Z\n"  // Arabic Kaf and Yeh: the same office
    "شعبه شمالی,,,2026-02-11\n"
    "واحد ناموجود,تهران,,\n"
    ",تهران,,2026-02-11\n";

struct Scenario {
    TempDir dir;
    CoverageOptions options;

    Scenario()
    {
        options.roster = dir.write("roster.csv", std::string(header) + rows).string();
        options.ledger = dir / "ledger.sqlite";
        write_ledger(options.ledger);
        options.scans = dir.write("scans.csv", scan_log);
        options.reports = dir.write("reports.csv", reports);
        options.as_of = as_of;
    }
};

struct CollectingReporter : SilentReporter {
    std::vector<Finding> findings;

    void finding(const Finding& finding) override { findings.push_back(finding); }
};

std::vector<std::string> codes(const std::vector<UncoveredEmployee>& list)
{
    std::vector<std::string> out;
    for (const UncoveredEmployee& e : list) {
        out.push_back(fmt::format("{}@{}:{}", e.who.employee_code, e.who.line, gap_name(e.gap)));
    }
    return out;
}

std::vector<std::string> codes(const std::vector<FollowUp>& list)
{
    std::vector<std::string> out;
    for (const FollowUp& f : list) {
        out.push_back(fmt::format("{}:{}", f.who.employee_code, follow_up_name(f.kind)));
    }
    return out;
}

}  // namespace

TEST_SUITE("report")
{
    TEST_CASE("roster, ledger, scans and reports: the figures computed by hand")
    {
        Scenario scenario;
        CollectingReporter reporter;
        CoverageReport report = compute_coverage(scenario.options, reporter);

        CHECK(report.rows_read == 9);
        CHECK(report.rows_skipped == 1);  // E7, retired
        CHECK(report.total.employees == 8);
        CHECK(report.total.covered == 4);  // E1, E2, E6, E8

        REQUIRE(report.groups.size() == 3);
        const GroupFigures& isfahan = report.groups[0];
        CHECK(isfahan.name == "اصفهان");
        CHECK(isfahan.employees == 3);
        CHECK(isfahan.covered == 2);
        CHECK(isfahan.outdated == 1);
        CHECK(isfahan.scanned == 1);
        CHECK(isfahan.never_scanned == 1);
        CHECK(isfahan.reported_offices == 1);
        const GroupFigures& tehran = report.groups[1];
        CHECK(tehran.name == "تهران");
        CHECK(tehran.employees == 4);  // E4, E5, E6 and the second E1
        CHECK(tehran.covered == 1);
        CHECK(tehran.outdated == 0);  // E6's row is rejected: nothing to compare
        CHECK(tehran.never_scanned == 1);
        CHECK(tehran.reported_offices == 1);
        const GroupFigures& none = report.groups[2];
        CHECK(none.name.empty());
        CHECK(none.covered == 1);
        CHECK(none.never_scanned == 0);  // printed two days ago

        CHECK(
            codes(report.uncovered)
            == std::vector<std::string>{
                "E3@4:revoked", "E4@5:never-printed", "E5@6:row-rejected", "E1@10:row-rejected"});
        CHECK(report.uncovered[0].detail.find("stolen") != std::string::npos);
        CHECK(report.uncovered[3].detail.find("duplicate-employee-code") != std::string::npos);
        CHECK(
            codes(report.follow_ups)
            == std::vector<std::string>{
                "E2:outdated", "E2:never-scanned", "E6:row-rejected", "E6:never-scanned"});

        CHECK(report.scans.lines == 4);
        CHECK(report.scans.matched == 2);  // E1, and E6's line without a scan
        CHECK(report.scans.not_live == 1);
        CHECK(report.scans.unknown_employee == 1);
        CHECK(report.scans.bad_lines == 2);

        REQUIRE(report.reported_offices.size() == 3);
        CHECK(report.report_lines == 4);
        CHECK(report.bad_report_lines == 1);
        CHECK(report.total.reported_offices == 2);
    }

    TEST_CASE("reported offices: matched by name and city, counted once, shown even when covered")
    {
        Scenario scenario;
        CollectingReporter reporter;
        CoverageReport report = compute_coverage(scenario.options, reporter);

        std::map<std::string, ReportedOffice> by_name;
        for (const ReportedOffice& office : report.reported_offices) {
            by_name[office.office] = office;
        }
        const ReportedOffice& central = by_name.at("دفتر مرکزی");
        CHECK(central.reports == 2);
        CHECK(central.employees == 3);
        CHECK(central.covered == 2);
        REQUIRE(central.last_reported.has_value());
        CHECK(*central.last_reported == as_of - 17 * day + 8 * 3600);  // 2026-02-12T08:00Z

        const ReportedOffice& north = by_name.at("شعبه شمالی");
        CHECK(north.employees == 1);
        CHECK(north.covered == 1);  // all covered, and still listed

        CHECK(by_name.at("واحد ناموجود").employees == 0);
    }

    TEST_CASE("bad lines of the side files are findings with file and line, never a stop")
    {
        Scenario scenario;
        CollectingReporter reporter;
        compute_coverage(scenario.options, reporter);

        std::vector<std::string> places;
        for (const Finding& f : reporter.findings) {
            places.push_back(fmt::format(
                "{}:{}:{}:{}",
                f.where.source.substr(f.where.source.rfind('/') + 1),
                f.where.line,
                f.where.column,
                f.code));
        }
        CHECK(
            places
            == std::vector<std::string>{
                "scans.csv:5:3:scan-log-value",
                "scans.csv:6:4:scan-log-value",
                "reports.csv:6:1:report-no-office"});
    }

    TEST_CASE("filters narrow the employees as they narrow render")
    {
        Scenario scenario;
        scenario.options.read.filters = {{roster::Field::province, "تهران"}};
        scenario.options.scans.clear();
        scenario.options.reports.clear();
        CollectingReporter reporter;
        CoverageReport report = compute_coverage(scenario.options, reporter);

        CHECK(report.rows_read == 9);
        CHECK(report.rows_skipped == 5);  // four outside the filter, one retired
        CHECK(report.total.employees == 4);
        // The first E1 is outside the filter, so the second is no duplicate here (as in
        // render): it takes E1's placard, printed with other fields.
        CHECK(report.total.covered == 2);
        CHECK(report.groups[0].outdated == 1);
        REQUIRE(report.groups.size() == 1);
        CHECK(report.groups[0].name == "تهران");
    }

    TEST_CASE("a missing ledger stops the report with the path named")
    {
        Scenario scenario;
        scenario.options.ledger = scenario.dir / "nowhere.sqlite";
        CollectingReporter reporter;
        CHECK_THROWS_WITH_AS(
            compute_coverage(scenario.options, reporter),
            doctest::Contains("nowhere.sqlite: no ledger at this path"),
            Error);
    }

    TEST_CASE("a scan log without a required column stops the report")
    {
        Scenario scenario;
        scenario.options.scans =
            scenario.dir.write("scans.csv", "employee_code,kid,generation\nE1,T1,1\n");
        CollectingReporter reporter;
        CHECK_THROWS_WITH_AS(
            compute_coverage(scenario.options, reporter),
            doctest::Contains("the scan log has no \"first_scan\" column"),
            Error);
    }
}
