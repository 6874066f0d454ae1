// The coverage computation on hand-made inputs: what makes an employee covered, and why
// one is not.
#include "ledger/digest.hpp"
#include "report/coverage_builder.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

using namespace placard;
using namespace placard::report;

namespace {

constexpr std::time_t as_of = 1770000000;  // 2026-02-02
constexpr std::time_t day = 24 * 60 * 60;

const std::string digest_now = ledger::sha256_hex("fields as the roster has them now");
const std::string digest_then = ledger::sha256_hex("fields as they were printed");

RosterEntry entry(const std::string& code, const std::string& province, long line)
{
    RosterEntry e;
    e.line = line;
    e.employee_code = code;
    e.name = "سارا نمونه";
    e.office = "دفتر مرکزی";
    e.province = province;
    e.fields_digest = digest_now;
    return e;
}

RosterEntry rejected(RosterEntry e, const std::string& code = "national-code-checksum")
{
    e.rejected = true;
    e.fields_digest.clear();
    e.reject_code = code;
    e.reject_reason = "the check digit does not match";
    return e;
}

ledger::CoverageState live(const std::string& digest = digest_now, std::uint32_t generation = 1)
{
    ledger::CoverageState s;
    s.generation = generation;
    s.highest_issued = generation;
    s.kid = "T1";
    s.fields_digest = digest;
    s.printed_at = as_of - 40 * day;
    return s;
}

ledger::CoverageState all_revoked(ledger::RevokeReason reason)
{
    ledger::CoverageState s;
    s.highest_issued = 2;
    s.last_revocation = reason;
    s.revoked_at = as_of - 3 * day;
    return s;
}

struct LedgerRow {
    std::string code;
    ledger::CoverageState state;
};

CoverageReport build(
    const std::vector<RosterEntry>& rows,
    const std::vector<LedgerRow>& ledger_rows,
    CoverageSettings settings = {})
{
    settings.as_of = as_of;
    CoverageBuilder builder(settings);
    for (const RosterEntry& row : rows) {
        builder.add_row(row);
    }
    for (const LedgerRow& row : ledger_rows) {
        builder.add_ledger_state(row.code, row.state);
    }
    return builder.finish("roster.csv", "ledger.sqlite");
}

}  // namespace

