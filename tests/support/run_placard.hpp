#pragma once

#include "support/temp_dir.hpp"

#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace placard::test {

struct RunResult {
    int exit_code = -1;  // 128 + the signal number when a signal ended the run
    std::string out;     // stdout
    std::string err;     // stderr
};

// The built placard binary running in the background, for tests that race two runs or
// kill one part way. Both streams go to files until wait() reads them. A process still
// running when the object goes away is killed and reaped, so a failed check never
// leaves a child behind.
class PlacardProcess {
public:
    PlacardProcess(
        const std::vector<std::string>& arguments,
        const std::filesystem::path& working_dir = {},
        const std::vector<std::string>& environment = {});
    ~PlacardProcess();
    PlacardProcess(const PlacardProcess&) = delete;
    PlacardProcess& operator=(const PlacardProcess&) = delete;

    pid_t pid() const { return pid_; }

    // True until the process has ended (and then it has been reaped).
    bool running();

    // SIGKILL, as an out-of-memory killer or a power cut would stop it, then reaps it.
    void kill();

    // Waits for the end and returns the exit code and both streams.
    RunResult wait();

private:
    void reap(int options);

    std::unique_ptr<TempDir> capture_;
    pid_t pid_ = -1;
    bool ended_ = false;
    int status_ = 0;
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
