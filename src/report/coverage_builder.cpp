#include "report/coverage_builder.hpp"

#include "report/iso_time.hpp"
#include "roster/sqlite_source.hpp"
#include "util/ascii.hpp"

#include <fmt/format.h>
#include <unicode/coll.h>
#include <unicode/locid.h>

#include <algorithm>
#include <charconv>
#include <memory>
#include <numeric>
#include <set>
#include <utility>

namespace placard::report {

namespace {

constexpr std::time_t seconds_per_day = std::time_t{24} * 60 * 60;

std::string revocation_detail(const ledger::CoverageState& state)
{
    std::string why = state.last_revocation
                          ? std::string(ledger::reason_name(*state.last_revocation))
                          : std::string("no reason recorded");
    return fmt::format(
        "generation {} revoked ({}) on {}; not reprinted since",
        state.highest_issued,
        why,
        format_iso_date(state.revoked_at));
}

// The first 64 bits of a hex digest; 0 for an empty one (a rejected row has none).
std::uint64_t digest_head(const std::string& hex)
{
    std::uint64_t head = 0;
    std::from_chars(hex.data(), hex.data() + std::min<std::size_t>(hex.size(), 16), head, 16);
    return head;
}

const std::string& field_value(const RosterEntry& entry, GroupBy field)
{
    switch (field) {
    case GroupBy::city:
        return entry.city;
    case GroupBy::agency:
        return entry.agency;
    case GroupBy::office:
        return entry.office;
    case GroupBy::province:
        break;
    }
    return entry.province;
}

// Persian alphabetical order, which byte order is not (پ, چ, ژ and گ sit outside the
// Arabic block); the empty group last.
std::unique_ptr<icu::Collator> persian_collator()
{
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> collator(
        icu::Collator::createInstance(icu::Locale("fa"), status));
    if (U_FAILURE(status)) {
        return nullptr;
    }
    return collator;
}

}  // namespace

const char* group_by_name(GroupBy by)
{
    switch (by) {
    case GroupBy::province:
        return "province";
    case GroupBy::city:
        return "city";
    case GroupBy::agency:
        return "agency";
    case GroupBy::office:
        return "office";
    }
    return "province";
}

std::optional<GroupBy> parse_group_by(std::string_view name)
{
    for (GroupBy by : {GroupBy::province, GroupBy::city, GroupBy::agency, GroupBy::office}) {
        if (name == group_by_name(by)) {
            return by;
        }
    }
    return std::nullopt;
}

std::string grouping_name(const Grouping& grouping)
{
    std::string name;
    for (GroupBy field : grouping) {
        name += name.empty() ? "" : ",";
        name += group_by_name(field);
    }
    return name;
}

std::optional<Grouping> parse_grouping(std::string_view list, std::string& problem)
{
    Grouping grouping;
    std::size_t start = 0;
    while (start <= list.size()) {
        std::size_t comma = std::min(list.find(',', start), list.size());
        std::string_view name = list.substr(start, comma - start);
        std::optional<GroupBy> field = parse_group_by(name);
        if (!field) {
            problem = fmt::format(
                "'{}' is not a field to group by; expected province, city, agency or office, "
                "or several of them separated by commas",
                name);
            return std::nullopt;
        }
        if (std::find(grouping.begin(), grouping.end(), *field) != grouping.end()) {
            problem = fmt::format("'{}' is named twice", name);
            return std::nullopt;
        }
        grouping.push_back(*field);
        start = comma + 1;
    }
    return grouping;
}

const char* gap_name(Gap gap)
{
    switch (gap) {
    case Gap::never_printed:
        return "never-printed";
    case Gap::revoked:
        return "revoked";
    case Gap::row_rejected:
        return "row-rejected";
    }
    return "never-printed";
}

const char* follow_up_name(FollowUpKind kind)
{
    switch (kind) {
    case FollowUpKind::outdated:
        return "outdated";
    case FollowUpKind::row_rejected:
        return "row-rejected";
    case FollowUpKind::never_scanned:
        return "never-scanned";
    }
    return "outdated";
}

double GroupFigures::percent() const
{
    return employees == 0 ? 100.0
                          : 100.0 * static_cast<double>(covered) / static_cast<double>(employees);
}

std::string group_label(const std::string& name)
{
    return name.empty() ? "(none)" : name;
}

std::string joined_group_name(const std::vector<std::string>& values)
{
    if (values.size() == 1) {
        return values.front();
    }
    std::string name;
    for (const std::string& value : values) {
        name += name.empty() ? "" : " / ";
        name += group_label(value);
    }
    return name;
}

// One employee: what the roster said, then what the ledger and the scans added. Kept
// small, since there is one per employee: the digest as its first 64 bits (enough to
// see a change), one text for the rejection or the revocation, and of the ledger's
// state only what the report shows.
struct CoverageBuilder::Member {
    std::string employee_code;
    std::string name;
    std::string office;
    std::string kid;     // of the live placard
    std::string detail;  // rejected: "code: reason"; revoked: what revoked the last one
    long line = 0;
    std::time_t printed_at = 0;  // of the live placard
    std::uint64_t digest_head = 0;
    std::uint32_t group = 0;
    std::uint32_t office_index = 0;
    std::uint32_t generation = 0;  // live; 0: none
    bool rejected = false;
    bool outdated = false;
    bool scanned = false;

