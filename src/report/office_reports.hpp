#pragma once

#include "util/reporter.hpp"

#include <ctime>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace placard::report {

// One citizen's report that an office has no placard. City and agency narrow down which
// office is meant; empty, they match any. docs/coverage.md gives the format.
struct OfficeReport {
    long line = 0;
    std::string office;  // normalised as roster text is
    std::string city;
    std::string agency;
    std::optional<std::time_t> reported_at;
};

// Reads the reports file line by line and hands every usable report to `take`. A line
// without an office, with a time that is not ISO 8601, or with bytes that are not text,
// is a warning finding with its file and line; a bad time drops only the time. Returns
// the number of lines left out. Throws placard::Error when the file cannot be read or
// has no office column.
long read_office_reports(
    const std::filesystem::path& path,
    const std::function<void(const OfficeReport&)>& take,
    Reporter& reporter);

}  // namespace placard::report
