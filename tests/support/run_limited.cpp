#include "support/run_limited.hpp"

#include "support/temp_dir.hpp"

#include <fcntl.h>
#include <grp.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>

namespace placard::test {

namespace {

void redirect(int target, const char* path, int flags)
{
    int fd = ::open(path, flags, 0600);
    if (fd < 0 || ::dup2(fd, target) < 0) {
        ::_exit(exec_failed);
    }
    ::close(fd);
}

void set_limit(int resource, const std::optional<rlim_t>& value)
{
    if (!value) {
        return;
    }
    struct rlimit limit = {*value, *value};
    if (::setrlimit(resource, &limit) != 0) {
        ::_exit(exec_failed);
    }
}

// Lowers only the soft limit, which the process may raise again up to the hard one.
void set_soft_limit(int resource, const std::optional<rlim_t>& value)
{
    struct rlimit limit {};

    if (!value) {
        return;
    }
    if (::getrlimit(resource, &limit) != 0) {
        ::_exit(exec_failed);
    }
    limit.rlim_cur = *value;
    if (::setrlimit(resource, &limit) != 0) {
        ::_exit(exec_failed);
    }
}

void drop_privileges(const std::optional<uid_t>& user)
{
    if (!user) {
        return;
    }
    if (::setgroups(0, nullptr) != 0 || ::setgid(*user) != 0 || ::setuid(*user) != 0) {
        ::_exit(exec_failed);
    }
}

// Runs in the forked child: only async-signal-safe calls until exec.
[[noreturn]] void start_child(
    char** argv,
    const ChildLimits& limits,
    const std::filesystem::path& working_dir,
    const std::string& out_path,
    const std::string& err_path)
{
    redirect(0, "/dev/null", O_RDONLY);
    redirect(1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC);
    redirect(2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC);
    if (!working_dir.empty() && ::chdir(working_dir.c_str()) != 0) {
        ::_exit(exec_failed);
    }
    set_limit(RLIMIT_FSIZE, limits.file_size_bytes);
    set_limit(RLIMIT_CPU, limits.cpu_seconds);
    set_soft_limit(RLIMIT_NOFILE, limits.open_files_soft);
    set_limit(RLIMIT_NOFILE, limits.open_files);
    drop_privileges(limits.run_as);
    ::execv(argv[0], argv);
    ::_exit(exec_failed);
}

}  // namespace

LimitedRunResult run_placard_limited(
    const std::vector<std::string>& arguments,
    const ChildLimits& limits,
    const std::filesystem::path& working_dir)
{
    TempDir capture;
    std::string out_path = (capture / "stdout").string();
    std::string err_path = (capture / "stderr").string();

    std::vector<std::string> command = {PLACARD_BINARY};
    command.insert(command.end(), arguments.begin(), arguments.end());
    std::vector<char*> argv;
    argv.reserve(command.size() + 1);
    for (std::string& word : command) {
        argv.push_back(word.data());
    }
    argv.push_back(nullptr);

    auto started = std::chrono::steady_clock::now();
    pid_t pid = ::fork();
    if (pid < 0) {
        throw std::runtime_error("cannot fork to start " + command[0]);
    }
    if (pid == 0) {
        start_child(argv.data(), limits, working_dir, out_path, err_path);
    }
    int status = 0;

    struct rusage usage {};

    ::wait4(pid, &status, 0, &usage);

    LimitedRunResult result;
    result.wall_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    result.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + result.signal;
    result.max_rss_kib = usage.ru_maxrss;
    result.out = read_file(out_path);
    result.err = read_file(err_path);
    return result;
}

}  // namespace placard::test
