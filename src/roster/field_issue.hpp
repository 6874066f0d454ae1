#pragma once

#include "util/finding.hpp"

#include <string>

namespace placard::roster {

// A problem with one value, before it is placed in a file: the row validator adds the
// location (line, column, header name) when it turns the issue into a Finding.
struct FieldIssue {
    Severity severity = Severity::error;
    std::string code;
    std::string message;
};

}  // namespace placard::roster
