// The scan log and the reports file read as exports really arrive: byte order marks,
// semicolons, CRLF, quoting, bad bytes and bad values are findings, never a crash.
#include "report/office_reports.hpp"
#include "report/scan_log.hpp"
#include "support/temp_dir.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

#include <vector>

using namespace placard;
using namespace placard::report;
using placard::test::TempDir;

namespace {

struct Collected : SilentReporter {
    std::vector<Finding> findings;

    void finding(const Finding& finding) override { findings.push_back(finding); }

    std::vector<std::string> codes() const
    {
        std::vector<std::string> out;
        for (const Finding& f : findings) {
            out.push_back(std::to_string(f.where.line) + ":" + f.code);
        }
        return out;
    }
};

std::vector<ScanRecord> scans_of(const std::string& bytes, Collected& reporter, long& bad)
{
    TempDir dir;
    std::vector<ScanRecord> scans;
    bad = read_scan_log(
        dir.write("scans.csv", bytes), [&](const ScanRecord& s) { scans.push_back(s); }, reporter);
    return scans;
}

}  // namespace

TEST_SUITE("report")
{
    TEST_CASE("scan log: columns in any order, semicolons, CRLF, quotes, Persian digits")
    {
        Collected reporter;
        long bad = 0;
        std::vector<ScanRecord> scans = scans_of(
            "\xEF\xBB\xBF"
            "Last Scan;First Scan;Generation;KID;Employee Code;note\r\n"
            "2026-02-01T10:00:00Z;2026-01-01T10:00:00Z;۲;T1;e00001;\"a; b\"\r\n"
            ";;1;T1;E00002;\r\n",
            reporter,
            bad);

        CHECK(bad == 0);
        CHECK(reporter.findings.empty());
        REQUIRE(scans.size() == 2);
        CHECK(scans[0].line == 2);
        CHECK(scans[0].employee_code == "E00001");
        CHECK(scans[0].generation == 2);
        CHECK(scans[0].first_scan == 1767261600);
        CHECK(scans[0].scanned());
        CHECK_FALSE(scans[1].scanned());
    }

    TEST_CASE("scan log: every kind of bad line is a finding at its line and the rest is read")
    {
        Collected reporter;
        long bad = 0;
        std::vector<ScanRecord> scans = scans_of(
            "employee_code,kid,generation,first_scan,last_scan\n"
            "E1,T1,۱,2026-01-01,2026-01-02\n"        // Persian digits: the file is UTF-8
            "E2,T1,1,2026-01-01\n"                   // too few fields
            ",T1,1,2026-01-01,2026-01-02\n"          // no code
            "E3,T1,-1,2026-01-01,2026-01-02\n"       // not a generation
            "E4,T1,1,2026-01-01T10:00,2026-01-02\n"  // a time without a zone
            "E5,T1,1,2026-01-01,\"2026-01-02\"x\n"   // broken quoting
            "E6,T\xFF"
            "1,1,2026-01-01,2026-01-02\n"  // not UTF-8
            "E7,T1,۱,2026-01-01,2026-01-02\n",
            reporter,
            bad);

        CHECK(bad == 6);
        CHECK(
            reporter.codes()
            == std::vector<std::string>{
                "3:scan-log-fields",
                "4:scan-log-value",
                "5:scan-log-value",
                "6:scan-log-value",
                "7:csv-text-after-quote",
                "8:invalid-encoding"});
        REQUIRE(scans.size() == 2);
        CHECK(scans[1].employee_code == "E7");
        for (const Finding& f : reporter.findings) {
            CHECK(f.severity == Severity::warning);
            CHECK(f.where.source.ends_with("scans.csv"));
        }
    }

    TEST_CASE("scan log: empty, headerless or short of a column stops with the file named")
    {
        Collected reporter;
        long bad = 0;
        CHECK_THROWS_WITH_AS(
            scans_of("", reporter, bad), doctest::Contains("the scan log is empty"), Error);
        CHECK_THROWS_WITH_AS(
            scans_of("employee_code,kid,generation,last_scan\n", reporter, bad),
            doctest::Contains("scans.csv:1: the scan log has no \"first_scan\" column"),
            Error);
        TempDir dir;
        CHECK_THROWS_WITH_AS(
            read_scan_log(
                dir / "missing.csv", [](const ScanRecord&) {}, reporter),
            doctest::Contains("missing.csv: cannot open the scan log"),
            Error);
    }

    TEST_CASE("reports: Persian headers, optional columns, a bad time keeps the report")
    {
        TempDir dir;
        Collected reporter;
        std::vector<OfficeReport> reports;
        long left_out = read_office_reports(
            dir.write(
                "reports.csv",
                "واحد,شهر\n"
                "دفتر مركزي,کاشان\n"
                "  ,کاشان\n"),
            [&](const OfficeReport& r) { reports.push_back(r); },
            reporter);
        CHECK(left_out == 1);
        REQUIRE(reports.size() == 1);
        CHECK(reports[0].office == "دفتر مرکزی");  // normalised: Persian Kaf and Yeh
        CHECK(reports[0].agency.empty());
        CHECK(reporter.codes() == std::vector<std::string>{"3:report-no-office"});

        Collected timed;
        reports.clear();
        left_out = read_office_reports(
            dir.write("timed.csv", "office,reported_at\nشعبه ۱,yesterday\n"),
            [&](const OfficeReport& r) { reports.push_back(r); },
            timed);
        CHECK(left_out == 0);
        REQUIRE(reports.size() == 1);
        CHECK_FALSE(reports[0].reported_at.has_value());
        CHECK(timed.codes() == std::vector<std::string>{"2:report-time"});
    }
}
