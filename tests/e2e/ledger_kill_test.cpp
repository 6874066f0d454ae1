// Issue 4's kill test: `render --changed-only` on a roster of a few thousand rows is
// killed with SIGKILL at random moments, spread over start-up, the first pass, drawing,
// the rename and the ledger commit. After every kill the ledger must be sound, every
// file it records must exist complete under its final name, and no partial file may
// carry a final name; a last run without a kill must finish the work.
//
// Every run reads 3,000 rows, but a --province filter keeps only as many as this machine
// draws in a few seconds (a fast machine prints all of them): two dozen runs of a
// 3,000-page batch would take many minutes on a small, busy machine.
//
// The kill moments are random on purpose; the seed is printed, and PLACARD_KILL_SEED=N
// replays the same random delays (the machine's speed still varies from run to run).
#include "support/case_fixture.hpp"
#include "support/ledger_audit.hpp"
#include "support/pdf_readback.hpp"
#include "support/synthetic_roster.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <map>
#include <random>
#include <thread>

using namespace placard::test;
namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;
using Seconds = std::chrono::duration<double>;

constexpr int kill_count = 20;
constexpr std::size_t roster_rows = 3000;
// The printed part of the roster is sized so that one full run takes about this long on
// the machine at hand, which keeps the whole test near two minutes.
constexpr double full_run_seconds = 3.0;
constexpr std::size_t fewest_printed_rows = 300;
const std::string printed_province = "اصفهان";
constexpr std::size_t probe_rows = 150;
constexpr std::size_t employees_added_per_commit = 25;
constexpr auto poll_interval = std::chrono::milliseconds(1);

bool contains(const std::string& haystack, const std::string& needle)
{
    return haystack.find(needle) != std::string::npos;
}

std::string temp_prefix_of(const fs::path& output)
{
    return ".placard-tmp-" + output.filename().string() + ".";
}

bool temp_file_exists(const fs::path& output)
{
    return !files_starting_with(output.parent_path(), temp_prefix_of(output)).empty();
}

std::uint64_t chosen_seed()
{
    if (const char* fixed = std::getenv("PLACARD_KILL_SEED")) {
        return std::stoull(fixed);
    }
    return std::random_device{}();
}

// When a run's steps happen, seen from outside: the temporary file appears when the
// first pass is over and drawing starts; the final name appears at the rename, just
// before the ledger commit; then the process ends. Seconds from the start.
struct Timeline {
    double drawing_starts = 0;
    double renamed = 0;
    double ended = 0;
};

// A render --changed-only run of one roster into one folder with its own ledger.
struct RunSetup {
    const CaseFixture& fixture;
    fs::path folder;
    fs::path roster = folder / "roster.csv";
    fs::path ledger = folder / "ledger.sqlite";

    std::vector<std::string> arguments(const fs::path& output) const
    {
        return {
            "render",
            roster.string(),
            "--changed-only",
            "--ledger",
            ledger.string(),
            "--key",
            fixture.key.string(),
            "--base-url",
            case_base_url,
            "-o",
            output.string(),
            "--province",
            printed_province,
            "--quiet"};
    }
};

Timeline watch_whole_run(const RunSetup& setup, const fs::path& output)
{
    Timeline timeline;
    auto started = Clock::now();
    PlacardProcess run(setup.arguments(output));
    while (run.running()) {
        double now = Seconds(Clock::now() - started).count();
        if (timeline.drawing_starts == 0 && temp_file_exists(output)) {
            timeline.drawing_starts = now;
        }
        if (timeline.renamed == 0 && fs::exists(output)) {
            timeline.renamed = now;
        }
        std::this_thread::sleep_for(poll_interval);
    }
    timeline.ended = Seconds(Clock::now() - started).count();
    RunResult result = run.wait();
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    return timeline;
}

// Renders a small roster once, watching it, to learn how fast this machine draws.
struct Probe {
    Timeline timeline;
    double seconds_per_page = 0;
};

