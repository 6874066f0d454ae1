#include "commands.hpp"

#include "batch/validate_job.hpp"
#include "check_command.hpp"
#include "exit_codes.hpp"
#include "read_flags.hpp"

#include <iostream>
#include <memory>

namespace placard::cli {

namespace {

void add_validate(CLI::App& app, std::function<int()>& action)
{
    auto* command = app.add_subcommand("validate", "Check a roster and report every finding");
    auto format = std::make_shared<std::string>("text");
    auto read = std::make_shared<ReadFlags>();
    command->add_option("--format", *format, "text, json or csv")
        ->check(CLI::IsMember({"text", "json", "csv"}));
    add_read_flags(*command, *read);
    command->callback([=, &action] {
        action = [=] {
            roster::ReadOptions options = to_read_options(*read);
            batch::ValidationSummary summary = batch::validate_roster(
                roster_path(*read), options, batch::parse_finding_format(*format), std::cout);
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
