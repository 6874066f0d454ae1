// Rendering benchmark: renders N synthetic placards through the library (the same path
// as `placard render`) and prints placards per second, PDF bytes per placard and the peak
// memory of the process that did the work. Each N runs in a child process of its own, so
// the peak memory of one size is not inherited by the next.
//
//   placard_bench [N ...]        (default: 1000 10000)
#include "batch/render_job.hpp"
#include "sign/keyring.hpp"
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
#include <string>

namespace {

namespace fs = std::filesystem;

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

void write_roster(const fs::path& path, long rows)
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
        out << fmt::format(
            "B{:07},{},{},{},\"{}\",دفتر مرکزی,اداره کل ثبت احوال\r\n",
            n,
            national_code(n),
            given[n % 6],
            family[n % 5],
            titles[n % 3]);
    }
}

struct Figures {
    double seconds = 0;
    std::size_t bytes = 0;
};

Figures run_one(const fs::path& folder, long rows)
{
    placard::sign::Keyring ring;
    ring.add_generated("B1", true);
    ring.save(folder / "bench.key");
    write_roster(folder / "roster.csv", rows);

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
    return {std::chrono::duration<double>(stop - start).count(), summary.pdf_bytes};
}

int measure(long rows)
{
    fs::path folder = fs::temp_directory_path() / fmt::format("placard-bench-{}", ::getpid());
    fs::create_directories(folder);
    int pipe_fds[2];
    if (::pipe(pipe_fds) != 0) {
        return 1;
    }
    pid_t child = ::fork();
    if (child == 0) {
        ::close(pipe_fds[0]);
        Figures figures = run_one(folder, rows);
        std::string line = fmt::format("{} {}", figures.seconds, figures.bytes);
        ssize_t ignored = ::write(pipe_fds[1], line.data(), line.size());
        (void)ignored;
        std::_Exit(0);
    }
    ::close(pipe_fds[1]);
    char buffer[128] = {};
    ssize_t got = ::read(pipe_fds[0], buffer, sizeof buffer - 1);
    ::close(pipe_fds[0]);
    int status = 0;

    struct rusage usage {};

    ::wait4(child, &status, 0, &usage);
    fs::remove_all(folder);
    double seconds = 0;
    std::size_t bytes = 0;
    if (got <= 0 || std::sscanf(buffer, "%lf %zu", &seconds, &bytes) != 2) {
        std::fprintf(stderr, "placard_bench: the run with N=%ld failed\n", rows);
        return 1;
    }
    std::printf(
        "N=%-7ld %8.1f placards/s  %7.0f bytes/placard  peak RSS %6.1f MiB  (%.2f s)\n",
        rows,
        static_cast<double>(rows) / seconds,
        static_cast<double>(bytes) / static_cast<double>(rows),
        static_cast<double>(usage.ru_maxrss) / 1024.0,
        seconds);
    return 0;
}

}  // namespace

int main(int argc, char** argv)
{
    std::vector<long> sizes;
    for (int i = 1; i < argc; ++i) {
        sizes.push_back(std::atol(argv[i]));
    }
    if (sizes.empty()) {
        sizes = {1000, 10000};
    }
    int failures = 0;
    for (long rows : sizes) {
        failures += measure(rows);
    }
    return failures == 0 ? 0 : 1;
}
