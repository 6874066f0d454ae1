// The terminal table and the CSV of a coverage report.
#include "report/coverage_output.hpp"
#include "report/iso_time.hpp"
#include "util/csv_writer.hpp"

#include <fmt/format.h>

namespace placard::report {

namespace {

// The columns a report has: scans and reports add theirs only when given.
std::string figures_row(const CoverageReport& report, const GroupFigures& g)
{
    std::string row =
        fmt::format("{:>10}{:>9}{:>8}{:>10}", g.employees, g.covered, percent_text(g), g.outdated);
    if (report.with_scans) {
        row += fmt::format("{:>9}{:>7}", g.scanned, g.never_scanned);
    }
    if (report.with_reports) {
        row += fmt::format("{:>10}", g.reported_offices);
    }
    return row;
}

std::string figures_header(const CoverageReport& report)
{
    std::string row =
        fmt::format("{:>10}{:>9}{:>8}{:>10}", "employees", "covered", "%", "outdated");
    if (report.with_scans) {
        row += fmt::format("{:>9}{:>7}", "scanned", "stale");
    }
    if (report.with_reports) {
        row += fmt::format("{:>10}", "reported");
    }
    return row;
}

void write_groups(const CoverageReport& report, std::ostream& out)
{
    std::string header = figures_header(report);
    out << header << "  " << grouping_name(report.by) << "\n";
    for (const GroupFigures& group : report.groups) {
        out << figures_row(report, group) << "  " << group_label(group.name) << "\n";
    }
    out << std::string(header.size() + 2 + 8, '-') << "\n";
    out << figures_row(report, report.total) << "  all\n";
}

// Latin columns first; the Persian name, office and group after a bar.
std::string employee_line(
    const EmployeeRef& who, std::string_view status, const std::string& detail)
{
    return fmt::format(
        "  {:>6}  {:<12} {:<14} {} | {} | {} | {}\n",
        who.line,
        who.employee_code.empty() ? "-" : who.employee_code,
        status,
        detail,
        who.name,
        who.office,
        group_label(who.group));
}

void write_uncovered(const CoverageReport& report, std::ostream& out)
{
    out << fmt::format(
        "\nwithout a placard: {} of {}\n", report.uncovered.size(), report.total.employees);
    if (report.uncovered.empty()) {
        return;
    }
    out << fmt::format(
        "  {:>6}  {:<12} {:<14} {}\n", "line", "code", "why", "detail | name | office | group");
    for (const UncoveredEmployee& employee : report.uncovered) {
        out << employee_line(employee.who, gap_name(employee.gap), employee.detail);
    }
}

void write_follow_ups(const CoverageReport& report, std::ostream& out)
{
    if (report.follow_ups.empty()) {
        return;
    }
    out << fmt::format("\ncovered, to follow up: {}\n", report.follow_ups.size());
    out << fmt::format(
        "  {:>6}  {:<12} {:<14} {}\n", "line", "code", "what", "detail | name | office | group");
    for (const FollowUp& item : report.follow_ups) {
        out << employee_line(
            item.who,
            follow_up_name(item.kind),
            fmt::format("generation {}: {}", item.generation, item.detail));
    }
}

void write_scans(const CoverageReport& report, std::ostream& out)
{
    if (!report.with_scans) {
        return;
    }
    const ScanFigures& s = report.scans;
    out << fmt::format(
        "\nscan log: {} lines; {} of live placards, {} of other generations or keys, {} of "
        "nobody in this roster; {} bad lines left out\n",
        s.lines,
        s.matched,
        s.not_live,
        s.unknown_employee,
        s.bad_lines);
}

void write_reported_offices(const CoverageReport& report, std::ostream& out)
{
    if (!report.with_reports) {
        return;
    }
    out << fmt::format(
        "\noffices reported by citizens: {} ({} reports read, {} lines left out)\n",
        report.reported_offices.size(),
        report.report_lines,
        report.bad_report_lines);
    for (const ReportedOffice& office : report.reported_offices) {
        std::string state =
            office.employees == 0 ? "not in the roster"
            : office.covered == office.employees
                ? "all covered: check the wall"
                : fmt::format("{} without a placard", office.employees - office.covered);
        out << fmt::format(
            "  {:>3} report(s), last {:<10}  {:>4} employees, {:>4} covered  {:<28} | {} | {} | "
            "{}\n",
            office.reports,
            office.last_reported ? format_iso_date(*office.last_reported) : "-",
            office.employees,
            office.covered,
            state,
            office.office,
            office.city.empty() ? "(any city)" : office.city,
            office.agency.empty() ? "(any agency)" : office.agency);
    }
}

std::string count_or_blank(bool shown, long value)
{
    return shown ? std::to_string(value) : std::string();
}

std::vector<std::string> csv_figures(
    const CoverageReport& report, const char* record, const GroupFigures& g)
{
    return {
        record,
        record == std::string("total") ? "" : group_label(g.name),
        std::to_string(g.employees),
        std::to_string(g.covered),
        percent_text(g),
        std::to_string(g.outdated),
        count_or_blank(report.with_scans, g.scanned),
        count_or_blank(report.with_scans, g.never_scanned),
        count_or_blank(report.with_reports, g.reported_offices),
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        ""};
}

std::vector<std::string> csv_employee(
    const char* record,
    const EmployeeRef& who,
    const char* status,
    std::string generation,
    const std::string& detail)
{
    return {
        record,
        group_label(who.group),
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        std::to_string(who.line),
        who.employee_code,
        who.name,
        who.office,
        "",
        "",
        status,
        std::move(generation),
        detail,
        "",
        ""};
}

std::vector<std::string> csv_office(const ReportedOffice& office)
{
    GroupFigures figures;
    figures.employees = office.employees;
    figures.covered = office.covered;
    return {
        "reported-office",
        "",
        std::to_string(office.employees),
        std::to_string(office.covered),
        percent_text(figures),
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        office.office,
        office.city,
        office.agency,
        "",
        "",
        "",
        std::to_string(office.reports),
        office.last_reported ? format_iso_time(*office.last_reported) : ""};
}

}  // namespace

std::optional<CoverageFormat> parse_coverage_format(std::string_view name)
{
    if (name == "table" || name == "text") {
        return CoverageFormat::table;
    }
    if (name == "csv") {
        return CoverageFormat::csv;
    }
    if (name == "json") {
        return CoverageFormat::json;
    }
    if (name == "pdf") {
        return CoverageFormat::pdf;
    }
    return std::nullopt;
}

std::string percent_text(const GroupFigures& figures)
{
    // Whole tenths from integers: a floating-point product such as 29 * 100 / 29 must
    // not come out a hair under 100.
    long tenths = figures.employees == 0 ? 1000 : figures.covered * 1000 / figures.employees;
    return fmt::format("{}.{}", tenths / 10, tenths % 10);
}

void write_coverage_table(const CoverageReport& report, std::ostream& out)
{
    out << fmt::format(
        "placard coverage by {}, as of {}\n",
        grouping_name(report.by),
        format_iso_time(report.as_of));
    out << fmt::format(
        "roster {}: {} rows read, {} employees, {} skipped (inactive, filtered or empty)\n",
        report.roster,
        report.rows_read,
        report.total.employees,
        report.rows_skipped);
    out << fmt::format("ledger {}\n", report.ledger);
    if (report.with_scans) {
        out << fmt::format(
            "stale: covered, printed {} or more days ago and never scanned\n", report.stale_days);
    }
    out << "\n";
    write_groups(report, out);
    write_uncovered(report, out);
    write_follow_ups(report, out);
    write_scans(report, out);
    write_reported_offices(report, out);
}

void write_coverage_csv(const CoverageReport& report, std::ostream& out)
{
    out << utf8_bom
        << csv_record({"record",           "group",    "employees",     "covered",
                       "percent",          "outdated", "scanned",       "never_scanned",
                       "reported_offices", "line",     "employee_code", "name",
                       "office",           "city",     "agency",        "status",
                       "generation",       "detail",   "reports",       "last_reported"});
    for (const GroupFigures& group : report.groups) {
        out << csv_record(csv_figures(report, "group", group));
    }
    out << csv_record(csv_figures(report, "total", report.total));
    for (const UncoveredEmployee& e : report.uncovered) {
        out << csv_record(csv_employee("uncovered", e.who, gap_name(e.gap), "", e.detail));
    }
    for (const FollowUp& f : report.follow_ups) {
        out << csv_record(csv_employee(
            "follow-up", f.who, follow_up_name(f.kind), std::to_string(f.generation), f.detail));
    }
    for (const ReportedOffice& office : report.reported_offices) {
        out << csv_record(csv_office(office));
    }
}

}  // namespace placard::report
