#include "util/finding.hpp"

#include "util/printable.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace placard {

const char* severity_name(Severity severity)
{
    switch (severity) {
    case Severity::info:
        return "info";
    case Severity::warning:
        return "warning";
    case Severity::error:
        return "error";
    }
    return "error";
}

const char* line_word(const SourceLocation& where)
{
    return where.is_row ? "row" : "line";
}

// "roster.csv:12:3" for text files (what editors jump to); "hr.sqlite (table staff): row
// 12" for database rows, whose column is named by the field that follows.
std::string format_location(const SourceLocation& where)
{
    std::string text = printable(where.source);
    if (where.is_row) {
        if (where.line > 0) {
            text += fmt::format(": row {}", where.line);
        }
        return text;
    }
    if (where.line > 0) {
        text += fmt::format(":{}", where.line);
        if (where.column > 0) {
            text += fmt::format(":{}", where.column);
        }
    }
    return text;
}

std::string format_finding(const Finding& finding)
{
    std::string text = format_location(finding.where);
    if (!text.empty()) {
        text += ": ";
    }
    text += fmt::format("{}: {}", severity_name(finding.severity), finding.message);
    if (!finding.where.field.empty()) {
        text += fmt::format(" (field \"{}\")", printable(finding.where.field));
    }
    return text;
}

bool has_errors(const std::vector<Finding>& findings)
{
    return std::any_of(findings.begin(), findings.end(), [](const Finding& finding) {
        return finding.severity == Severity::error;
    });
}

}  // namespace placard
