#pragma once

#include "report/coverage.hpp"

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace placard::report {

enum class CoverageFormat { table, csv, json, pdf };

// "table" (or "text"), "csv", "json", "pdf".
std::optional<CoverageFormat> parse_coverage_format(std::string_view name);

// A percentage with one decimal, rounded down, so "100.0" means every employee and a
// report never shows a full score that is not one.
std::string percent_text(const GroupFigures& figures);

// The readable table for a terminal: numbers first and the group name last on each line,
// so a right-to-left name cannot push the columns about.
void write_coverage_table(const CoverageReport& report, std::ostream& out);

// One CSV table for Excel and scripts: UTF-8 with a byte order mark, CRLF, one header;
// the first column says what each record is (group, total, uncovered, follow-up,
// reported-office). Cells that a spreadsheet would run as a formula are defused.
void write_coverage_csv(const CoverageReport& report, std::ostream& out);

// One JSON document for dashboards; docs/coverage.md lists its members.
void write_coverage_json(const CoverageReport& report, std::ostream& out);

}  // namespace placard::report
