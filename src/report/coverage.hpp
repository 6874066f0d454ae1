#pragma once

#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace placard::report {

// The roster field that groups employees in a report.
enum class GroupBy { province, city, agency, office };

const char* group_by_name(GroupBy by);  // "province", ...
std::optional<GroupBy> parse_group_by(std::string_view name);

// The fields that group a report, outermost first: {province, city} makes one group per
// city of each province, as `--by province,city` asks.
using Grouping = std::vector<GroupBy>;

std::string grouping_name(const Grouping& grouping);  // "province,city"

// Reads a comma-separated list of field names. An unknown or repeated name, or an empty
// list, gives nullopt and says why in `problem`.
std::optional<Grouping> parse_grouping(std::string_view list, std::string& problem);

// Why an employee has no working placard.
enum class Gap {
    never_printed,  // the ledger has no placard for the employee
    revoked,        // every placard issued was revoked, and none printed since
    row_rejected,   // the roster row fails validation, so no run can print it
};

// A covered employee that still needs someone's attention.
enum class FollowUpKind {
    outdated,       // printed fields changed since the live placard: the next run reissues it
    row_rejected,   // the live placard is fine, but the row now fails validation
    never_scanned,  // printed more than --stale-days ago, and no scan of it yet
};

const char* gap_name(Gap gap);             // "never-printed", "revoked", "row-rejected"
const char* follow_up_name(FollowUpKind);  // "outdated", "row-rejected", "never-scanned"

// An employee named in a list: enough to find the row and the person.
struct EmployeeRef {
    std::string group;  // the group value; empty: "(none)"
    long line = 0;      // in the roster (CSV line, or SQLite row)
    std::string employee_code;
    std::string name;
    std::string office;
};

struct UncoveredEmployee {
    EmployeeRef who;
    Gap gap = Gap::never_printed;
    std::string detail;  // the rejection's code and reason, or the revocation
};

struct FollowUp {
    EmployeeRef who;
    FollowUpKind kind = FollowUpKind::outdated;
    std::uint32_t generation = 0;  // of the live placard
    std::string detail;
};

// The figures of one group, or of the whole roster.
struct GroupFigures {
    std::string name;                 // the group's label (see group_label); empty: "(none)"
    std::vector<std::string> values;  // one per field of the grouping; empty string: none
    long employees = 0;
    long covered = 0;           // with a live placard in the ledger
    long outdated = 0;          // covered, but the printed fields changed since
    long scanned = 0;           // covered and scanned at least once (with a scan log)
    long never_scanned = 0;     // covered, printed over --stale-days ago, never scanned
    long reported_offices = 0;  // offices of this group that citizens reported

    // Covered as a percentage of employees; 100 when there is nobody to cover.
    double percent() const;
};

// An office that citizens reported as having no placard, with what the roster and the
// ledger say about it. Reports that name the same office are counted together.
struct ReportedOffice {
    std::string office;
    std::string city;    // as the first report gave it; empty: any city
    std::string agency;  // empty: any agency
    long reports = 0;
    std::optional<std::time_t> last_reported;
    long employees = 0;  // of the roster at matching offices
    long covered = 0;
};

// What the scan log held, line by line.
struct ScanFigures {
    long lines = 0;             // good lines read
    long bad_lines = 0;         // left out, each reported as a finding
    long matched = 0;           // of a live placard (key id and generation) of the roster
    long not_live = 0;          // of a roster employee, but another generation or key
    long unknown_employee = 0;  // of nobody in this roster (or outside its filters)
};

struct CoverageReport {
    Grouping by{GroupBy::province};
    std::string roster;  // as findings name it
    std::string ledger;
    std::time_t as_of = 0;  // when the report was made; stale scans count from it
    int stale_days = 30;
    bool with_scans = false;
    bool with_reports = false;

    long rows_read = 0;
    long rows_skipped = 0;  // inactive, outside the filters, empty: not employees

    GroupFigures total;                        // name empty
    std::vector<GroupFigures> groups;          // in Persian alphabetical order, "(none)" last
    std::vector<UncoveredEmployee> uncovered;  // by group, then roster line
    std::vector<FollowUp> follow_ups;          // by group, then roster line
    std::vector<ReportedOffice> reported_offices;
    ScanFigures scans;
    long report_lines = 0;      // usable reports read
    long bad_report_lines = 0;  // left out, each reported as a finding
};

// How a group value is shown: itself, or "(none)" for an empty value.
std::string group_label(const std::string& name);

// The name of a group made of several fields' values: the values joined by " / ", an
// empty one shown as "(none)". One value is returned as it is.
std::string joined_group_name(const std::vector<std::string>& values);

}  // namespace placard::report
