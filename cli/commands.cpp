#include "commands.hpp"

#include "batch/render_job.hpp"
#include "batch/validate_job.hpp"
#include "check_command.hpp"
#include "exit_codes.hpp"
#include "read_flags.hpp"
#include "roster/text_decoder.hpp"
#include "sign/keyring.hpp"
#include "sign/survey_url.hpp"
#include "terminal_reporter.hpp"
#include "util/error.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <iostream>
#include <memory>

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

// Runs a parser as a CLI11 check, so that a bad value is a usage error (exit 4) found
// before any file is read, with the parser's own wording.
CLI::Validator parsed_by(std::function<void(const std::string&)> parse)
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

}  // namespace

void add_read_flags(CLI::App& command, ReadFlags& flags, const std::string& roster_option)
{
    command.add_option(roster_option, flags.roster, "Roster CSV file (or use --sqlite)");
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

namespace {

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

namespace {

void add_keygen(CLI::App& app, std::function<int()>& action)
{
    auto* command = app.add_subcommand("keygen", "Make a new 256-bit signing key");
    auto output = std::make_shared<std::string>();
    auto kid = std::make_shared<std::string>();
    auto activate = std::make_shared<bool>(false);
    command->add_option("-o,--output", *output, "Key file to create (mode 0600), or to add to")
        ->required();
    command->add_option("--kid", *kid, "Key id, 1 to 8 of A-Z and 0-9 (default: K1, K2, ...)");
    command->add_flag(
        "--activate",
        *activate,
        "Make the new key the one that signs (the first key of a file always is)");
    command->callback([=, &action] {
        action = [=] {
            bool exists = std::filesystem::exists(*output);
            sign::Keyring ring = exists ? sign::Keyring::load(*output) : sign::Keyring();
            const sign::SigningKey& key = ring.add_generated(*kid, *activate);
            std::string made = key.kid;
            ring.save(*output);
            std::fprintf(
                stderr,
                "placard: %s key %s in %s (active: %s)\n",
                exists ? "added" : "made",
                made.c_str(),
                output->c_str(),
                ring.active().kid.c_str());
            return static_cast<int>(exit_ok);
        };
    });
}

void add_url(CLI::App& app, std::function<int()>& action)
{
    auto* command = app.add_subcommand("url", "Print the survey URL of one employee");
    auto key = std::make_shared<std::string>();
    auto base = std::make_shared<std::string>();
    auto code = std::make_shared<std::string>();
    auto generation = std::make_shared<std::uint32_t>(1);
    command->add_option("--key", *key, "Key file")->required();
    command->add_option("--base-url", *base, "Survey base URL, e.g. https://survey.example.ir/S")
        ->required();
    command->add_option("--generation", *generation, "Placard generation (default 1)")
        ->check(CLI::Range(1, 999999));
    command->add_option("EMPLOYEE_CODE", *code, "Employee code")->required();
    command->callback([=, &action] {
        action = [=] {
            sign::Keyring ring = sign::Keyring::load(*key);
            std::string url = sign::make_survey_url(
                sign::normalise_base_url(*base), ring.active(), *code, *generation);
            std::printf("%s\n", url.c_str());
            return static_cast<int>(exit_ok);
        };
    });
}

void add_verify_url(CLI::App& app, std::function<int()>& action)
{
    auto* command = app.add_subcommand("verify-url", "Say whether a survey URL is valid");
    auto key = std::make_shared<std::string>();
    auto url = std::make_shared<std::string>();
    command->add_option("--key", *key, "Key file")->required();
    command->add_option("URL", *url, "The URL to check")->required();
    command->callback([=, &action] {
        action = [=] {
            sign::Keyring ring = sign::Keyring::load(*key);
            sign::UrlVerdict verdict = sign::verify_survey_url(ring, *url);
            if (verdict.status == sign::UrlStatus::valid) {
                std::printf(
                    "valid: key %s, employee %s, generation %u\n",
                    verdict.claims.kid.c_str(),
                    verdict.claims.employee_code.c_str(),
                    verdict.claims.generation);
                return static_cast<int>(exit_ok);
            }
            const char* kind = verdict.status == sign::UrlStatus::malformed     ? "malformed"
                               : verdict.status == sign::UrlStatus::unknown_key ? "unknown key"
                                                                                : "bad signature";
            std::printf("invalid: %s: %s\n", kind, verdict.reason.c_str());
            return static_cast<int>(exit_url_invalid);
        };
    });
}

struct RenderFlags {
    batch::RenderOptions options;
    ReadFlags read;
    OutputFlags output;
};

void add_render(CLI::App& app, std::function<int()>& action)
{
    auto* command = app.add_subcommand("render", "Render the placards of a roster to a PDF");
    auto flags = std::make_shared<RenderFlags>();
    batch::RenderOptions& o = flags->options;
    command->add_option("--key", o.key_file, "Key file (mode 0600)")->required();
    command->add_option("--base-url", o.base_url, "Survey base URL")->required();
    command->add_option("-o,--output", o.output, "PDF to write")->required();
    command->add_option("--template", o.template_file, "Placard template (TOML)");
    command->add_option("--font-dir", o.font_dir, "Folder with the placard fonts");
    command->add_flag(
        "--skip-invalid",
        o.skip_invalid,
        "Print the valid rows; list the others in the rejects file");
    command->add_option("--rejects", o.rejects, "Rejects CSV (default: OUTPUT.rejects.csv)");
    command->add_flag(
        "--allow-small-modules",
        o.allow_small_modules,
        "Print even if QR modules are below the template's minimum size");
    command->add_option("--batch-id", o.batch_id, "Batch id printed in the footer");
    add_read_flags(*command, flags->read);
    add_output_flags(*command, flags->output);
    command->callback([flags, &action] {
        action = [flags] {
            batch::RenderOptions options = flags->options;
            options.read = to_read_options(flags->read);
            options.roster = roster_path(flags->read);
            TerminalReporter reporter(flags->output.verbosity(), flags->output.progress);
            batch::RenderSummary summary = batch::render_roster(options, reporter);
            reporter.finish();
            reporter.notice(fmt::format(
                "read {}, printed {}, rejected {}, skipped {}; wrote {} ({} pages, QR version {}, "
                "module {:.2f} mm){}",
                summary.read,
                summary.printed,
                summary.rejected,
                summary.skipped,
                summary.output.string(),
                summary.printed,
                summary.qr_version,
                summary.module_mm,
                summary.rejects.empty() ? "" : "; rejects in " + summary.rejects.string()));
            reporter.notice("print at Actual size / 100 %, never 'fit to page': the 50 mm bar "
                            "on each placard checks it");
            return static_cast<int>(summary.rejected > 0 ? exit_rows_rejected : exit_ok);
        };
    });
}

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
    add_keygen(app, action);
    add_url(app, action);
    add_verify_url(app, action);
    add_render(app, action);
    add_validate(app, action);
    add_check(app, action);
}

}  // namespace placard::cli
