#pragma once

// Command-line pieces that several commands share: how a roster is named and read, and
// how much a command says on stderr.
#include "roster/roster_reader.hpp"
#include "terminal_reporter.hpp"

#include <CLI/CLI.hpp>

#include <functional>
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

// ROSTER (or --roster) or --sqlite with --table/--query, the filters and the reading
// options. Commands whose positional arguments are something else (reprint's employee
// codes) take the roster only as --roster.
void add_read_flags(CLI::App& command, ReadFlags& flags, bool positional_roster = true);

// --quiet, --verbose, --progress.
void add_output_flags(CLI::App& command, OutputFlags& flags);

// Checks that exactly one input is named (a UsageError otherwise) and converts.
roster::ReadOptions to_read_options(const ReadFlags& flags);

// The file the roster is read from: the CSV, or the SQLite database.
std::string roster_path(const ReadFlags& flags);

// Runs a parser as a CLI11 check, so that a bad value is a usage error (exit 4) found
// before any file is read, with the parser's own wording.
CLI::Validator parsed_by(const std::function<void(const std::string&)>& parse);

}  // namespace placard::cli
