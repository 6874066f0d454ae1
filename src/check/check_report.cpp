#include "check/check_report.hpp"

#include "util/error.hpp"
#include "util/json.hpp"
#include "util/printable.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace placard::check {

namespace {

bool has_error(const std::vector<CheckFinding>& findings)
{
    return std::any_of(findings.begin(), findings.end(), [](const CheckFinding& finding) {
        return finding.severity == Severity::error;
    });
}

const char* signature_name(sign::UrlStatus status)
{
    switch (status) {
    case sign::UrlStatus::valid:
        return "valid";
    case sign::UrlStatus::unknown_key:
        return "unknown-key";
    case sign::UrlStatus::bad_signature:
        return "bad-signature";
    default:
        return "malformed";
    }
}

std::string plural(long count, const char* noun)
{
    return fmt::format("{} {}{}", count, noun, count == 1 ? "" : "s");
}

std::string finding_line(const std::string& where, const CheckFinding& finding)
{
    return fmt::format(
        "{}: {}: {} [{}]\n", where, severity_name(finding.severity), finding.message, finding.code);
}

// "E00121 generation 1, key T1; module 1.94 mm (33 modules, 11.5 px), quiet zone 7.8 mm"
std::string passed_summary(const PlacardReport& placard)
{
    const QrReport& code = placard.codes.front();
    const QrMeasure& measure = code.measure;
    std::string text = fmt::format(
        "{} generation {}, key {}",
        code.claims.employee_code,
        code.claims.generation,
        code.claims.kid);
    if (measure.counted) {
        text += fmt::format(
            "; module {:.2f} mm ({} modules, {:.1f} px), quiet zone {}{:.1f} mm",
            measure.module_mm,
            measure.modules,
            measure.module_px,
            measure.quiet_zone_open ? "over " : "",
            measure.quiet_zone_mm);
    }
    return text;
}

void write_placard_text(
    const CheckReport& report, const PlacardReport& placard, ReportDetail detail, std::ostream& out)
{
    std::string where =
        fmt::format("{}: {}", printable(report.files[placard.file].path), slot_label(placard.slot));
    bool failed = placard.failed();
    bool all_placards = detail == ReportDetail::every_placard;
    if (!failed && all_placards) {
        out << where << ": ok: " << passed_summary(placard) << "\n";
    }
    for (const CheckFinding& finding : placard.findings) {
        // Notes explain a failure; on a placard that passed they are noise, unless asked.
        if (finding.severity != Severity::info || failed || all_placards) {
            out << finding_line(where, finding);
        }
    }
}

void write_file_text(const FileReport& file, std::ostream& out)
{
    if (!file.problem.empty()) {
        out << finding_line(
            printable(file.path), {Severity::error, "pdf-unreadable", file.problem});
        return;
    }
    long unread = file.placards - file.verified - file.failed;
    out << fmt::format(
        "{}: {} of {} verified{}{}\n",
        printable(file.path),
        file.verified,
        plural(file.placards, "placard"),
        file.failed > 0 ? fmt::format(", {} failed", file.failed) : "",
        unread > 0 ? fmt::format(", {} not read", unread) : "");
}

void write_roster_text(const RosterReport& roster, std::ostream& out)
{
    if (!roster.used) {
        return;
    }
    if (!roster.complete) {
        out << printable(roster.source)
            << ": note: not compared with the placards, because the run stopped early\n";
        return;
    }
    for (const MissingEmployee& employee : roster.missing) {
        SourceLocation where{roster.source, employee.line, 0, "", employee.is_row};
        out << finding_line(
            format_location(where),
            {Severity::error,
             "no-placard",
             fmt::format("{} has no placard", employee.employee_code)});
    }
}

void write_summary_text(const CheckReport& report, std::ostream& out)
{
    long read = static_cast<long>(report.placards.size());
    std::string line = fmt::format(
        "check: {} of {} verified in {} at {} dpi",
        report.verified(),
        plural(report.placards_total, "placard"),
        plural(static_cast<long>(report.files.size()), "file"),
        report.dpi);
    if (report.failed() > 0) {
        line += fmt::format("; {} failed", report.failed());
    }
    if (report.unreadable_files() > 0) {
        line += fmt::format("; {} unreadable", plural(report.unreadable_files(), "file"));
    }
    if (report.roster.used && report.roster.complete) {
        line += fmt::format(
            "; {} of {} roster employees without a placard",
            report.roster.missing.size(),
            report.roster.expected);
    }
    if (report.stopped) {
        line += fmt::format(
            "; stopped after {} failures (--max-failures), {} not read",
            report.failed() + report.unreadable_files(),
            report.placards_total - read);
    }
    out << line << "\n";
}

void write_text(const CheckReport& report, ReportDetail detail, std::ostream& out)
{
    for (const PlacardReport& placard : report.placards) {
        write_placard_text(report, placard, detail, out);
    }
    for (const FileReport& file : report.files) {
        if (detail != ReportDetail::problems || !file.problem.empty()) {
            write_file_text(file, out);
        }
    }
    write_roster_text(report.roster, out);
    if (detail != ReportDetail::problems || !report.clean()) {
        write_summary_text(report, out);
    }
}

std::string json_finding(const CheckFinding& finding)
{
    return fmt::format(
        "{{\"severity\":\"{}\",\"code\":{},\"message\":{}}}",
        severity_name(finding.severity),
        json_string(finding.code),
        json_string(finding.message));
}

std::string json_measure(const QrMeasure& measure)
{
    if (!measure.counted) {
        return fmt::format("\"modules\":null,\"side_mm\":{:.2f}", measure.side_mm);
    }
    return fmt::format(
        "\"modules\":{},\"side_mm\":{:.2f},\"module_mm\":{:.3f},\"module_px\":{:.2f},"
        "\"quiet_zone_mm\":{:.2f},\"quiet_zone_side\":\"{}\",\"quiet_zone_open\":{}",
        measure.modules,
        measure.side_mm,
        measure.module_mm,
        measure.module_px,
        measure.quiet_zone_mm,
        measure.quiet_side,
        measure.quiet_zone_open);
}

std::string json_code(const QrReport& code)
{
    if (!code.decoded) {
        return fmt::format("{{\"decoded\":false,{}}}", json_measure(code.measure));
    }
    std::string ledger = code.ledger_state ? json_string(ledger::status_name(*code.ledger_state))
                                           : std::string("null");
    return fmt::format(
        "{{\"decoded\":true,\"url\":{},\"signature\":\"{}\",\"kid\":{},\"employee_code\":{},"
        "\"generation\":{},\"ledger\":{},{}}}",
        json_string(code.url),
        signature_name(code.signature),
        json_string(code.claims.kid),
        json_string(code.claims.employee_code),
        code.claims.generation,
        ledger,
        json_measure(code.measure));
}

template <typename T, typename Format>
std::string json_list(const std::vector<T>& items, Format format)
{
    std::string text = "[";
    for (std::size_t i = 0; i < items.size(); ++i) {
        text += (i > 0 ? "," : "") + format(items[i]);
    }
    return text + "]";
}

std::string json_placard(const CheckReport& report, const PlacardReport& placard)
{
    return fmt::format(
        "{{\"file\":{},\"page\":{},\"part\":\"{}\",\"status\":\"{}\",\"expected\":{},"
        "\"codes\":{},\"findings\":{}}}",
        json_string(report.files[placard.file].path),
        placard.slot.page + 1,
        slot_part_name(placard.slot.part),
        placard.failed() ? "failed" : "verified",
        placard.expected_code.empty() ? "null" : json_string(placard.expected_code),
        json_list(placard.codes, json_code),
        json_list(placard.findings, json_finding));
}

std::string json_file(const FileReport& file)
{
    return fmt::format(
        "{{\"file\":{},\"pages\":{},\"placards\":{},\"verified\":{},\"failed\":{},"
        "\"problem\":{}}}",
        json_string(file.path),
        file.pages,
        file.placards,
        file.verified,
        file.failed,
        file.problem.empty() ? "null" : json_string(file.problem));
}

std::string json_roster(const RosterReport& roster)
{
    if (!roster.used) {
        return "null";
    }
    auto missing = [](const MissingEmployee& employee) {
        return fmt::format(
            "{{\"employee_code\":{},\"{}\":{}}}",
            json_string(employee.employee_code),
            employee.is_row ? "row" : "line",
            employee.line);
    };
    return fmt::format(
        "{{\"source\":{},\"expected\":{},\"not_expected\":{},\"complete\":{},\"missing\":{}}}",
        json_string(roster.source),
        roster.expected,
        roster.not_expected,
        roster.complete,
        roster.complete ? json_list(roster.missing, missing) : "null");
}

void write_json(const CheckReport& report, std::ostream& out)
{
    out << fmt::format(
        "{{\"dpi\":{},\"threads\":{},\"seconds\":{:.3f},\n\"files\":{},\n\"roster\":{},\n"
        "\"summary\":{{\"placards\":{},\"read\":{},\"verified\":{},\"failed\":{},"
        "\"unreadable_files\":{},\"stopped\":{},\"clean\":{}}},\n\"placards\":[",
        report.dpi,
        report.workers,
        report.seconds,
        json_list(report.files, json_file),
        json_roster(report.roster),
        report.placards_total,
        report.placards.size(),
        report.verified(),
        report.failed(),
        report.unreadable_files(),
        report.stopped,
        report.clean());
    for (std::size_t i = 0; i < report.placards.size(); ++i) {
        out << (i > 0 ? ",\n" : "\n") << json_placard(report, report.placards[i]);
    }
    out << "\n]}\n";
}

}  // namespace

bool PlacardReport::failed() const
{
    return has_error(findings);
}

long CheckReport::verified() const
{
    return static_cast<long>(
        std::count_if(placards.begin(), placards.end(), [](const auto& p) { return !p.failed(); }));
}

long CheckReport::failed() const
{
    return static_cast<long>(placards.size()) - verified();
}

long CheckReport::unreadable_files() const
{
    return static_cast<long>(std::count_if(
        files.begin(), files.end(), [](const FileReport& f) { return !f.problem.empty(); }));
}

bool CheckReport::clean() const
{
    bool roster_ok = !roster.used || (roster.complete && roster.missing.empty());
    return failed() == 0 && unreadable_files() == 0 && !stopped && roster_ok
           && !has_error(findings);
}

ReportFormat parse_report_format(const std::string& name)
{
    if (name == "text") {
        return ReportFormat::text;
    }
    if (name == "json") {
        return ReportFormat::json;
    }
    throw Error(fmt::format("unknown report format \"{}\"; expected text or json", name));
}

void write_report(
    const CheckReport& report, ReportFormat format, ReportDetail detail, std::ostream& out)
{
    if (format == ReportFormat::json) {
        write_json(report, out);
    } else {
        write_text(report, detail, out);
    }
}

}  // namespace placard::check
