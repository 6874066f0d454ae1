// Rendering benchmark: renders N synthetic placards through the library, the same path
// as `placard render` with a print ledger (read and validate both passes, sign, encode,
// lay out, write the PDF through a temporary file, record every placard), and prints a
// table with, per N: placards per second on the wall clock and per CPU second, the CPU
// seconds the work took, PDF bytes per placard and the peak memory of the process that
// did the work. Each N runs in a child process of its own, so the peak memory and CPU
// time of one size are not mixed with the next; CPU seconds are the child's user +
// system time, as wait4() reports them. bench/run.sh runs the standard set.
//
//   placard_bench [N ...] [--layout NAME] [--jobs K] [--json FILE] [--repeat K] [--varied]
//                 [--part-sheets K] [--template FILE]
//                                                              (default N: 1000 10000)
//
// --layout names the page layout as `placard render --layout` does (a5 or a4-2up; a5 by
// default); --jobs the number of rendering threads, as `placard render --jobs` (1 by
// default; CPU seconds and peak RSS from wait4 cover every thread of the child).
// --repeat K runs each N K times (the machine may be shared, so one run can be slowed by
// others' work). --varied gives every row its own job title, office and agency, the worst
// case for the forms that carry recurring text; by default they repeat as in a real
// roster (one agency and office, three job titles). --part-sheets K sets how many sheets
// each part of the chunked writer holds (render's own size by default), to measure what
// the part size costs in memory and in bytes. --template renders with a template file as
// `placard render --template` does (e.g. one with a logo). The JSON file also records the
// load average before and after each run: on a shared machine the wall-clock figures say
// as much about the neighbours as about placard.
#include "batch/render_job.hpp"
#include "sign/keyring.hpp"
#include "util/json.hpp"
#include "util/reporter.hpp"

#include <fmt/format.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace fs = std::filesystem;

// The layouts this build knows, as `placard render --layout` names them.
constexpr const char* known_layouts[] = {"a5", "a4-2up"};

struct BenchOptions {
    std::vector<long> sizes;
    std::string layout = "a5";
    int jobs = 1;
    std::string json_path;  // empty: no JSON file
    int repeat = 1;
    bool varied = false;
    std::size_t part_sheets = placard::render::sheets_per_part;
    std::string template_file;  // empty: the default template
};

// What one N measured. Wall seconds cover the render call alone; CPU seconds and peak RSS
// cover the whole child (roster writing included, a few milliseconds per 1,000 rows).
struct RunFigures {
    long placards = 0;
    double wall_seconds = 0;
    double cpu_seconds = 0;
    std::size_t pdf_bytes = 0;
    std::size_t ledger_bytes = 0;
    double peak_rss_mib = 0;
    double load_before = 0;  // one-minute load average when the run started
    double load_after = 0;

    double placards_per_second() const { return static_cast<double>(placards) / wall_seconds; }

    double placards_per_cpu_second() const { return static_cast<double>(placards) / cpu_seconds; }

    double bytes_per_placard() const
    {
        return static_cast<double>(pdf_bytes) / static_cast<double>(placards);
    }
};

// The one-minute load average, or -1 where the system does not say.
double load_average()
{
    double load[1] = {-1};
    return ::getloadavg(load, 1) == 1 ? load[0] : -1;
}

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
        ("کارشناس ارشد برنامه‌ریزی، بودجه و پایش عملکرد "
         "واحدهای "
         "استانی")};
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

// The layout as `placard render --layout NAME` sets it: a5 is the template's own page,
// a4-2up two placards on an A4 sheet in sorted order.
void apply_layout(placard::batch::RenderOptions& options, const std::string& layout)
{
    if (layout == "a4-2up") {
        options.sheet.kind = placard::render::SheetKind::a4_2up;
    } else if (layout != "a5") {
        throw std::runtime_error("layout " + layout + " is not known (a5 or a4-2up)");
    }
}

// The rendering threads as `placard render --jobs K` sets them.
void apply_jobs(placard::batch::RenderOptions& options, int jobs)
{
    if (jobs < 1) {
        throw std::runtime_error("--jobs takes a number of threads from 1 up");
    }
    options.jobs = static_cast<unsigned>(jobs);
}

