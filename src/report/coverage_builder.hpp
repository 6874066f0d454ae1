#pragma once

#include "ledger/records.hpp"
#include "report/coverage.hpp"
#include "report/office_reports.hpp"
#include "report/scan_log.hpp"

#include <cstdint>
#include <ctime>
#include <deque>
#include <map>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace placard::report {

// One employee as the roster gives it: a row that was accepted or rejected (skipped rows
// are not employees). Text is normalised as the roster reader leaves it.
struct RosterEntry {
    long line = 0;
    std::string employee_code;
    std::string name;  // first and last name
    std::string office;
    std::string city;
    std::string agency;
    std::string province;
    bool rejected = false;
    std::string reject_code;  // the first error's code and message
    std::string reject_reason;
    std::string fields_digest;  // of the fields a placard would print now; accepted rows
};

struct CoverageSettings {
    Grouping by{GroupBy::province};
    int stale_days = 30;
    std::time_t as_of = 0;
    bool with_scans = false;
    bool with_reports = false;
};

// Computes a coverage report from its inputs, fed in this order: the roster's rows, the
// ledger's states, then the scan log's lines and the citizens' reports, then finish().
// It keeps one record per employee (code, name, office, group, line, 64 bits of the
// digest and what the ledger and the scans said: about 300 bytes with the index of the
// codes), and one entry per distinct group, office and reported office; never the
// roster's text, the ledger or the scan log.
class CoverageBuilder {
public:
    explicit CoverageBuilder(CoverageSettings settings);
    ~CoverageBuilder();
    CoverageBuilder(const CoverageBuilder&) = delete;
    CoverageBuilder& operator=(const CoverageBuilder&) = delete;

    void add_row(const RosterEntry& entry);
    void add_skipped_row();
    void add_ledger_state(const std::string& employee_code, const ledger::CoverageState& state);
    void add_scan(const ScanRecord& scan);
    void add_report(const OfficeReport& report);

    // Counts of bad lines, for the report's figures.
    void note_bad_lines(long scan_lines, long report_lines);

    CoverageReport finish(std::string roster_name, std::string ledger_name);

private:
    struct Member;
    struct Office;

    using OfficeKey = std::tuple<std::string, std::string, std::string>;  // office, city, agency

    std::uint32_t group_of(const RosterEntry& entry);
    std::uint32_t office_of(const RosterEntry& entry);
    Member* find_member(const std::string& employee_code);
    std::vector<std::uint32_t> group_order() const;
    std::vector<GroupFigures> tally_groups() const;
    void list_employees(CoverageReport& report, const std::vector<std::uint32_t>& order) const;
    void list_follow_ups(const Member& member, std::vector<FollowUp>& out) const;
    bool is_stale(const Member& member) const;
    static bool matches(const OfficeKey& reported, const OfficeKey& office);
    void match_reports(CoverageReport& report) const;

    CoverageSettings settings_;
    std::deque<Member> members_;  // no reallocation peak as the roster grows
    std::unordered_map<std::string, std::uint32_t> by_code_;  // upper-case code -> member
    std::vector<std::vector<std::string>> group_values_;  // per group, one per field
    std::unordered_map<std::string, std::uint32_t> group_index_;  // joined values -> group
    std::vector<Office> offices_;
    std::map<OfficeKey, std::uint32_t> office_index_;
    std::map<OfficeKey, ReportedOffice> reports_;
    ScanFigures scans_;
    long rows_read_ = 0;
    long rows_skipped_ = 0;
    long report_lines_ = 0;
    long bad_report_lines_ = 0;
};

}  // namespace placard::report
