#include "roster/national_code.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace placard::roster;

namespace {

std::vector<std::string> codes_of(const NationalCodeCheck& check)
{
    std::vector<std::string> codes;
    for (const FieldIssue& issue : check.issues) {
        codes.push_back(issue.code);
    }
    return codes;
}

using Codes = std::vector<std::string>;

struct Case04Row {
    int line;
    const char* value;
    const char* kept;         // value kept without padding
    Codes codes;              // without padding
    const char* padded_kept;  // value kept with padding
    Codes padded_codes;       // with padding
};

// Every row of case 04, as its expected.md describes it.
// clang-format off
const std::vector<Case04Row> case04 = {
    {2, "0012345679", "0012345679", {}, "0012345679", {}},
    {3, "135792460", "135792460", {"national-code-leading-zeros"}, "0135792460",
        {"national-code-padded"}},
    {4, "24681350", "24681350", {"national-code-leading-zeros"}, "0024681350",
        {"national-code-padded"}},
    {5, "'0088008800", "0088008800", {"national-code-apostrophe"}, "0088008800",
        {"national-code-apostrophe"}},
    {6, "3141592658", "3141592658", {"national-code-checksum"}, "3141592658",
        {"national-code-checksum"}},
    {7, "3.14159E+09", "3.14159E+09", {"national-code-scientific"}, "3.14159E+09",
        {"national-code-scientific"}},
    {8, "1111111111", "1111111111", {"national-code-placeholder"}, "1111111111",
        {"national-code-placeholder"}},
    {9, "7312644", "7312644", {"national-code-length"}, "7312644", {"national-code-length"}},
};
// clang-format on

}  // namespace

