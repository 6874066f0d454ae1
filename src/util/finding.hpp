#pragma once

#include <string>
#include <vector>

namespace placard {

enum class Severity { info, warning, error };

const char* severity_name(Severity severity);

// Where a finding or an error was seen. For CSV rosters `line` is the 1-based physical
// line where the record starts and `column` the 1-based field number; for SQLite rosters
// `line` is the row's ordinal in the result and `source` names the database and table.
struct SourceLocation {
    std::string source = {};
    long line = 0;
    long column = 0;
    std::string field = {};  // the column's header name (or the canonical field name)
    bool is_row = false;     // `line` counts result rows (SQLite), not lines of text
};

// "line" or "row", as the location counts.
const char* line_word(const SourceLocation& where);

// One problem found in the input data. Expected data problems are values, not
// exceptions: the batch decides whether an error rejects a row or stops the run.
struct Finding {
    Severity severity = Severity::error;
    std::string code;  // stable, kebab-case, e.g. "national-code-checksum"
    std::string message;
    SourceLocation where;
};

// "path:line:col: severity: message (field "name")", the compiler style that editors
// and CI logs make clickable.
std::string format_finding(const Finding& finding);

bool has_errors(const std::vector<Finding>& findings);

}  // namespace placard
