// render and reprint: both read a roster and print placards through the same job; a
// reprint only chooses who, and revokes what it replaces.
#include "batch/render_job.hpp"
#include "batch/split_output.hpp"
#include "batch/summary_json.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"
#include "ledger/records.hpp"
#include "read_flags.hpp"
#include "util/ascii.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <tuple>
#include <utility>
#include <vector>

namespace placard::cli {

namespace {

struct RenderFlags {
    batch::RenderOptions options;
    ReadFlags read;
    OutputFlags output;
    std::string summary_json;
    double wait_seconds = 30;
    bool no_ledger = false;
    bool changed_only = false;
    std::string shard;               // K/N
    std::vector<std::string> codes;  // reprint
    std::string reason;              // reprint
    std::string layout = "a5";
    std::string order = "sorted";
    std::string offset;  // "X,Y" in mm
    std::string split_by;
};

CLI::Validator revoke_reason_check()
{
    return parsed_by([](const std::string& name) {
        if (!ledger::parse_revoke_reason(name)) {
            throw Error(fmt::format(
                "\"{}\" is not a reason; use lost, damaged, stolen, data-changed or key-leaked",
                name));
        }
    });
}

// "1.5,-2" as millimetres right and down; anything else is a usage error.
std::pair<double, double> parse_offset(const std::string& text)
{
    std::size_t comma = text.find(',');
    if (comma == std::string::npos || !decimal_number()(text.substr(0, comma)).empty()
        || !decimal_number()(text.substr(comma + 1)).empty()) {
        throw UsageError(fmt::format(
            "--offset \"{}\" is not two numbers; give X,Y in mm, such as 1.5,-2", text));
    }
    double x = std::stod(text.substr(0, comma));  // both checked finite decimals above
    double y = std::stod(text.substr(comma + 1));
    if (std::abs(x) > 20 || std::abs(y) > 20) {
        throw UsageError(fmt::format("--offset {} is more than 20 mm; check the printer", text));
    }
    return {x, y};
}

// How placards go onto sheets and files: layout, bleed, order, offset, footer, split.
void add_sheet_options(CLI::App& command, RenderFlags& flags)
{
    render::SheetOptions& sheet = flags.options.sheet;
    command.add_option("--layout", flags.layout, "a5 (one placard a page) or a4-2up")
        ->check(CLI::IsMember({"a5", "a4-2up"}));
    command.add_option("--bleed", sheet.bleed_mm, "Bleed in mm for a print shop (adds crop marks)")
        ->check(decimal_number())
        ->check(CLI::Range(0.0, 10.0));
    command
        .add_option(
            "--order",
            flags.order,
            "sorted (default), cut-stack (one cut through a 2-up stack) or roster (as read)")
        ->check(CLI::IsMember({"sorted", "cut-stack", "roster"}));
    command.add_option("--offset", flags.offset, "X,Y in mm: moves the print on the sheet");
    command.add_flag(
        "--sheet-footer", sheet.footer, "A line outside the trim: batch, group and sheet n of N");
    command
        .add_option(
            "--split-by", flags.split_by, "One PDF per province, city, agency or office in -o DIR")
        ->check(CLI::IsMember({"province", "city", "agency", "office"}));
}

// The cut-stack order interleaves the two halves of a 2-up sheet; on one placard a page
// there is no cut to stack after, so the option would be silently meaningless.
void refuse_cut_stack_without_two_up(const RenderFlags& flags)
{
    if (flags.order == "cut-stack" && flags.layout != "a4-2up") {
        throw UsageError(fmt::format(
            "--order cut-stack needs --layout a4-2up: it orders the two piles of a 2-up "
            "sheet cut once, and --layout {} prints one placard a page",
            flags.layout));
    }
}

void apply_sheet_flags(const RenderFlags& flags, batch::RenderOptions& options)
{
    refuse_cut_stack_without_two_up(flags);
    options.sheet.kind =
        flags.layout == "a4-2up" ? render::SheetKind::a4_2up : render::SheetKind::a5;
    options.sheet.order =
        flags.order == "cut-stack" ? render::StackOrder::cut_stack : render::StackOrder::sorted;
    options.roster_order = flags.order == "roster";
    if (!flags.offset.empty()) {
        std::tie(options.sheet.offset_x_mm, options.sheet.offset_y_mm) = parse_offset(flags.offset);
    }
    const std::pair<const char*, batch::SplitField> fields[] = {
        {"province", batch::SplitField::province},
        {"city", batch::SplitField::city},
        {"agency", batch::SplitField::agency},
        {"office", batch::SplitField::office}};
    for (const auto& [name, field] : fields) {
        if (flags.split_by == name) {
            options.split_by = field;
        }
    }
}

// The options render and reprint share: the key, the output, the look, the ledger.
void add_print_options(CLI::App& command, RenderFlags& flags, bool positional_roster)
{
    batch::RenderOptions& o = flags.options;
    command.add_option("--key", o.key_file, "Key file (mode 0600)")->required();
    command.add_option("--base-url", o.base_url, "Survey base URL")->required();
    command
        .add_option(
            "-o,--output", o.output, "PDF to write; {batch} in the name becomes the batch id")
        ->required()
        ->check(not_empty());
    command.add_option("--template", o.template_file, "Placard template (TOML)");
    command.add_option("--font-dir", o.font_dir, "Folder with the placard fonts");
    command.add_flag(
        "--skip-invalid",
        o.skip_invalid,
        "Print the valid rows; list the others in the rejects file");
    command.add_option(
        "--rejects",
        o.rejects,
        "Rejects CSV (default: OUTPUT.rejects.csv; DIR/rejects.csv with --split-by)");
    command.add_flag(
        "--allow-small-modules",
        o.allow_small_modules,
        "Print even if QR modules are below the template's minimum size");
    command.add_option("--batch-id", o.batch_id, "Batch id printed in the footer")
        ->check([](const std::string& id) { return batch::batch_id_problem(id); });
    command.add_option(
        "--ledger", o.ledger, "Print ledger (default: placard-ledger.sqlite beside the PDF)");
    command
        .add_option(
            "--wait",
            flags.wait_seconds,
            "Seconds to wait for another run holding the ledger (default 30), then exit 5")
        ->check(CLI::Range(0.0, 86400.0));
    command.add_option(
        "--summary-json", flags.summary_json, "Write counts, files and timings to this file");
    command
        .add_option(
            "--jobs", o.jobs, "Threads drawing sheets (default: one per core); same PDF for any")
        ->check(whole_number())
        ->check(CLI::Range(1, 256));
    command
        .add_option(
            "--shard",
            flags.shard,
            "K/N: print only shard K (1..N) of the roster, chosen by a hash of the employee code")
        ->check(parsed_by([](const std::string& text) { roster::parse_shard(text); }));
    add_read_flags(command, flags.read, positional_roster);
    add_output_flags(command, flags.output);
    add_sheet_options(command, flags);
}

batch::RenderOptions to_render_options(const RenderFlags& flags)
{
    // Without --skip-invalid a bad row stops the run and no rejects file is written, so
    // a --rejects name would be silently ignored.
    if (!flags.options.rejects.empty() && !flags.options.skip_invalid) {
        throw UsageError(
            "--rejects names the file of the rows --skip-invalid leaves out; add --skip-invalid "
            "(without it a bad row stops the run and nothing is printed)");
    }
    batch::RenderOptions options = flags.options;
    options.read = to_read_options(flags.read);
    if (!flags.shard.empty()) {
        options.read.shard = roster::parse_shard(flags.shard);
    }
    options.roster = roster_path(flags.read);
    options.use_ledger = !flags.no_ledger;
    options.wait = std::chrono::milliseconds(static_cast<long>(flags.wait_seconds * 1000));
    apply_sheet_flags(flags, options);

    // The reproducible-builds convention: a fixed time gives the same PDF bytes.
    const char* epoch = std::getenv("SOURCE_DATE_EPOCH");
    if (epoch != nullptr && *epoch != 0) {
        char* end = nullptr;
        long long seconds = std::strtoll(epoch, &end, 10);
        if (*end != 0 || seconds <= 0) {
            throw UsageError(
                fmt::format("SOURCE_DATE_EPOCH \"{}\" is not a positive number of seconds", epoch));
        }
        options.print_time = static_cast<std::time_t>(seconds);
    }
    return options;
}

std::string count_details(const batch::RenderSummary& summary)
{
    std::string details = fmt::format(
        "read {}, printed {}, rejected {}, skipped {}",
        summary.read,
        summary.printed,
        summary.rejected,
        summary.skipped);
    if (summary.unchanged > 0) {
        details += fmt::format(" ({} unchanged)", summary.unchanged);
    }
    if (summary.reissued > 0 || summary.copies > 0) {
        details += fmt::format(
            "; {} new, {} reissued with the old placard revoked, {} copies of live placards",
            summary.new_placards,
            summary.reissued,
            summary.copies);
    }
    return details;
}

void report_summary(TerminalReporter& reporter, const batch::RenderSummary& summary)
{
    std::string files;
    if (summary.output.empty()) {
        files = "nothing to print, no PDF written";
    } else {
        long pages = 0;
        for (const batch::OutputFileSummary& file : summary.files) {
            pages += file.pages;
        }
        files = fmt::format(
            "wrote {}{} ({} placards on {} pages, QR version {}, module {:.2f} mm)",
            summary.files.size() > 1 ? fmt::format("{} files in ", summary.files.size()) : "",
            summary.output.string(),
            summary.printed,
            pages,
            summary.qr_version,
            summary.module_mm);
    }
    if (!summary.rejects.empty()) {
        files += "; rejects in " + summary.rejects.string();
    }
    if (!summary.ledger.empty()) {
        files += fmt::format("; batch {} in {}", summary.batch_id, summary.ledger.string());
    }
    reporter.notice(fmt::format("{}; {}", count_details(summary), files));
    if (!summary.output.empty() && summary.ledger.empty()) {
        // The ledger never heard of these URLs: the survey server may refuse them, and a
        // later run would issue the same generation again as if this one never existed.
        reporter.warning(
            "--no-ledger: a trial print, recorded nowhere; do not hand these placards out "
            "(render again with a ledger for the real print)");
    } else if (!summary.output.empty()) {
        reporter.notice("print at Actual size / 100 %, never 'fit to page': the 50 mm bar "
                        "on each placard checks it");
    }
}

// The same file, as far as the paths tell before anything is written: "out.pdf" and
// "./out.pdf", or a path through a symbolic link to a folder.
bool same_file(const std::filesystem::path& a, const std::filesystem::path& b)
{
    std::error_code error;
    return std::filesystem::weakly_canonical(a, error)
           == std::filesystem::weakly_canonical(b, error);
}

// A name in a split run's folder that a group's PDF or a manifest may take.
bool taken_in_split_folder(const std::filesystem::path& folder, const std::filesystem::path& path)
{
    if (!same_file(folder, path.parent_path().empty() ? "." : path.parent_path())) {
        return false;
    }
    const std::string name = ascii_upper(path.filename().string());
    return name == "MANIFEST.CSV" || name == "MANIFEST.JSON"
           || (name.size() > 4 && name.substr(name.size() - 4) == ".PDF");
}

// Refuses a run whose PDFs, rejects list, ledger and summary file would share a name:
// each is renamed over the other at the end, so one of them would be lost (a PDF under
// its rejects list, a ledger under its PDF) while the run says it wrote both.
void refuse_clashing_outputs(const RenderFlags& flags, const batch::RenderOptions& options)
{
    const bool split = options.split_by != batch::SplitField::none;
    std::vector<std::pair<std::string, std::filesystem::path>> files;
    if (options.skip_invalid) {
        files.emplace_back(
            "--rejects",
            options.rejects.empty() ? batch::default_rejects_path(options.output, split)
                                    : options.rejects);
    }
    if (options.use_ledger) {
        files.emplace_back(
            "--ledger",
            options.ledger.empty() ? batch::default_ledger_path(options.output) : options.ledger);
    }
    if (!flags.summary_json.empty()) {
        files.emplace_back("--summary-json", flags.summary_json);
    }
    for (std::size_t k = 0; k < files.size(); ++k) {
        const auto& [option, path] = files[k];
        bool clashes =
            split ? taken_in_split_folder(options.output, path) : same_file(options.output, path);
        if (clashes) {
            throw UsageError(fmt::format(
                "{} {} would be written over {}; give it a name of its own",
                option,
                path.string(),
                split ? "a PDF or manifest of the split folder" : "the PDF"));
        }
        for (std::size_t other = 0; other < k; ++other) {
            if (same_file(files[other].second, path)) {
                throw UsageError(fmt::format(
                    "{} and {} name the same file, {}; give each a name of its own",
                    files[other].first,
                    option,
                    path.string()));
            }
        }
    }
}

// The summary file is opened before the run starts, so a folder that is missing or not
// writable stops the run before it prints anything: found only after the batch was
// committed, it would end the run with exit 2, "nothing final written", which would
// no longer be true.
int run_print_job(const RenderFlags& flags, const batch::RenderOptions& options)
{
    refuse_clashing_outputs(flags, options);
    std::optional<AtomicFile> summary_file;
    if (!flags.summary_json.empty()) {
        summary_file.emplace(flags.summary_json);
    }

    TerminalReporter reporter(flags.output.verbosity(), flags.output.progress);
    auto start = std::chrono::steady_clock::now();
    batch::RenderSummary summary = batch::render_roster(options, reporter);
    std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    reporter.finish();
    report_summary(reporter, summary);

    if (summary_file) {
        summary_file->write(batch::summary_json(summary, took.count()));
        summary_file->commit();
    }
    return summary.rejected > 0 ? exit_rows_rejected : exit_ok;
}

void add_render(CLI::App& app, std::function<int()>& action)
{
    auto* command = app.add_subcommand("render", "Render the placards of a roster to a PDF");
    auto flags = std::make_shared<RenderFlags>();
    add_print_options(*command, *flags, true);
    command->add_flag(
        "--changed-only",
        flags->changed_only,
        "Print only employees with no placard yet or whose printed details changed");
    command->add_flag(
        "--no-ledger",
        flags->no_ledger,
        "A preview: record nothing, print generation 1 (never send it to the printer)");
    command->callback([flags, &action] {
        action = [flags] {
            if (flags->no_ledger && (flags->changed_only || !flags->options.ledger.empty())) {
                throw UsageError("--no-ledger cannot go with --ledger or --changed-only");
            }
            batch::RenderOptions options = to_render_options(*flags);
            options.selection.selection =
                flags->changed_only ? batch::Selection::changed_only : batch::Selection::everyone;
            return run_print_job(*flags, options);
        };
    });
}

void add_reprint(CLI::App& app, std::function<int()>& action)
{
    auto* command = app.add_subcommand(
        "reprint",
        "Print new placards (next generation) for listed employees and revoke their old ones");
    auto flags = std::make_shared<RenderFlags>();
    auto signed_by = std::make_shared<std::string>();
    add_print_options(*command, *flags, false);
    command->add_option("CODE", flags->codes, "Employee codes to reprint");
    command->add_option(
        "--signed-by",
        *signed_by,
        "Reprint every live placard signed with this key id (a leaked key), under the active key");
    command
        ->add_option("--reason", flags->reason, "lost, damaged, stolen, data-changed or key-leaked")
        ->required()
        ->check(revoke_reason_check());
    command->callback([flags, signed_by, &action] {
        action = [flags, signed_by] {
            if (flags->options.ledger.empty()) {
                throw UsageError("reprint needs --ledger FILE: the ledger says what to revoke");
            }
            if (flags->codes.empty() == signed_by->empty()) {
                throw UsageError("name the employees to reprint, or --signed-by KID, not both");
            }
            batch::RenderOptions options = to_render_options(*flags);
            batch::SelectionOptions& selection = options.selection;
            selection.reason = *ledger::parse_revoke_reason(flags->reason);
            if (signed_by->empty()) {
                selection.selection = batch::Selection::listed_codes;
                for (const std::string& code : flags->codes) {
                    selection.codes.insert(ascii_upper(code));
                }
            } else {
                selection.selection = batch::Selection::signed_by_key;
                selection.kid = *signed_by;
            }
            return run_print_job(*flags, options);
        };
    });
}

}  // namespace

void add_render_commands(CLI::App& app, std::function<int()>& action)
{
    add_render(app, action);
    add_reprint(app, action);
}

}  // namespace placard::cli
