#include "roster/row_validator.hpp"
#include "roster_test_support.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace placard::roster;
using namespace placard::roster::test;
using placard::Finding;
using placard::Severity;

namespace {

// One data row under the basic six-column header.
ReadResult read_row(const std::string& row, const ReadOptions& options = {})
{
    return read_bytes(basic_header + row + "\n", options);
}

struct RuleCase {
    const char* what;
    std::string row;
    const char* code;
    long column;
    const char* field;
    Severity severity;
};

}  // namespace

TEST_SUITE("roster row validator")
{
    TEST_CASE("each rule reports its code at the row's line, column and header name")
    {
        // clang-format off
        const std::vector<RuleCase> cases = {
            {"empty first name", "E1,0012345679,,نمونه,,", "required-field-empty", 3,
                "first_name", Severity::error},
            {"empty national code", "E1,,علی,نمونه,,", "required-field-empty", 2, "national_code",
                Severity::error},
            {"blank employee code", "  ,0012345679,علی,نمونه,,", "required-field-empty", 1,
                "employee_id", Severity::error},
            {"slash in code", "E1/2,0012345679,علی,نمونه,,", "employee-code-format", 1,
                "employee_id", Severity::error},
            {"dot in code", "E.1,0012345679,علی,نمونه,,", "employee-code-format", 1,
                "employee_id", Severity::error},
            {"space in code", "E 1,0012345679,علی,نمونه,,", "employee-code-format", 1,
                "employee_id", Severity::error},
            {"leading hyphen", "-E1,0012345679,علی,نمونه,,", "employee-code-format", 1,
                "employee_id", Severity::error},
            {"Persian letter in code", "کد1,0012345679,علی,نمونه,,", "employee-code-format", 1,
                "employee_id", Severity::error},
            {"code of 33", std::string(33, 'A') + ",0012345679,علی,نمونه,,", "field-too-long", 1,
                "employee_id", Severity::error},
            {"first name of 61", "E1,0012345679," + std::string(61, 'a') + ",نمونه,,",
                "field-too-long", 3, "first_name", Severity::error},
            {"title of 121", "E1,0012345679,علی,نمونه," + std::string(121, 't') + ",",
                "field-too-long", 5, "job_title", Severity::error},
            {"bell in a name", "E1,0012345679,عل\x07ی,نمونه,,", "control-character", 3,
                "first_name", Severity::error},
            {"NUL in an office", std::string("E1,0012345679,علی,نمونه,,a") + '\0' + "b",
                "control-character", 6, "office", Severity::error},
            {"short national code", "E1,135792460,علی,نمونه,,", "national-code-leading-zeros", 2,
                "national_code", Severity::error},
            {"Arabic Yeh in a name", "E1,0012345679,علي,نمونه,,", "text-normalised", 3,
                "first_name", Severity::warning},
            {"double space in an office", "E1,0012345679,علی,نمونه,,اداره  کل", "text-normalised",
                6, "office", Severity::warning},
            {"bare quote", "E1,0012345679,علی,نمو\"نه,,", "csv-bare-quote", 4, "last_name",
                Severity::error},
            {"unclosed quote", "E1,0012345679,علی,نمونه,\"open,", "csv-unterminated-quote", 5,
                "job_title", Severity::error},
            {"ragged row", "E1,0012345679,علی,نمونه,,,x", "field-count", 0, "", Severity::error},
        };
        // clang-format on
        for (const RuleCase& rule : cases) {
            CAPTURE(std::string(rule.what));
            ReadResult result = read_row(rule.row);
            REQUIRE(result.rows.size() == 1);
            const RosterRow& row = result.rows[0];
            const Finding* finding = find_code(row, rule.code);
            REQUIRE(finding != nullptr);
            CHECK(finding->severity == rule.severity);
            CHECK(finding->where.line == 2);
            CHECK(finding->where.column == rule.column);
            CHECK(finding->where.field == rule.field);
            CHECK(finding->where.source.find("roster.csv") != std::string::npos);
            bool rejects = rule.severity == Severity::error;
            CHECK(row.disposition == (rejects ? Disposition::rejected : Disposition::accepted));
            if (rejects) {
                CHECK(row.reason_code == rule.code);
                CHECK(row.reason == finding->message);
            }
        }
    }

    TEST_CASE("a clean row is accepted with its normalised employee")
    {
        ReadResult result = read_row("E00001, 0012345679 ,علي,نمونه\u200Cزاده,,اداره کل");
        REQUIRE(result.rows.size() == 1);
        const RosterRow& row = result.rows[0];
        CHECK(row.disposition == Disposition::accepted);
        CHECK(row.line == 2);
        CHECK(row.employee.employee_code == "E00001");
        CHECK(row.employee.national_code == "0012345679");
        CHECK(row.employee.first_name == "علی");
        CHECK(row.employee.last_name == "نمونه\u200Cزاده");
        CHECK(row.employee.job_title.empty());
        CHECK(row.employee.office == "اداره کل");
        CHECK(codes_of(row) == std::vector<std::string>{"text-normalised"});
        CHECK(row.fields.at(2) == "علي");
        CHECK(result.rows_read == 1);
    }

    TEST_CASE("key row errors have their exact wording")
    {
        auto message = [](const std::string& row, const char* code) {
            ReadResult result = read_row(row);
            const Finding* finding = find_code(result.rows.at(0), code);
            return finding ? finding->message : std::string("(no finding)");
        };
        CHECK(
            message("E1,0012345679,علی,نمونه,,,x", "field-count")
            == "expected 6 fields as in the header, found 7");
        CHECK(
            message("E1,0012345679,علی,نمونه", "field-count")
            == "expected 6 fields as in the header, found 4");
        CHECK(
            message("E1,0012345679,,نمونه,,", "required-field-empty")
            == "required field first_name is empty");
        CHECK(
            message("E1,0012345679," + std::string(61, 'a') + ",نمونه,,", "field-too-long")
            == "first_name has 61 characters, more than the limit of 60");
        CHECK(
            message("E1/2,0012345679,علی,نمونه,,", "employee-code-format")
            == "employee code must be 1 to 32 Latin letters, digits or '-', starting with a "
               "letter or digit; found '/' at position 3");
        CHECK(
            message("E1,0012345679,عل\x07ی,نمونه,,", "control-character")
            == "control character U+0007 in the value; remove it from the source");
        CHECK(
            message("E1,0012345679,علي كاظمي,نمونه,,", "text-normalised")
            == "text changed: Arabic letters replaced with Persian forms; correct the source "
               "roster to keep it as printed");
    }

    TEST_CASE("findings are in column order and the first error is the reason")
    {
        ReadResult result = read_row("E/1,123,,نمونه,,");
        const RosterRow& row = result.rows.at(0);
        CHECK(
            codes_of(row)
            == std::vector<std::string>{
                "employee-code-format", "national-code-length", "required-field-empty"});
        CHECK(row.reason_code == "employee-code-format");
        CHECK(row.disposition == Disposition::rejected);
    }

    TEST_CASE("code fields take Persian and Arabic-Indic digits as ASCII")
    {
        ReadResult result = read_row("E۱۲,۰۰۱۲۳۴۵۶۷\u0669,علی,نمونه,,");
        const RosterRow& row = result.rows.at(0);
        CHECK(row.disposition == Disposition::accepted);
        CHECK(row.employee.employee_code == "E12");
        CHECK(row.employee.national_code == "0012345679");
        CHECK(row.findings.empty());
    }

    TEST_CASE("duplicate codes are errors citing the first line, and the first row wins")
    {
        std::string rows = basic_header + "E1,0012345679,علی,نمونه,,\n"
                           + "E2,0135792460,رضا,نمونه,,\n" + "E1,0024681350,حسن,نمونه,,\n"
                           + "e1,4040404041,حسین,نمونه,,\n" + "E5,0135792460,مریم,نمونه,,\n";
        ReadResult result = read_bytes(rows);
        REQUIRE(result.rows.size() == 5);
        CHECK(result.rows[0].disposition == Disposition::accepted);
        CHECK(result.rows[1].disposition == Disposition::accepted);

        const Finding* dup = find_code(result.rows[2], "duplicate-employee-code");
        REQUIRE(dup != nullptr);
        CHECK(
            dup->message == "employee code already used on line 2; the first row with it is kept");
        CHECK(dup->where.line == 4);
        CHECK(dup->where.column == 1);
        CHECK(find_code(result.rows[3], "duplicate-employee-code") != nullptr);

        const Finding* national = find_code(result.rows[4], "duplicate-national-code");
        REQUIRE(national != nullptr);
        CHECK(
            national->message
            == "national code already used on line 3; the first row with it is kept");
        CHECK(national->where.column == 2);
        CHECK(national->message.find("0135792460") == std::string::npos);
    }

    TEST_CASE("an invalid national code is not remembered for the duplicate check")
    {
        std::string rows =
            basic_header + "E1,0024681351,علی,نمونه,,\n" + "E2,0024681351,رضا,نمونه,,\n";
        ReadResult result = read_bytes(rows);
        CHECK(codes_of(result.rows.at(1)) == std::vector<std::string>{"national-code-checksum"});
    }

    TEST_CASE("gender words map to male, female or unknown")
    {
        struct GenderCase {
            const char* value;
            Gender gender;
            bool warned;
        };

        const GenderCase cases[] = {
            {"male", Gender::male, false},
            {"M", Gender::male, false},
            {"مرد", Gender::male, false},
            {"آقا", Gender::male, false},
            {"1", Gender::male, false},
            {"Female", Gender::female, false},
            {"f", Gender::female, false},
            {"زن", Gender::female, false},
            {"خانم", Gender::female, false},
            {"2", Gender::female, false},
            {"", Gender::unknown, false},
            {"x", Gender::unknown, true},
        };
        for (const GenderCase& item : cases) {
            CAPTURE(std::string(item.value));
            ReadResult result = read_bytes(
                std::string("employee_code,national_code,first_name,last_name,sex\n")
                + "E1,0012345679,علی,نمونه," + item.value + "\n");
            const RosterRow& row = result.rows.at(0);
            CHECK(row.employee.gender == item.gender);
            CHECK(row.disposition == Disposition::accepted);
            const Finding* warning = find_code(row, "gender-unknown");
            CHECK((warning != nullptr) == item.warned);
            if (warning) {
                CHECK(warning->where.column == 5);
                CHECK(warning->severity == Severity::warning);
            }
        }
    }

    TEST_CASE("an inactive status skips the row without an error")
    {
        struct StatusCase {
            const char* value;
            Disposition disposition;
        };

        const StatusCase cases[] = {
            {"inactive", Disposition::skipped},
            {"Retired", Disposition::skipped},
            {"0", Disposition::skipped},
            {"false", Disposition::skipped},
            {"غیرفعال", Disposition::skipped},
            {"بازنشسته", Disposition::skipped},
            {"active", Disposition::accepted},
            {"1", Disposition::accepted},
            {"TRUE", Disposition::accepted},
            {"فعال", Disposition::accepted},
            {"", Disposition::accepted},
            {"maybe", Disposition::rejected},
        };
        for (const StatusCase& item : cases) {
            CAPTURE(std::string(item.value));
            ReadResult result = read_bytes(
                std::string("employee_code,national_code,first_name,last_name,وضعیت\n")
                + "E1,0012345679,علی,نمونه," + item.value + "\n");
            const RosterRow& row = result.rows.at(0);
            CHECK(row.disposition == item.disposition);
            if (item.disposition == Disposition::skipped) {
                CHECK(row.reason_code == "inactive");
                CHECK_FALSE(has_errors(row.findings));
            }
            if (item.disposition == Disposition::rejected) {
                CHECK(row.reason_code == "status-unknown");
            }
        }
    }

    TEST_CASE("a broken UTF-8 byte is rejected at its line and field with the file offset")
    {
        // The header is 64 bytes and "E1,0012345679,علی," 21 more, so the last name starts
        // at offset 85 with a lead byte that no continuation byte follows.
        std::string bytes = basic_header
                            + "E1,0012345679,علی,\xD9\xFF"
                              "ab,,\n"
                            + "E2,0135792460,رضا,نمونه,,\n";
        ReadResult result = read_bytes(bytes);
        REQUIRE(result.rows.size() == 2);
        const Finding* bad = find_code(result.rows[0], "invalid-encoding");
        REQUIRE(bad != nullptr);
        CHECK(bad->where.line == 2);
        CHECK(bad->where.column == 4);
        CHECK(bad->where.field == "last_name");
        CHECK(
            bad->message
            == "not valid UTF-8 at byte offset 85 (first bad byte 0xD9); try --encoding "
               "windows-1256");
        CHECK(result.rows[0].disposition == Disposition::rejected);
        CHECK(result.rows[0].fields.at(3).find("\uFFFD") == std::string::npos);
        CHECK(result.rows[1].disposition == Disposition::accepted);
        CHECK(result.rows[1].findings.empty());
    }

    TEST_CASE("case 20: every bad row is reported and the first data row is kept")
    {
        ReadResult result = read_roster(cases_dir() + "/20-coverage-no-silent-skip/roster.csv");
        CHECK(result.rows_read == 6);
        REQUIRE(result.rows.size() == 6);
        std::vector<std::string> reasons;
        for (const RosterRow& row : result.rows) {
            reasons.push_back(row.reason_code);
        }
        CHECK(
            reasons
            == std::vector<std::string>{
                "",
                "",
                "national-code-checksum",
                "duplicate-national-code",
                "required-field-empty",
                ""});
        CHECK(result.rows[0].employee.employee_code == "E00141");
        CHECK(result.rows[3].line == 5);
        CHECK(
            result.rows[3].reason
            == "national code already used on line 3; the first row with it is kept");
        CHECK(result.rows[4].findings.at(0).where.field == "last_name");
        CHECK(result.rows[5].disposition == Disposition::accepted);
        CHECK(result.rows[5].employee.job_title.empty());
    }

    TEST_CASE("helper checks: limits, employee code pattern, gender and status words")
    {
        CHECK(field_length_limit(Field::first_name) == 60);
        CHECK(field_length_limit(Field::office) == 120);
        CHECK(field_length_limit(Field::employee_code) == 32);
        CHECK_FALSE(check_employee_code("E00001"));
        CHECK_FALSE(check_employee_code("a-1-B"));
        CHECK_FALSE(check_employee_code(std::string(32, '9')));
        CHECK(check_employee_code("E_1"));
        CHECK(check_employee_code("E%2F1"));
        CHECK(parse_gender("  MALE ") == Gender::male);
        CHECK_FALSE(parse_gender("?"));
        CHECK(parse_active("غير فعال") == false);
        CHECK_FALSE(parse_active("later"));
    }
}
