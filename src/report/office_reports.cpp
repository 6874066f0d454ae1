#include "report/office_reports.hpp"

#include "report/csv_input.hpp"
#include "report/iso_time.hpp"
#include "roster/normalise.hpp"
#include "util/printable.hpp"

#include <fmt/format.h>

namespace placard::report {

namespace {

// Office, city and agency take the roster's English and Persian header names.
struct ReportColumns {
    std::size_t office;
    std::optional<std::size_t> city;
    std::optional<std::size_t> agency;
    std::optional<std::size_t> reported_at;
};

ReportColumns find_columns(const CsvInput& input)
{
    return {
        input.required_column({"office", "واحد"}),
        input.column({"city", "شهر"}),
        input.column({"agency", "دستگاه"}),
        input.column({"reported_at", "تاریخ گزارش"})};
}

std::string text_at(const CsvLine& line, std::optional<std::size_t> column)
{
    if (!column || *column >= line.fields.size()) {
        return {};
    }
    return roster::normalise_text(line.fields[*column]).text;
}

// The report of a usable line, or the finding that explains why it is left out. A bad
// time is reported but keeps the report: the office was still reported.
std::optional<Finding> read_report(
    const CsvInput& input,
    const ReportColumns& columns,
    const CsvLine& line,
    OfficeReport& report,
    Reporter& reporter)
{
    if (line.problem) {
        return line.problem;
    }
    report = OfficeReport{};
    report.line = line.line;
    report.office = text_at(line, columns.office);
    report.city = text_at(line, columns.city);
    report.agency = text_at(line, columns.agency);
    if (report.office.empty()) {
        return Finding{
            Severity::warning,
            "report-no-office",
            "the report names no office",
            input.at(line.line, columns.office)};
    }

    std::string when = roster::normalise_code(text_at(line, columns.reported_at)).text;
    if (!when.empty()) {
        report.reported_at = parse_iso_time(when);
        if (!report.reported_at) {
            reporter.finding(Finding{
                Severity::warning,
                "report-time",
                fmt::format(
                    "\"{}\" is not an ISO 8601 date or time with a zone; the report is kept "
                    "without its time",
                    printable(when)),
                input.at(line.line, columns.reported_at)});
        }
    }
    return std::nullopt;
}

}  // namespace

long read_office_reports(
    const std::filesystem::path& path,
    const std::function<void(const OfficeReport&)>& take,
    Reporter& reporter)
{
    CsvInput input(path, "reports file");
    ReportColumns columns = find_columns(input);

    long left_out = 0;
    CsvLine line;
    OfficeReport report;
    while (input.next(line)) {
        if (std::optional<Finding> bad = read_report(input, columns, line, report, reporter)) {
            reporter.finding(*bad);
            ++left_out;
            continue;
        }
        take(report);
    }
    return left_out;
}

}  // namespace placard::report
