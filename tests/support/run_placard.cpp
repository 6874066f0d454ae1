#include "support/run_placard.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>

extern char** environ;

namespace placard::test {

namespace {

// posix_spawn wants arrays of mutable C strings ending in a null pointer.
std::vector<char*> c_strings(std::vector<std::string>& words)
{
    std::vector<char*> pointers;
    for (std::string& word : words) {
        pointers.push_back(word.data());
    }
    pointers.push_back(nullptr);
    return pointers;
}

std::vector<std::string> environment_with(const std::vector<std::string>& extra)
{
    std::vector<std::string> entries;
    for (char** e = environ; *e != nullptr; ++e) {
        entries.emplace_back(*e);
    }
    entries.insert(entries.end(), extra.begin(), extra.end());
    return entries;
}

}  // namespace

PlacardProcess::PlacardProcess(
    const std::vector<std::string>& arguments,
    const std::filesystem::path& working_dir,
    const std::vector<std::string>& environment)
    : capture_(std::make_unique<TempDir>())
{
    std::string out_path = (*capture_ / "stdout").string();
    std::string err_path = (*capture_ / "stderr").string();
    std::vector<std::string> command = {PLACARD_BINARY};
    command.insert(command.end(), arguments.begin(), arguments.end());
    std::vector<std::string> env_strings = environment_with(environment);
    std::vector<char*> argv = c_strings(command);
    std::vector<char*> envp = c_strings(env_strings);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(
        &actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(
        &actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (!working_dir.empty()) {
        posix_spawn_file_actions_addchdir_np(&actions, working_dir.c_str());
    }
    int failed = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (failed != 0) {
        throw std::runtime_error("cannot start " + command[0]);
    }
}

PlacardProcess::~PlacardProcess()
{
    if (!ended_) {
        kill();
    }
}

void PlacardProcess::reap(int options)
{
    if (ended_) {
        return;
    }
    pid_t done = 0;
    do {
        done = waitpid(pid_, &status_, options);
    } while (done < 0 && errno == EINTR);
    if (done == pid_) {
        ended_ = true;
    } else if (done < 0) {
        throw std::runtime_error("waitpid failed for placard process " + std::to_string(pid_));
    }
}

bool PlacardProcess::running()
{
    reap(WNOHANG);
    return !ended_;
}

void PlacardProcess::kill()
{
    if (!ended_) {
        ::kill(pid_, SIGKILL);
        reap(0);
    }
}

RunResult PlacardProcess::wait()
{
    reap(0);
    RunResult result;
    result.exit_code = WIFEXITED(status_) ? WEXITSTATUS(status_) : 128 + WTERMSIG(status_);
    result.out = read_file(*capture_ / "stdout");
    result.err = read_file(*capture_ / "stderr");
    return result;
}

RunResult run_placard(
    const std::vector<std::string>& arguments,
    const std::filesystem::path& working_dir,
    const std::vector<std::string>& environment)
{
    return PlacardProcess(arguments, working_dir, environment).wait();
}

std::vector<std::string> files_starting_with(
    const std::filesystem::path& folder, const std::string& prefix)
{
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        std::string name = entry.path().filename().string();
        if (name.rfind(prefix, 0) == 0) {
            names.push_back(name);
        }
    }
    return names;
}

}  // namespace placard::test
