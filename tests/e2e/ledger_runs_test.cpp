// The print ledger through the real binary: incremental runs, reprints that revoke,
// plain revocations and their export, key rotation and the leaked-key playbook.
#include "support/case_fixture.hpp"
#include "support/pdf_readback.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>

using namespace placard::test;
namespace fs = std::filesystem;

namespace {

bool contains(const std::string& haystack, const std::string& needle)
{
    return haystack.find(needle) != std::string::npos;
}

const std::string header = "employee_code,national_code,first_name,last_name,job_title,office\n";
const std::string alice =
    "E1,3233564805,سارا,نمونه‌زاده,کارشناس,دفتر مرکزی\n";
const std::string bahram = "E2,4040404041,بهرام,آزمایشی,مهندس,شعبه شمالی\n";
const std::string bahram_promoted = "E2,4040404041,بهرام,آزمایشی,مدیر,شعبه شمالی\n";
const std::string cyrus = "E3,5787982061,کوروش,فرضی,کارشناس,دفتر مرکزی\n";
const std::string dara = "E4,4216618197,دارا,خیالی,کارشناس,دفتر مرکزی\n";

// The employee codes of the QR payloads of a PDF, page by page.
std::vector<std::string> printed_codes(const fs::path& pdf)
{
    std::vector<std::string> codes;
    for (const auto& page : CaseFixture::decode_pages(pdf, 150)) {
        REQUIRE(page.size() == 1);
        std::smatch match;
        REQUIRE(std::regex_search(page[0], match, std::regex("/[A-Z0-9]+/(E[0-9]+)/")));
        codes.push_back(match[1]);
    }
    return codes;
}

std::vector<std::string> printed_urls(const fs::path& pdf)
{
    std::vector<std::string> urls;
    for (const auto& page : CaseFixture::decode_pages(pdf, 150)) {
        REQUIRE(page.size() == 1);
        urls.push_back(page[0]);
    }
    return urls;
}

struct LedgerFixture : CaseFixture {
    fs::path ledger = dir / "ledger.sqlite";
    fs::path roster = dir / "roster.csv";

    void write_roster(const std::string& rows) const
    {
        std::ofstream(roster, std::ios::binary) << header << rows;
    }

    RunResult render(const std::string& name, const std::vector<std::string>& extra = {}) const
    {
        // Roster order, so the codes printed read in the order the tests write them.
        std::vector<std::string> arguments = {"--ledger", ledger.string(), "--order", "roster"};
        arguments.insert(arguments.end(), extra.begin(), extra.end());
        return CaseFixture::render(roster, dir / name, arguments);
    }

    RunResult print(const std::string& command, std::vector<std::string> arguments) const
    {
        std::vector<std::string> full = {command};
        full.insert(full.end(), arguments.begin(), arguments.end());
        return run_placard(full);
    }

    RunResult reprint(const std::vector<std::string>& selection, const std::string& name) const
    {
        return CaseFixture::reprint(selection, ledger, roster, dir / name);
    }

    RunResult verify(const std::string& url) const
    {
        return run_placard({"verify-url", "--key", key.string(), "--ledger", ledger.string(), url});
    }

    void expect_ledger_ok() const
    {
        RunResult checked = run_placard({"ledger", "check", ledger.string()});
        INFO(checked.out);
        CHECK(checked.exit_code == 0);
    }
};

}  // namespace