// Runs in the child: renders `rows` placards with a new print ledger, as a first run of
// `placard render` does, and returns the render call's wall time and the files' sizes.
RunFigures render_in_child(const fs::path& folder, long rows, const BenchOptions& bench)
{
    placard::sign::Keyring ring;
    ring.add_generated("B1", true);
    ring.save(folder / "bench.key");
    write_roster(folder / "roster.csv", rows, bench.varied);

    placard::batch::RenderOptions options;
    options.roster = folder / "roster.csv";
    options.key_file = folder / "bench.key";
    options.base_url = "https://survey.example.ir/S";
    options.output = folder / "bench.pdf";
    options.use_ledger = true;
    options.ledger = folder / "placard-ledger.sqlite";
    options.template_file = bench.template_file;
    apply_layout(options, bench.layout);
    apply_jobs(options, bench.jobs);
    options.sheets_per_part = bench.part_sheets;
    placard::SilentReporter reporter;

    auto start = std::chrono::steady_clock::now();
    placard::batch::RenderSummary summary = placard::batch::render_roster(options, reporter);
    auto stop = std::chrono::steady_clock::now();
    if (summary.printed != rows || summary.new_placards != rows) {
        throw std::runtime_error("the benchmark roster did not print and record completely");
    }
    RunFigures figures;
    figures.placards = rows;
    figures.wall_seconds = std::chrono::duration<double>(stop - start).count();
    figures.pdf_bytes = summary.pdf_bytes;
    figures.ledger_bytes = fs::file_size(options.ledger);
    return figures;
}

// The child's side of the pipe: one line "seconds pdf-bytes ledger-bytes", or nothing if
// the run failed.
[[noreturn]] void child_main(
    const fs::path& folder, long rows, const BenchOptions& bench, int write_fd)
{
    try {
        RunFigures figures = render_in_child(folder, rows, bench);
        std::string line =
            fmt::format("{} {} {}", figures.wall_seconds, figures.pdf_bytes, figures.ledger_bytes);
        if (::write(write_fd, line.data(), line.size()) < 0) {
            std::_Exit(1);
        }
        std::_Exit(0);
    } catch (const std::exception& error) {
        std::fprintf(stderr, "placard_bench: %s\n", error.what());
        std::_Exit(1);
    }
}

double seconds_of(const timeval& t)
{
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
}

std::optional<RunFigures> measure(long rows, const BenchOptions& bench)
{
    fs::path folder = fs::temp_directory_path() / fmt::format("placard-bench-{}", ::getpid());
    fs::remove_all(folder);
    fs::create_directories(folder);
    int pipe_fds[2];
    if (::pipe(pipe_fds) != 0) {
        return std::nullopt;
    }
    RunFigures figures;
    figures.placards = rows;
    figures.load_before = load_average();
    pid_t child = ::fork();
    if (child == 0) {
        ::close(pipe_fds[0]);
        child_main(folder, rows, bench, pipe_fds[1]);
    }

    ::close(pipe_fds[1]);
    char buffer[128] = {};
    ssize_t got = ::read(pipe_fds[0], buffer, sizeof buffer - 1);
    ::close(pipe_fds[0]);
    int status = 0;

    struct rusage usage {};

    ::wait4(child, &status, 0, &usage);
    figures.load_after = load_average();
    fs::remove_all(folder);

    bool parsed = got > 0
                  && std::sscanf(
                         buffer,
                         "%lf %zu %zu",
                         &figures.wall_seconds,
                         &figures.pdf_bytes,
                         &figures.ledger_bytes)
                         == 3;
    if (!parsed || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        return std::nullopt;
    }
    figures.cpu_seconds = seconds_of(usage.ru_utime) + seconds_of(usage.ru_stime);
    figures.peak_rss_mib = static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is KiB
    return figures;
}

void print_table_header(const BenchOptions& options)
{
    std::printf(
        "placard_bench: layout %s, %s roster, ledger on, %d thread(s), parts of %zu sheets, "
        "%u CPUs online\n",
        options.layout.c_str(),
        options.varied ? "varied" : "recurring",
        options.jobs,
        options.part_sheets,
        std::thread::hardware_concurrency());
    std::printf(
        "%9s %10s %12s %10s %10s %11s %11s %9s\n",
        "N",
        "wall s",
        "placards/s",
        "CPU s",
        "per CPU s",
        "bytes/plac",
        "peak MiB",
        "load");
    std::fflush(stdout);
}

