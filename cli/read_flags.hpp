#pragma once

#include "roster/roster_reader.hpp"
#include "terminal_reporter.hpp"

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace placard::cli {

// Options shared by every command that reads a roster.
struct ReadFlags {
    std::string roster;  // a CSV file, or empty with --sqlite
    std::string sqlite;
    std::string table;
    std::string query;
    std::string province;
    std::string city;
    std::string agency;
    std::string encoding;
    std::string delimiter;
    std::vector<std::string> columns;
    bool pad_national_code = false;
};

struct OutputFlags {
    bool quiet = false;
    bool verbose = false;
    bool progress = false;

    Verbosity verbosity() const
    {
        return quiet ? Verbosity::quiet : verbose ? Verbosity::verbose : Verbosity::normal;
    }
};

// Declares the roster options on a command: the CSV roster as `roster_option` (the
// positional ROSTER, or a named option such as "--roster" where the positions hold
// other files), --sqlite with --table or --query, the filters and the reading options.
void add_read_flags(
    CLI::App& command, ReadFlags& flags, const std::string& roster_option = "ROSTER");

void add_output_flags(CLI::App& command, OutputFlags& flags);

// The reading options for the library; throws UsageError unless exactly one input (a
// CSV file, or --sqlite with one of --table and --query) is given.
roster::ReadOptions to_read_options(const ReadFlags& flags);

// The roster's file: the CSV, or the SQLite database.
std::string roster_path(const ReadFlags& flags);

}  // namespace placard::cli