TEST_SUITE("report")
{
    TEST_CASE("one employee: covered or not, and why")
    {
        struct Case {
            const char* name;
            RosterEntry row;
            std::optional<ledger::CoverageState> state;
            bool covered;
            std::optional<Gap> gap;
            std::optional<FollowUpKind> follow_up;
            const char* detail;  // a piece of the detail, when listed
        };

        const RosterEntry base = entry("E00001", "اصفهان", 2);
        const std::vector<Case> cases = {
            {"never printed", base, std::nullopt, false, Gap::never_printed, {}, "no placard"},
            {"live, fields as printed", base, live(), true, {}, {}, ""},
            {"live, fields changed since",
             base,
             live(digest_then),
             true,
             {},
             FollowUpKind::outdated,
             "reissues"},
            {"every generation revoked, not reprinted",
             base,
             all_revoked(ledger::RevokeReason::stolen),
             false,
             Gap::revoked,
             {},
             "generation 2 revoked (stolen) on 2026-01-30"},
            {"row rejected, nothing printed",
             rejected(base),
             std::nullopt,
             false,
             Gap::row_rejected,
             {},
             "national-code-checksum: the check digit"},
            {"row rejected, but a placard from before is live",
             rejected(base),
             live(),
             true,
             {},
             FollowUpKind::row_rejected,
             "no run can reissue it"},
            {"roster code in lower case, ledger in upper",
             entry("e00001", "اصفهان", 2),
             live(),
             true,
             {},
             {},
             ""},
        };

        for (const Case& c : cases) {
            std::string name = c.name;
            CAPTURE(name);
            std::vector<LedgerRow> ledger_rows;
            if (c.state) {
                ledger_rows.push_back({"E00001", *c.state});
            }
            CoverageReport report = build({c.row}, ledger_rows);

            CHECK(report.total.employees == 1);
            CHECK(report.total.covered == (c.covered ? 1 : 0));
            REQUIRE(report.uncovered.size() == (c.gap ? 1U : 0U));
            if (c.gap) {
                CHECK(report.uncovered[0].gap == *c.gap);
                CHECK(report.uncovered[0].detail.find(c.detail) != std::string::npos);
                CHECK(report.uncovered[0].who.line == 2);
            }
            REQUIRE(report.follow_ups.size() == (c.follow_up ? 1U : 0U));
            if (c.follow_up) {
                CHECK(report.follow_ups[0].kind == *c.follow_up);
                CHECK(report.follow_ups[0].detail.find(c.detail) != std::string::npos);
            }
        }
    }

    TEST_CASE("a rejected duplicate of a covered code is an uncovered employee of its own")
    {
        RosterEntry first = entry("E00001", "اصفهان", 2);
        RosterEntry twin = rejected(entry("E00001", "اصفهان", 3), "duplicate-employee-code");
        CoverageReport report = build({first, twin}, {{"E00001", live()}});

        CHECK(report.total.employees == 2);
        CHECK(report.total.covered == 1);
        REQUIRE(report.uncovered.size() == 1);
        CHECK(report.uncovered[0].who.line == 3);
        CHECK(report.uncovered[0].gap == Gap::row_rejected);
    }

    TEST_CASE("groups: the chosen field, Persian alphabetical order, the empty value last")
    {
        std::vector<RosterEntry> rows = {
            entry("E1", "تهران", 2),
            entry("E2", "", 3),
            entry("E3", "اصفهان", 4),
            entry("E4", "گیلان", 5),
            entry("E5", "پارس", 6),
            entry("E6", "تهران", 7)};
        CoverageReport report = build(rows, {{"E1", live()}, {"E3", live()}});

        std::vector<std::string> names;
        for (const GroupFigures& group : report.groups) {
            names.push_back(group.name);
        }
        // Byte order would put گیلان (U+06AF) and پارس (U+067E) after تهران.
        CHECK(names == std::vector<std::string>{"اصفهان", "پارس", "تهران", "گیلان", ""});
        CHECK(report.groups[2].employees == 2);
        CHECK(report.groups[2].covered == 1);
        CHECK(group_label(report.groups[4].name) == "(none)");

        // The lists follow the groups' order.
        REQUIRE(report.uncovered.size() == 4);
        CHECK(report.uncovered[0].who.employee_code == "E5");
        CHECK(report.uncovered[3].who.employee_code == "E2");
    }

    TEST_CASE("group by office, city or agency")
    {
        RosterEntry a = entry("E1", "اصفهان", 2);
        a.city = "کاشان";
        a.agency = "ثبت احوال";
        RosterEntry b = entry("E2", "اصفهان", 3);
        b.city = "اصفهان";
        b.agency = "ثبت احوال";
        b.office = "شعبه شمالی";

        for (auto [by, first, count] :
             {std::tuple{GroupBy::city, "اصفهان", 2U},
              std::tuple{GroupBy::agency, "ثبت احوال", 1U},
              std::tuple{GroupBy::office, "دفتر مرکزی", 2U}}) {
            CoverageSettings settings;
            settings.by = {by};
            CoverageReport report = build({a, b}, {}, settings);
            // clang 14 cannot capture a structured binding in CAPTURE's lambda.
            std::string grouping = group_by_name(by);
            CAPTURE(grouping);
            REQUIRE(report.groups.size() == count);
            CHECK(report.groups[0].name == first);
        }
    }

    TEST_CASE("group by province and city: one group per city of each province, in order")
    {
        RosterEntry kashan = entry("E1", "اصفهان", 2);
        kashan.city = "کاشان";
        RosterEntry isfahan = entry("E2", "اصفهان", 3);
        isfahan.city = "اصفهان";
        RosterEntry isfahan_too = entry("E3", "اصفهان", 4);
        isfahan_too.city = "اصفهان";
        RosterEntry tehran = entry("E4", "تهران", 5);
        tehran.city = "تهران";
        RosterEntry no_city = entry("E5", "اصفهان", 6);

        CoverageSettings settings;
        settings.by = {GroupBy::province, GroupBy::city};
        CoverageReport report =
            build({kashan, isfahan, isfahan_too, tehran, no_city}, {{"E2", live()}}, settings);

        // Isfahan's cities first (Persian order, the empty city last), then Tehran's.
        REQUIRE(report.groups.size() == 4);
        CHECK(report.groups[0].name == "اصفهان / اصفهان");
        CHECK(report.groups[0].employees == 2);
        CHECK(report.groups[0].covered == 1);
        CHECK(report.groups[1].name == "اصفهان / کاشان");
        CHECK(report.groups[2].name == "اصفهان / (none)");
        CHECK(report.groups[2].values == std::vector<std::string>{"اصفهان", ""});
        CHECK(report.groups[3].name == "تهران / تهران");
        CHECK(report.total.employees == 5);

        // The uncovered are listed under the same names, in the same order.
        REQUIRE(report.uncovered.size() == 4);
        CHECK(report.uncovered[0].who.group == "اصفهان / اصفهان");
        CHECK(report.uncovered[0].who.employee_code == "E3");
        CHECK(report.uncovered[3].who.group == "تهران / تهران");
    }

    TEST_CASE("a list of fields to group by")
    {
        std::string problem;
        std::optional<Grouping> grouping = parse_grouping("province,city", problem);
        REQUIRE(grouping.has_value());
        CHECK(*grouping == Grouping{GroupBy::province, GroupBy::city});
        CHECK(grouping_name(*grouping) == "province,city");
        CHECK(parse_grouping("office", problem) == Grouping{GroupBy::office});

        for (const char* bad : {"", "province,", "province,,city", "province,town", "city,city"}) {
            CAPTURE(bad);
            problem.clear();
            CHECK_FALSE(parse_grouping(bad, problem).has_value());
            CHECK_FALSE(problem.empty());
        }
        parse_grouping("city,city", problem);
        CHECK(problem == "'city' is named twice");
    }

    TEST_CASE("nobody to cover counts as full coverage")
    {
        CoverageReport report = build({}, {});
        CHECK(report.total.employees == 0);
        CHECK(report.total.percent() == doctest::Approx(100.0));
    }

    TEST_CASE("group and format names")
    {
        CHECK(parse_group_by("city") == GroupBy::city);
        CHECK_FALSE(parse_group_by("City").has_value());
        CHECK(std::string(gap_name(Gap::revoked)) == "revoked");
        CHECK(std::string(follow_up_name(FollowUpKind::never_scanned)) == "never-scanned");
    }
}
