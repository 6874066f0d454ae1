// placard: print signed QR survey placards from HR rosters. This file only parses the
// command line and maps results and exceptions to the documented exit codes; the work
// is done by the library in src/.
#include "commands.hpp"
#include "exit_codes.hpp"
#include "util/error.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>
#include <functional>

int main(int argc, char** argv)
{
    using namespace placard::cli;

    CLI::App app{"placard: signed QR survey placards for every employee's desk"};
    app.set_version_flag("--version", "placard " PLACARD_VERSION);
    app.footer(exit_code_help);
    app.require_subcommand(1);
    std::function<int()> action;
    add_commands(app, action);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& help) {
        return app.exit(help) == 0 ? exit_ok : exit_usage;
    } catch (const CLI::CallForAllHelp& help) {
        return app.exit(help) == 0 ? exit_ok : exit_usage;
    } catch (const CLI::CallForVersion& version) {
        app.exit(version);
        return exit_ok;
    } catch (const CLI::ParseError& error) {
        std::fprintf(stderr, "placard: error: %s\nrun 'placard --help' for usage\n", error.what());
        return exit_usage;
    }

    try {
        return action();
    } catch (const UsageError& error) {
        std::fprintf(stderr, "placard: error: %s\nrun 'placard --help' for usage\n", error.what());
        return exit_usage;
    } catch (const placard::Error& error) {
        std::fprintf(stderr, "placard: error: %s\n", error.what());
        return exit_failed;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "placard: internal error: %s\n", error.what());
        return exit_internal;
    }
}
