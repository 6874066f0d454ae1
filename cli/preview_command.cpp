// preview: one placard to PNG, drawn by the same painter as the PDF, to look at before
// printing.
#include "batch/preview_job.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"
#include "read_flags.hpp"
#include "util/ascii.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <memory>
#include <string>

namespace placard::cli {

namespace {

struct PreviewFlags {
    batch::PreviewOptions options;
    ReadFlags read;
    OutputFlags output;
};

// A data row, counted from 1. CLI11's own checks would report 0 against a range up to
// the largest double and quietly cap a number too long for a long; this says what a
// row number is. Goes after whole_number, so the text is digits.
CLI::Validator row_number()
{
    return CLI::Validator(
        [](const std::string& text) -> std::string {
            const std::size_t first = text.find_first_not_of("+0");
            constexpr std::size_t most_digits = 18;  // below the largest long
            if (first == std::string::npos) {
                return "'" + text + "' is not a row: data rows are counted from 1";
            }
            if (text.size() - first > most_digits) {
                return "'" + text + "' is more rows than any roster holds";
            }
            return "";
        },
        "ROW");
}

void add_preview_options(CLI::App& command, PreviewFlags& flags)
{
    batch::PreviewOptions& o = flags.options;
    command.add_option("--key", o.key_file, "Key file (mode 0600)")->required();
    command.add_option("--base-url", o.base_url, "Survey base URL")->required();
    command.add_option("-o,--output", o.output, "PNG to write")->required()->check(not_empty());
    auto* row = command.add_option("--row", o.row, "The placard of this data row (1 = first)")
                    ->check(whole_number())
                    ->check(row_number());
    auto* employee =
        command.add_option("--employee", o.employee_code, "The placard of this employee");
    row->excludes(employee);
    command.add_option("--template", o.template_file, "Placard template (TOML)");
    command.add_option("--font-dir", o.font_dir, "Folder with the placard fonts");
    command.add_option("--dpi", o.dpi, "Resolution of the PNG (default 150)")
        ->check(decimal_number())
        ->check(CLI::Range(20.0, 1200.0));
    command.add_option(
        "--batch-id", o.batch_id, "Batch id printed in the footer (default preview)");
    add_read_flags(command, flags.read, true);
    add_output_flags(command, flags.output);
}

// The preview is always a PNG: a name such as placard.pdf would hold PNG bytes that a
// PDF reader (or a print queue) refuses or, worse, takes for a placard to print.
void refuse_output_other_than_png(const std::filesystem::path& output)
{
    std::string extension = ascii_upper(output.extension().string());
    if (extension != ".PNG") {
        throw UsageError(fmt::format(
            "-o {}: preview writes a PNG image, so the output name must end in .png",
            output.string()));
    }
}

int run_preview(const PreviewFlags& flags)
{
    if (flags.options.row == 0 && flags.options.employee_code.empty()) {
        throw UsageError("name the placard to preview with --row N or --employee CODE");
    }
    refuse_output_other_than_png(flags.options.output);
    batch::PreviewOptions options = flags.options;
    options.read = to_read_options(flags.read);
    options.roster = roster_path(flags.read);

    TerminalReporter reporter(flags.output.verbosity(), false);
    batch::PreviewResult result = batch::render_preview(options);
    reporter.notice(fmt::format(
        "wrote {} ({} x {} px at {} dpi; employee {}, line {}; QR version {}, generation 1)",
        options.output.string(),
        result.width_px,
        result.height_px,
        options.dpi,
        result.employee_code,
        result.line,
        result.qr_version));
    return exit_ok;
}

}  // namespace

void add_preview_command(CLI::App& app, std::function<int()>& action)
{
    auto* command = app.add_subcommand(
        "preview", "Render one placard of a roster to PNG, as the PDF would print it");
    auto flags = std::make_shared<PreviewFlags>();
    add_preview_options(*command, *flags);
    command->callback([flags, &action] {
        action = [flags] {
            return run_preview(*flags);
        };
    });
}

}  // namespace placard::cli
