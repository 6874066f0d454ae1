#include "report/coverage_job.hpp"

#include "ledger/digest.hpp"
#include "ledger/ledger.hpp"
#include "report/coverage_builder.hpp"
#include "report/office_reports.hpp"
#include "report/scan_log.hpp"
#include "roster/normalise.hpp"
#include "util/error.hpp"

#include <fmt/format.h>

namespace placard::report {

namespace {

using roster::Field;

// The raw value of a field in a rejected row, normalised as the validator would have.
std::string raw_value(const roster::RosterRow& row, const roster::RosterReader& reader, Field field)
{
    long column = reader.location_of(row, field).column;
    if (column < 1 || static_cast<std::size_t>(column) > row.fields.size()) {
        return {};
    }
    const std::string& raw = row.fields[static_cast<std::size_t>(column - 1)];
    return field == Field::employee_code ? roster::normalise_code(raw).text
                                         : roster::normalise_text(raw).text;
}

void fill_from_columns(
    const roster::RosterRow& row, const roster::RosterReader& reader, roster::Employee& e)
{
    const std::pair<Field, std::string*> slots[] = {
        {Field::employee_code, &e.employee_code},
        {Field::first_name, &e.first_name},
        {Field::last_name, &e.last_name},
        {Field::office, &e.office},
        {Field::agency, &e.agency},
        {Field::city, &e.city},
        {Field::province, &e.province}};
    for (const auto& [field, slot] : slots) {
        if (slot->empty()) {
            *slot = raw_value(row, reader, field);
        }
    }
}

std::string full_name(const roster::Employee& e)
{
    if (e.first_name.empty() || e.last_name.empty()) {
        return e.first_name + e.last_name;
    }
    return e.first_name + " " + e.last_name;
}

void check_inputs_exist(const CoverageOptions& options)
{
    std::error_code ignored;
    if (!std::filesystem::is_regular_file(options.ledger, ignored)) {
        throw Error(
            "no ledger at this path; coverage reads the ledger that render wrote (--ledger)",
            SourceLocation{options.ledger.string()});
    }
}

void read_roster(const CoverageOptions& options, CoverageBuilder& builder, std::string& name)
{
    roster::RosterReader reader(options.roster, options.read);
    name = reader.source_name();
    roster::RosterRow row;
    while (reader.next(row)) {
        if (std::optional<RosterEntry> entry = roster_entry(row, reader)) {
            builder.add_row(*entry);
        } else {
            builder.add_skipped_row();
        }
    }
}

void read_ledger(const CoverageOptions& options, CoverageBuilder& builder)
{
    ledger::LedgerOptions read_only;
    read_only.read_only = true;
    ledger::Ledger ledger(options.ledger, read_only);
    ledger.for_each_coverage_state(
        [&](const std::string& code, const ledger::CoverageState& state) {
            builder.add_ledger_state(code, state);
        });
}

}  // namespace

std::optional<RosterEntry> roster_entry(
    const roster::RosterRow& row, const roster::RosterReader& reader)
{
    if (row.disposition == roster::Disposition::skipped) {
        return std::nullopt;
    }
    roster::Employee employee = row.employee;
    RosterEntry entry;
    entry.line = row.line;
    entry.rejected = row.disposition == roster::Disposition::rejected;
    if (entry.rejected) {
        entry.reject_code = row.reason_code;
        entry.reject_reason = row.reason;
        if (row.fields.size() == reader.header().size()) {
            fill_from_columns(row, reader, employee);
        }
    } else {
        entry.fields_digest = ledger::printed_fields_digest(employee);
    }
    entry.employee_code = employee.employee_code;
    entry.name = full_name(employee);
    entry.office = employee.office;
    entry.city = employee.city;
    entry.agency = employee.agency;
    entry.province = employee.province;
    return entry;
}

CoverageReport compute_coverage(const CoverageOptions& options, Reporter& reporter)
{
    check_inputs_exist(options);
    CoverageSettings settings;
    settings.by = options.by;
    settings.stale_days = options.stale_days;
    settings.as_of = options.as_of != 0 ? options.as_of : std::time(nullptr);
    settings.with_scans = !options.scans.empty();
    settings.with_reports = !options.reports.empty();
    CoverageBuilder builder(settings);

    std::string roster_name;
    read_roster(options, builder, roster_name);
    reporter.info(fmt::format("read the roster {}", roster_name));
    read_ledger(options, builder);

    long bad_scans = 0;
    if (settings.with_scans) {
        bad_scans = read_scan_log(
            options.scans, [&](const ScanRecord& scan) { builder.add_scan(scan); }, reporter);
    }
    long bad_reports = 0;
    if (settings.with_reports) {
        bad_reports = read_office_reports(
            options.reports,
            [&](const OfficeReport& report) { builder.add_report(report); },
            reporter);
    }
    builder.note_bad_lines(bad_scans, bad_reports);
    return builder.finish(roster_name, options.ledger.string());
}

}  // namespace placard::report
