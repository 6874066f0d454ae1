#include "batch/validate_job.hpp"

#include "batch/placard_text.hpp"
#include "roster/national_code.hpp"
#include "util/csv_writer.hpp"
#include "util/error.hpp"
#include "util/json.hpp"
#include "util/printable.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace placard::batch {

namespace {

using roster::Disposition;
using roster::RosterRow;

std::string plural(long count, const char* noun)
{
    return fmt::format("{} {}{}", count, noun, count == 1 ? "" : "s");
}

const char* outcome(const RosterRow& row)
{
    switch (row.disposition) {
    case Disposition::accepted: {
        bool warned = std::any_of(row.findings.begin(), row.findings.end(), [](const Finding& f) {
            return f.severity == Severity::warning;
        });
        return warned ? "row valid, with warnings" : "row valid, with notes";
    }
    case Disposition::rejected:
        return "row rejected";
    case Disposition::skipped:
        return "row skipped";
    }
    return "row";
}

// Writes the report in one of the three formats as rows arrive, opening and closing the
// document, so memory stays flat however many rows have findings.
class ReportWriter {
public:
    ReportWriter(FindingFormat format, std::ostream& out)
        : format_(format)
        , out_(out)
    {
        if (format_ == FindingFormat::json) {
            out_ << "{\"findings\":[";
        } else if (format_ == FindingFormat::csv) {
            out_ << utf8_bom
                 << csv_record({"file", "line", "column", "field", "severity", "code", "message"});
        }
    }

    void file_finding(const Finding& finding)
    {
        if (format_ == FindingFormat::text) {
            out_ << format_finding(finding) << " [" << finding.code << "]\n";
        } else {
            write_record(finding);
        }
    }

    void row(const RosterRow& row)
    {
        if (row.findings.empty()) {
            return;
        }
        if (format_ != FindingFormat::text) {
            for (const Finding& finding : row.findings) {
                write_record(finding);
            }
            return;
        }

        // On a terminal a row's findings read best under one heading that says what
        // became of the row; the heading keeps the clickable file:line form.
        out_ << fmt::format(
            "{}:{}: {}\n", printable(row.findings[0].where.source), row.line, outcome(row));
        for (const Finding& finding : row.findings) {
            out_ << "    " << column_label(finding) << severity_name(finding.severity) << ": "
                 << finding.message << " [" << finding.code << "]\n";
        }
    }

    void close(const ValidationSummary& summary, bool padded)
    {
        if (format_ == FindingFormat::text) {
            close_text(summary, padded);
        } else if (format_ == FindingFormat::json) {
            close_json(summary);
        }
    }

    // A run that stops part way (the error goes to stderr) still leaves a JSON document
    // that a script can parse, saying why it is incomplete.
    void stop(const std::string& reason)
    {
        if (format_ == FindingFormat::json) {
            out_ << "\n],\"stopped\":" << json_string(reason) << "}\n";
        }
    }

private:
    static std::string column_label(const Finding& finding)
    {
        const SourceLocation& at = finding.where;
        if (at.column <= 0) {
            return "";
        }
        return fmt::format("column {} \"{}\": ", at.column, printable(at.field));
    }

    void write_record(const Finding& finding)
    {
        const SourceLocation& at = finding.where;
        if (format_ == FindingFormat::csv) {
            out_ << csv_record(
                {at.source,
                 std::to_string(at.line),
                 std::to_string(at.column),
                 at.field,
                 severity_name(finding.severity),
                 finding.code,
                 finding.message});
            return;
        }
        out_ << (count_++ > 0 ? "," : "") << "\n  "
             << fmt::format(
                    "{{\"file\":{},\"line\":{},\"column\":{},\"field\":{},"
                    "\"severity\":\"{}\",\"code\":{},\"message\":{}}}",
                    json_string(at.source),
                    at.line,
                    at.column,
                    json_string(at.field),
                    severity_name(finding.severity),
                    json_string(finding.code),
                    json_string(finding.message));
    }