    bool covered() const { return generation != 0; }
};

struct CoverageBuilder::Office {
    long employees = 0;
    long covered = 0;
};

CoverageBuilder::CoverageBuilder(CoverageSettings settings)
    : settings_(std::move(settings))
{}

CoverageBuilder::~CoverageBuilder() = default;

std::uint32_t CoverageBuilder::group_of(const RosterEntry& entry)
{
    std::vector<std::string> values;
    std::string key;
    for (GroupBy field : settings_.by) {
        values.push_back(field_value(entry, field));

        // A unit separator between values: no roster value holds one (control characters
        // are refused), so two different lists never share a key.
        key += values.back();
        key += '\x1f';
    }

    auto [found, added] =
        group_index_.emplace(std::move(key), static_cast<std::uint32_t>(group_values_.size()));
    if (added) {
        group_values_.push_back(std::move(values));
    }
    return found->second;
}

// Offices are told apart by name, city and agency, compared as roster filters compare
// values, so a report can find them whatever the spelling of case or letter forms.
std::uint32_t CoverageBuilder::office_of(const RosterEntry& entry)
{
    OfficeKey key{
        roster::filter_key(entry.office),
        roster::filter_key(entry.city),
        roster::filter_key(entry.agency)};
    auto [found, added] =
        office_index_.emplace(std::move(key), static_cast<std::uint32_t>(offices_.size()));
    if (added) {
        offices_.emplace_back();
    }
    return found->second;
}

void CoverageBuilder::add_row(const RosterEntry& entry)
{
    ++rows_read_;
    Member member;
    member.employee_code = entry.employee_code;
    member.name = entry.name;
    member.office = entry.office;
    member.digest_head = digest_head(entry.fields_digest);
    member.line = entry.line;
    member.rejected = entry.rejected;
    if (entry.rejected) {
        member.detail = fmt::format("{}: {}", entry.reject_code, entry.reject_reason);
    }
    member.group = group_of(entry);
    member.office_index = office_of(entry);

    // The first row with a code owns it: a later row with the same code is a rejected
    // duplicate, and the placard in the ledger belongs to the first.
    auto index = static_cast<std::uint32_t>(members_.size());
    if (!entry.employee_code.empty()) {
        by_code_.emplace(ascii_upper(entry.employee_code), index);
    }
    members_.push_back(std::move(member));
}

void CoverageBuilder::add_skipped_row()
{
    ++rows_read_;
    ++rows_skipped_;
}

CoverageBuilder::Member* CoverageBuilder::find_member(const std::string& employee_code)
{
    auto found = by_code_.find(ascii_upper(employee_code));
    return found == by_code_.end() ? nullptr : &members_[found->second];
}

void CoverageBuilder::add_ledger_state(
    const std::string& employee_code, const ledger::CoverageState& state)
{
    Member* member = find_member(employee_code);
    if (member == nullptr) {
        return;
    }
    if (state.has_live()) {
        member->generation = state.generation;
        member->kid = state.kid;
        member->printed_at = state.printed_at;
        member->outdated =
            !member->rejected && member->digest_head != digest_head(state.fields_digest);
    } else if (!member->rejected) {
        member->detail = revocation_detail(state);
    }
}

// Only a scan of the live placard (its key id and generation) is evidence that it is on
// the wall: an old generation may still hang beside it, or in a drawer.
void CoverageBuilder::add_scan(const ScanRecord& scan)
{
    ++scans_.lines;
    Member* member = find_member(scan.employee_code);
    if (member == nullptr) {
        ++scans_.unknown_employee;
        return;
    }
    if (!member->covered() || member->generation != scan.generation || member->kid != scan.kid) {
        ++scans_.not_live;
        return;
    }
    ++scans_.matched;
    member->scanned = member->scanned || scan.scanned();
}

void CoverageBuilder::add_report(const OfficeReport& report)
{
    ++report_lines_;
    OfficeKey key{
        roster::filter_key(report.office),
        roster::filter_key(report.city),
        roster::filter_key(report.agency)};
    auto [found, added] = reports_.try_emplace(std::move(key));
    ReportedOffice& office = found->second;
    if (added) {
        office.office = report.office;
        office.city = report.city;
        office.agency = report.agency;
    }
    ++office.reports;
    if (report.reported_at
        && (!office.last_reported || *office.last_reported < *report.reported_at)) {
        office.last_reported = report.reported_at;
    }
}

void CoverageBuilder::note_bad_lines(long scan_lines, long report_lines)
{
    scans_.bad_lines = scan_lines;
    bad_report_lines_ = report_lines;
}

std::vector<std::uint32_t> CoverageBuilder::group_order() const
{
    std::unique_ptr<icu::Collator> collator = persian_collator();
    auto before = [&](const std::string& left, const std::string& right) {
        if (left.empty() || right.empty()) {
            return right.empty() && !left.empty();
        }
        UErrorCode status = U_ZERO_ERROR;
        if (collator) {
            UCollationResult result = collator->compareUTF8(left, right, status);
            if (U_SUCCESS(status) && result != UCOL_EQUAL) {
                return result == UCOL_LESS;
            }
        }
        return left < right;
    };

    // Field by field, outermost first: the cities of one province stay together.
    std::vector<std::uint32_t> order(group_values_.size());
    std::iota(order.begin(), order.end(), 0U);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        const std::vector<std::string>& left = group_values_[a];
        const std::vector<std::string>& right = group_values_[b];
        for (std::size_t field = 0; field < left.size(); ++field) {
            if (left[field] != right[field]) {
                return before(left[field], right[field]);
            }
        }
        return false;
    });
    return order;
}

