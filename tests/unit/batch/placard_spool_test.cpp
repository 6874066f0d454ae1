// The placards kept between the planning pass and the drawing: read back exactly as
// kept, in any order, without the national code.
#include "batch/placard_spool.hpp"
#include "support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

using namespace placard;
using namespace placard::batch;

namespace {

struct Kept {
    roster::Employee employee;
    IssueDecision decision;
    std::string url;
};

Kept kept_placard(int number)
{
    Kept kept;
    roster::Employee& employee = kept.employee;
    employee.employee_code = "E" + std::to_string(10000 + number);
    employee.national_code = "0013542419";
    employee.first_name = "زهرا";
    employee.last_name = number % 2 == 0 ? "محمدی\u200cنژاد" : "";
    employee.job_title = number % 3 == 0 ? "" : "کارشناس امور مالیاتی";
    employee.office = "اداره " + std::to_string(number);
    employee.agency = "سازمان امور مالیاتی";
    employee.city = "اصفهان";
    employee.province = "اصفهان";
    employee.gender = static_cast<roster::Gender>(number % 3);

    IssueDecision& decision = kept.decision;
    decision.action = static_cast<IssueAction>(number % 3);  // the three that print
    decision.generation = 4'000'000'000U - static_cast<std::uint32_t>(number);
    decision.kid = number % 2 == 0 ? "" : "K2";
    decision.revoked_generation = static_cast<std::uint32_t>(number);
    decision.revoked_kid = "K1";
    decision.reason = static_cast<ledger::RevokeReason>(number % 5);
    decision.fields_digest = std::string(64, static_cast<char>('a' + number % 6));
    kept.url = "https://survey.example.ir/S/K1/" + employee.employee_code + "/1/TAG";
    return kept;
}

void check_same(const SpooledPlacard& read, const Kept& kept)
{
    const roster::Employee& employee = read.employee;
    CHECK(employee.employee_code == kept.employee.employee_code);
    CHECK(employee.national_code.empty());
    CHECK(employee.first_name == kept.employee.first_name);
    CHECK(employee.last_name == kept.employee.last_name);
    CHECK(employee.job_title == kept.employee.job_title);
    CHECK(employee.office == kept.employee.office);
    CHECK(employee.agency == kept.employee.agency);
    CHECK(employee.city == kept.employee.city);
    CHECK(employee.province == kept.employee.province);
    CHECK(employee.gender == kept.employee.gender);

    const IssueDecision& decision = read.decision;
    CHECK(decision.action == kept.decision.action);
    CHECK(decision.generation == kept.decision.generation);
    CHECK(decision.kid == kept.decision.kid);
    CHECK(decision.revoked_generation == kept.decision.revoked_generation);
    CHECK(decision.revoked_kid == kept.decision.revoked_kid);
    CHECK(decision.reason == kept.decision.reason);
    CHECK(decision.fields_digest == kept.decision.fields_digest);
    CHECK(read.url == kept.url);
}

}  // namespace

TEST_SUITE("batch")
{
    TEST_CASE("spooled placards read back field for field, in any order, without the national code")
    {
        test::TempDir folder;
        PlacardSpool spool(folder.path());
        std::vector<Kept> kept;
        // Enough to pass the scratch file's write buffer several times.
        for (int number = 0; number < 2000; ++number) {
            kept.push_back(kept_placard(number));
            spool.append(kept.back().employee, kept.back().decision, kept.back().url);
        }
        REQUIRE(spool.size() == kept.size());

        for (std::size_t ordinal : {1999UL, 0UL, 1000UL, 1UL, 1998UL, 0UL}) {
            CAPTURE(ordinal);
            check_same(spool.read(ordinal), kept[ordinal]);
        }
        CHECK_THROWS_AS((void)spool.read(2000), std::out_of_range);

        // The spool has no name in the folder: nothing to clean up after a killed run.
        CHECK(std::filesystem::is_empty(folder.path()));
    }

    TEST_CASE("a placard spooled after some were read is read back too")
    {
        test::TempDir folder;
        PlacardSpool spool(folder.path());
        Kept first = kept_placard(1);
        Kept second = kept_placard(2);
        spool.append(first.employee, first.decision, first.url);
        check_same(spool.read(0), first);
        spool.append(second.employee, second.decision, second.url);
        check_same(spool.read(1), second);
        check_same(spool.read(0), first);
    }
}
