// coverage: who has a working placard, per province, city, agency or office, from the
// roster and the ledger, with the survey server's scans and citizens' reports if given.
#include "commands.hpp"
#include "exit_codes.hpp"
#include "read_flags.hpp"
#include "report/coverage_job.hpp"
#include "report/coverage_output.hpp"
#include "report/coverage_pdf.hpp"
#include "util/atomic_file.hpp"

#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <sstream>

namespace placard::cli {

namespace {

struct CoverageFlags {
    ReadFlags read;
    OutputFlags output;
    std::string ledger;
    std::string by = "province";
    std::string scans;
    int stale_days = 30;
    std::string reports;
    std::string format = "table";
    std::string out;
    std::string font_dir;
    double fail_under = -1;  // -1: not given
};

void add_options(CLI::App& command, CoverageFlags& flags)
{
    add_read_flags(command, flags.read);
    command.add_option("--ledger", flags.ledger, "Print ledger (opened read-only)")->required();
    command
        .add_option(
            "--by",
            flags.by,
            "Group by province, city, agency or office, or several outermost first: "
            "province,city")
        ->check([](const std::string& list) {
            std::string problem;
            return report::parse_grouping(list, problem) ? std::string() : problem;
        });
    CLI::Option* scans = command.add_option(
        "--scans",
        flags.scans,
        "Survey server export: employee_code,kid,generation,first_scan,last_scan");
    command
        .add_option(
            "--stale-days",
            flags.stale_days,
            "With --scans: list live placards printed N or more days ago and never scanned "
            "(default 30)")
        ->check(CLI::Range(0, 36500))
        ->needs(scans);
    command.add_option(
        "--reports", flags.reports, "Citizens' reports of offices without a placard (CSV)");
    command.add_option("--format", flags.format, "table (default), csv, json or pdf")
        ->check(CLI::IsMember({"table", "text", "csv", "json", "pdf"}));
    command.add_option(
        "-o,--output", flags.out, "Write to this file (default: stdout; pdf needs it)");
    command.add_option("--font-dir", flags.font_dir, "Folder with the fonts (pdf)");
    command
        .add_option(
            "--fail-under",
            flags.fail_under,
            "Exit 8 when overall coverage is below this percentage")
        ->check(CLI::Range(0.0, 100.0));
    // No --progress: a report of 100,000 employees takes seconds, and the reader's total
    // is not known in advance.
    command.add_flag("-q,--quiet", flags.output.quiet, "Print only errors");
    command.add_flag("-v,--verbose", flags.output.verbose, "Print info lines as well");
}

report::CoverageOptions to_options(const CoverageFlags& flags)
{
    report::CoverageOptions options;
    options.read = to_read_options(flags.read);
    options.roster = roster_path(flags.read);
    options.ledger = flags.ledger;
    options.scans = flags.scans;
    options.reports = flags.reports;
    std::string problem;
    options.by = *report::parse_grouping(flags.by, problem);  // checked by the option
    options.stale_days = flags.stale_days;
    return options;
}

void write_text(
    const report::CoverageReport& coverage, report::CoverageFormat format, std::ostream& out)
{
    if (format == report::CoverageFormat::csv) {
        report::write_coverage_csv(coverage, out);
    } else if (format == report::CoverageFormat::json) {
        report::write_coverage_json(coverage, out);
    } else {
        report::write_coverage_table(coverage, out);
    }
}

// To stdout, or through a temporary file so a cron job never leaves half a report.
void write_report(const CoverageFlags& flags, const report::CoverageReport& coverage)
{
    report::CoverageFormat format = *report::parse_coverage_format(flags.format);
    if (format == report::CoverageFormat::pdf) {
        report::write_coverage_pdf(coverage, flags.out, flags.font_dir);
        return;
    }
    if (flags.out.empty()) {
        write_text(coverage, format, std::cout);
        std::cout.flush();
        return;
    }
    std::ostringstream text;
    write_text(coverage, format, text);
    AtomicFile file(flags.out);
    file.write(text.str());
    file.commit();
}

// Compared in whole numbers, as the percentage is shown: below 95 means fewer than 95
// of each 100 employees.
bool below(const report::GroupFigures& total, double percent)
{
    return static_cast<double>(total.covered) * 100.0
           < percent * static_cast<double>(total.employees);
}

int run_coverage(const CoverageFlags& flags)
{
    if (flags.format == "pdf" && flags.out.empty()) {
        throw UsageError("--format pdf needs -o FILE");
    }
    TerminalReporter reporter(flags.output.verbosity(), flags.output.progress);
    report::CoverageReport coverage = report::compute_coverage(to_options(flags), reporter);
    reporter.finish();
    write_report(flags, coverage);

    const report::GroupFigures& total = coverage.total;
    reporter.info(fmt::format(
        "coverage {}%: {} of {} employees have a live placard",
        report::percent_text(total),
        total.covered,
        total.employees));
    if (flags.fail_under >= 0 && below(total, flags.fail_under)) {
        reporter.notice(fmt::format(
            "coverage {}% is below --fail-under {}",
            report::percent_text(total),
            flags.fail_under));
        return exit_coverage_low;
    }
    return exit_ok;
}

}  // namespace

void add_coverage_command(CLI::App& app, std::function<int()>& action)
{
    auto* command = app.add_subcommand(
        "coverage", "Report who has a working placard, per province, city, agency or office");
    auto flags = std::make_shared<CoverageFlags>();
    add_options(*command, *flags);
    command->callback([flags, &action] {
        action = [flags] {
            return run_coverage(*flags);
        };
    });
}

}  // namespace placard::cli
