#include "batch/validate_job.hpp"

#include "util/csv_writer.hpp"
#include "util/error.hpp"
#include "util/json.hpp"

#include <fmt/format.h>

namespace placard::batch {

namespace {

// Writes findings in one of the three formats, opening and closing the document.
class FindingWriter {
public:
    FindingWriter(FindingFormat format, std::ostream& out)
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

    void write(const Finding& finding)
    {
        const SourceLocation& at = finding.where;
        if (format_ == FindingFormat::text) {
            out_ << format_finding(finding) << " [" << finding.code << "]\n";
        } else if (format_ == FindingFormat::csv) {
            out_ << csv_record(
                {at.source,
                 std::to_string(at.line),
                 std::to_string(at.column),
                 at.field,
                 severity_name(finding.severity),
                 finding.code,
                 finding.message});
        } else {
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
    }

    void close(const ValidationSummary& summary)
    {
        if (format_ == FindingFormat::text) {
            out_ << fmt::format(
                "{} rows: {} valid, {} rejected, {} skipped; {} errors, {} warnings\n",
                summary.rows,
                summary.accepted,
                summary.rejected,
                summary.skipped,
                summary.errors,
                summary.warnings);
            for (const auto& [code, count] : summary.count_by_code) {
                out_ << fmt::format("  {:>6} x {}\n", count, code);
            }
        } else if (format_ == FindingFormat::json) {
            out_ << fmt::format(
                "\n],\"rows\":{},\"valid\":{},\"rejected\":{},\"skipped\":{},"
                "\"errors\":{},\"warnings\":{}}}\n",
                summary.rows,
                summary.accepted,
                summary.rejected,
                summary.skipped,
                summary.errors,
                summary.warnings);
        }
    }

private:
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
    std::ostream& out)
{
    roster::RosterReader reader(roster.string(), options);
    FindingWriter writer(format, out);
    ValidationSummary summary;
    for (const Finding& finding : reader.file_findings()) {
        writer.write(finding);
        count(summary, finding);
    }

    roster::RosterRow row;
    while (reader.next(row)) {
        ++summary.rows;
        summary.accepted += row.disposition == roster::Disposition::accepted ? 1 : 0;
        summary.rejected += row.disposition == roster::Disposition::rejected ? 1 : 0;
        summary.skipped += row.disposition == roster::Disposition::skipped ? 1 : 0;
        for (const Finding& finding : row.findings) {
            writer.write(finding);
            count(summary, finding);
        }
    }
    writer.close(summary);
    return summary;
}

}  // namespace placard::batch
