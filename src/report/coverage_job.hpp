#pragma once

#include "report/coverage.hpp"
#include "report/coverage_builder.hpp"
#include "roster/roster_reader.hpp"
#include "util/reporter.hpp"

#include <ctime>
#include <filesystem>
#include <optional>
#include <string>

namespace placard::report {

struct CoverageOptions {
    std::string roster;  // the CSV file, or the SQLite database with read.sqlite_table
    roster::ReadOptions read;
    std::filesystem::path ledger;   // opened read-only; must exist
    std::filesystem::path scans;    // empty: no scan log
    std::filesystem::path reports;  // empty: no citizens' reports
    Grouping by{GroupBy::province};
    int stale_days = 30;
    std::time_t as_of = 0;  // 0: now
};

// The employee a roster row stands for, or nullopt for a skipped row (inactive, outside
// the filters, empty), which is nobody to cover. A rejected row is still an employee; the
// values its own checks refused are taken from its columns as they stand, so it is
// listed by code and grouped where it belongs, unless its field count is wrong and the
// columns cannot be trusted.
std::optional<RosterEntry> roster_entry(
    const roster::RosterRow& row, const roster::RosterReader& reader);

// Reads the roster (with the same options and filters as render), the ledger (read-only),
// the scan log and the reports, and computes the report. Findings about bad lines of the
// scan log and the reports go to `reporter`; roster rows are not reported again (that is
// validate's work): rejected rows appear in the report with their reason. Throws
// placard::Error when an input cannot be read.
CoverageReport compute_coverage(const CoverageOptions& options, Reporter& reporter);

}  // namespace placard::report
