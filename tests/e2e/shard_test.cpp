// --shard K/N splits a roster into disjoint slices whose union is the roster, and the
// ledgers of the shard runs, folded with `placard ledger merge`, hold what the ledger of
// one run over the whole roster holds.
#include "support/case_fixture.hpp"
#include "support/pdf_readback.hpp"
#include "support/synthetic_roster.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <set>
#include <string>
#include <vector>

using namespace placard::test;
namespace fs = std::filesystem;

namespace {

constexpr int shard_count = 3;
constexpr std::size_t employees = 40;

// A placard row without what must differ between one run and a sharded run: the batch
// id, and the file and page (each shard writes its own PDF).
std::set<std::string> placard_rows(const fs::path& ledger)
{
    SQLite::Database database(ledger.string(), SQLite::OPEN_READONLY);
    SQLite::Statement query(
        database,
        "SELECT employee_code, generation, kid, fields_digest, province, city, agency, office "
        "FROM placard");
    std::set<std::string> rows;
    while (query.executeStep()) {
        std::string row;
        for (int column = 0; column < query.getColumnCount(); ++column) {
            row += query.getColumn(column).getString() + "|";
        }
        rows.insert(row);
    }
    return rows;
}

std::set<std::string> employee_codes(const fs::path& ledger)
{
    SQLite::Database database(ledger.string(), SQLite::OPEN_READONLY);
    SQLite::Statement query(database, "SELECT employee_code FROM placard");
    std::set<std::string> codes;
    while (query.executeStep()) {
        codes.insert(query.getColumn(0).getString());
    }
    return codes;
}

}  // namespace

TEST_SUITE("e2e")
{
    TEST_CASE("shards of a roster are disjoint, cover it, and their merged ledgers equal one run")
    {
        CaseFixture fixture;
        fs::path roster = fixture.dir / "roster.csv";
        SyntheticRoster(employees).write_csv(roster);

        RunResult whole = fixture.render(
            roster,
            fixture.dir / "whole.pdf",
            {"--ledger", (fixture.dir / "whole.sqlite").string()});
        INFO(whole.err);
        REQUIRE(whole.exit_code == 0);

        std::set<std::string> seen;
        std::vector<std::string> merge = {
            "ledger", "merge", (fixture.dir / "merged.sqlite").string()};
        int pages = 0;
        for (int shard = 1; shard <= shard_count; ++shard) {
            std::string name = "shard" + std::to_string(shard);
            fs::path ledger = fixture.dir / (name + ".sqlite");
            RunResult run = fixture.render(
                roster,
                fixture.dir / (name + ".pdf"),
                {"--shard",
                 std::to_string(shard) + "/" + std::to_string(shard_count),
                 "--ledger",
                 ledger.string(),
                 "-v"});
            INFO(run.err);
            REQUIRE(run.exit_code == 0);
            for (const std::string& code : employee_codes(ledger)) {
                CHECK_MESSAGE(seen.insert(code).second, code << " is in two shards");
            }
            int shard_pages = PdfReadback(fixture.dir / (name + ".pdf")).page_count();
            pages += shard_pages;
            CHECK(
                run.err.find(fmt::format("read {}, printed {}", employees, shard_pages))
                != std::string::npos);
            merge.push_back(ledger.string());
        }
        CHECK(seen == employee_codes(fixture.dir / "whole.sqlite"));
        CHECK(seen.size() == employees);
        CHECK(pages == static_cast<int>(employees));

        RunResult merged = run_placard(merge);
        INFO(merged.err);
        REQUIRE(merged.exit_code == 0);
        CHECK(
            placard_rows(fixture.dir / "merged.sqlite")
            == placard_rows(fixture.dir / "whole.sqlite"));
    }

    TEST_CASE("render refuses a shard outside 1..N as a usage error")
    {
        CaseFixture fixture;
        fs::path roster = fixture.dir / "roster.csv";
        SyntheticRoster(2).write_csv(roster);
        RunResult run = fixture.render(roster, fixture.dir / "out.pdf", {"--shard", "0/4"});
        CHECK(run.exit_code == 4);
        CHECK(run.err.find("--shard \"0/4\" is not K/N with 1 <= K <= N") != std::string::npos);
        CHECK_FALSE(fs::exists(fixture.dir / "out.pdf"));
    }
}
