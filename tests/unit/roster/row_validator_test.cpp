#include "roster/row_validator.hpp"
#include "roster_test_support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
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

const std::string wide_header =
    "employee_id,national_code,first_name,last_name,job_title,office,جنسیت,وضعیت\n";

const ReadOptions defaults;
const ReadOptions padding = [] {
    ReadOptions options;
    options.pad_national_code = true;
    return options;
}();
const ReadOptions forced_utf8 = [] {
    ReadOptions options;
    options.encoding = "utf-8";
    return options;
}();

// One rule: the rows after the header, and what must be found in the row starting at
// `line`: the finding's code, column number, header name and severity, and what becomes
// of the row.
struct RuleCase {
    const char* what;
    std::string rows;
    long line;
    const char* code;
    long column;
    const char* field;
    Severity severity;
    Disposition disposition;
    const std::string& header = basic_header;
    const ReadOptions& options = defaults;
};

const RosterRow* row_at(const ReadResult& result, long line)
{
    for (const RosterRow& row : result.rows) {
        if (row.line == line) {
            return &row;
        }
    }
    return nullptr;
}

constexpr Severity E = Severity::error;
constexpr Severity W = Severity::warning;
constexpr Severity I = Severity::info;
constexpr Disposition rejected = Disposition::rejected;
constexpr Disposition accepted = Disposition::accepted;
constexpr Disposition skipped = Disposition::skipped;

const std::string ok = "E1,0012345679,علی,نمونه,,\n";  // a valid row to put first