Probe probe_speed(const CaseFixture& fixture)
{
    TempDir folder;
    RunSetup setup{fixture, folder.path()};
    SyntheticRoster(probe_rows).write_csv(setup.roster);
    Probe probe;
    probe.timeline = watch_whole_run(setup, folder / "probe.pdf");
    const Timeline& t = probe.timeline;
    probe.seconds_per_page = std::max(t.renamed - t.drawing_starts, 0.01) / probe_rows;
    return probe;
}

std::size_t roster_size_for(const Probe& probe)
{
    auto rows = static_cast<std::size_t>(full_run_seconds / probe.seconds_per_page);
    return std::clamp(rows, fewest_printed_rows, roster_rows);
}

enum class KillPhase { start_up_or_first_pass, drawing, end_of_drawing, commit };

const char* phase_name(KillPhase phase)
{
    const char* names[] = {"start-up or first pass", "drawing", "end of drawing", "commit"};
    return names[static_cast<int>(phase)];
}

// The test's side of the ledger runs: the roster, what each run must print, and what
// the audits have already read.
class KillLab {
public:
    KillLab(const CaseFixture& fixture, const Probe& probe, std::size_t rows, std::uint64_t seed)
        : setup_{fixture, fixture.dir.path()}
        , probe_(probe)
        , roster_(rows)
        , random_(seed)
        , seconds_per_page_(probe.seconds_per_page)
    {
        roster_.province = printed_province;
        roster_.elsewhere = roster_rows - rows;
        roster_.write_csv(setup_.roster);
        pending_ = rows;
    }

    // Starts run `index`, kills it in `phase`, and says where it was by then.
    std::string run_and_kill(int index, KillPhase phase);

    // What every kill must leave behind.
    void audit() const;

    // The run without a kill, then one that must find nothing to do.
    void finish();

    const std::map<std::string, int>& outcomes() const { return outcomes_; }

    long placards_recorded() const { return placard_count(setup_.ledger); }

private:
    double uniform(double low, double high)
    {
        return std::uniform_real_distribution<double>(low, std::max(low, high))(random_);
    }

    Clock::time_point wait_for(PlacardProcess& run, const fs::path& output, bool final_name) const;
    void kill_in_phase(PlacardProcess& run, const fs::path& output, KillPhase phase);
    long committed_batches() const;
    void start_next_night();
    void audit_folder_entry(const fs::path& path) const;

    RunSetup setup_;
    Probe probe_;
    SyntheticRoster roster_;
    std::mt19937_64 random_;
    double seconds_per_page_ = 0;               // drawing speed, learnt as the runs go
    std::size_t pending_ = 0;                   // placards the next run must print
    std::map<std::string, std::size_t> pages_;  // PDF name -> pages its run had to print
    mutable std::map<std::string, fs::file_time_type> read_back_;  // PDFs already checked
    std::map<std::string, int> outcomes_;
};

// Returns when the run's temporary file (or its final name) shows up, or the run ends.
Clock::time_point KillLab::wait_for(
    PlacardProcess& run, const fs::path& output, bool final_name) const
{
    while (run.running()) {
        if (final_name ? fs::exists(output) : temp_file_exists(output)) {
            break;
        }
        std::this_thread::sleep_for(poll_interval);
    }
    return Clock::now();
}

void KillLab::kill_in_phase(PlacardProcess& run, const fs::path& output, KillPhase phase)
{
    double drawing = seconds_per_page_ * static_cast<double>(pending_);
    double commit = probe_.timeline.ended - probe_.timeline.renamed;
    double delay = 0;
    if (phase == KillPhase::start_up_or_first_pass) {
        // Cut short when drawing starts: this phase is about what comes before it.
        auto deadline = Clock::now() + Seconds(uniform(0, 2 * probe_.timeline.drawing_starts));
        while (Clock::now() < deadline && run.running() && !temp_file_exists(output)) {
            std::this_thread::sleep_for(poll_interval);
        }
    } else if (phase == KillPhase::drawing) {
        wait_for(run, output, false);
        delay = uniform(0, drawing);
    } else if (phase == KillPhase::end_of_drawing) {
        wait_for(run, output, false);
        delay = uniform(0.9 * drawing, drawing + commit);
    } else {
        // The time from the first page to the rename tells how fast this machine draws
        // now: the load of a shared machine changes while the test runs.
        auto drawing_started = wait_for(run, output, false);
        auto renamed = wait_for(run, output, true);
        if (run.running() && pending_ > 0) {
            seconds_per_page_ =
                Seconds(renamed - drawing_started).count() / static_cast<double>(pending_);
        }
        // The time from the rename to the end is mostly the digest, the commit and its
        // sync, which hardly depend on the number of pages.
        delay = uniform(0, commit);
    }
    std::this_thread::sleep_for(Seconds(delay));
    run.kill();
}

