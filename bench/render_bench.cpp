// Rendering benchmark: renders N synthetic placards through the library (the same path
// as `placard render`) and prints, per N, placards per second, the CPU seconds the work
// took, PDF bytes per placard and the peak memory of the process that did the work. Each
// N runs in a child process of its own, so the peak memory and CPU time of one size are
// not mixed with the next; CPU seconds are the child's user + system time, as wait4()
// reports them.
//
//   placard_bench [N ...] [--json FILE] [--repeat K] [--varied]     (default N: 1000 10000)
//
// --repeat K runs each N K times (the machine may be shared, so one run can be slowed by
// others' work). --varied gives every row its own job title, office and agency, the worst
// case for the forms that carry recurring text; by default they repeat as in a real
// roster (one agency and office, three job titles).
#include "batch/render_job.hpp"
#include "sign/keyring.hpp"
#include "util/json.hpp"
#include "util/reporter.hpp"

#include <fmt/format.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct BenchOptions {
    std::vector<long> sizes;
    std::string json_path;  // empty: no JSON file
    int repeat = 1;
    bool varied = false;
};

// What one N measured. Wall seconds cover the render call alone; CPU seconds and peak RSS
// cover the whole child (roster writing included, a few milliseconds).
struct RunFigures {
    long placards = 0;
    double wall_seconds = 0;
    double cpu_seconds = 0;
    std::size_t pdf_bytes = 0;
    double peak_rss_mib = 0;

    double placards_per_second() const { return static_cast<double>(placards) / wall_seconds; }

    double bytes_per_placard() const
    {
        return static_cast<double>(pdf_bytes) / static_cast<double>(placards);
    }
};

std::string national_code(long n)
{
    std::string digits = fmt::format("{:09}", (n * 7919 + 1234567) % 1000000000);
    int sum = 0;
    for (int i = 0; i < 9; ++i) {
        sum += (digits[static_cast<std::size_t>(i)] - '0') * (10 - i);
    }
    int remainder = sum % 11;
    return digits + std::to_string(remainder < 2 ? remainder : 11 - remainder);
}

// The number in Persian digits.
std::string persian_number(long n)
{
    const char* digits[] = {"۰", "۱", "۲", "۳", "۴", "۵", "۶", "۷", "۸", "۹"};
    std::string text;
    for (char c : std::to_string(n)) {
        text += digits[c - '0'];
    }
    return text;
}

// One row per placard. With `varied`, the job title, office and agency carry the row
// number in Persian digits, so no two rows share them.
void write_roster(const fs::path& path, long rows, bool varied)
{
    const char* given[] = {"سارا", "علی", "مهدی", "ژیلا", "محمدرضا", "نرگس"};
    const char* family[] = {
        "نمونه‌زاده", "آزمایشی", "فرضی‌پور", "کریمی", "اسلامی‌فر"};
    const char* titles[] = {
        "کارشناس منابع انسانی",
        "مهندس نرم‌افزار",
        "کارشناس ارشد برنامه‌ریزی، بودجه و پایش عملکرد واحدهای "
        "استانی"};
    std::ofstream out(path, std::ios::binary);
    out << "\xEF\xBB\xBF"
        << "employee_code,national_code,first_name,last_name,job_title,office,"
        << "agency\r\n";
    for (long n = 0; n < rows; ++n) {
        std::string suffix = varied ? " " + persian_number(n) : "";
        out << fmt::format(
            "B{:07},{},{},{},\"{}{}\",دفتر مرکزی{},اداره کل ثبت احوال{}\r\n",
            n,
            national_code(n),
            given[n % 6],
            family[n % 5],
            titles[n % 3],
            suffix,
            suffix,
            suffix);
    }
}

// Runs in the child: renders `rows` placards and returns the render call's wall time and
// the PDF's size.
RunFigures render_in_child(const fs::path& folder, long rows, bool varied)
{
    placard::sign::Keyring ring;
    ring.add_generated("B1", true);
    ring.save(folder / "bench.key");
    write_roster(folder / "roster.csv", rows, varied);

    placard::batch::RenderOptions options;
    options.roster = folder / "roster.csv";
    options.key_file = folder / "bench.key";
    options.base_url = "https://survey.example.ir/S";
    options.output = folder / "bench.pdf";
    placard::SilentReporter reporter;

    auto start = std::chrono::steady_clock::now();
    placard::batch::RenderSummary summary = placard::batch::render_roster(options, reporter);
    auto stop = std::chrono::steady_clock::now();
    if (summary.printed != rows) {
        throw std::runtime_error("the benchmark roster did not print completely");
    }
    RunFigures figures;
    figures.placards = rows;
    figures.wall_seconds = std::chrono::duration<double>(stop - start).count();
    figures.pdf_bytes = summary.pdf_bytes;
    return figures;
}

// The child's side of the pipe: one line "seconds bytes", or nothing if the run failed.
[[noreturn]] void child_main(const fs::path& folder, long rows, bool varied, int write_fd)
{
    try {
        RunFigures figures = render_in_child(folder, rows, varied);
        std::string line = fmt::format("{} {}", figures.wall_seconds, figures.pdf_bytes);
        if (::write(write_fd, line.data(), line.size()) < 0) {
            std::_Exit(1);
        }
        std::_Exit(0);
    } catch (const std::exception& error) {
        std::fprintf(stderr, "placard_bench: %s\n", error.what());
        std::_Exit(1);
    }
}

