#pragma once

#include "util/reporter.hpp"

#include <cstdint>
#include <ctime>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace placard::report {

// One line of the survey server's export: the scans of one placard (key id, employee,
// generation: the identity its URL carries). docs/coverage.md gives the format.
struct ScanRecord {
    long line = 0;
    std::string employee_code;  // ASCII upper case, as URLs compare codes
    std::string kid;
    std::uint32_t generation = 0;
    std::optional<std::time_t> first_scan;  // both empty: listed, but never scanned
    std::optional<std::time_t> last_scan;

    bool scanned() const { return first_scan.has_value() || last_scan.has_value(); }
};

// Reads the scan log line by line and hands every good line to `take`. A bad line (a
// missing field, a generation that is not a number, a time that is not ISO 8601 with a
// zone, bytes that are not text) is a warning finding with its file and line, and the
// line is left out. Returns the number of bad lines. Throws placard::Error when the file
// cannot be read or a required column is missing from its header.
long read_scan_log(
    const std::filesystem::path& path,
    const std::function<void(const ScanRecord&)>& take,
    Reporter& reporter);

}  // namespace placard::report
