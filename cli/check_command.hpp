#pragma once

#include <CLI/CLI.hpp>

#include <functional>

namespace placard::cli {

// Declares `placard check PDF...`: reads placard PDFs back and verifies every QR.
void add_check(CLI::App& app, std::function<int()>& action);

}  // namespace placard::cli
