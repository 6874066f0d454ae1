// The JSON document of a coverage report, for dashboards.
#include "report/coverage_output.hpp"
#include "report/iso_time.hpp"
#include "util/json.hpp"

#include <fmt/format.h>

namespace placard::report {

namespace {

// Lists are written one element a line, so a diff of two reports reads well.
template <class Items, class Write>
void write_list(std::ostream& out, const char* name, const Items& items, Write write)
{
    out << ",\n\"" << name << "\":[";
    const char* separator = "\n";
    for (const auto& item : items) {
        out << separator << write(item);
        separator = ",\n";
    }
    out << "\n]";
}

// The empty group is null: it is the absence of a value, not a value.
std::string group_json(const std::string& name)
{
    return name.empty() ? "null" : json_string(name);
}

std::string time_or_null(const std::optional<std::time_t>& moment)
{
    return moment ? json_string(format_iso_time(*moment)) : "null";
}

std::string figures_json(const CoverageReport& report, const GroupFigures& g)
{
    std::string text = fmt::format(
        "\"employees\":{},\"covered\":{},\"percent\":{},\"outdated\":{}",
        g.employees,
        g.covered,
        percent_text(g),
        g.outdated);
    if (report.with_scans) {
        text += fmt::format(",\"scanned\":{},\"never_scanned\":{}", g.scanned, g.never_scanned);
    }
    if (report.with_reports) {
        text += fmt::format(",\"reported_offices\":{}", g.reported_offices);
    }
    return text;
}

// The group's value of each grouping field, in the order of "by"; null for none.
std::string values_json(const std::vector<std::string>& values)
{
    std::string text = "[";
    for (const std::string& value : values) {
        text += text.size() == 1 ? "" : ",";
        text += value.empty() ? "null" : json_string(value);
    }
    return text + "]";
}

std::string employee_json(const EmployeeRef& who)
{
    return fmt::format(
        "\"group\":{},\"line\":{},\"employee_code\":{},\"name\":{},\"office\":{}",
        group_json(who.group),
        who.line,
        json_string(who.employee_code),
        json_string(who.name),
        json_string(who.office));
}

std::string office_json(const ReportedOffice& office)
{
    return fmt::format(
        "{{\"office\":{},\"city\":{},\"agency\":{},\"reports\":{},\"last_reported\":{},"
        "\"employees\":{},\"covered\":{}}}",
        json_string(office.office),
        office.city.empty() ? "null" : json_string(office.city),
        office.agency.empty() ? "null" : json_string(office.agency),
        office.reports,
        time_or_null(office.last_reported),
        office.employees,
        office.covered);
}

void write_head(const CoverageReport& report, std::ostream& out)
{
    out << fmt::format(
        "{{\"by\":\"{}\",\"as_of\":{},\"roster\":{},\"ledger\":{},\"stale_days\":{},"
        "\"rows_read\":{},\"rows_skipped\":{},\n\"total\":{{{}}}",
        grouping_name(report.by),
        json_string(format_iso_time(report.as_of)),
        json_string(report.roster),
        json_string(report.ledger),
        report.stale_days,
        report.rows_read,
        report.rows_skipped,
        figures_json(report, report.total));
}

void write_side_files(const CoverageReport& report, std::ostream& out)
{
    const ScanFigures& s = report.scans;
    out << ",\n\"scans\":";
    if (report.with_scans) {
        out << fmt::format(
            "{{\"lines\":{},\"bad_lines\":{},\"matched\":{},\"not_live\":{},"
            "\"unknown_employee\":{}}}",
            s.lines,
            s.bad_lines,
            s.matched,
            s.not_live,
            s.unknown_employee);
    } else {
        out << "null";
    }
    out << ",\n\"reports\":";
    if (!report.with_reports) {
        out << "null";
        return;
    }
    out << fmt::format(
        "{{\"lines\":{},\"bad_lines\":{}", report.report_lines, report.bad_report_lines);
    write_list(out, "offices", report.reported_offices, office_json);
    out << "}";
}

}  // namespace

void write_coverage_json(const CoverageReport& report, std::ostream& out)
{
    write_head(report, out);
    write_list(out, "groups", report.groups, [&](const GroupFigures& g) {
        return fmt::format(
            "{{\"group\":{},\"values\":{},{}}}",
            group_json(g.name),
            values_json(g.values),
            figures_json(report, g));
    });
    write_list(out, "uncovered", report.uncovered, [](const UncoveredEmployee& e) {
        return fmt::format(
            "{{{},\"reason\":\"{}\",\"detail\":{}}}",
            employee_json(e.who),
            gap_name(e.gap),
            json_string(e.detail));
    });
    write_list(out, "follow_up", report.follow_ups, [](const FollowUp& f) {
        return fmt::format(
            "{{{},\"kind\":\"{}\",\"generation\":{},\"detail\":{}}}",
            employee_json(f.who),
            follow_up_name(f.kind),
            f.generation,
            json_string(f.detail));
    });
    write_side_files(report, out);
    out << "\n}\n";
}

}  // namespace placard::report