    void close_text(const ValidationSummary& summary, bool padded)
    {
        out_ << fmt::format(
            "{}: {} valid, {} rejected, {} skipped; {}, {}\n",
            plural(summary.rows, "row"),
            summary.accepted,
            summary.rejected,
            summary.skipped,
            plural(summary.errors, "error"),
            plural(summary.warnings, "warning"));
        for (const auto& [code, count] : summary.count_by_code) {
            out_ << fmt::format("  {:>6} x {}\n", count, code);
        }
        if (summary.short_national_codes > 0) {
            out_ << roster::short_national_codes_summary(summary.short_national_codes, padded)
                 << "\n";
        }
    }

    void close_json(const ValidationSummary& summary)
    {
        std::string by_code;
        for (const auto& [code, count] : summary.count_by_code) {
            by_code += fmt::format("{}{}:{}", by_code.empty() ? "" : ",", json_string(code), count);
        }
        out_ << fmt::format(
            "\n],\"rows\":{},\"valid\":{},\"rejected\":{},\"skipped\":{},"
            "\"errors\":{},\"warnings\":{},\"short_national_codes\":{},\"by_code\":{{{}}}}}\n",
            summary.rows,
            summary.accepted,
            summary.rejected,
            summary.skipped,
            summary.errors,
            summary.warnings,
            summary.short_national_codes,
            by_code);
    }

    FindingFormat format_;
    std::ostream& out_;
    long count_ = 0;
};

void count(ValidationSummary& summary, const Finding& finding)
{
    summary.errors += finding.severity == Severity::error ? 1 : 0;
    summary.warnings += finding.severity == Severity::warning ? 1 : 0;
    if (finding.severity != Severity::info) {
        ++summary.count_by_code[finding.code];
    }
}

void count(ValidationSummary& summary, const RosterRow& row)
{
    ++summary.rows;
    summary.accepted += row.disposition == Disposition::accepted ? 1 : 0;
    summary.rejected += row.disposition == Disposition::rejected ? 1 : 0;
    summary.skipped += row.disposition == Disposition::skipped ? 1 : 0;

    bool short_code = false;
    for (const Finding& finding : row.findings) {
        count(summary, finding);
        short_code = short_code || roster::is_short_national_code(finding.code);
    }
    summary.short_national_codes += short_code ? 1 : 0;
}

}  // namespace

FindingFormat parse_finding_format(const std::string& name)
{
    if (name == "text") {
        return FindingFormat::text;
    }
    if (name == "json") {
        return FindingFormat::json;
    }
    if (name == "csv") {
        return FindingFormat::csv;
    }
    throw Error(fmt::format("unknown format \"{}\"; expected text, json or csv", name));
}

ValidationSummary validate_roster(
    const std::filesystem::path& roster,
    const roster::ReadOptions& options,
    FindingFormat format,
    std::ostream& out,
    const GlyphCheck& glyphs)
{
    roster::RosterReader reader(roster.string(), options);
    ReportWriter writer(format, out);
    ValidationSummary summary;
    std::vector<Finding> file_findings = reader.file_findings();
    const bool check_characters = glyphs.fonts != nullptr && glyphs.fonts->family_available();
    if (glyphs.fonts != nullptr && !check_characters) {
        file_findings.push_back(Finding{
            Severity::warning,
            "font-unavailable",
            fmt::format(
                "font '{}' is not available, so characters the placard font cannot draw were "
                "not checked; set --font-dir or run scripts/setup.sh",
                glyphs.family),
            SourceLocation{roster.string(), 0, 0, "", false}});
    }
    for (const Finding& finding : file_findings) {
        writer.file_finding(finding);
        count(summary, finding);
    }

    RosterRow row;
    try {
        while (reader.next(row)) {
            if (check_characters && row.disposition == Disposition::accepted) {
                check_glyphs(*glyphs.fonts, glyphs.family, reader, row);
            }
            writer.row(row);
            count(summary, row);
        }
    } catch (const Error& error) {
        writer.stop(error.what());
        throw;
    }
    writer.close(summary, options.pad_national_code);
    return summary;
}

}  // namespace placard::batch