void print_figures(const RunFigures& f)
{
    std::printf(
        "%9ld %10.2f %12.1f %10.2f %10.1f %11.0f %11.1f %4.1f-%.1f\n",
        f.placards,
        f.wall_seconds,
        f.placards_per_second(),
        f.cpu_seconds,
        f.placards_per_cpu_second(),
        f.bytes_per_placard(),
        f.peak_rss_mib,
        f.load_before,
        f.load_after);
    std::fflush(stdout);
}

std::string figures_json(const RunFigures& f)
{
    return fmt::format(
        "    {{\"placards\": {}, \"wall_seconds\": {:.3f}, \"placards_per_second\": {:.1f}, "
        "\"cpu_seconds\": {:.3f}, \"placards_per_cpu_second\": {:.1f}, \"pdf_bytes\": {}, "
        "\"bytes_per_placard\": {:.1f}, \"ledger_bytes\": {}, \"peak_rss_mib\": {:.1f}, "
        "\"load_average_before\": {:.2f}, \"load_average_after\": {:.2f}}}",
        f.placards,
        f.wall_seconds,
        f.placards_per_second(),
        f.cpu_seconds,
        f.placards_per_cpu_second(),
        f.pdf_bytes,
        f.bytes_per_placard(),
        f.ledger_bytes,
        f.peak_rss_mib,
        f.load_before,
        f.load_after);
}

bool write_json(
    const std::string& path, const BenchOptions& options, const std::vector<RunFigures>& runs)
{
    std::string text = fmt::format(
        "{{\n  \"benchmark\": {},\n  \"layout\": {},\n  \"template\": {},\n  \"ledger\": true,\n"
        "  \"threads\": {},\n  \"part_sheets\": {},\n  \"cpus_online\": {},\n  \"roster\": {},\n"
        "  \"runs\": [\n",
        placard::json_string("placard_bench"),
        placard::json_string(options.layout),
        placard::json_string(options.template_file),
        options.jobs,
        options.part_sheets,
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

bool is_known_layout(const std::string& layout)
{
    return std::find(std::begin(known_layouts), std::end(known_layouts), layout)
           != std::end(known_layouts);
}

// Reads one option that takes a value; false when `argument` is not such an option.
bool read_valued_option(
    const std::string& argument, const char* value, BenchOptions& options, bool& valid)
{
    if (argument == "--json") {
        options.json_path = value;
    } else if (argument == "--layout") {
        options.layout = value;
        valid = is_known_layout(options.layout);
    } else if (argument == "--jobs") {
        options.jobs = std::atoi(value);
        valid = options.jobs >= 1;
    } else if (argument == "--part-sheets") {
        long sheets = std::atol(value);
        valid = sheets >= 1;
        options.part_sheets = static_cast<std::size_t>(std::max(sheets, 1L));
    } else if (argument == "--repeat") {
        options.repeat = std::atoi(value);
        valid = options.repeat >= 1;
    } else if (argument == "--template") {
        options.template_file = fs::absolute(value).string();
    } else {
        return false;
    }
    return true;
}

std::optional<BenchOptions> parse_arguments(int argc, char** argv)
{
    BenchOptions options;
    for (int i = 1; i < argc; ++i) {
        std::string argument = argv[i];
        bool valid = true;
        if (i + 1 < argc && read_valued_option(argument, argv[i + 1], options, valid)) {
            ++i;
            if (!valid) {
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
            stderr,
            "usage: placard_bench [N ...] [--layout a5|a4-2up] [--jobs K] [--json FILE] "
            "[--repeat K] [--varied] [--part-sheets K] [--template FILE]\n");
        return 4;
    }

    print_table_header(*options);
    std::vector<RunFigures> runs;
    int failures = 0;
    for (long rows : options->sizes) {
        for (int run = 0; run < options->repeat; ++run) {
            std::optional<RunFigures> figures = measure(rows, *options);
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
