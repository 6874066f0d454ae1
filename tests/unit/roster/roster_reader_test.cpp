#include "encoding_support.hpp"
#include "roster_test_support.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

using namespace placard::roster;
using namespace placard::roster::test;
using placard::Finding;
using placard::Severity;

namespace {

// The parts of a row that must not depend on the file's encoding or quoting.
struct RowSummary {
    long line;
    Disposition disposition;
    std::vector<std::string> codes;
    std::string employee_code;
    std::string national_code;
    std::string first_name;
    std::string last_name;
    std::string job_title;
    std::string office;

    bool operator==(const RowSummary&) const = default;
};

std::vector<RowSummary> summarise(const ReadResult& result)
{
    std::vector<RowSummary> rows;
    for (const RosterRow& row : result.rows) {
        const Employee& e = row.employee;
        rows.push_back(RowSummary{
            row.line,
            row.disposition,
            codes_of(row),
            e.employee_code,
            e.national_code,
            e.first_name,
            e.last_name,
            e.job_title,
            e.office});
    }
    return rows;
}

std::string error_of(const std::string& bytes, const ReadOptions& options = {})
{
    try {
        read_bytes(bytes, options);
    } catch (const placard::Error& error) {
        return error.what();
    }
    return "(no error)";
}

bool holds(const Employee& e, std::string_view text)
{
    for (const std::string* value :
         {&e.first_name, &e.last_name, &e.job_title, &e.office, &e.agency, &e.city, &e.province}) {
        if (value->find(text) != std::string::npos) {
            return true;
        }
    }
    return false;
}

}  // namespace

