// Validation throughput and peak memory: generates a synthetic roster of the largest N
// rows (UTF-8 with BOM, Persian names, a few bad rows of each common kind), then
// validates its first N rows for each N in a fresh child process, so that each run's
// peak resident set size is its own. Usage: placard_validate_bench [N...]
// (default 10000 100000).
#include "batch/validate_job.hpp"

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
#include <ostream>
#include <streambuf>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

const char* const first_names[] = {
    "علی", "مریم", "رضا", "زهرا", "محمد", "فاطمه", "حسین", "سارا", "امیر", "نرگس", "مهدی", "لیلا"};
const char* const last_names[] = {
    "رضایی",
    "احمدی",
    "محمدی",
    "حسینی",
    "کریمی",
    "موسوی",
    "نیک\u200Cپور",
    "امیری",
    "صادقی",
    "جعفری",
    "میر\u200Cزاده",
    "قاسمی"};
const char* const titles[] = {
    "کارشناس", "کارشناس ارشد برنامه\u200Cریزی", "مدیر", "معاون اداری", "کاردان"};
const char* const offices[] = {"اداره کل", "واحد منابع انسانی", "دفتر فناوری اطلاعات", "امور مالی"};

// Nine digits and their check digit: weights 10..2, r = sum mod 11.
std::string with_check_digit(const std::string& digits)
{
    int sum = 0;
    for (std::size_t i = 0; i < 9; ++i) {
        sum += (digits[i] - '0') * static_cast<int>(10 - i);
    }
    int r = sum % 11;
    return digits + std::to_string(r < 2 ? r : 11 - r);
}

// One data row. Every 50th has an Arabic Yeh (a warning), every 97th a national code
// without its leading zeros, every 199th repeats an earlier employee code and every
// 101st is retired, so every kind of finding is made at a steady rate.
std::string roster_row(long i)
{
    std::string code = fmt::format("E{:07d}", i % 199 == 0 && i > 0 ? i - 1 : i);
    std::string national = i % 97 == 0 ? with_check_digit(fmt::format("0{:08d}", i)).substr(1)
                                       : with_check_digit(fmt::format("{:09d}", 100000000 + i));
    std::string first = first_names[i % 12];
    if (i % 50 == 0) {
        first = "علي";
    }
    return fmt::format(
        "{},{},{},{},{},{},{},{}\r\n",
        code,
        national,
        first,
        last_names[(i / 12) % 12],
        titles[i % 5],
        offices[i % 4],
        i % 2 == 0 ? "زن" : "مرد",
        i % 101 == 0 ? "بازنشسته" : "فعال");
}

void write_roster(const fs::path& path, long rows)
{
    std::ofstream out(path, std::ios::binary);
    out << "\xEF\xBB\xBF"
        << "کد پرسنلی,کد ملی,نام,نام خانوادگی,سمت,واحد,جنسیت,وضعیت\r\n";
    for (long i = 0; i < rows; ++i) {
        out << roster_row(i);
    }
}

// Discards the report, as a script piping it to a file would not slow the reader.
class NullBuffer : public std::streambuf {
protected:
    int overflow(int c) override { return c; }

    std::streamsize xsputn(const char*, std::streamsize count) override { return count; }
};

long peak_rss_kib()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

// User plus system time: unlike wall time, it barely moves when other jobs share the cores.
double cpu_seconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    auto seconds = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
    };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// Runs in the child: validates the file and prints one line of figures.
int measure(const fs::path& roster, long rows)
{
    long before = peak_rss_kib();
    NullBuffer discard;
    std::ostream out(&discard);

    double cpu_start = cpu_seconds();
    auto start = std::chrono::steady_clock::now();
    placard::batch::ValidationSummary summary =
        placard::batch::validate_roster(roster, {}, placard::batch::FindingFormat::json, out);
    std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - start;
    double cpu = cpu_seconds() - cpu_start;

    if (summary.rows != rows) {
        std::fprintf(stderr, "expected %ld rows, validated %ld\n", rows, summary.rows);
        return 1;
    }
    std::printf(
        "%7ld rows  wall %5.2f s (%6.0f rows/s)  CPU %5.2f s (%6.0f rows/s)  peak RSS %5.1f MiB "
        "(%.1f before reading)  %ld valid, %ld rejected, %ld skipped, %ld findings\n",
        rows,
        seconds.count(),
        static_cast<double>(rows) / seconds.count(),
        cpu,
        static_cast<double>(rows) / cpu,
        static_cast<double>(peak_rss_kib()) / 1024.0,
        static_cast<double>(before) / 1024.0,
        summary.accepted,
        summary.rejected,
        summary.skipped,
        summary.errors + summary.warnings);
    return 0;
}

bool run_child(const fs::path& roster, long rows)
{
    std::fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        int code = measure(roster, rows);
        std::fflush(stdout);
        std::_Exit(code);
    }
    int status = 0;
    waitpid(child, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace

int main(int argc, char** argv)
{
    std::vector<long> sizes;
    for (int i = 1; i < argc; ++i) {
        sizes.push_back(std::stol(argv[i]));
    }
    if (sizes.empty()) {
        sizes = {10000, 100000};
    }

    fs::path dir = fs::temp_directory_path() / fmt::format("placard-validate-bench-{}", getpid());
    fs::create_directories(dir);
    bool ok = true;
    for (long rows : sizes) {
        fs::path roster = dir / fmt::format("roster-{}.csv", rows);
        write_roster(roster, rows);
        ok = run_child(roster, rows) && ok;
        fs::remove(roster);
    }
    fs::remove_all(dir);
    return ok ? 0 : 1;
}