// A live placard with no scan although it was printed --stale-days or more ago.
bool CoverageBuilder::is_stale(const Member& member) const
{
    std::time_t stale_before = settings_.as_of - settings_.stale_days * seconds_per_day;
    return settings_.with_scans && member.covered() && !member.scanned
           && member.printed_at <= stale_before;
}

std::vector<GroupFigures> CoverageBuilder::tally_groups() const
{
    std::vector<GroupFigures> figures(group_values_.size());
    for (std::size_t i = 0; i < figures.size(); ++i) {
        figures[i].values = group_values_[i];
        figures[i].name = joined_group_name(group_values_[i]);
    }
    for (const Member& member : members_) {
        GroupFigures& group = figures[member.group];
        ++group.employees;
        if (!member.covered()) {
            continue;
        }
        ++group.covered;
        group.outdated += member.outdated ? 1 : 0;
        group.scanned += member.scanned ? 1 : 0;
        group.never_scanned += is_stale(member) ? 1 : 0;
    }
    return figures;
}

void CoverageBuilder::list_follow_ups(const Member& member, std::vector<FollowUp>& out) const
{
    EmployeeRef who{
        joined_group_name(group_values_[member.group]),
        member.line,
        member.employee_code,
        member.name,
        member.office};
    std::uint32_t generation = member.generation;
    if (member.rejected) {
        out.push_back(
            {who,
             FollowUpKind::row_rejected,
             generation,
             member.detail + "; the live placard still works, but no run can reissue it"});
    }
    if (member.outdated) {
        out.push_back(
            {who,
             FollowUpKind::outdated,
             generation,
             "printed fields changed since this placard; the next render reissues it"});
    }
    if (is_stale(member)) {
        out.push_back(
            {who,
             FollowUpKind::never_scanned,
             generation,
             fmt::format(
                 "printed {}, no scan in {} days",
                 format_iso_date(member.printed_at),
                 (settings_.as_of - member.printed_at) / seconds_per_day)});
    }
}

