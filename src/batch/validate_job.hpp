#pragma once

#include "roster/roster_reader.hpp"

#include <filesystem>
#include <map>
#include <ostream>
#include <string>

namespace placard::batch {

enum class FindingFormat { text, json, csv };

FindingFormat parse_finding_format(const std::string& name);

struct ValidationSummary {
    long rows = 0;
    long accepted = 0;
    long rejected = 0;
    long skipped = 0;
    long errors = 0;
    long warnings = 0;
    std::map<std::string, long> count_by_code;
};

// Reads the roster exactly as render does and writes every finding to `out` as it is
// found (text, JSON or CSV), so memory stays flat however many rows are bad.
ValidationSummary validate_roster(
    const std::filesystem::path& roster,
    const roster::ReadOptions& options,
    FindingFormat format,
    std::ostream& out);

}  // namespace placard::batch