// clang-format off
const std::vector<RuleCase> rule_cases = {
    // Required fields.
    {"empty first name", "E1,0012345679,,نمونه,,\n", 2, "required-field-empty", 3, "first_name", E, rejected},
    {"empty last name", "E1,0012345679,علی,,,\n", 2, "required-field-empty", 4, "last_name", E, rejected},
    {"empty national code", "E1,,علی,نمونه,,\n", 2, "required-field-empty", 2, "national_code", E, rejected},
    {"blank employee code", "  ,0012345679,علی,نمونه,,\n", 2, "required-field-empty", 1, "employee_id", E, rejected},
    {"name of invisible marks only", "E1,0012345679,\u200F\u200B,نمونه,,\n", 2, "required-field-empty", 3, "first_name", E, rejected},

    // Employee code pattern.
    {"slash in code", "E1/2,0012345679,علی,نمونه,,\n", 2, "employee-code-format", 1, "employee_id", E, rejected},
    {"dot in code", "E.1,0012345679,علی,نمونه,,\n", 2, "employee-code-format", 1, "employee_id", E, rejected},
    {"space in code", "E 1,0012345679,علی,نمونه,,\n", 2, "employee-code-format", 1, "employee_id", E, rejected},
    {"leading hyphen", "-E1,0012345679,علی,نمونه,,\n", 2, "employee-code-format", 1, "employee_id", E, rejected},
    {"Persian letter in code", "کد1,0012345679,علی,نمونه,,\n", 2, "employee-code-format", 1, "employee_id", E, rejected},

    // Length limits, in code points.
    {"code of 33", std::string(33, 'A') + ",0012345679,علی,نمونه,,\n", 2, "field-too-long", 1, "employee_id", E, rejected},
    {"first name of 61", "E1,0012345679," + std::string(61, 'a') + ",نمونه,,\n", 2, "field-too-long", 3, "first_name", E, rejected},
    {"last name of 61 Persian letters", "E1,0012345679,علی," + repeat("ب", 61) + ",,\n", 2, "field-too-long", 4, "last_name", E, rejected},
    {"title of 121", "E1,0012345679,علی,نمونه," + std::string(121, 't') + ",\n", 2, "field-too-long", 5, "job_title", E, rejected},
    {"office of 121", "E1,0012345679,علی,نمونه,," + std::string(121, 'o') + "\n", 2, "field-too-long", 6, "office", E, rejected},

    // Control characters and NUL, in used and unused columns.
    {"bell in a name", "E1,0012345679,عل\x07ی,نمونه,,\n", 2, "control-character", 3, "first_name", E, rejected},
    {"NUL in an office", std::string("E1,0012345679,علی,نمونه,,a") + '\0' + "b\n", 2, "control-character", 6, "office", E, rejected},
    {"DEL in a code", "E1\x7F,0012345679,علی,نمونه,,\n", 2, "control-character", 1, "employee_id", E, rejected},
    {"C1 control in a title", "E1,0012345679,علی,نمونه,a\u0085b,\n", 2, "control-character", 5, "job_title", E, rejected},

    // Ragged rows: the row's line; the counts are in the message.
    {"too many fields", "E1,0012345679,علی,نمونه,,,x\n", 2, "field-count", 0, "", E, rejected},
    {"too few fields", ok + "E2,0135792460,رضا\n", 3, "field-count", 0, "", E, rejected},

    // Quoting, at the record's first line and the field's column.
    {"bare quote", "E1,0012345679,علی,نمو\"نه,,\n", 2, "csv-bare-quote", 4, "last_name", E, rejected},
    {"text after a closing quote", "E1,0012345679,\"علی\"x,نمونه,,\n", 2, "csv-text-after-quote", 3, "first_name", E, rejected},
    {"unclosed quote", ok + "E2,0135792460,رضا,نمونه,\"open,\n", 3, "csv-unterminated-quote", 5, "job_title", E, rejected},

    // Broken bytes under forced UTF-8, at the line where the record starts.
    {"broken UTF-8 byte", ok + "E2,0135792460,ر\xFF,نمونه,,\n", 3, "invalid-encoding", 3, "first_name", E, rejected, basic_header, forced_utf8},
    {"broken byte in a field spanning lines", ok + "E2,0135792460,رضا,نمونه,\"مدیر\nار\xC3\",\n", 3, "invalid-encoding", 5, "job_title", E, rejected, basic_header, forced_utf8},

    // Normalisation of printed text: a warning, the row still prints.
    {"Arabic Yeh", "E1,0012345679,علي,نمونه,,\n", 2, "text-normalised", 3, "first_name", W, accepted},
    {"Alef Maksura", "E1,0012345679,علی,موسى,,\n", 2, "text-normalised", 4, "last_name", W, accepted},
    {"Arabic Kaf", "E1,0012345679,علی,نمونه,كارشناس,\n", 2, "text-normalised", 5, "job_title", W, accepted},
    {"bidi control", "E1,0012345679,علی,\u202Bنمونه\u202C,,\n", 2, "text-normalised", 4, "last_name", W, accepted},
    {"ZWNJ beside a space", "E1,0012345679,علی,نمونه,,اداره\u200C کل\n", 2, "text-normalised", 6, "office", W, accepted},
    {"ZWNJ at the end", "E1,0012345679,علی\u200C,نمونه,,\n", 2, "text-normalised", 3, "first_name", W, accepted},
    {"double space", "E1,0012345679,علی,نمونه,,اداره  کل\n", 2, "text-normalised", 6, "office", W, accepted},
    {"no-break space", "E1,0012345679,علی,نمونه,,اداره\u00A0کل\n", 2, "text-normalised", 6, "office", W, accepted},
    {"line break in a quoted title", ok + "E2,0135792460,رضا,نمونه,\"مدیر\nارشد\",\n", 3, "text-normalised", 5, "job_title", W, accepted},
    {"decomposed letters", "E1,0012345679,علی,\u0627\u0653زاد,,\n", 2, "text-normalised", 4, "last_name", W, accepted},

    // National code.
    {"9 digits", "E1,135792460,علی,نمونه,,\n", 2, "national-code-leading-zeros", 2, "national_code", E, rejected},
    {"8 digits", "E1,24681350,علی,نمونه,,\n", 2, "national-code-leading-zeros", 2, "national_code", E, rejected},
    {"9 digits padded", "E1,135792460,علی,نمونه,,\n", 2, "national-code-padded", 2, "national_code", W, accepted, basic_header, padding},
    {"8 digits padded, wrong check digit", "E1,24681351,علی,نمونه,,\n", 2, "national-code-checksum", 2, "national_code", E, rejected, basic_header, padding},
    {"wrong check digit", "E1,3141592658,علی,نمونه,,\n", 2, "national-code-checksum", 2, "national_code", E, rejected},
    {"scientific notation", "E1,3.14159E+09,علی,نمونه,,\n", 2, "national-code-scientific", 2, "national_code", E, rejected},
    {"scientific notation, comma", "E1,\"1,23457E+9\",علی,نمونه,,\n", 2, "national-code-scientific", 2, "national_code", E, rejected, basic_header, padding},
    {"letters", "E1,00123X5679,علی,نمونه,,\n", 2, "national-code-format", 2, "national_code", E, rejected},
    {"dashes", "E1,001-234567-9,علی,نمونه,,\n", 2, "national-code-format", 2, "national_code", E, rejected, basic_header, padding},
    {"all digits equal", "E1,1111111111,علی,نمونه,,\n", 2, "national-code-placeholder", 2, "national_code", W, accepted},
    {"apostrophe", "E1,'0012345679,علی,نمونه,,\n", 2, "national-code-apostrophe", 2, "national_code", I, accepted},
    {"7 digits", "E1,7312644,علی,نمونه,,\n", 2, "national-code-length", 2, "national_code", E, rejected, basic_header, padding},
    {"11 digits", "E1,00123456790,علی,نمونه,,\n", 2, "national-code-length", 2, "national_code", E, rejected},

    // Duplicates: the later row is the error.
    {"duplicate employee code", ok + "E1,0135792460,رضا,نمونه,,\n", 3, "duplicate-employee-code", 1, "employee_id", E, rejected},
    {"duplicate employee code in other case", ok + "e1,0135792460,رضا,نمونه,,\n", 3, "duplicate-employee-code", 1, "employee_id", E, rejected},
    {"duplicate national code", ok + "E2,0012345679,رضا,نمونه,,\n", 3, "duplicate-national-code", 2, "national_code", E, rejected},
    {"duplicate national code in Persian digits", ok + "E2,۰۰۱۲۳۴۵۶۷۹,رضا,نمونه,,\n", 3, "duplicate-national-code", 2, "national_code", E, rejected},
    {"duplicate national code once padded", "E1,0135792460,علی,نمونه,,\nE2,135792460,رضا,نمونه,,\n", 3, "duplicate-national-code", 2, "national_code", E, rejected, basic_header, padding},
    {"names differing only by ZWNJ", "E1,0012345679,علی,نمونه\u200Cزاده,,\nE2,0135792460,علی,نمونهزاده,,\n", 3, "name-zwnj-variant", 4, "last_name", W, accepted},

    // Gender and status columns.
    {"unknown gender", "E1,0012345679,علی,نمونه,,,x,\n", 2, "gender-unknown", 7, "جنسیت", W, accepted, wide_header},
    {"unknown status", "E1,0012345679,علی,نمونه,,,,maybe\n", 2, "status-unknown", 8, "وضعیت", E, rejected, wide_header},
    {"retired", "E1,0012345679,علی,نمونه,,,,retired\n", 2, "status-inactive", 8, "وضعیت", I, skipped, wide_header},
    {"inactive", "E1,0012345679,علی,نمونه,,,,Inactive\n", 2, "status-inactive", 8, "وضعیت", I, skipped, wide_header},
    {"بازنشسته", "E1,0012345679,علی,نمونه,,,,بازنشسته\n", 2, "status-inactive", 8, "وضعیت", I, skipped, wide_header},
    {"غیرفعال", "E1,0012345679,علی,نمونه,,,,غیرفعال\n", 2, "status-inactive", 8, "وضعیت", I, skipped, wide_header},
    {"inactive with an error elsewhere", "E1,123,علی,\x01,,,,غير فعال\n", 2, "status-inactive", 8, "وضعیت", I, skipped, wide_header},

    // A row of empty cells, as spreadsheets export formatted but empty rows.
    {"empty row", ok + ",,,,,\n", 3, "empty-row", 0, "", I, skipped},
    {"empty row of spaces", ok + " , ,\t,,,\n", 3, "empty-row", 0, "", I, skipped},
};
// clang-format on