long KillLab::committed_batches() const
{
    return fs::exists(setup_.ledger) ? committed_batch_count(setup_.ledger) : 0;
}

// A committed run printed everything pending; change every title and hire a few people
// so that the next run has a full batch to print again (reissues with revocations, and
// new placards).
void KillLab::start_next_night()
{
    for (int& revision : roster_.revisions) {
        ++revision;
    }
    roster_.revisions.resize(roster_.size() + employees_added_per_commit, 0);
    roster_.write_csv(setup_.roster);
    pending_ = roster_.size();
}

std::string KillLab::run_and_kill(int index, KillPhase phase)
{
    fs::path output = setup_.folder / fmt::format("placards-{:02}.pdf", index);
    pages_[output.filename().string()] = pending_;
    long batches_before = committed_batches();

    PlacardProcess run(setup_.arguments(output));
    kill_in_phase(run, output, phase);
    RunResult result = run.wait();
    INFO("run ", index, " killed in phase ", phase_name(phase), "; stderr: ", result.err);
    REQUIRE((result.exit_code == 128 + SIGKILL || result.exit_code == 0));

    std::string outcome = "killed before drawing";
    if (committed_batches() > batches_before) {
        outcome = "committed";
        start_next_night();
    } else if (fs::exists(output)) {
        outcome = "killed after the rename, before the commit";
    } else if (temp_file_exists(output)) {
        outcome = "killed while drawing";
    }
    ++outcomes_[outcome];
    return outcome;
}

void KillLab::audit_folder_entry(const fs::path& path) const
{
    std::string name = path.filename().string();
    if (name.starts_with(".placard-tmp-")) {
        return;  // a killed run's leftover, never under a final name
    }
    if (path.extension() != ".pdf") {
        bool known =
            name == "roster.csv" || name == "case.key" || name.starts_with("ledger.sqlite");
        CHECK_MESSAGE(known, "unexpected file ", name);
        return;
    }

    // A PDF under its final name must be whole: Poppler reads every page its run had to
    // print, and the file ends where Cairo ends a PDF.
    fs::file_time_type modified = fs::last_write_time(path);
    auto seen = read_back_.find(name);
    if (seen != read_back_.end() && seen->second == modified) {
        return;
    }
    INFO("checking ", name);
    REQUIRE(pages_.contains(name));
    CHECK(PdfReadback(path).page_count() == static_cast<int>(pages_.at(name)));
    std::string bytes = read_file(path);
    CHECK(bytes.substr(bytes.size() - std::min<std::size_t>(bytes.size(), 6)) == "%%EOF\n");
    read_back_[name] = modified;
}

void KillLab::audit() const
{
    if (fs::exists(setup_.ledger)) {
        CHECK(sqlite_integrity_lines(setup_.ledger) == std::vector<std::string>{"ok"});
        RunResult check = run_placard({"ledger", "check", setup_.ledger.string()});
        INFO(check.out, check.err);
        CHECK(check.exit_code == 0);
        std::vector<std::string> problems = recorded_file_problems(setup_.ledger);
        INFO(fmt::format("{}", fmt::join(problems, "\n")));
        CHECK(problems.empty());
    }
    for (const auto& entry : fs::directory_iterator(setup_.folder)) {
        audit_folder_entry(entry.path());
    }
}

