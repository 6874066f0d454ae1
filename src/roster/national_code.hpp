#pragma once

#include "roster/field_issue.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace placard::roster {

// True if `digits` is 10 ASCII digits whose last one is the check digit of the first
// nine: weights 10..2, r = sum mod 11, check = r when r < 2, else 11 - r.
bool national_code_checksum_ok(std::string_view digits);

struct NationalCodeCheck {
    std::string code;  // the value to keep (apostrophe dropped, padded if asked)
    std::vector<FieldIssue> issues;
};

// Checks a national code already normalised (ASCII digits). `pad` left-pads 8 or 9
// digits with zeros, as --pad-national-code asks. Messages name the value only in its
// redacted form, never whole.
NationalCodeCheck check_national_code(std::string_view value, bool pad);

// The value with all but its first two and last two characters masked ("13*****60"),
// fewer kept when it is short: enough for HR to find it, too little to identify anyone.
std::string redact_national_code(std::string_view value);

// The finding codes of a national code that had 8 or 9 digits, padded or not.
bool is_short_national_code(std::string_view finding_code);

// One line for the end of a run, so HR sees at once that a spreadsheet stripped the
// leading zeros of many codes: "4 rows have a national code of 8 or 9 digits; ...".
std::string short_national_codes_summary(long rows, bool padded);

}  // namespace placard::roster
