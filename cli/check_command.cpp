#include "check_command.hpp"

#include "check/check_job.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"
#include "read_flags.hpp"
#include "terminal_reporter.hpp"

#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace placard::cli {

namespace {

struct CheckFlags {
    check::CheckOptions options;
    std::vector<std::string> pdfs;
    std::string format = "text";
    ReadFlags read;
    OutputFlags output;
};

bool names_a_roster(const ReadFlags& read)
{
    return !read.roster.empty() || !read.sqlite.empty() || !read.table.empty()
           || !read.query.empty();
}

check::ReportDetail report_detail(const OutputFlags& output)
{
    if (output.quiet) {
        return check::ReportDetail::problems;
    }
    return output.verbose ? check::ReportDetail::every_placard : check::ReportDetail::normal;
}

int run_check(const CheckFlags& flags)
{
    check::CheckOptions options = flags.options;
    options.pdfs.assign(flags.pdfs.begin(), flags.pdfs.end());
    if (names_a_roster(flags.read)) {
        options.read = to_read_options(flags.read);
        options.roster = roster_path(flags.read);
    }

    TerminalReporter reporter(flags.output.verbosity(), flags.output.progress);
    check::CheckReport report = check::check_placards(options, reporter);
    reporter.finish();
    check::write_report(
        report, check::parse_report_format(flags.format), report_detail(flags.output), std::cout);
    std::cout.flush();
    return report.clean() ? exit_ok : exit_check_failed;
}

}  // namespace

void add_check(CLI::App& app, std::function<int()>& action)
{
    auto* command = app.add_subcommand(
        "check", "Read placard PDFs back: decode, verify and measure every QR code");
    auto flags = std::make_shared<CheckFlags>();
    check::CheckOptions& o = flags->options;
    command->add_option("PDF", flags->pdfs, "Placard PDFs to check")->required();
    command->add_option("--key", o.key_file, "Key file with every key that signed them")
        ->required();
    command->add_option(
        "--ledger", o.ledger, "Print ledger: report revoked placards and URLs it never issued");
    command->add_option(
        "--template", o.template_file, "Template whose smallest module size the QR must meet");
    command
        ->add_option(
            "--dpi",
            o.dpi,
            "Render pages at this resolution (default 150; lower mimics a poor scan)")
        ->check(decimal_number())
        ->check(CLI::Range(10.0, 1200.0));
    command
        ->add_option(
            "--max-failures",
            o.max_failures,
            "Stop once this many placards failed (default: never)")
        ->check(whole_number())
        ->check(CLI::NonNegativeNumber);
    command->add_option("--format", flags->format, "text or json")
        ->check(CLI::IsMember({"text", "json"}));
    command
        ->add_option(
            "--jobs", o.workers, "Threads rendering and decoding pages (default: one per core)")
        ->check(whole_number())
        ->check(CLI::Range(1, 256));
    add_read_flags(*command, flags->read, false);
    add_output_flags(*command, flags->output);
    command->callback([flags, &action] {
        action = [flags] {
            return run_check(*flags);
        };
    });
}

}  // namespace placard::cli