void KillLab::finish()
{
    fs::path output = setup_.folder / "placards-rerun.pdf";
    pages_[output.filename().string()] = pending_;
    RunResult rerun = run_placard(setup_.arguments(output));
    INFO(rerun.err);
    REQUIRE(rerun.exit_code == 0);
    CHECK(rerun.err.empty());  // --quiet
    REQUIRE(fs::exists(output));
    audit();

    std::map<std::string, int> live = live_placards_by_employee(setup_.ledger);
    CHECK(live.size() == roster_.size());
    for (std::size_t i = 0; i < roster_.size(); ++i) {
        std::string code = SyntheticRoster::employee_code(i);
        INFO("employee ", code);
        CHECK(live[code] == 1);
    }

    std::vector<std::string> last_run = setup_.arguments(setup_.folder / "placards-last.pdf");
    last_run.pop_back();  // not --quiet: it must say that there was nothing to do
    RunResult nothing = run_placard(last_run);
    INFO(nothing.err);
    CHECK(nothing.exit_code == 0);
    CHECK(contains(nothing.err, "printed 0"));
    CHECK(contains(nothing.err, "nothing to print, no PDF written"));
    CHECK_FALSE(fs::exists(setup_.folder / "placards-last.pdf"));
}

}  // namespace

TEST_SUITE("e2e ledger kill")
{
    TEST_CASE("a run killed while it creates the ledger leaves a file that reads as empty")
    {
        CaseFixture fixture;
        RunSetup setup{fixture, fixture.dir.path()};
        SyntheticRoster(probe_rows).write_csv(setup.roster);
        fs::path output = setup.folder / "placards.pdf";
        for (int attempt = 0; attempt < 5; ++attempt) {
            fs::remove(setup.ledger);
            PlacardProcess run(setup.arguments(output));
            while (run.running() && !fs::exists(setup.ledger)) {
                std::this_thread::sleep_for(std::chrono::microseconds(200));
            }
            run.kill();

            RunResult check = run_placard({"ledger", "check", setup.ledger.string()});
            INFO("attempt ", attempt, ": ", check.out, check.err);
            CHECK(check.exit_code == 0);
            RunResult revocations = run_placard({"revocations", "--ledger", setup.ledger.string()});
            CHECK(revocations.exit_code == 0);
        }

        RunResult rerun = run_placard(setup.arguments(output));
        INFO(rerun.err);
        CHECK(rerun.exit_code == 0);
        CHECK(live_placards_by_employee(setup.ledger).size() == probe_rows);
    }

    TEST_CASE("render --changed-only killed with SIGKILL at random moments loses nothing")
    {
        std::uint64_t seed = chosen_seed();
        MESSAGE("kill test seed ", seed, " (PLACARD_KILL_SEED replays it)");
        INFO("seed ", seed);
        auto started = Clock::now();

        CaseFixture fixture;
        Probe probe = probe_speed(fixture);
        std::size_t rows = roster_size_for(probe);
        MESSAGE(fmt::format(
            "{} of {} rows printed: the probe drew {:.1f} placards/s, first page after {:.2f} s, "
            "renamed at {:.3f} s, ended at {:.3f} s",
            rows,
            roster_rows,
            1 / probe.seconds_per_page,
            probe.timeline.drawing_starts,
            probe.timeline.renamed,
            probe.timeline.ended));

        KillLab lab(fixture, probe, rows, seed);
        for (int index = 0; index < kill_count; ++index) {
            auto phase = static_cast<KillPhase>(index % 4);
            std::string outcome = lab.run_and_kill(index, phase);
            INFO("run ", index, " (", phase_name(phase), "): ", outcome);
            lab.audit();
        }
        for (const auto& [outcome, count] : lab.outcomes()) {
            MESSAGE(outcome, ": ", count);
        }
        CHECK(lab.outcomes().contains("killed before drawing"));
        CHECK(lab.outcomes().contains("killed while drawing"));

        lab.finish();
        MESSAGE(
            fixture.temp_files().size(),
            " temporary files of killed runs are left, none under a final name");
        MESSAGE(fmt::format(
            "{} placards recorded; {:.0f} s in all",
            lab.placards_recorded(),
            Seconds(Clock::now() - started).count()));
    }
}
