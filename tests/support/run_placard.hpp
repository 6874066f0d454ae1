#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace placard::test {

struct RunResult {
    int exit_code = -1;
    std::string out;  // stdout
    std::string err;  // stderr
};

// Runs the built placard binary with these arguments (no shell), optionally with extra
// environment variables ("NAME=value"), in `working_dir`, and captures both streams.
RunResult run_placard(
    const std::vector<std::string>& arguments,
    const std::filesystem::path& working_dir = {},
    const std::vector<std::string>& environment = {});

// The files in a folder whose names start with `prefix` (e.g. leftover temporary files).
std::vector<std::string> files_starting_with(
    const std::filesystem::path& folder, const std::string& prefix);

}  // namespace placard::test