std::optional<RunFigures> measure(long rows, bool varied)
{
    fs::path folder = fs::temp_directory_path() / fmt::format("placard-bench-{}", ::getpid());
    fs::create_directories(folder);
    int pipe_fds[2];
    if (::pipe(pipe_fds) != 0) {
        return std::nullopt;
    }
    pid_t child = ::fork();
    if (child == 0) {
        ::close(pipe_fds[0]);
        child_main(folder, rows, varied, pipe_fds[1]);
    }

    ::close(pipe_fds[1]);
    char buffer[128] = {};
    ssize_t got = ::read(pipe_fds[0], buffer, sizeof buffer - 1);
    ::close(pipe_fds[0]);
    int status = 0;

    struct rusage usage {};

    ::wait4(child, &status, 0, &usage);
    fs::remove_all(folder);

    RunFigures figures;
    figures.placards = rows;
    bool parsed =
        got > 0 && std::sscanf(buffer, "%lf %zu", &figures.wall_seconds, &figures.pdf_bytes) == 2;
    if (!parsed || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        return std::nullopt;
    }
    auto seconds = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
    };
    figures.cpu_seconds = seconds(usage.ru_utime) + seconds(usage.ru_stime);
    figures.peak_rss_mib = static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is KiB
    return figures;
}

void print_figures(const RunFigures& f)
{
    std::printf(
        "N=%-7ld %8.1f placards/s  %7.2f CPU s  %6.0f bytes/placard  peak RSS %6.1f MiB  "
        "(%.2f s wall)\n",
        f.placards,
        f.placards_per_second(),
        f.cpu_seconds,
        f.bytes_per_placard(),
        f.peak_rss_mib,
        f.wall_seconds);
    std::fflush(stdout);
}

std::string figures_json(const RunFigures& f)
{
    return fmt::format(
        "    {{\"placards\": {}, \"placards_per_second\": {:.1f}, \"wall_seconds\": {:.3f}, "
        "\"cpu_seconds\": {:.3f}, \"pdf_bytes\": {}, \"bytes_per_placard\": {:.1f}, "
        "\"peak_rss_mib\": {:.1f}}}",
        f.placards,
        f.placards_per_second(),
        f.wall_seconds,
        f.cpu_seconds,
        f.pdf_bytes,
        f.bytes_per_placard(),
        f.peak_rss_mib);
}

bool write_json(
    const std::string& path, const BenchOptions& options, const std::vector<RunFigures>& runs)
{
    std::string text = fmt::format(
        "{{\n  \"benchmark\": {},\n  \"threads\": 1,\n  \"cpus_online\": {},\n"
        "  \"roster\": {},\n  \"runs\": [\n",
        placard::json_string("placard_bench"),
        std::thread::hardware_concurrency(),
        placard::json_string(options.varied ? "varied" : "recurring"));
    for (std::size_t i = 0; i < runs.size(); ++i) {
        text += figures_json(runs[i]) + (i + 1 < runs.size() ? ",\n" : "\n");
    }
    text += "  ]\n}\n";
    std::ofstream out(path, std::ios::binary);
    out << text;
    return static_cast<bool>(out.flush());
}

std::optional<BenchOptions> parse_arguments(int argc, char** argv)
{
    BenchOptions options;
    for (int i = 1; i < argc; ++i) {
        std::string argument = argv[i];
        if (argument == "--json" && i + 1 < argc) {
            options.json_path = argv[++i];
            continue;
        }
        if (argument == "--repeat" && i + 1 < argc) {
            options.repeat = std::atoi(argv[++i]);
            if (options.repeat < 1) {
                return std::nullopt;
            }
            continue;
        }
        if (argument == "--varied") {
            options.varied = true;
            continue;
        }
        char* end = nullptr;
        long rows = std::strtol(argument.c_str(), &end, 10);
        if (end == argument.c_str() || *end != '\0' || rows <= 0) {
            return std::nullopt;
        }
        options.sizes.push_back(rows);
    }
    if (options.sizes.empty()) {
        options.sizes = {1000, 10000};
    }
    return options;
}

}  // namespace

int main(int argc, char** argv)
{
    std::optional<BenchOptions> options = parse_arguments(argc, argv);
    if (!options) {
        std::fprintf(
            stderr, "usage: placard_bench [N ...] [--json FILE] [--repeat K] [--varied]\n");
        return 4;
    }

    std::vector<RunFigures> runs;
    int failures = 0;
    for (long rows : options->sizes) {
        for (int run = 0; run < options->repeat; ++run) {
            std::optional<RunFigures> figures = measure(rows, options->varied);
            if (!figures) {
                std::fprintf(stderr, "placard_bench: the run with N=%ld failed\n", rows);
                ++failures;
                continue;
            }
            print_figures(*figures);
            runs.push_back(*figures);
        }
    }

    if (!options->json_path.empty() && !write_json(options->json_path, *options, runs)) {
        std::fprintf(stderr, "placard_bench: cannot write %s\n", options->json_path.c_str());
        return 2;
    }
    return failures == 0 ? 0 : 1;
}