void CoverageBuilder::list_employees(
    CoverageReport& report, const std::vector<std::uint32_t>& order) const
{
    std::vector<std::uint32_t> rank(order.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) {
        rank[order[i]] = i;
    }
    std::vector<std::uint32_t> sorted(members_.size());
    std::iota(sorted.begin(), sorted.end(), 0U);
    std::stable_sort(sorted.begin(), sorted.end(), [&](std::uint32_t a, std::uint32_t b) {
        return rank[members_[a].group] < rank[members_[b].group];
    });

    for (std::uint32_t index : sorted) {
        const Member& member = members_[index];
        if (member.covered()) {
            list_follow_ups(member, report.follow_ups);
            continue;
        }
        EmployeeRef who{
            joined_group_name(group_values_[member.group]),
            member.line,
            member.employee_code,
            member.name,
            member.office};
        if (member.rejected) {
            report.uncovered.push_back({who, Gap::row_rejected, member.detail});
        } else if (!member.detail.empty()) {
            report.uncovered.push_back({who, Gap::revoked, member.detail});
        } else {
            report.uncovered.push_back({who, Gap::never_printed, "no placard in the ledger"});
        }
    }
}

// A report names an office; it matches the roster's offices of that name in its city
// and agency, or in any city or agency when it names none.
bool CoverageBuilder::matches(const OfficeKey& reported, const OfficeKey& office)
{
    const auto& [name, city, agency] = reported;
    return name == std::get<0>(office) && (city.empty() || city == std::get<1>(office))
           && (agency.empty() || agency == std::get<2>(office));
}

// Each reported office gets the roster's figures of the offices it matches; each group
// counts its offices that were reported.
void CoverageBuilder::match_reports(CoverageReport& report) const
{
    std::vector<Office> tallies(offices_.size());
    for (const Member& member : members_) {
        ++tallies[member.office_index].employees;
        tallies[member.office_index].covered += member.covered() ? 1 : 0;
    }

    std::vector<bool> reported(offices_.size(), false);
    for (const auto& [key, reports] : reports_) {
        ReportedOffice office = reports;
        for (const auto& [office_key, index] : office_index_) {
            if (matches(key, office_key)) {
                office.employees += tallies[index].employees;
                office.covered += tallies[index].covered;
                reported[index] = true;
            }
        }
        report.reported_offices.push_back(std::move(office));
    }

    std::set<std::pair<std::uint32_t, std::uint32_t>> seen;  // (group, office)
    for (const Member& member : members_) {
        if (reported[member.office_index]
            && seen.emplace(member.group, member.office_index).second) {
            ++report.groups[member.group].reported_offices;
        }
    }
    report.total.reported_offices =
        static_cast<long>(std::count(reported.begin(), reported.end(), true));
}

CoverageReport CoverageBuilder::finish(std::string roster_name, std::string ledger_name)
{
    CoverageReport report;
    report.by = settings_.by;
    report.roster = std::move(roster_name);
    report.ledger = std::move(ledger_name);
    report.as_of = settings_.as_of;
    report.stale_days = settings_.stale_days;
    report.with_scans = settings_.with_scans;
    report.with_reports = settings_.with_reports;
    report.rows_read = rows_read_;
    report.rows_skipped = rows_skipped_;
    report.scans = scans_;
    report.report_lines = report_lines_;
    report.bad_report_lines = bad_report_lines_;

    // Groups are indexed by first appearance until here; reports count into them by
    // that index, then everything is put in order.
    report.groups = tally_groups();
    match_reports(report);
    std::vector<std::uint32_t> order = group_order();
    list_employees(report, order);
    std::vector<GroupFigures> sorted;
    sorted.reserve(order.size());
    for (std::uint32_t index : order) {
        sorted.push_back(report.groups[index]);
    }
    report.groups = std::move(sorted);

    report.total.employees = static_cast<long>(members_.size());
    for (const GroupFigures& group : report.groups) {
        report.total.covered += group.covered;
        report.total.outdated += group.outdated;
        report.total.scanned += group.scanned;
        report.total.never_scanned += group.never_scanned;
    }
    return report;
}

}  // namespace placard::report
