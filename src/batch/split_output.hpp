#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace placard::batch {

// A file name for each group of a split run, made from the group's value but safe
// whatever the roster holds: a number first (so names are distinct and sort in print
// order, and none is "." or ".." or hidden), no path separator, no control or other
// invisible character, at most `max_file_name_bytes` bytes of UTF-8, ending in ".pdf".
// An empty value is named "no-value".
std::vector<std::string> split_file_names(const std::vector<std::string>& group_values);

inline constexpr std::size_t max_file_name_bytes = 120;

// One row of a split run's manifest.
struct ManifestEntry {
    std::string file;  // name inside the output folder
    std::string group;
    long placards = 0;
    long pages = 0;
    std::string sha256;
};

// manifest.csv (UTF-8 with BOM, formula-safe cells) and manifest.json.
std::string manifest_csv(const std::vector<ManifestEntry>& entries);
std::string manifest_json(
    const std::vector<ManifestEntry>& entries,
    const std::string& batch_id,
    const std::string& split_field);

}  // namespace placard::batch
