// Coverage report time and peak memory: for each N, builds a roster of N employees in 31
// provinces, a ledger where nine in ten have a live placard (some revoked, some printed
// with other fields) and a scan log of most live placards, then computes the report in
// a fresh child process, so that each run's peak resident set size is its own, and
// writes its CSV, JSON and PDF. Usage: placard_coverage_bench [N...] (default 10000
// 100000).
#include "ledger/digest.hpp"
#include "ledger/ledger.hpp"
#include "report/coverage_job.hpp"
#include "report/coverage_output.hpp"
#include "report/coverage_pdf.hpp"

#include <fmt/format.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace placard;

namespace {

constexpr int province_count = 31;
constexpr std::time_t as_of = 1772323200;  // 2026-03-01
constexpr std::time_t printed = as_of - 60 * 24 * 60 * 60;

const char* const given_names[] = {"علی", "مریم", "رضا", "زهرا", "حسین", "سارا", "نرگس", "مهدی"};
const char* const family_names[] = {"رضایی", "احمدی", "کریمی", "موسوی", "نیک\u200Cپور", "قاسمی"};
const char* const offices[] = {"اداره کل", "واحد پذیرش", "دفتر پیشخوان", "امور مالی", "شعبه ۱"};

std::string national_code(long serial)
{
    std::string digits = fmt::format("{:09d}", 100000000 + serial);
    int sum = 0;
    for (std::size_t i = 0; i < 9; ++i) {
        sum += (digits[i] - '0') * static_cast<int>(10 - i);
    }
    int rest = sum % 11;
    return digits + std::to_string(rest < 2 ? rest : 11 - rest);
}

roster::Employee employee(long i)
{
    roster::Employee e;
    e.employee_code = fmt::format("E{:07d}", i);
    e.national_code = national_code(i);
    e.first_name = given_names[i % 8];
    e.last_name = family_names[(i / 8) % 6];
    e.job_title = "کارشناس";
    e.office = offices[i % 5];
    e.agency = "ثبت احوال";
    e.city = fmt::format("شهر {}", i % 97);
    e.province = fmt::format("استان {}", i % province_count);
    return e;
}

void write_roster(const fs::path& path, long rows)
{
    std::ofstream out(path, std::ios::binary);
    out << "employee_code,national_code,first_name,last_name,job_title,office,agency,city,"
           "province\r\n";
    for (long i = 0; i < rows; ++i) {
        roster::Employee e = employee(i);
        out << fmt::format(
            "{},{},{},{},{},{},{},{},{}\r\n",
            e.employee_code,
            e.national_code,
            e.first_name,
            e.last_name,
            e.job_title,
            e.office,
            e.agency,
            e.city,
            e.province);
    }
}

// Every tenth employee was never printed; one in 50 printed with other fields.
ledger::PlacardRecord placard_of(long i, int page)
{
    roster::Employee e = employee(i);
    if (i % 50 == 1) {
        e.job_title = "کاردان";
    }
    ledger::PlacardRecord p;
    p.employee_code = e.employee_code;
    p.kid = "T1";
    p.fields_digest = ledger::printed_fields_digest(e);
    p.file = "placards.pdf";
    p.page = page;
    return p;
}

void write_ledger(const fs::path& path, long rows)
{
    ledger::Ledger ledger(path);
    ledger::BatchInfo info;
    info.batch_id = "bench";
    info.started_at = printed - 600;
    info.operator_name = "bench";
    info.roster_digest = ledger::sha256_hex("roster");
    ledger::BatchWriter batch = ledger.begin_batch(info);
    int page = 0;
    for (long i = 0; i < rows; ++i) {
        if (i % 10 != 0) {
            batch.add_placard(placard_of(i, ++page));
        }
    }
    ledger::BatchCounts counts;
    counts.read = rows;
    counts.printed = page;
    batch.commit({{"placards.pdf", ledger::sha256_hex("pdf"), 1, page}}, counts, printed);

    std::vector<ledger::RevokeRequest> lost;
    for (long i = 3; i < rows; i += 100) {
        ledger::RevokeRequest request;
        request.employee_code = employee(i).employee_code;
        request.reason = ledger::RevokeReason::lost;
        request.operator_name = "bench";
        lost.push_back(request);
    }
    ledger.revoke(lost);
}

// Seven in ten placards scanned; a bad line every 1,000.
void write_scans(const fs::path& path, long rows)
{
    std::ofstream out(path, std::ios::binary);
    out << "\xEF\xBB\xBF"
        << "employee_code,kid,generation,first_scan,last_scan\r\n";
    for (long i = 0; i < rows; ++i) {
        if (i % 10 < 7) {
            out << fmt::format(
                "E{:07d},T1,{},2026-01-10T08:00:00Z,2026-02-20T11:45:00+03:30\r\n",
                i,
                i % 1000 == 999 ? "x" : "1");
        }
    }
}

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

double seconds_since(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Runs in the child: one report, its figures on one line.
int measure(const fs::path& dir, long rows)
{
    report::CoverageOptions options;
    options.roster = (dir / "roster.csv").string();
    options.ledger = dir / "ledger.sqlite";
    options.scans = dir / "scans.csv";
    options.as_of = as_of;
    long before = peak_rss_kib();

    auto start = std::chrono::steady_clock::now();
    double cpu_start = cpu_seconds();
    SilentReporter quiet;
    report::CoverageReport coverage = report::compute_coverage(options, quiet);
    double compute = seconds_since(start);
    double compute_cpu = cpu_seconds() - cpu_start;
    long after_compute = peak_rss_kib();

    start = std::chrono::steady_clock::now();
    std::ostringstream csv;
    report::write_coverage_csv(coverage, csv);
    std::ostringstream json;
    report::write_coverage_json(coverage, json);
    double text = seconds_since(start);

    start = std::chrono::steady_clock::now();
    cpu_start = cpu_seconds();
    report::write_coverage_pdf(coverage, dir / "coverage.pdf");
    double pdf = seconds_since(start);
    double pdf_cpu = cpu_seconds() - cpu_start;

    std::printf(
        "%7ld employees  compute %5.2f s (CPU %5.2f s)  csv+json %4.2f s  pdf %5.2f s (CPU %5.2f "
        "s, %d pages)  peak RSS "
        "%5.1f MiB after computing, %5.1f MiB at the end (%.1f before)  covered %ld, "
        "uncovered %zu, follow-ups %zu\n",
        rows,
        compute,
        compute_cpu,
        text,
        pdf,
        pdf_cpu,
        report::plan_pdf_pages(coverage).total(),
        static_cast<double>(after_compute) / 1024.0,
        static_cast<double>(peak_rss_kib()) / 1024.0,
        static_cast<double>(before) / 1024.0,
        coverage.total.covered,
        coverage.uncovered.size(),
        coverage.follow_ups.size());
    return coverage.total.employees == rows ? 0 : 1;
}

bool run_child(const fs::path& dir, long rows)
{
    std::fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        int code = measure(dir, rows);
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

    bool ok = true;
    for (long rows : sizes) {
        fs::path dir =
            fs::temp_directory_path() / fmt::format("placard-coverage-bench-{}-{}", getpid(), rows);
        fs::create_directories(dir);
        write_roster(dir / "roster.csv", rows);
        write_ledger(dir / "ledger.sqlite", rows);
        write_scans(dir / "scans.csv", rows);
        ok = run_child(dir, rows) && ok;
        fs::remove_all(dir);
    }
    return ok ? 0 : 1;
}
