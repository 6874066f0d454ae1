#include "read_flags.hpp"

#include "exit_codes.hpp"
#include "roster/text_decoder.hpp"
#include "util/error.hpp"

#include <fmt/format.h>

namespace placard::cli {

namespace {

roster::Field parse_field(const std::string& name)
{
    for (int i = 0; i <= static_cast<int>(roster::Field::status); ++i) {
        auto field = static_cast<roster::Field>(i);
        if (name == roster::field_name(field)) {
            return field;
        }
    }
    throw Error(fmt::format(
        "unknown field \"{}\"; expected employee_code, national_code, first_name, last_name, "
        "job_title, office, agency, city, province, gender or status",
        name));
}

char parse_delimiter(const std::string& name)
{
    if (name == "tab" || name == "\\t" || name == "\t") {
        return '\t';
    }
    if (name == "," || name == ";") {
        return name[0];
    }
    throw Error(fmt::format("\"{}\" is not ',', ';' or 'tab'", name));
}

std::pair<roster::Field, std::string> parse_column(const std::string& mapping)
{
    std::size_t equals = mapping.find('=');
    if (equals == std::string::npos || equals == 0 || equals + 1 == mapping.size()) {
        throw Error(fmt::format("\"{}\" is not of the form FIELD=HEADER", mapping));
    }
    return {parse_field(mapping.substr(0, equals)), mapping.substr(equals + 1)};
}

// Exactly one input: a CSV path, or --sqlite with exactly one of --table and --query.
void check_input_flags(const ReadFlags& flags)
{
    if (flags.roster.empty() == flags.sqlite.empty()) {
        throw UsageError("give a roster CSV file or --sqlite FILE, not both and not neither");
    }
    if (!flags.sqlite.empty() && flags.table.empty() == flags.query.empty()) {
        throw UsageError("--sqlite needs exactly one of --table NAME and --query SELECT");
    }
    if (flags.sqlite.empty() && (!flags.table.empty() || !flags.query.empty())) {
        throw UsageError("--table and --query go with --sqlite FILE");
    }
}

}  // namespace

CLI::Validator parsed_by(const std::function<void(const std::string&)>& parse)
{
    return CLI::Validator(
        [parse](std::string& value) {
            try {
                parse(value);
            } catch (const Error& error) {
                return std::string(error.what());
            }
            return std::string();
        },
        "");
}

void add_read_flags(CLI::App& command, ReadFlags& flags, bool positional_roster)
{
    if (positional_roster) {
        command.add_option("ROSTER", flags.roster, "Roster CSV file (or use --sqlite)");
    }
    command.add_option("--roster", flags.roster, "Roster CSV file (or use --sqlite)");
    command.add_option("--sqlite", flags.sqlite, "Read the roster from this SQLite database");
    command.add_option("--table", flags.table, "With --sqlite: the table or view to read");
    command.add_option("--query", flags.query, "With --sqlite: a SELECT giving the roster rows");
    command.add_option("--province", flags.province, "Only rows of this province");
    command.add_option("--city", flags.city, "Only rows of this city");
    command.add_option("--agency", flags.agency, "Only rows of this agency");
    command
        .add_option(
            "--encoding",
            flags.encoding,
            "Roster encoding: utf-8, utf-16le, utf-16be or windows-1256 (default: detect)")
        ->check(parsed_by([](const std::string& name) { roster::parse_encoding_name(name); }));
    command
        .add_option(
            "--delimiter",
            flags.delimiter,
            "Field delimiter: ',', ';' or 'tab' (default: detect from the header line)")
        ->check(parsed_by([](const std::string& name) { parse_delimiter(name); }));
    command
        .add_option(
            "--column",
            flags.columns,
            "Map a header to a field, as FIELD=HEADER (e.g. employee_code=PersNo); repeatable")
        ->check(parsed_by([](const std::string& mapping) { parse_column(mapping); }));
    command.add_flag(
        "--pad-national-code",
        flags.pad_national_code,
        "Restore leading zeros of 8- or 9-digit national codes (a warning per row)");
}

void add_output_flags(CLI::App& command, OutputFlags& flags)
{
    command.add_flag("-q,--quiet", flags.quiet, "Print only errors");
    command.add_flag("-v,--verbose", flags.verbose, "Print info lines as well");
    command.add_flag(
        "--progress",
        flags.progress,
        "Print a progress line every few seconds (for logs; a terminal gets a bar anyway)");
}

std::string roster_path(const ReadFlags& flags)
{
    return flags.sqlite.empty() ? flags.roster : flags.sqlite;
}

// The flags were checked while parsing, so these conversions cannot fail here.
roster::ReadOptions to_read_options(const ReadFlags& flags)
{
    check_input_flags(flags);
    roster::ReadOptions options;
    options.sqlite_table = flags.table;
    options.sqlite_query = flags.query;
    const std::pair<roster::Field, const std::string*> filters[] = {
        {roster::Field::province, &flags.province},
        {roster::Field::city, &flags.city},
        {roster::Field::agency, &flags.agency}};
    for (const auto& [field, value] : filters) {
        if (!value->empty()) {
            options.filters.emplace_back(field, *value);
        }
    }
    options.encoding = flags.encoding;
    options.pad_national_code = flags.pad_national_code;
    options.delimiter = flags.delimiter.empty() ? '\0' : parse_delimiter(flags.delimiter);
    for (const std::string& mapping : flags.columns) {
        options.column_overrides.push_back(parse_column(mapping));
    }
    return options;
}

}  // namespace placard::cli