TEST_SUITE("e2e ledger")
{
    TEST_CASE("incremental: all, then nothing, then exactly the changed and the new")
    {
        LedgerFixture fixture;
        fixture.write_roster(alice + bahram + cyrus);

        RunResult first = fixture.render("first.pdf", {"--changed-only"});
        INFO(first.err);
        REQUIRE(first.exit_code == 0);
        CHECK(
            printed_codes(fixture.dir / "first.pdf") == std::vector<std::string>{"E1", "E2", "E3"});

        RunResult second = fixture.render("second.pdf", {"--changed-only"});
        CHECK(second.exit_code == 0);
        CHECK(contains(second.err, "read 3, printed 0, rejected 0, skipped 3 (3 unchanged)"));
        CHECK(contains(second.err, "nothing to print, no PDF written"));
        CHECK_FALSE(fs::exists(fixture.dir / "second.pdf"));

        fixture.write_roster(alice + bahram_promoted + cyrus + dara);
        RunResult third = fixture.render("third.pdf", {"--changed-only"});
        INFO(third.err);
        REQUIRE(third.exit_code == 0);
        CHECK(printed_codes(fixture.dir / "third.pdf") == std::vector<std::string>{"E2", "E4"});
        CHECK(contains(third.err, "1 new, 1 reissued"));

        // The promoted employee's old placard is revoked; the new one works.
        std::vector<std::string> old_urls = printed_urls(fixture.dir / "first.pdf");
        std::vector<std::string> new_urls = printed_urls(fixture.dir / "third.pdf");
        CHECK(fixture.verify(old_urls[1]).exit_code == 7);
        CHECK(contains(fixture.verify(old_urls[1]).out, "data-changed"));
        CHECK(fixture.verify(new_urls[0]).exit_code == 0);
        CHECK(contains(new_urls[0], "/E2/2/"));
        CHECK(fixture.verify(old_urls[0]).exit_code == 0);  // E1 untouched
        fixture.expect_ledger_ok();
    }

    TEST_CASE("a plain rerun prints the same placards again and revokes nothing")
    {
        LedgerFixture fixture;
        fixture.write_roster(alice + bahram);
        REQUIRE(fixture.render("a.pdf").exit_code == 0);
        RunResult again = fixture.render("b.pdf");
        REQUIRE(again.exit_code == 0);
        CHECK(contains(again.err, "0 new, 0 reissued with the old placard revoked, 2 copies"));
        CHECK(printed_urls(fixture.dir / "a.pdf") == printed_urls(fixture.dir / "b.pdf"));
        for (const std::string& url : printed_urls(fixture.dir / "b.pdf")) {
            CHECK(fixture.verify(url).exit_code == 0);
        }
    }

    TEST_CASE("reprint: a new generation, the old URL revoked with its reason and operator")
    {
        LedgerFixture fixture;
        fixture.write_roster(alice + bahram);
        REQUIRE(fixture.render("first.pdf").exit_code == 0);
        std::string old_url = printed_urls(fixture.dir / "first.pdf")[1];

        // Codes compare without regard to letter case.
        RunResult reprinted = fixture.reprint({"e2", "--reason", "lost"}, "reprint.pdf");
        INFO(reprinted.err);
        REQUIRE(reprinted.exit_code == 0);
        std::vector<std::string> urls = printed_urls(fixture.dir / "reprint.pdf");
        REQUIRE(urls.size() == 1);
        CHECK(contains(urls[0], "/T1/E2/2/"));
        CHECK(urls[0] != old_url);
        CHECK(fixture.verify(urls[0]).exit_code == 0);
        RunResult old = fixture.verify(old_url);
        CHECK(old.exit_code == 7);
        CHECK(contains(old.out, "revoked: key T1, employee E2, generation 1: lost"));

        // A second reprint goes on to generation 3; generations are never reused.
        // The ledger names reprint.pdf, so it is never written over: a new file each time.
        RunResult over = fixture.reprint({"e2", "--reason", "damaged"}, "reprint.pdf");
        CHECK(over.exit_code == 2);
        CHECK(contains(printed_urls(fixture.dir / "reprint.pdf")[0], "/E2/2/"));
        REQUIRE(fixture.reprint({"e2", "--reason", "damaged"}, "reprint-2.pdf").exit_code == 0);
        CHECK(contains(printed_urls(fixture.dir / "reprint-2.pdf")[0], "/E2/3/"));

        // Without the ledger, or naming someone not in the roster: refused, nothing printed.
        RunResult missing = fixture.reprint({"E9", "--reason", "lost"}, "none.pdf");
        CHECK(missing.exit_code == 2);
        CHECK(contains(missing.err, "no valid row for employee codes E9"));
        CHECK_FALSE(fs::exists(fixture.dir / "none.pdf"));
        fixture.expect_ledger_ok();
    }

    TEST_CASE("a reprint from a ledger that never printed the employee, or from none, is refused")
    {
        // From another office's ledger, or a mistyped path, the reprint would print
        // generation 1, the very URL of the lost placard, and revoke nothing.
        LedgerFixture fixture;
        fixture.write_roster(alice + bahram);
        REQUIRE(fixture.render("first.pdf").exit_code == 0);
        std::string lost_url = printed_urls(fixture.dir / "first.pdf")[1];

        fs::path alice_only = fixture.dir.write("alice.csv", header + alice);
        fs::path other_ledger = fixture.dir / "other-ledger.sqlite";
        REQUIRE(
            fixture
                .CaseFixture::render(
                    alice_only, fixture.dir / "other.pdf", {"--ledger", other_ledger.string()})
                .exit_code
            == 0);
        RunResult other = fixture.CaseFixture::reprint(
            {"E2", "--reason", "lost"}, other_ledger, fixture.roster, fixture.dir / "other-2.pdf");
        CHECK(other.exit_code == 2);
        CHECK(contains(other.err, "never issued a placard to employee codes E2"));
        CHECK_FALSE(fs::exists(fixture.dir / "other-2.pdf"));

        fs::path typo_ledger = fixture.dir / "placard-ledgr.sqlite";
        RunResult typo = fixture.CaseFixture::reprint(
            {"E2", "--reason", "lost"}, typo_ledger, fixture.roster, fixture.dir / "typo.pdf");
        CHECK(typo.exit_code == 2);
        CHECK(contains(typo.err, "no ledger at this path"));
        CHECK_FALSE(fs::exists(typo_ledger));  // no new, empty ledger left behind
        CHECK_FALSE(fs::exists(fixture.dir / "typo.pdf"));
        RunResult revoke =
            fixture.print("revoke", {"E2", "--reason", "lost", "--ledger", typo_ledger.string()});
        CHECK(revoke.exit_code == 2);
        CHECK_FALSE(fs::exists(typo_ledger));

        // The ledger of the first print still reprints and revokes the lost one.
        REQUIRE(fixture.reprint({"E2", "--reason", "lost"}, "reprint.pdf").exit_code == 0);
        CHECK(fixture.verify(lost_url).exit_code == 7);
    }

    TEST_CASE("url --ledger prints the live placard's URL, never a revoked generation")
    {
        LedgerFixture fixture;
        fixture.write_roster(alice + bahram);
        REQUIRE(fixture.render("first.pdf").exit_code == 0);
        REQUIRE(fixture.reprint({"E2", "--reason", "lost"}, "reprint.pdf").exit_code == 0);
        std::vector<std::string> url_of_e2 = {
            "url", "--key", fixture.key.string(), "--base-url", "https://survey.example.ir/S"};

        std::vector<std::string> live = url_of_e2;
        live.insert(live.end(), {"--ledger", fixture.ledger.string(), "E2"});
        RunResult printed = run_placard(live);
        INFO(printed.err);
        REQUIRE(printed.exit_code == 0);
        CHECK(contains(printed.out, "/T1/E2/2/"));
        std::string url = printed.out.substr(0, printed.out.find('\n'));
        CHECK(url == printed_urls(fixture.dir / "reprint.pdf")[0]);
        CHECK(fixture.verify(url).exit_code == 0);

        std::vector<std::string> unknown = url_of_e2;
        unknown.insert(unknown.end(), {"--ledger", fixture.ledger.string(), "E9"});
        RunResult none = run_placard(unknown);
        CHECK(none.exit_code == 2);
        CHECK(contains(none.err, "no live placard"));

        std::vector<std::string> both = url_of_e2;
        both.insert(both.end(), {"--ledger", fixture.ledger.string(), "--generation", "1", "E2"});
        CHECK(run_placard(both).exit_code == 4);
    }

    TEST_CASE("revoke and url --ledger find a code whichever letter case the roster used")
    {
        // Employee codes compare without letter case, but the ledger keeps each code as
        // its roster spelt it: a lower-case roster code must still be revocable.
        LedgerFixture fixture;
        fixture.write_roster("e1" + alice.substr(2) + bahram);
        REQUIRE(fixture.render("first.pdf").exit_code == 0);
        std::vector<std::string> urls = printed_urls(fixture.dir / "first.pdf");
        REQUIRE(urls.size() == 2);
        REQUIRE(contains(urls[0], "/e1/1/"));

        std::vector<std::string> url_of = {
            "url",
            "--key",
            fixture.key.string(),
            "--base-url",
            "https://survey.example.ir/S",
            "--ledger",
            fixture.ledger.string()};
        std::vector<std::string> upper = url_of;
        upper.emplace_back("E1");
        RunResult printed = run_placard(upper);
        INFO(printed.err);
        CHECK(printed.exit_code == 0);
        CHECK(printed.out == urls[0] + "\n");
        std::vector<std::string> lower = url_of;
        lower.emplace_back("e2");
        CHECK(run_placard(lower).out == urls[1] + "\n");

        RunResult revoked = fixture.print(
            "revoke", {"E1", "--reason", "lost", "--ledger", fixture.ledger.string()});
        INFO(revoked.err);
        CHECK(revoked.exit_code == 0);
        CHECK(contains(revoked.out, "employee e1, generation 1 (lost)"));
        CHECK(fixture.verify(urls[0]).exit_code == 7);
        CHECK(fixture.verify(urls[1]).exit_code == 0);
        fixture.expect_ledger_ok();
    }

    TEST_CASE("revoke without printing, and the revocation list for the survey server")
    {
        LedgerFixture fixture;
        fixture.write_roster(alice + bahram);
        REQUIRE(fixture.render("first.pdf").exit_code == 0);
        std::vector<std::string> urls = printed_urls(fixture.dir / "first.pdf");

        RunResult revoked = fixture.print(
            "revoke", {"E1", "--reason", "stolen", "--ledger", fixture.ledger.string()});
        CHECK(revoked.exit_code == 0);
        CHECK(contains(revoked.out, "revoked: key T1, employee E1, generation 1 (stolen)"));
        RunResult twice = fixture.print(
            "revoke", {"E1", "--reason", "stolen", "--ledger", fixture.ledger.string()});
        CHECK(contains(twice.out + twice.err, "E1"));

        CHECK(fixture.verify(urls[0]).exit_code == 7);
        CHECK(fixture.verify(urls[1]).exit_code == 0);

        RunResult csv = fixture.print("revocations", {"--ledger", fixture.ledger.string()});
        CHECK(csv.exit_code == 0);
        CHECK(csv.out.starts_with("kid,employee_code,generation,reason,revoked_at"));
        CHECK(contains(csv.out, "\nT1,E1,1,stolen,"));
        RunResult json =
            fixture.print("revocations", {"--ledger", fixture.ledger.string(), "--format", "json"});
        CHECK(
            contains(json.out, "\"employee_code\":\"E1\",\"generation\":1,\"reason\":\"stolen\""));

        RunResult bad_reason = fixture.print(
            "revoke", {"E2", "--reason", "bored", "--ledger", fixture.ledger.string()});
        CHECK(bad_reason.exit_code == 4);

        // After a revocation, a changed-only run prints the employee again, as generation 2.
        RunResult rerun = fixture.render("rerun.pdf", {"--changed-only"});
        REQUIRE(rerun.exit_code == 0);
        std::vector<std::string> again = printed_urls(fixture.dir / "rerun.pdf");
        REQUIRE(again.size() == 1);
        CHECK(contains(again[0], "/E1/2/"));
        fixture.expect_ledger_ok();
    }

    TEST_CASE(
        "rotation: old URLs verify after a new key is active, and a leaked key takes one command")
    {
        LedgerFixture fixture;
        fixture.write_roster(alice + bahram);
        REQUIRE(fixture.render("before.pdf").exit_code == 0);
        std::vector<std::string> before = printed_urls(fixture.dir / "before.pdf");

        RunResult rotated =
            run_placard({"keygen", "-o", fixture.key.string(), "--kid", "T2", "--activate"});
        REQUIRE(rotated.exit_code == 0);
        for (const std::string& url : before) {
            CHECK(fixture.verify(url).exit_code == 0);
        }

        // A new employee gets a T2 URL; the others keep their T1 placards.
        fixture.write_roster(alice + bahram + cyrus);
        REQUIRE(fixture.render("after.pdf", {"--changed-only"}).exit_code == 0);
        std::vector<std::string> after = printed_urls(fixture.dir / "after.pdf");
        REQUIRE(after.size() == 1);
        CHECK(contains(after[0], "/T2/E3/1/"));

        // T1 leaked: reprint every live T1 placard under T2 and revoke the T1 ones.
        RunResult playbook =
            fixture.reprint({"--signed-by", "T1", "--reason", "key-leaked"}, "leak.pdf");
        INFO(playbook.err);
        REQUIRE(playbook.exit_code == 0);
        std::vector<std::string> reissued = printed_urls(fixture.dir / "leak.pdf");
        REQUIRE(reissued.size() == 2);
        CHECK(contains(reissued[0], "/T2/E1/2/"));
        CHECK(contains(reissued[1], "/T2/E2/2/"));
        for (const std::string& url : before) {
            RunResult old = fixture.verify(url);
            CHECK(old.exit_code == 7);
            CHECK(contains(old.out, "key-leaked"));
        }
        CHECK(fixture.verify(after[0]).exit_code == 0);
        fixture.expect_ledger_ok();
    }

    TEST_CASE("every ID column of the ledger is declared TEXT (case 07, point 6)")
    {
        LedgerFixture fixture;
        fixture.write_roster(alice);
        REQUIRE(fixture.render("a.pdf").exit_code == 0);
        SQLite::Database db(fixture.ledger.string());
        SQLite::Statement columns(
            db,
            "SELECT m.name, p.name, p.type FROM sqlite_schema AS m, pragma_table_info(m.name) AS p "
            "WHERE m.type = 'table' AND (p.name LIKE '%code%' OR p.name LIKE '%kid%' OR p.name "
            "LIKE '%batch_id%' OR p.name LIKE '%digest%' OR p.name LIKE '%sha256%')");
        int checked = 0;
        while (columns.executeStep()) {
            CAPTURE(columns.getColumn(0).getString());
            CAPTURE(columns.getColumn(1).getString());
            CHECK(columns.getColumn(2).getString() == "TEXT");
            ++checked;
        }
        CHECK(checked >= 6);
    }
}