TEST_SUITE("roster national code")
{
    TEST_CASE("national code check digit follows the weighted sum mod 11")
    {
        CHECK(national_code_checksum_ok("0012345679"));
        CHECK(national_code_checksum_ok("0135792460"));
        CHECK(national_code_checksum_ok("0024681350"));
        CHECK(national_code_checksum_ok("4040404041"));
        CHECK(national_code_checksum_ok("3141592659"));
        CHECK_FALSE(national_code_checksum_ok("3141592658"));
        CHECK_FALSE(national_code_checksum_ok("0024681351"));
        CHECK_FALSE(national_code_checksum_ok("012345679"));
        CHECK_FALSE(national_code_checksum_ok("00123456a9"));
    }

    TEST_CASE("national code check digit is r itself when r is 0 or 1")
    {
        // 1 * 3 + 4 * 2 = 11: r = 0, check 0.
        CHECK(national_code_checksum_ok("0000000140"));
        CHECK_FALSE(national_code_checksum_ok("0000000141"));
        // 2 * 3 + 3 * 2 = 12: r = 1, check 1.
        CHECK(national_code_checksum_ok("0000000231"));
        CHECK_FALSE(national_code_checksum_ok("0000000230"));
        // 1 * 10 = 10: r = 10, check 11 - 10 = 1.
        CHECK(national_code_checksum_ok("1000000001"));
        // 1 * 2 = 2: r = 2, check 9.
        CHECK(national_code_checksum_ok("0000000019"));
    }

    TEST_CASE("every row of case 04, with and without padding")
    {
        for (const Case04Row& row : case04) {
            CAPTURE(row.line);
            NationalCodeCheck plain = check_national_code(row.value, false);
            CHECK(plain.code == row.kept);
            CHECK(codes_of(plain) == row.codes);

            NationalCodeCheck padded = check_national_code(row.value, true);
            CHECK(padded.code == row.padded_kept);
            CHECK(codes_of(padded) == row.padded_codes);
        }
    }

    TEST_CASE("national code messages never hold the value")
    {
        for (const Case04Row& row : case04) {
            for (bool pad : {false, true}) {
                for (const FieldIssue& issue : check_national_code(row.value, pad).issues) {
                    CAPTURE(issue.message);
                    std::string digits =
                        std::string(row.value).substr(row.value[0] == '\'' ? 1 : 0);
                    if (digits.size() > 3) {
                        CHECK(issue.message.find(digits) == std::string::npos);
                    }
                    CHECK(issue.message.find(row.padded_kept) == std::string::npos);
                }
            }
        }
    }

    TEST_CASE("national code errors have their exact wording and a redacted value")
    {
        CHECK(
            check_national_code("135792460", false).issues.at(0).message
            == "national code 13*****60 has 9 digits, expected 10; a spreadsheet probably "
               "removed leading zeros: use --pad-national-code or re-export the column as text");
        CHECK(
            check_national_code("3.14159E+09", false).issues.at(0).message
            == "national code 3.*******09 looks like scientific notation; the original digits "
               "are lost, re-export the column as text");
        CHECK(
            check_national_code("3141592658", false).issues.at(0).message
            == "national code 31******58 has a check digit that does not match; check the value "
               "against the source record");
        CHECK(
            check_national_code("7312644", false).issues.at(0).message
            == "national code 7*****4 has 7 digits, expected 10");
        CHECK(
            check_national_code("24681350", true).issues.at(0).message
            == "national code 24****50 of 8 digits padded with 2 leading zeros to 10 digits; "
               "fix the source so the zeros are kept");
        CHECK(
            check_national_code("1111111111", false).issues.at(0).message
            == "national code 11******11 has all ten digits equal and looks like a placeholder; "
               "check it against the source record");
        CHECK(
            check_national_code("00123X5679", false).issues.at(0).message
            == "national code must be 10 digits, found 00******79, 10 characters that are not "
               "all digits");
    }

    TEST_CASE("redaction keeps the ends of a value and masks the rest by character")
    {
        CHECK(redact_national_code("0012345679") == "00******79");
        CHECK(redact_national_code("123456") == "1****6");
        CHECK(redact_national_code("123") == "***");
        CHECK(redact_national_code("") == "");
        CHECK(redact_national_code("۰۰۱۲۳۴۵۶۷۹x") == "۰۰*******۹x");
        CHECK(
            redact_national_code("12\x01"
                                 "4567")
            == "1*****7");
    }

    TEST_CASE("one summary line counts the rows whose national code lost its leading zeros")
    {
        CHECK(is_short_national_code("national-code-leading-zeros"));
        CHECK(is_short_national_code("national-code-padded"));
        CHECK_FALSE(is_short_national_code("national-code-length"));
        CHECK(
            short_national_codes_summary(4, false)
            == "4 rows have a national code of 8 or 9 digits; a spreadsheet probably removed "
               "the leading zeros: re-export the column as text, or use --pad-national-code");
        CHECK(
            short_national_codes_summary(1, false)
            == "1 row has a national code of 8 or 9 digits; a spreadsheet probably removed the "
               "leading zeros: re-export the column as text, or use --pad-national-code");
        CHECK(
            short_national_codes_summary(4, true)
            == "4 rows had a national code of 8 or 9 digits, padded with leading zeros; a "
               "spreadsheet probably removed them: export the column as text at the source");
    }

    TEST_CASE("valid national codes pass with no finding, leading zeros and all")
    {
        for (const char* value :
             {"0012345679",
              "0135792460",
              "0024681350",
              "4040404041",
              "3141592659",
              "0000000140",
              "0000000231",
              "1000000001"}) {
            CAPTURE(std::string(value));
            NationalCodeCheck check = check_national_code(value, false);
            CHECK(check.issues.empty());
            CHECK(check.code == value);
            CHECK(check_national_code(value, true).issues.empty());
        }
    }

    TEST_CASE("all-equal digits pass the check digit but get a warning, for every digit")
    {
        for (char digit = '0'; digit <= '9'; ++digit) {
            std::string value(10, digit);
            CAPTURE(value);
            NationalCodeCheck check = check_national_code(value, false);
            REQUIRE(check.issues.size() == 1);
            CHECK(check.issues[0].code == "national-code-placeholder");
            CHECK(check.issues[0].severity == placard::Severity::warning);
        }
    }

    TEST_CASE("scientific notation in the forms spreadsheets write is caught")
    {
        for (const char* value : {"3.14159E+09", "1.2E+09", "1,23457E+9", "9E9", "1.5e+009"}) {
            CAPTURE(std::string(value));
            CHECK(codes_of(check_national_code(value, false)) == Codes{"national-code-scientific"});
            CHECK(codes_of(check_national_code(value, true)) == Codes{"national-code-scientific"});
        }
    }

    TEST_CASE("only one leading apostrophe is dropped")
    {
        NationalCodeCheck one = check_national_code("'135792460", true);
        CHECK(one.code == "0135792460");
        CHECK(codes_of(one) == Codes{"national-code-apostrophe", "national-code-padded"});
        CHECK(one.issues.at(0).severity == placard::Severity::info);
    }

    TEST_CASE("a padded national code must still pass the check digit")
    {
        NationalCodeCheck check = check_national_code("135792461", true);
        CHECK(check.code == "0135792461");
        CHECK(codes_of(check) == Codes{"national-code-padded", "national-code-checksum"});
    }

    TEST_CASE("padding never applies to values that are not all digits")
    {
        for (const char* value : {"1357-9246", "13579246x", "12 345 678", "۱۳۵۷۹۲۴۶۰"}) {
            CAPTURE(std::string(value));
            NationalCodeCheck check = check_national_code(value, true);
            CHECK(check.code == value);
            CHECK(codes_of(check) == Codes{"national-code-format"});
        }
        CHECK(
            codes_of(check_national_code("3,14159E+09", true))
            == Codes{"national-code-scientific"});
        CHECK(codes_of(check_national_code("12345678901", true)) == Codes{"national-code-length"});
        CHECK(
            codes_of(check_national_code("''0012345679", false))
            == Codes{"national-code-apostrophe", "national-code-format"});
    }
}