TEST_SUITE("roster reader")
{
    TEST_CASE("case 01: a BOM before an unquoted or quoted first header is not part of it")
    {
        std::string dir = cases_dir() + "/01-bom-first-header/";
        ReadResult plain = read_roster(dir + "roster_nobom.csv");
        ReadResult bom = read_roster(dir + "roster_bom.csv");
        ReadResult quoted = read_roster(dir + "roster_bom_quoted.csv");

        for (const ReadResult* result : {&plain, &bom, &quoted}) {
            CHECK(result->header.at(0) == "employee_id");
            CHECK(result->file_findings.empty());
            REQUIRE(result->rows.size() == 3);
            for (const RosterRow& row : result->rows) {
                CHECK(row.findings.empty());
                CHECK(row.disposition == Disposition::accepted);
                CHECK(row.employee.employee_code.find("\uFEFF") == std::string::npos);
            }
            CHECK(result->rows[0].employee.employee_code == "E00001");
            CHECK(result->rows[2].employee.employee_code == "E00003");
        }
        CHECK(summarise(bom) == summarise(plain));
        CHECK(summarise(quoted) == summarise(plain));
    }

    TEST_CASE("a U+FEFF after the start of the file is not taken as a BOM")
    {
        ReadResult result = read_bytes(basic_header + "\uFEFFE1,0012345679,علی,نمونه,,\n");
        const RosterRow& row = result.rows.at(0);
        CHECK(row.fields.at(0) == "\uFEFFE1");
        CHECK(row.employee.employee_code == "E1");
    }

    TEST_CASE("case 02: a windows-1256 roster is detected and read with Persian letters")
    {
        std::string dir = cases_dir() + "/02-cp1256-roster/";
        ReadResult result = read_roster(dir + "roster_cp1256.csv");
        REQUIRE(result.file_findings.size() == 1);
        const Finding& note = result.file_findings[0];
        CHECK(note.code == "encoding-detected");
        CHECK(note.severity == Severity::info);
        CHECK(note.where.line == 2);
        CHECK(
            note.message
            == "not valid UTF-8 at line 2, byte offset 83 (first bad byte 0xDA); read as "
               "windows-1256, use --encoding to choose another");

        REQUIRE(result.rows.size() == 2);
        const Employee& first = result.rows[0].employee;
        CHECK(
            first.first_name + " " + first.last_name
            == "\u0639\u0644\u06CC \u0622\u0632\u0645\u0627\u06CC\u0634\u06CC");
        CHECK(result.rows[1].employee.last_name == "نمونه\u200Cزاده");
        for (const RosterRow& row : result.rows) {
            CHECK(row.disposition == Disposition::accepted);
            CHECK_FALSE(holds(row.employee, "\u064A"));
            CHECK_FALSE(holds(row.employee, "\uFFFD"));
        }

        // Same employees as the UTF-8 reference, apart from the Arabic-letter warnings.
        ReadResult reference = read_roster(dir + "roster_utf8.csv");
        REQUIRE(reference.rows.size() == 2);
        for (std::size_t i = 0; i < 2; ++i) {
            CHECK(result.rows[i].employee.first_name == reference.rows[i].employee.first_name);
            CHECK(result.rows[i].employee.last_name == reference.rows[i].employee.last_name);
            CHECK(result.rows[i].employee.job_title == reference.rows[i].employee.job_title);
            CHECK(result.rows[i].employee.office == reference.rows[i].employee.office);
            CHECK(
                result.rows[i].employee.employee_code == reference.rows[i].employee.employee_code);
        }
    }

    TEST_CASE("case 02: forced windows-1256 reads without a detection note")
    {
        ReadOptions options;
        options.encoding = "Windows-1256";
        ReadResult result =
            read_roster(cases_dir() + "/02-cp1256-roster/roster_cp1256.csv", options);
        CHECK(result.file_findings.empty());
        REQUIRE(result.rows.size() == 2);
        CHECK(result.rows[0].employee.first_name == "علی");
    }

    TEST_CASE("case 02: forced UTF-8 rejects the row at line 2, field 3, offset 83")
    {
        ReadOptions options;
        options.encoding = "utf-8";
        ReadResult result =
            read_roster(cases_dir() + "/02-cp1256-roster/roster_cp1256.csv", options);
        REQUIRE(result.rows.size() == 2);
        const RosterRow& row = result.rows[0];
        CHECK(row.disposition == Disposition::rejected);
        CHECK(row.reason_code == "invalid-encoding");
        const Finding& finding = row.findings.at(0);
        CHECK(finding.code == "invalid-encoding");
        CHECK(finding.where.line == 2);
        CHECK(finding.where.column == 3);
        CHECK(finding.where.field == "first_name");
        CHECK(
            finding.message
            == "not valid UTF-8 at byte offset 83 (first bad byte 0xDA); try --encoding "
               "windows-1256");
        CHECK(
            placard::format_finding(finding).find(":2:3: error: not valid UTF-8")
            != std::string::npos);
        for (const RosterRow& each : result.rows) {
            for (const std::string& field : each.fields) {
                CHECK(field.find("\uFFFD") == std::string::npos);
            }
        }
    }

    TEST_CASE("the same roster in UTF-8, UTF-8 with BOM, UTF-16 and windows-1256 reads alike")
    {
        // Arabic Yeh and Kaf only, since windows-1256 has no Persian Yeh.
        std::string text =
            "employee_id,national_code,first_name,last_name,job_title,office\r\n"
            "E00011,0012345679,\u0639\u0644\u064A,\u0622\u0632\u0645\u0627\u064A\u0634\u064A,"
            "\u0643\u0627\u0631\u0634\u0646\u0627\u0633,\u0627\u062F\u0627\u0631\u0647\r\n"
            "E00012,0135792460,\u0633\u0627\u0631\u0627,\u0646\u0645\u0648\u0646\u0647\u200C"
            "\u0632\u0627\u062F\u0647,\"\u0645\u0647\u0646\u062F\u0633, \u0627\u0631\u0634\u062F\","
            "\r\n"
            "E00013,24681350,\u0631\u0636\u0627,\u0645\u0648\u0633\u0649,,\r\n";
        ReadResult utf8 = read_bytes(text);
        ReadResult utf8_bom = read_bytes("\xEF\xBB\xBF" + text);
        ReadResult utf16le = read_bytes("\xFF\xFE" + encode_as(text, "UTF-16LE"));
        ReadResult utf16be = read_bytes("\xFE\xFF" + encode_as(text, "UTF-16BE"));
        ReadResult cp1256 = read_bytes(encode_as(text, "windows-1256"));

        REQUIRE(utf8.rows.size() == 3);
        CHECK(utf8.rows[0].employee.first_name == "علی");
        CHECK(utf8.rows[0].employee.job_title == "کارشناس");
        CHECK(utf8.rows[1].employee.job_title == "مهندس, ارشد");
        CHECK(utf8.rows[2].employee.last_name == "موسی");
        CHECK(utf8.rows[2].reason_code == "national-code-leading-zeros");
        CHECK(summarise(utf8_bom) == summarise(utf8));
        CHECK(summarise(utf16le) == summarise(utf8));
        CHECK(summarise(utf16be) == summarise(utf8));
        CHECK(summarise(cp1256) == summarise(utf8));
        CHECK(cp1256.file_findings.at(0).code == "encoding-detected");
        CHECK(utf16le.header == utf8.header);
    }

    TEST_CASE("case 04: national codes as spreadsheets hand them over")
    {
        std::string path = cases_dir() + "/04-national-code-excel-mangled/roster.csv";
        ReadResult plain = read_roster(path);
        std::vector<std::string> reasons;
        for (const RosterRow& row : plain.rows) {
            reasons.push_back(row.reason_code);
            for (const Finding& finding : row.findings) {
                CHECK(finding.where.column == 2);
                CHECK(finding.where.field == "national_code");
            }
        }
        CHECK(
            reasons
            == std::vector<std::string>{
                "",
                "national-code-leading-zeros",
                "national-code-leading-zeros",
                "",
                "national-code-checksum",
                "national-code-scientific",
                "",
                "national-code-length"});
        CHECK(plain.rows.at(0).employee.national_code == "0012345679");
        CHECK(plain.rows.at(3).employee.national_code == "0088008800");
        CHECK(
            find_code(plain.rows.at(6), "national-code-placeholder")->severity
            == Severity::warning);
        CHECK(plain.rows.at(1).line == 3);

        ReadOptions options;
        options.pad_national_code = true;
        ReadResult padded = read_roster(path, options);
        CHECK(padded.rows.at(1).disposition == Disposition::accepted);
        CHECK(padded.rows.at(1).employee.national_code == "0135792460");
        CHECK(padded.rows.at(2).employee.national_code == "0024681350");
        CHECK(find_code(padded.rows.at(2), "national-code-padded") != nullptr);
        long rejected = 0;
        for (const RosterRow& row : padded.rows) {
            rejected += row.disposition == Disposition::rejected ? 1 : 0;
        }
        CHECK(rejected == 3);
        CHECK(padded.rows.at(7).reason_code == "national-code-length");
    }

    TEST_CASE("case 06: ZWNJ kept between letters, junk marks trimmed")
    {
        ReadResult result = read_roster(cases_dir() + "/06-zwnj-kept/roster.csv");
        REQUIRE(result.rows.size() == 3);
        CHECK(
            result.rows[0].employee.last_name
            == "\u0646\u0645\u0648\u0646\u0647\u200C\u0632\u0627\u062F\u0647");
        CHECK(result.rows[0].employee.job_title == "مهندس نرم\u200Cافزار");
        CHECK(result.rows[1].employee.last_name == "فرضی\u200Cپور");
        CHECK(result.rows[2].employee.job_title == "کارشناس منابع انسانی");
        CHECK(result.rows[2].employee.office == "اداره کل استان");
        CHECK(find_code(result.rows[2], "text-normalised") != nullptr);
        CHECK(result.rows[0].findings.empty());
    }

    TEST_CASE("Persian headers, semicolons and tabs are read")
    {
        std::string persian = "کد پرسنلی;کد ملي;نام;نام خانوادگی;سمت\n"
                              "E1;0012345679;علی;نمونه;\"کارشناس; ارشد\"\n";
        ReadResult semi = read_bytes(persian);
        REQUIRE(semi.rows.size() == 1);
        CHECK(semi.rows[0].disposition == Disposition::accepted);
        CHECK(semi.rows[0].employee.job_title == "کارشناس; ارشد");

        ReadResult tabs =
            read_bytes("employee_code\tnational_code\tfname\tlname\nE1\t0012345679\tعلی\tنمونه\n");
        REQUIRE(tabs.rows.size() == 1);
        CHECK(tabs.rows[0].employee.last_name == "نمونه");

        ReadOptions forced;
        forced.delimiter = ';';
        ReadResult forced_result = read_bytes(
            "employee_code;national_code;first_name;last_name\nE1;0012345679;علی, رضا;نمونه\n",
            forced);
        CHECK(forced_result.rows.at(0).employee.first_name == "علی, رضا");
    }

    TEST_CASE("quoted fields with line breaks report the line where the record starts")
    {
        std::string text = basic_header + "E1,0012345679,علی,نمونه,\"مدیر\r\nارشد\",\r\n"
                           + "E2,0135792460,رضا,نمونه,,x,\r\n\r\n\r\n";
        ReadResult result = read_bytes(text);
        REQUIRE(result.rows.size() == 2);
        CHECK(result.rows_read == 2);
        CHECK(result.rows[0].employee.job_title == "مدیر ارشد");
        CHECK(find_code(result.rows[0], "text-normalised") != nullptr);
        CHECK(result.rows[1].line == 4);
        CHECK(result.rows[1].reason_code == "field-count");
    }

    TEST_CASE("unknown columns give one warning naming them")
    {
        ReadResult result = read_bytes("employee_id,email,national_code,first_name,last_name,"
                                       "name\nE1,a,0012345679,علی,نمونه,b\n");
        REQUIRE(result.file_findings.size() == 1);
        CHECK(result.file_findings[0].code == "unknown-columns");
        CHECK(result.file_findings[0].severity == Severity::warning);
        CHECK(
            result.file_findings[0].message
            == "columns not used: \"email\", \"name\"; map one with --column FIELD=HEADER if it "
               "holds a known field");
        CHECK(result.rows.at(0).disposition == Disposition::accepted);
    }

    TEST_CASE("UTF-16 without a byte order mark is recognised from its zero bytes")
    {
        std::string text = basic_header + "E1,0012345679,علی,نمونه,,\n";
        ReadResult le = read_bytes(encode_as(text, "UTF-16LE"));
        ReadResult be = read_bytes(encode_as(text, "UTF-16BE"));
        ReadResult persian_le = read_bytes(
            encode_as("کد پرسنلی,کد ملی,نام,نام خانوادگی\nE1,0012345679,علی,نمونه\n", "UTF-16LE"));
        for (const ReadResult* result : {&le, &be, &persian_le}) {
            REQUIRE(result->rows.size() == 1);
            CHECK(result->rows[0].disposition == Disposition::accepted);
            CHECK(result->rows[0].employee.first_name == "علی");
            REQUIRE(result->file_findings.size() == 1);
            CHECK(result->file_findings[0].code == "encoding-detected");
        }
        CHECK(
            le.file_findings[0].message
            == "no byte order mark, but the zero bytes say utf-16le; read as such, use "
               "--encoding to choose another");
        CHECK(be.file_findings[0].message.find("utf-16be") != std::string::npos);
    }

    TEST_CASE("headers match ignoring case, spaces, ZWNJ and Arabic letter forms")
    {
        ReadResult result = read_bytes(
            "  Employee ID "
            ",NATIONAL_CODE,\u0646\u0627\u0645,\u0646\u0627\u0645\u200C\u062E\u0627\u0646"
            "\u0648\u0627\u062F\u06AF\u064A,\u0633\u0645\u062A,\u0648\u0627\u062D\u062F,"
            "\u0643\u062F \u0645\u0644\u064A \u0642\u062F\u064A\u0645\n"
            "E1,0012345679,علی,نمونه,کارشناس,اداره,x\n");
        REQUIRE(result.rows.size() == 1);
        const Employee& e = result.rows[0].employee;
        CHECK(e.employee_code == "E1");
        CHECK(e.national_code == "0012345679");
        CHECK(e.last_name == "نمونه");
        CHECK(e.job_title == "کارشناس");
        CHECK(e.office == "اداره");
        REQUIRE(result.file_findings.size() == 1);
        CHECK(result.file_findings[0].code == "unknown-columns");
        CHECK(result.file_findings[0].message.find("\"كد ملي قديم\"") != std::string::npos);
    }

    TEST_CASE("header names are shown with control characters made visible")
    {
        ReadResult result = read_bytes("employee_id,national_code,first_name,last_name,a\x01"
                                       "b\nE1,0012345679,x,y,\n");
        REQUIRE(result.file_findings.size() == 1);
        CHECK(
            result.file_findings[0].message
            == "columns not used: \"a<U+0001>b\"; map one with --column FIELD=HEADER if it holds "
               "a known field");
    }

    TEST_CASE("column overrides reach the reader")
    {
        ReadOptions options;
        options.column_overrides = {{Field::first_name, "name"}};
        ReadResult result = read_bytes(
            "employee_id,national_code,name,last_name\nE1,0012345679,علی,نمونه\n", options);
        CHECK(result.rows.at(0).employee.first_name == "علی");
        CHECK(result.file_findings.empty());
    }

    TEST_CASE("conditions that stop the run throw placard::Error naming the file")
    {
        ReadOptions comma;
        comma.delimiter = ',';
        CHECK(
            error_of("").find("roster.csv: roster is empty; expected a header row")
            != std::string::npos);
        CHECK(error_of("\n\n").find("roster is empty") != std::string::npos);
        CHECK(error_of(basic_header).find("roster.csv:1: roster has no rows") != std::string::npos);
        CHECK(error_of(basic_header + "\r\n\n").find("roster has no rows") != std::string::npos);
        CHECK(
            error_of("employee_id,first_name\nE1,a\n")
                .find("roster.csv:1: missing required columns national_code, last_name; found "
                      "columns: \"employee_id\", \"first_name\"; rename the headers or map them "
                      "with --column FIELD=HEADER")
            != std::string::npos);
        CHECK(
            error_of("employee_id;national_code;first_name;last_name\nE1;0012345679;a;b\n", comma)
                .find("found columns: \"employee_id;national_code;first_name;last_name\"; check "
                      "the delimiter (--delimiter ',', ';' or 'tab')")
            != std::string::npos);
        CHECK(
            error_of("a,\"b\nE1\n").find("not closed before the end of the file")
            != std::string::npos);
        ReadOptions utf8;
        utf8.encoding = "utf8";
        CHECK(
            error_of("employee_id,first_\xFF,x\n1,2,3\n", utf8)
                .find("roster.csv:1:2: not valid UTF-8 at byte offset 18 (first bad byte 0xFF); "
                      "try --encoding windows-1256")
            != std::string::npos);

        ReadOptions unknown;
        unknown.encoding = "koi8-r";
        CHECK(
            error_of(basic_header + "E1,0012345679,a,b,,\n", unknown)
                .find("unknown encoding \"koi8-r\"")
            != std::string::npos);
        CHECK_THROWS_AS(read_roster("/nonexistent/placard/roster.csv"), placard::Error);

        placard::test::TempDir dir;
        std::string folder;
        try {
            read_roster(dir.path().string());
        } catch (const placard::Error& error) {
            folder = error.what();
        }
        CHECK(
            folder
            == dir.path().string()
                   + ": cannot read the roster: it is a folder, expected a CSV file");
    }

    TEST_CASE("a roster larger than one read chunk streams through with every row")
    {
        std::string text = basic_header;
        const long count = 3000;
        for (long i = 0; i < count; ++i) {
            text += "E" + std::to_string(i) + "," + valid_national_code(i + 1000)
                    + ",علی,نمونه\u200Cزاده,کارشناس ارشد برنامه\u200Cریزی,اداره کل\n";
        }
        REQUIRE(text.size() > 3 * 64 * 1024);
        ReadResult result = read_bytes(text);
        CHECK(result.rows_read == count);
        long accepted = 0;
        for (const RosterRow& row : result.rows) {
            accepted += row.disposition == Disposition::accepted && row.findings.empty() ? 1 : 0;
        }
        CHECK(accepted == count);
        CHECK(result.rows.back().line == count + 1);
    }

    TEST_CASE("tehran HR export reads clean: 1200 rows, no warnings")
    {
        ReadResult result = read_roster(roster_data_dir() + "/tehran-hr-export.csv");
        CHECK(result.file_findings.empty());
        CHECK(result.rows_read == 1200);
        REQUIRE(result.rows.size() == 1200);
        long female = 0;
        long male = 0;
        long findings = 0;
        for (const RosterRow& row : result.rows) {
            findings += static_cast<long>(row.findings.size());
            CHECK(row.disposition == Disposition::accepted);
            female += row.employee.gender == Gender::female ? 1 : 0;
            male += row.employee.gender == Gender::male ? 1 : 0;
        }
        CHECK(findings == 0);
        CHECK(female + male == 1200);
        CHECK(female > 0);
        CHECK(result.header.at(0) == "کد پرسنلی");
        CHECK(result.rows[0].employee.employee_code == "21001000");
        CHECK(result.rows[0].employee.city == "تهران");
    }

    TEST_CASE("khorasan legacy roster: cp1256, semicolons, Persian letters restored")
    {
        std::string path = roster_data_dir() + "/khorasan-legacy-cp1256.csv";
        ReadResult plain = read_roster(path);
        REQUIRE(plain.file_findings.size() == 1);
        CHECK(plain.file_findings[0].code == "encoding-detected");
        CHECK(plain.rows_read == 400);

        long leading_zeros = 0;
        long other_errors = 0;
        for (const RosterRow& row : plain.rows) {
            CHECK_FALSE(holds(row.employee, "\u064A"));
            CHECK_FALSE(holds(row.employee, "\u0643"));
            CHECK_FALSE(holds(row.employee, "\uFFFD"));
            for (const Finding& finding : row.findings) {
                leading_zeros += finding.code == "national-code-leading-zeros" ? 1 : 0;
                bool other = finding.severity == Severity::error
                             && finding.code != "national-code-leading-zeros";
                other_errors += other ? 1 : 0;
            }
        }
        CHECK(leading_zeros == 4);
        CHECK(other_errors == 0);
        CHECK(plain.rows[0].employee.first_name == "علی");
        CHECK(plain.rows[0].employee.gender == Gender::male);

        ReadOptions options;
        options.pad_national_code = true;
        ReadResult padded = read_roster(path, options);
        long padded_errors = 0;
        long padded_warnings = 0;
        for (const RosterRow& row : padded.rows) {
            padded_errors += has_errors(row.findings) ? 1 : 0;
            padded_warnings += find_code(row, "national-code-padded") != nullptr ? 1 : 0;
        }
        CHECK(padded_errors == 0);
        CHECK(padded_warnings == 4);
    }
}
