#include "roster/national_code.hpp"

#include "roster/normalise.hpp"
#include "util/printable.hpp"

#include <fmt/format.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <vector>

namespace placard::roster {

namespace {

bool all_digits(std::string_view text)
{
    return !text.empty()
           && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Excel shows long numbers as 3.14159E+09 and keeps only those digits.
bool looks_scientific(std::string_view text)
{
    std::size_t e = text.find_first_of("eE");
    if (e == std::string_view::npos || e == 0) {
        return false;
    }
    std::string_view mantissa = text.substr(0, e);
    std::string_view exponent = text.substr(e + 1);
    if (!exponent.empty() && (exponent[0] == '+' || exponent[0] == '-')) {
        exponent.remove_prefix(1);
    }

    std::size_t point = mantissa.find_first_of(".,");
    std::string_view whole = mantissa.substr(0, point);
    std::string_view fraction =
        point == std::string_view::npos ? std::string_view() : mantissa.substr(point + 1);
    return all_digits(whole) && (fraction.empty() || all_digits(fraction)) && all_digits(exponent);
}

FieldIssue error(std::string code, std::string message)
{
    return FieldIssue{Severity::error, std::move(code), std::move(message)};
}

void check_ten_digits(NationalCodeCheck& result)
{
    if (!national_code_checksum_ok(result.code)) {
        result.issues.push_back(error(
            "national-code-checksum",
            fmt::format(
                "national code {} has a check digit that does not match; check the value "
                "against the source record",
                redact_national_code(result.code))));
        return;
    }
    if (std::all_of(
            result.code.begin(), result.code.end(), [&](char c) { return c == result.code[0]; })) {
        result.issues.push_back(FieldIssue{
            Severity::warning,
            "national-code-placeholder",
            fmt::format(
                "national code {} has all ten digits equal and looks like a placeholder; "
                "check it against the source record",
                redact_national_code(result.code))});
    }
}

void check_short(NationalCodeCheck& result, bool pad)
{
    std::size_t length = result.code.size();
    if (!pad) {
        result.issues.push_back(error(
            "national-code-leading-zeros",
            fmt::format(
                "national code {} has {} digits, expected 10; a spreadsheet probably removed "
                "leading zeros: use --pad-national-code or re-export the column as text",
                redact_national_code(result.code),
                length)));
        return;
    }

    result.code.insert(0, 10 - length, '0');
    result.issues.push_back(FieldIssue{
        Severity::warning,
        "national-code-padded",
        fmt::format(
            "national code {} of {} digits padded with {} leading zero{} to 10 digits; fix "
            "the source so the zeros are kept",
            redact_national_code(result.code.substr(10 - length)),
            length,
            10 - length,
            length == 9 ? "" : "s")});
    check_ten_digits(result);
}

}  // namespace

bool national_code_checksum_ok(std::string_view digits)
{
    if (digits.size() != 10 || !all_digits(digits)) {
        return false;
    }
    int sum = 0;
    for (std::size_t i = 0; i < 9; ++i) {
        sum += (digits[i] - '0') * static_cast<int>(10 - i);
    }
    int r = sum % 11;
    int check = r < 2 ? r : 11 - r;
    return digits[9] - '0' == check;
}

NationalCodeCheck check_national_code(std::string_view value, bool pad)
{
    NationalCodeCheck result;
    if (!value.empty() && value[0] == '\'') {
        value.remove_prefix(1);
        result.issues.push_back(FieldIssue{
            Severity::info,
            "national-code-apostrophe",
            "leading apostrophe dropped from the national code (a spreadsheet text marker)"});
    }
    result.code = std::string(value);

    if (looks_scientific(value)) {
        result.issues.push_back(error(
            "national-code-scientific",
            fmt::format(
                "national code {} looks like scientific notation; the original digits are "
                "lost, re-export the column as text",
                redact_national_code(value))));
    } else if (!all_digits(value)) {
        result.issues.push_back(error(
            "national-code-format",
            fmt::format(
                "national code must be 10 digits, found {}, {} characters that are not all "
                "digits",
                redact_national_code(value),
                code_point_count(value))));
    } else if (value.size() == 10) {
        check_ten_digits(result);
    } else if (value.size() == 8 || value.size() == 9) {
        check_short(result, pad);
    } else {
        result.issues.push_back(error(
            "national-code-length",
            fmt::format(
                "national code {} has {} digits, expected 10",
                redact_national_code(value),
                value.size())));
    }
    return result;
}

std::string redact_national_code(std::string_view value)
{
    std::vector<std::string_view> characters;
    auto length = static_cast<int32_t>(value.size());
    const auto* bytes = reinterpret_cast<const uint8_t*>(value.data());
    for (int32_t i = 0; i < length;) {
        int32_t start = i;
        U8_FWD_1(bytes, i, length);
        characters.push_back(
            value.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
    }

    std::size_t count = characters.size();
    std::size_t kept = count >= 8 ? 2 : count >= 4 ? 1 : 0;
    std::string redacted;
    for (std::size_t i = 0; i < count; ++i) {
        bool shown = i < kept || i >= count - kept;
        redacted += shown ? std::string(characters[i]) : "*";
    }
    return printable(redacted);
}

bool is_short_national_code(std::string_view finding_code)
{
    return finding_code == "national-code-leading-zeros" || finding_code == "national-code-padded";
}

std::string short_national_codes_summary(long rows, bool padded)
{
    if (padded) {
        return fmt::format(
            "{} row{} had a national code of 8 or 9 digits, padded with leading zeros; a "
            "spreadsheet probably removed them: export the column as text at the source",
            rows,
            rows == 1 ? "" : "s");
    }
    return fmt::format(
        "{} row{} {} a national code of 8 or 9 digits; a spreadsheet probably removed the "
        "leading zeros: re-export the column as text, or use --pad-national-code",
        rows,
        rows == 1 ? "" : "s",
        rows == 1 ? "has" : "have");
}

}  // namespace placard::roster
