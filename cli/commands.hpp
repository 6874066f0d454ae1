#pragma once

#include <CLI/CLI.hpp>

#include <functional>

namespace placard::cli {

// Declares every subcommand on `app`. Each returns the action to run after parsing,
// which maps the library's result to an exit code.
void add_commands(CLI::App& app, std::function<int()>& action);

}  // namespace placard::cli
