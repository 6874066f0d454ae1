#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace placard::batch {

// A file name for each group of a split run, made from the group's value but safe
// whatever the roster holds: a number first (so names are distinct and sort in print
// order, and none is "." or ".." or hidden), no path separator, no control or other
// invisible character, at most `max_file_name_bytes` bytes of UTF-8, ending in ".pdf".
// An empty value is named "no-value".
std::vector<std::string> split_file_names(const std::vector<std::string>& group_values);

inline constexpr std::size_t max_file_name_bytes = 120;

// Makes the folder a split run writes into, or checks the one that is there. Throws
// placard::Error if the path is a file or a symbolic link, or if the folder already
// holds PDFs, a manifest or a rejects list: a print shop printing FOLDER/*.pdf would
// print an earlier run's placards, some of them revoked since, with the new ones.
// The rejects list of a split run, in its folder unless --rejects names another place.
inline constexpr const char* split_rejects_name = "rejects.csv";

// True when it made the folder.
bool prepare_split_folder(const std::filesystem::path& folder);

// A split run's folder for the length of the run: checked and made (prepare_split_folder)
// when constructed; if this run made it and it is still empty when the object goes (the
// run failed before writing anything, or had nothing to write), it is removed again.
class SplitFolder {
public:
    explicit SplitFolder(std::filesystem::path folder);
    ~SplitFolder();
    SplitFolder(const SplitFolder&) = delete;
    SplitFolder& operator=(const SplitFolder&) = delete;

private:
    std::filesystem::path folder_;
    bool made_ = false;
};

// Why `id` cannot be a batch id, or an empty string if it can. A batch id goes into file
// and folder names ({batch}) and into footers, so it is 1 to 64 of A-Z, a-z, 0-9, ".",
// "_" and "-", and does not start with a dot: no path, no "..", no control character.
std::string batch_id_problem(std::string_view id);

// One row of a split run's manifest.
struct ManifestEntry {
    std::string file;  // name inside the output folder
    std::string group;
    long placards = 0;
    long pages = 0;
    std::string sha256;
};

// The rejects list of a split run, as manifest.json names it.
struct ManifestRejects {
    std::string file;  // its name in the output folder, or its absolute path elsewhere
    long rows = 0;     // rejected rows it lists, its header not counted
};

// `rejects` (written under --skip-invalid) as seen from the output `folder`: a name, when
// it lies in the folder (the default), else the absolute path --rejects led to.
ManifestRejects manifest_rejects(
    const std::filesystem::path& folder, const std::filesystem::path& rejects, long rows);

// manifest.csv (UTF-8 with BOM, formula-safe cells) and manifest.json. Only the JSON one
// names the rejects list ("rejects", null when none was written): every row of the CSV
// one is a PDF to print.
std::string manifest_csv(const std::vector<ManifestEntry>& entries);
std::string manifest_json(
    const std::vector<ManifestEntry>& entries,
    const std::string& batch_id,
    const std::string& split_field,
    const std::optional<ManifestRejects>& rejects);

}  // namespace placard::batch
