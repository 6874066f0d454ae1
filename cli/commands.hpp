#pragma once

#include <CLI/CLI.hpp>

#include <functional>

namespace placard::cli {

// Declares every subcommand on `app`. Each returns the action to run after parsing,
// which maps the library's result to an exit code.
void add_commands(CLI::App& app, std::function<int()>& action);

// keygen, url, verify-url (key_commands.cpp).
void add_key_commands(CLI::App& app, std::function<int()>& action);

// render and reprint (render_commands.cpp).
void add_render_commands(CLI::App& app, std::function<int()>& action);

// revoke, revocations, ledger merge, ledger check (ledger_commands.cpp).
void add_ledger_commands(CLI::App& app, std::function<int()>& action);

// coverage (coverage_command.cpp).
void add_coverage_command(CLI::App& app, std::function<int()>& action);

// preview (preview_command.cpp).
void add_preview_command(CLI::App& app, std::function<int()>& action);

}  // namespace placard::cli
