#pragma once

#include "support/run_placard.hpp"

#include <sys/resource.h>
#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace placard::test {

// What the child process gets besides its arguments: resource limits set after fork and
// before exec, so only placard feels them, and an optional user to run as.
struct ChildLimits {
    std::optional<rlim_t> file_size_bytes;  // RLIMIT_FSIZE: writes past it fail
    std::optional<rlim_t> cpu_seconds;      // RLIMIT_CPU: a runaway is killed, not waited for
    std::optional<rlim_t> open_files_soft;  // RLIMIT_NOFILE's soft limit; the hard one stays
    std::optional<rlim_t> open_files;       // RLIMIT_NOFILE, soft and hard
    std::optional<uid_t> run_as;            // drop root to this user and group before exec
};

struct LimitedRunResult : RunResult {
    long max_rss_kib = 0;  // the child's peak resident set, from wait4
    double wall_seconds = 0;
    int signal = 0;  // the signal that ended the child, or 0
};

// The exit code a child reports when it could not even start placard (for example
// because the user it runs as cannot reach the binary).
inline constexpr int exec_failed = 127;

// Runs the built placard binary like run_placard, under `limits`.
LimitedRunResult run_placard_limited(
    const std::vector<std::string>& arguments,
    const ChildLimits& limits,
    const std::filesystem::path& working_dir = {});

// The unprivileged user ("nobody") that tests switch to when they run as root, since root
// ignores permission bits.
inline constexpr uid_t unprivileged_uid = 65534;

}  // namespace placard::test
