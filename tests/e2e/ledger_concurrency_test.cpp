// Two renders at once on one ledger (issue 4): the ledger's write lock is held for a
// whole run, so the second run either gives up after --wait with its own exit code and
// writes nothing, or waits its turn and then sees what the first one printed. Either
// way the ledger stays sound and every employee ends with exactly one live placard.
#include "support/case_fixture.hpp"
#include "support/ledger_audit.hpp"
#include "support/pdf_readback.hpp"
#include "support/synthetic_roster.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <thread>

using namespace placard::test;
namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;
using Seconds = std::chrono::duration<double>;

// The first run must still be drawing while the second one starts, gives up and
// reports: it gets at least this many rows, and more on a machine that draws fast.
constexpr std::size_t fewest_slow_rows = 1500;
constexpr std::size_t most_slow_rows = 20000;
constexpr double slow_run_seconds = 3;
constexpr std::size_t probe_rows = 200;

bool contains(const std::string& haystack, const std::string& needle)
{
    return haystack.find(needle) != std::string::npos;
}

bool temp_file_exists(const fs::path& output)
{
    std::string prefix = ".placard-tmp-" + output.filename().string() + ".";
    return !files_starting_with(output.parent_path(), prefix).empty();
}

struct SharedLedger {
    CaseFixture fixture;
    fs::path roster = fixture.dir / "roster.csv";
    fs::path ledger = fixture.dir / "ledger.sqlite";

    explicit SharedLedger(std::size_t employees) { SyntheticRoster(employees).write_csv(roster); }

    std::vector<std::string> render(const std::string& output, const std::string& wait) const
    {
        return {
            "render",
            roster.string(),
            "--changed-only",
            "--ledger",
            ledger.string(),
            "--wait",
            wait,
            "--key",
            fixture.key.string(),
            "--base-url",
            case_base_url,
            "-o",
            (fixture.dir / output).string()};
    }

    // Sound, every recorded file whole, and each of the employees with one live placard.
    void check_consistent(std::size_t employees) const
    {
        CHECK(sqlite_integrity_lines(ledger) == std::vector<std::string>{"ok"});
        RunResult check = run_placard({"ledger", "check", ledger.string()});
        INFO(check.out, check.err);
        CHECK(check.exit_code == 0);
        CHECK(recorded_file_problems(ledger).empty());

        std::map<std::string, int> live = live_placards_by_employee(ledger);
        CHECK(live.size() == employees);
        for (const auto& entry : live) {
            INFO("employee ", entry.first);  // clang 14 cannot capture a structured binding
            CHECK(entry.second == 1);
        }
        CHECK(fixture.temp_files().empty());
    }
};

// Enough rows that drawing them takes a few seconds here, measured on a small preview.
std::size_t slow_run_rows()
{
    CaseFixture fixture;
    SyntheticRoster(probe_rows).write_csv(fixture.dir / "probe.csv");
    auto started = Clock::now();
    RunResult probe =
        fixture.render(fixture.dir / "probe.csv", fixture.dir / "probe.pdf", {"--no-ledger"});
    REQUIRE(probe.exit_code == 0);
    // Start-up counts as drawing here, so a fast machine is taken for a slower one.
    double per_page = Seconds(Clock::now() - started).count() / probe_rows;
    auto rows = static_cast<std::size_t>(slow_run_seconds / per_page);
    return std::clamp(rows, fewest_slow_rows, most_slow_rows);
}

// Starts a run and returns once it holds the ledger: its temporary PDF exists only after
// it has taken the write lock and finished its first pass.
void wait_until_drawing(PlacardProcess& run, const fs::path& output)
{
    while (!temp_file_exists(output)) {
        REQUIRE_MESSAGE(run.running(), "the first run ended before it started drawing");
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
}

}  // namespace

TEST_SUITE("e2e ledger concurrency")
{
    TEST_CASE("a second render on a busy ledger gives up after --wait or waits its turn")
    {
        const std::size_t rows = slow_run_rows();
        SharedLedger shared(rows);
        PlacardProcess first(shared.render("first.pdf", "30"));
        wait_until_drawing(first, shared.fixture.dir / "first.pdf");

        auto started = Clock::now();
        RunResult refused = run_placard(shared.render("refused.pdf", "0.2"));
        double waited = Seconds(Clock::now() - started).count();
        INFO(refused.err);
        REQUIRE_MESSAGE(first.running(), "the first run finished too soon; raise slow_run_seconds");
        CHECK(refused.exit_code == 5);
        CHECK(contains(refused.err, "placard: error: " + shared.ledger.string()));
        CHECK(contains(refused.err, "ledger is busy"));
        CHECK(contains(refused.err, "did not finish within 0.2 s"));
        CHECK(waited >= 0.2);
        CHECK_FALSE(fs::exists(shared.fixture.dir / "refused.pdf"));
        CHECK_FALSE(temp_file_exists(shared.fixture.dir / "refused.pdf"));

        PlacardProcess patient(shared.render("patient.pdf", "600"));
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        REQUIRE_MESSAGE(first.running(), "the first run finished too soon; raise slow_run_seconds");
        CHECK(patient.running());  // waiting for the lock

        RunResult printed = first.wait();
        INFO(printed.err);
        CHECK(printed.exit_code == 0);
        CHECK(PdfReadback(shared.fixture.dir / "first.pdf").page_count() == static_cast<int>(rows));

        RunResult after = patient.wait();
        INFO(after.err);
        CHECK(after.exit_code == 0);
        CHECK(contains(after.err, fmt::format("skipped {} ({} unchanged)", rows, rows)));
        CHECK(contains(after.err, "nothing to print, no PDF written"));
        CHECK_FALSE(fs::exists(shared.fixture.dir / "patient.pdf"));

        shared.check_consistent(rows);
        CHECK(committed_batch_count(shared.ledger) == 2);  // the refused run left nothing
    }

    TEST_CASE("two renders started together on a new ledger: one prints all and the other none")
    {
        constexpr std::size_t employees = 120;
        for (int round = 0; round < 3; ++round) {
            INFO("round ", round);
            SharedLedger shared(employees);
            PlacardProcess one(shared.render("one.pdf", "120"));
            PlacardProcess two(shared.render("two.pdf", "120"));
            RunResult first = one.wait();
            RunResult second = two.wait();
            INFO(first.err, second.err);
            REQUIRE(first.exit_code == 0);
            REQUIRE(second.exit_code == 0);

            bool one_printed = fs::exists(shared.fixture.dir / "one.pdf");
            bool two_printed = fs::exists(shared.fixture.dir / "two.pdf");
            CHECK(one_printed != two_printed);
            const RunResult& idle = one_printed ? second : first;
            CHECK(contains(idle.err, "nothing to print, no PDF written"));
            shared.check_consistent(employees);
        }
    }
}
