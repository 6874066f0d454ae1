#pragma once

#include <CLI/CLI.hpp>

#include <cmath>
#include <functional>
#include <string>

namespace placard::cli {

// A number written in decimal and finite. CLI11's Range lets "nan" through (every
// comparison with it is false) and its conversion reads hexadecimal too, so every
// number option of placard also carries this check.
inline CLI::Validator decimal_number()
{
    return CLI::Validator(
        [](const std::string& text) -> std::string {
            bool decimal =
                !text.empty() && text.find_first_not_of("0123456789.+-eE") == std::string::npos;
            try {
                std::size_t used = 0;
                if (decimal && std::isfinite(std::stod(text, &used)) && used == text.size()) {
                    return "";
                }
            } catch (const std::logic_error&) {
            }
            return "'" + text + "' is not a decimal number";
        },
        "DECIMAL");
}

// A whole number written in decimal digits: "1.5" or "0x10" for a count (threads, a
// row) is refused as what it is, not as out of range or unconvertible. Goes before the
// option's Range check.
inline CLI::Validator whole_number()
{
    return CLI::Validator(
        [](const std::string& text) -> std::string {
            std::size_t digits = text.starts_with('+') ? 1 : 0;
            bool whole = text.size() > digits
                         && text.find_first_not_of("0123456789", digits) == std::string::npos;
            return whole ? "" : "'" + text + "' is not a whole number";
        },
        "INTEGER");
}

// A value that may not be empty, such as an output path.
inline CLI::Validator not_empty()
{
    return CLI::Validator(
        [](const std::string& text) -> std::string {
            return text.empty() ? "an empty value is not allowed here" : "";
        },
        "NOT EMPTY");
}

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
