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
// digits with zeros, as --pad-national-code asks. Messages never include the value.
NationalCodeCheck check_national_code(std::string_view value, bool pad);

}  // namespace placard::roster
