// placard: print signed QR survey placards from HR rosters. This file only parses the
// command line and maps results and exceptions to the documented exit codes; the work
// is done by the library in src/.
#include "commands.hpp"
#include "exit_codes.hpp"
#include "ledger/ledger_error.hpp"
#include "util/error.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <exception>
#include <functional>
#include <string>
#include <vector>

namespace {

// CLI11 reads a config file only through an option of the top-level app, yet users
// write `placard render --config FILE`. Moving "--config FILE" in front of the command
// lets both spellings work; the file's [render] section holds the command's options.
std::vector<std::string> config_option_first(int argc, char** argv)
{
    std::vector<std::string> rest;
    std::vector<std::string> config;
    for (int i = 1; i < argc; ++i) {
        std::string argument = argv[i];
        if (argument == "--") {
            rest.insert(rest.end(), argv + i, argv + argc);
            break;
        }
        if (argument == "--config" && i + 1 < argc) {
            config = {argument, argv[++i]};
        } else if (argument.starts_with("--config=")) {
            config = {argument};
        } else {
            rest.push_back(argument);
        }
    }
    config.insert(config.end(), rest.begin(), rest.end());
    return config;
}

// CLI11 answers a misspelt command with "A subcommand is required", which hides the
// typo; this names it and the commands there are. Empty when the command is known.
std::string unknown_command(const CLI::App& app, const std::vector<std::string>& arguments)
{
    for (std::size_t at = 0; at < arguments.size(); ++at) {
        const std::string& argument = arguments[at];
        if (argument == "--config") {
            ++at;  // its file
            continue;
        }
        if (argument.starts_with("-")) {
            continue;
        }
        std::string known;
        for (const CLI::App* command : app.get_subcommands({})) {
            if (command->get_name() == argument) {
                return "";
            }
            known += (known.empty() ? "" : ", ") + command->get_name();
        }
        return fmt::format("unknown command '{}'; the commands are {}", argument, known);
    }
    return "";
}

// CLI11 calls any config file "INI" in its messages, though placard's are TOML.
std::string config_message(std::string message)
{
    const std::string cli11_words = "INI was not able to parse ";
    if (std::size_t at = message.find(cli11_words); at != std::string::npos) {
        message.replace(at, cli11_words.size(), "unknown key ");
    }
    return message;
}

// `placard help` prints the usage, `placard help COMMAND` that command's, as
// `placard COMMAND --help` does.
int print_help(const CLI::App& app, const std::vector<std::string>& arguments)
{
    using namespace placard::cli;

    if (arguments.size() == 1) {
        std::fputs(app.help().c_str(), stdout);
        return exit_ok;
    }
    std::vector<std::string> command(arguments.begin() + 1, arguments.end());
    std::string unknown = unknown_command(app, command);
    if (!unknown.empty() || command.size() > 1) {
        std::fprintf(
            stderr,
            "placard: error: %s\nrun 'placard --help' for usage\n",
            unknown.empty() ? "help takes one command" : unknown.c_str());
        return exit_usage;
    }
    std::fputs(app.get_subcommand(command[0])->help(app.get_name()).c_str(), stdout);
    return exit_ok;
}

}  // namespace

int main(int argc, char** argv)
{
    using namespace placard::cli;

    // Under a file-size limit (ulimit -f in a cron job) SIGXFSZ would kill placard in the
    // middle of a write, silently, leaving its temporary file behind. Ignored, the write
    // fails with EFBIG and is reported and cleaned up like a full disk.
    (void)std::signal(SIGXFSZ, SIG_IGN);  // best effort: without it the old behaviour stays

    CLI::App app{"placard: signed QR survey placards for every employee's desk", "placard"};
    app.set_version_flag("--version", "placard " PLACARD_VERSION);
    app.footer(exit_code_help);
    app.require_subcommand(1);
    // A crontab line stays short: options live in a TOML file, one [section] a command.
    app.set_config("--config", "", "Read options from a TOML file ([render], [validate], ...)");
    // A misspelt key must stop the run: an ignored `changed_only = true` would turn a
    // nightly --changed-only run into a reprint of everyone.
    app.allow_config_extras(CLI::config_extras_mode::error);
    std::function<int()> action;
    add_commands(app, action);

    try {
        std::vector<std::string> arguments = config_option_first(argc, argv);
        if (!arguments.empty() && arguments[0] == "help") {
            return print_help(app, arguments);
        }
        if (std::string unknown = unknown_command(app, arguments); !unknown.empty()) {
            std::fprintf(
                stderr, "placard: error: %s\nrun 'placard --help' for usage\n", unknown.c_str());
            return exit_usage;
        }
        std::reverse(arguments.begin(), arguments.end());  // CLI11 takes them last first
        app.parse(arguments);
    } catch (const CLI::CallForHelp& help) {
        return app.exit(help) == 0 ? exit_ok : exit_usage;
    } catch (const CLI::CallForAllHelp& help) {
        return app.exit(help) == 0 ? exit_ok : exit_usage;
    } catch (const CLI::CallForVersion& version) {
        app.exit(version);
        return exit_ok;
    } catch (const CLI::ConfigError& error) {
        std::fprintf(
            stderr,
            "placard: error: --config: %s; a key is an option of its [command] section, "
            "spelt as on the command line without the dashes\n",
            config_message(error.what()).c_str());
        return exit_usage;
    } catch (const CLI::ParseError& error) {
        std::fprintf(stderr, "placard: error: %s\nrun 'placard --help' for usage\n", error.what());
        return exit_usage;
    }

    try {
        return action();
    } catch (const UsageError& error) {
        std::fprintf(stderr, "placard: error: %s\nrun 'placard --help' for usage\n", error.what());
        return exit_usage;
    } catch (const placard::ledger::LedgerBusy& error) {
        std::fprintf(stderr, "placard: error: %s\n", error.what());
        return exit_ledger_busy;
    } catch (const placard::Error& error) {
        std::fprintf(stderr, "placard: error: %s\n", error.what());
        return exit_failed;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "placard: internal error: %s\n", error.what());
        return exit_internal;
    }
}
