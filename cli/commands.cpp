#include "commands.hpp"

#include "batch/validate_job.hpp"
#include "check_command.hpp"
#include "exit_codes.hpp"
#include "read_flags.hpp"
#include "render/placard_template.hpp"

#include <filesystem>
#include <iostream>
#include <memory>

namespace placard::cli {

namespace {

void add_validate(CLI::App& app, std::function<int()>& action)
{
    auto* command = app.add_subcommand("validate", "Check a roster and report every finding");
    auto format = std::make_shared<std::string>("text");
    auto read = std::make_shared<ReadFlags>();
    auto template_file = std::make_shared<std::filesystem::path>();
    auto font_dir = std::make_shared<std::filesystem::path>();
    command->add_option("--format", *format, "text, json or csv")
        ->check(CLI::IsMember({"text", "json", "csv"}));
    command->add_option(
        "--template", *template_file, "Placard template whose font the characters must be in");
    command->add_option("--font-dir", *font_dir, "Folder with the placard fonts");
    add_read_flags(*command, *read);
    command->callback([=, &action] {
        action = [=] {
            roster::ReadOptions options = to_read_options(*read);
            render::PlacardTemplate look;
            if (!template_file->empty()) {
                look = render::load_template(*template_file);
            }
            render::FontSetup fonts(
                look.font_family, font_dir->empty() ? look.font_dir : *font_dir);
            batch::ValidationSummary summary = batch::validate_roster(
                roster_path(*read),
                options,
                batch::parse_finding_format(*format),
                std::cout,
                batch::GlyphCheck{&fonts, look.font_family});
            std::cout.flush();
            if (summary.errors > 0) {
                return static_cast<int>(exit_failed);
            }
            return static_cast<int>(summary.warnings > 0 ? exit_warnings : exit_ok);
        };
    });
}

}  // namespace

void add_commands(CLI::App& app, std::function<int()>& action)
{
    add_key_commands(app, action);
    add_render_commands(app, action);
    add_validate(app, action);
    add_ledger_commands(app, action);
    add_check(app, action);
    add_coverage_command(app, action);
    add_preview_command(app, action);
}

}  // namespace placard::cli