// Every code a row can get from the validator, the normaliser and the national code
// checks; the table above must hold each one.
const std::vector<std::string> row_finding_codes = {
    "required-field-empty",
    "employee-code-format",
    "field-too-long",
    "control-character",
    "field-count",
    "csv-bare-quote",
    "csv-text-after-quote",
    "csv-unterminated-quote",
    "invalid-encoding",
    "text-normalised",
    "national-code-leading-zeros",
    "national-code-padded",
    "national-code-checksum",
    "national-code-scientific",
    "national-code-format",
    "national-code-placeholder",
    "national-code-apostrophe",
    "national-code-length",
    "duplicate-employee-code",
    "duplicate-national-code",
    "name-zwnj-variant",
    "gender-unknown",
    "status-unknown",
    "status-inactive",
    "empty-row",
};

}  // namespace

TEST_SUITE("roster row validator")
{
    TEST_CASE("each rule reports its code at the row's line, column and header name")
    {
        for (const RuleCase& rule : rule_cases) {
            CAPTURE(std::string(rule.what));
            ReadResult result = read_bytes(rule.header + rule.rows, rule.options);
            const RosterRow* row = row_at(result, rule.line);
            REQUIRE(row != nullptr);
            const Finding* finding = find_code(*row, rule.code);
            REQUIRE(finding != nullptr);
            CHECK(finding->severity == rule.severity);
            CHECK(finding->where.line == rule.line);
            CHECK(finding->where.column == rule.column);
            CHECK(finding->where.field == rule.field);
            CHECK(finding->where.source.find("roster.csv") != std::string::npos);
            CHECK(row->disposition == rule.disposition);
            if (rule.disposition != Disposition::accepted && rule.severity != Severity::warning) {
                CHECK(row->reason_code == rule.code);
                CHECK(row->reason == finding->message);
            }
            CHECK(result.rows_read == static_cast<long>(result.rows.size()));
        }
    }

    TEST_CASE("the rule table covers every finding code a row can get")
    {
        for (const std::string& code : row_finding_codes) {
            CAPTURE(code);
            bool covered =
                std::any_of(rule_cases.begin(), rule_cases.end(), [&](const RuleCase& rule) {
                    return code == rule.code;
                });
            CHECK(covered);
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
                CHECK(row.reason_code == "status-inactive");
                CHECK_FALSE(has_errors(row.findings));
            }
            if (item.disposition == Disposition::rejected) {
                CHECK(row.reason_code == "status-unknown");
            }
        }
    }

    TEST_CASE("a skipped row is not judged further and takes no part in the duplicate checks")
    {
        std::string rows = wide_header + "E1,0012345679,علی,نمونه,,,,retired\n"
                           + "E1,0012345679,علی,نمونه,,,,active\n" + "E3,123,\x01,,,,,بازنشسته\n";
        ReadResult result = read_bytes(rows);
        REQUIRE(result.rows.size() == 3);

        const RosterRow& retired = result.rows[0];
        CHECK(retired.disposition == Disposition::skipped);
        CHECK(retired.reason_code == "status-inactive");
        CHECK(retired.reason == "status \"retired\" says the employee is not active; skipped");
        CHECK(codes_of(retired) == std::vector<std::string>{"status-inactive"});

        CHECK(result.rows[1].disposition == Disposition::accepted);
        CHECK(result.rows[1].findings.empty());

        // The control character is still listed so the source can be fixed, but a row
        // that prints nothing has no error: render and validate agree on that.
        const RosterRow& bad_but_retired = result.rows[2];
        CHECK(bad_but_retired.disposition == Disposition::skipped);
        CHECK_FALSE(has_errors(bad_but_retired.findings));
        const Finding* control = find_code(bad_but_retired, "control-character");
        REQUIRE(control != nullptr);
        CHECK(control->severity == Severity::warning);
        CHECK(find_code(bad_but_retired, "national-code-length") == nullptr);
    }

    TEST_CASE("a row of empty cells is skipped, a row whose only bytes were broken is not")
    {
        ReadOptions utf8;
        utf8.encoding = "utf-8";
        ReadResult result = read_bytes(basic_header + ",,,,,\n" + ",\xFF,,,,\n", utf8);
        REQUIRE(result.rows.size() == 2);
        CHECK(result.rows[0].disposition == Disposition::skipped);
        CHECK(result.rows[0].reason == "row holds no value; skipped");
        CHECK(result.rows[1].disposition == Disposition::rejected);
        CHECK(find_code(result.rows[1], "invalid-encoding") != nullptr);
    }

    TEST_CASE("names that differ only by ZWNJ are warned about, namesakes are not")
    {
        std::string rows = basic_header + "E1,0012345679,علی,نمونه\u200Cزاده,,\n"
                           + "E2,0135792460,علی,نمونه\u200Cزاده,,\n"
                           + "E3,0024681350,علی,نمونهزاده,,\n";
        ReadResult result = read_bytes(rows);
        REQUIRE(result.rows.size() == 3);
        CHECK(result.rows[1].findings.empty());
        const Finding* variant = find_code(result.rows[2], "name-zwnj-variant");
        REQUIRE(variant != nullptr);
        CHECK(
            variant->message
            == "name differs from the one on line 2 only by zero-width non-joiners; if both "
               "rows are one person, use one spelling in the source");
        CHECK(result.rows[2].employee.last_name == "نمونهزاده");
        CHECK(result.rows[2].disposition == Disposition::accepted);
    }

    TEST_CASE("a broken byte inside a field that spans lines names the line it is on")
    {
        ReadOptions utf8;
        utf8.encoding = "utf-8";
        ReadResult result =
            read_bytes(basic_header + "E1,0012345679,علی,نمونه,\"مدیر\nار\xFFشد\",\n", utf8);
        const Finding* bad = find_code(result.rows.at(0), "invalid-encoding");
        REQUIRE(bad != nullptr);
        CHECK(bad->where.line == 2);
        CHECK(bad->where.column == 5);
        CHECK(
            bad->message
            == "not valid UTF-8 on line 3 at byte offset 110 (first bad byte 0xFF); try "
               "--encoding windows-1256");
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
