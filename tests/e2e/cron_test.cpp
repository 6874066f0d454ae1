// Made for cron (issue 4): --summary-json for the machine that reads the log, --config
// before or after the command, --quiet, nights with nothing new, a nightly run that
// meets last night's file, and the example config and crontab line of examples/cron
// run as written.
#include "support/case_fixture.hpp"
#include "support/ledger_audit.hpp"
#include "support/pdf_readback.hpp"
#include "support/synthetic_roster.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

using namespace placard::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const std::string province = "اصفهان";
const fs::path example_config = fs::path(PLACARD_EXAMPLES_DIR) / "cron" / "placard.toml";

bool contains(const std::string& haystack, const std::string& needle)
{
    return haystack.find(needle) != std::string::npos;
}

json read_json(const fs::path& path)
{
    return json::parse(read_file(path));
}

std::size_t pdf_count(const fs::path& folder)
{
    std::size_t count = 0;
    for (const auto& entry : fs::directory_iterator(folder)) {
        count += entry.path().extension() == ".pdf" ? 1 : 0;
    }
    return count;
}

// A roster of `employees` in the province, three rows of another one, and one row with a
// national code whose check digit is wrong.
fs::path roster_with_bad_row(const CaseFixture& fixture, std::size_t employees)
{
    SyntheticRoster roster(employees);
    roster.elsewhere = 3;
    fs::path path = fixture.dir / "roster.csv";
    roster.write_csv(path);
    std::ofstream(path, std::ios::app)
        << "Z00001,1000079190,علی,رضایی,کارشناس,دفتر مرکزی,اداره کل ثبت احوال,اصفهان,اصفهان\n";
    return path;
}

std::vector<std::string> render_arguments(
    const CaseFixture& fixture, const fs::path& roster, const fs::path& output)
{
    return {
        "render",
        roster.string(),
        "--key",
        fixture.key.string(),
        "--base-url",
        case_base_url,
        "-o",
        output.string(),
        "--ledger",
        (fixture.dir / "ledger.sqlite").string(),
        "--province",
        province};
}

std::vector<std::string> with(std::vector<std::string> arguments, std::vector<std::string> more)
{
    arguments.insert(arguments.end(), more.begin(), more.end());
    return arguments;
}

// The folder a night's cron job runs in, laid out as examples/cron/placard.toml expects.
struct CronFolder {
    CaseFixture fixture;
    fs::path root = fixture.dir.path();
    SyntheticRoster roster{40};

    CronFolder()
    {
        for (const char* folder : {"hr", "keys", "out", "ledger"}) {
            fs::create_directory(root / folder);
        }
        fs::copy_file(fixture.key, root / "keys" / "site.key");
        roster.elsewhere = 10;
        write_roster();
    }

    void write_roster() const
    {
        fs::remove(root / "hr" / "roster.sqlite");
        roster.write_database(root / "hr" / "roster.sqlite", "employees");
    }

    RunResult night() const
    {
        return run_placard({"--config", example_config.string(), "render"}, root);
    }

    json last_run() const { return read_json(root / "out" / "last-run.json"); }
};

// The job of the example crontab line: what follows the five time fields.
std::string crontab_job()
{
    std::istringstream lines(read_file(fs::path(PLACARD_EXAMPLES_DIR) / "cron" / "crontab"));
    std::string line;
    std::string job;
    while (std::getline(lines, line)) {
        if (!line.empty() && std::isdigit(static_cast<unsigned char>(line[0])) != 0) {
            std::istringstream fields(line);
            std::string time_field;
            for (int i = 0; i < 5; ++i) {
                fields >> time_field;
            }
            std::getline(fields >> std::ws, job);
        }
    }
    return job;
}

}  // namespace

TEST_SUITE("e2e cron")
{
    TEST_CASE("--summary-json: counts that add up and the file with its SHA-256 and the ledger")
    {
        CaseFixture fixture;
        fs::path roster = roster_with_bad_row(fixture, 30);
        fs::path output = fixture.dir / "placards.pdf";
        fs::path summary_path = fixture.dir / "summary.json";
        std::vector<std::string> arguments = with(
            render_arguments(fixture, roster, output),
            {"--changed-only", "--skip-invalid", "--summary-json", summary_path.string()});

        // A summary that cannot be written stops the run before it prints or records
        // anything, so exit 2 still means "nothing final written".
        fs::path nowhere = fixture.dir / "missing" / "summary.json";
        RunResult unwritable = run_placard(with(
            render_arguments(fixture, roster, output),
            {"--changed-only", "--skip-invalid", "--summary-json", nowhere.string()}));
        CHECK(unwritable.exit_code == 2);
        CHECK(contains(
            unwritable.err, "cannot create a temporary file in " + nowhere.parent_path().string()));
        CHECK_FALSE(fs::exists(output));
        CHECK_FALSE(fs::exists(fixture.dir / "ledger.sqlite"));

        RunResult run = run_placard(arguments);
        INFO(run.err);
        REQUIRE(run.exit_code == 3);  // a row was rejected
        json summary = read_json(summary_path);
        INFO(summary.dump(2));
        CHECK(summary["read"] == 34);
        CHECK(summary["printed"] == 30);
        CHECK(summary["rejected"] == 1);
        CHECK(summary["skipped"] == 3);
        CHECK(
            summary["read"].get<long>()
            == summary["printed"].get<long>() + summary["rejected"].get<long>()
                   + summary["skipped"].get<long>());
        CHECK(summary["new_placards"] == 30);
        CHECK(summary["seconds"].get<double>() > 0);
        CHECK(summary["ledger"] == (fixture.dir / "ledger.sqlite").string());
        CHECK(fs::exists(summary["rejects"].get<std::string>()));

        REQUIRE(summary["files"].size() == 1);
        const json& file = summary["files"][0];
        CHECK(file["path"] == output.string());
        CHECK(file["pages"] == 30);
        CHECK(file["bytes"] == fs::file_size(output));
        CHECK(file["sha256"] == sha256_of_file(output));
        CHECK(PdfReadback(output).page_count() == 30);

        // The ledger holds the same batch and the same file.
        SQLite::Database ledger((fixture.dir / "ledger.sqlite").string(), SQLite::OPEN_READONLY);
        SQLite::Statement recorded(ledger, "SELECT sha256 FROM output_file WHERE batch_id = ?");
        recorded.bind(1, summary["batch_id"].get<std::string>());
        REQUIRE(recorded.executeStep());
        CHECK(recorded.getColumn(0).getString() == file["sha256"]);

        RunResult again = run_placard(arguments);
        CHECK(again.exit_code == 3);
        json nothing = read_json(summary_path);
        CHECK(nothing["printed"] == 0);
        CHECK(nothing["unchanged"] == 30);
        CHECK(nothing["skipped"] == 33);
        CHECK(nothing["files"].empty());
        CHECK(nothing["batch_id"] != summary["batch_id"]);
    }

    TEST_CASE("--quiet prints nothing for a clean run and a night with nothing new says so")
    {
        CaseFixture fixture;
        fs::path roster = fixture.dir / "roster.csv";
        SyntheticRoster(12).write_csv(roster);
        auto night = [&](const std::string& name, std::vector<std::string> extra) {
            return run_placard(
                with(render_arguments(fixture, roster, fixture.dir / name), std::move(extra)));
        };

        RunResult first = night("first.pdf", {"--changed-only", "--quiet"});
        CHECK(first.exit_code == 0);
        CHECK(first.err.empty());
        CHECK(first.out.empty());
        CHECK(PdfReadback(fixture.dir / "first.pdf").page_count() == 12);

        RunResult said = night("second.pdf", {"--changed-only"});
        CHECK(said.exit_code == 0);
        CHECK(said.out.empty());
        CHECK(contains(said.err, "read 12, printed 0, rejected 0, skipped 12 (12 unchanged)"));
        CHECK(contains(said.err, "nothing to print, no PDF written"));
        CHECK_FALSE(fs::exists(fixture.dir / "second.pdf"));

        RunResult silent = night("third.pdf", {"--changed-only", "--quiet"});
        CHECK(silent.exit_code == 0);
        CHECK(silent.err.empty());
        CHECK_FALSE(fs::exists(fixture.dir / "third.pdf"));
        CHECK(fixture.temp_files().empty());
    }

    TEST_CASE("a --no-ledger run warns that its placards are a trial print, recorded nowhere")
    {
        CaseFixture fixture;
        fs::path roster = fixture.dir / "roster.csv";
        SyntheticRoster(3).write_csv(roster);
        RunResult trial = fixture.render(roster, fixture.dir / "t.pdf", {"--no-ledger"});
        CHECK(trial.exit_code == 0);
        CHECK(contains(trial.err, "warning: --no-ledger: a trial print, recorded nowhere"));
        CHECK_FALSE(contains(trial.err, "print at Actual size"));

        RunResult real = fixture.render(roster, fixture.dir / "t.pdf");
        CHECK(real.exit_code == 0);
        CHECK_FALSE(contains(real.err, "trial print"));
        CHECK(contains(real.err, "print at Actual size"));
    }

    TEST_CASE(
        "--changed-only never writes over a file the ledger records but {batch} names a new one")
    {
        CaseFixture fixture;
        fs::path roster = fixture.dir / "roster.csv";
        SyntheticRoster employees(10);
        employees.write_csv(roster);
        fs::path fixed = fixture.dir / "placards.pdf";
        REQUIRE(
            run_placard(with(render_arguments(fixture, roster, fixed), {"--changed-only"}))
                .exit_code
            == 0);
        std::string first_night = sha256_of_file(fixed);

        ++employees.revisions[3];
        employees.write_csv(roster);
        RunResult refused =
            run_placard(with(render_arguments(fixture, roster, fixed), {"--changed-only"}));
        INFO(refused.err);
        CHECK(refused.exit_code == 2);
        CHECK(contains(refused.err, fixed.string() + " holds the placards of batch "));
        CHECK(contains(refused.err, "put {batch} in the output name"));
        CHECK(sha256_of_file(fixed) == first_night);
        CHECK(fixture.temp_files().empty());

        fs::path summary_path = fixture.dir / "summary.json";
        RunResult named = run_placard(with(
            render_arguments(fixture, roster, fixture.dir / "placards-{batch}.pdf"),
            {"--changed-only", "--summary-json", summary_path.string()}));
        INFO(named.err);
        CHECK(named.exit_code == 0);
        json summary = read_json(summary_path);
        std::string batch = summary["batch_id"];
        fs::path second_night = fixture.dir / ("placards-" + batch + ".pdf");
        CHECK(summary["files"][0]["path"] == second_night.string());
        CHECK(PdfReadback(second_night).page_count() == 1);
        CHECK(recorded_file_problems(fixture.dir / "ledger.sqlite").empty());
    }

    TEST_CASE("--config before or after the command with paths relative to the working folder")
    {
        CaseFixture fixture;
        SyntheticRoster employees(8);
        employees.write_csv(fixture.dir / "roster.csv");
        fs::create_directory(fixture.dir / "etc");
        fs::create_directory(fixture.dir / "out");
        fixture.dir.write(
            "etc/night.toml",
            "[render]\n"
            "ROSTER = \"roster.csv\"\n"
            "key = \"case.key\"\n"
            "base-url = \""
                + case_base_url
                + "\"\n"
                  "output = \"out/night-1.pdf\"\n"
                  "ledger = \"ledger.sqlite\"\n"
                  "changed-only = true\n"
                  "quiet = true\n");

        RunResult before =
            run_placard({"--config", "etc/night.toml", "render"}, fixture.dir.path());
        INFO(before.err);
        CHECK(before.exit_code == 0);
        CHECK(before.err.empty());
        CHECK(PdfReadback(fixture.dir / "out" / "night-1.pdf").page_count() == 8);
        CHECK_FALSE(fs::exists(fixture.dir / "etc" / "out"));

        // The command line wins over the file.
        ++employees.revisions[0];
        employees.write_csv(fixture.dir / "roster.csv");
        RunResult after = run_placard(
            {"render", "--config", "etc/night.toml", "-o", "out/night-2.pdf"}, fixture.dir.path());
        INFO(after.err);
        CHECK(after.exit_code == 0);
        CHECK(PdfReadback(fixture.dir / "out" / "night-2.pdf").page_count() == 1);

        fixture.dir.write("etc/typo.toml", "[render]\nchanged_only = true\n");
        RunResult typo = run_placard(
            {"render", "--config", "etc/typo.toml", "roster.csv", "--no-ledger", "-o", "x.pdf"},
            fixture.dir.path());
        CHECK(typo.exit_code == 4);
        CHECK(contains(typo.err, "placard: error: --config: "));
        CHECK(contains(typo.err, "unknown key render.changed_only"));
        CHECK_FALSE(contains(typo.err, "INI"));  // the file is TOML
        CHECK_FALSE(fs::exists(fixture.dir / "x.pdf"));
    }

    TEST_CASE("a misspelt command is named with the commands there are, and help prints the usage")
    {
        RunResult typo = run_placard({"rendr", "roster.csv"});
        CHECK(typo.exit_code == 4);
        CHECK(contains(typo.err, "unknown command 'rendr'; the commands are keygen, url"));
        CHECK(contains(typo.err, "render"));

        RunResult help = run_placard({"help"});
        CHECK(help.exit_code == 0);
        CHECK(contains(help.out, "Usage: placard [OPTIONS] SUBCOMMAND"));

        RunResult render_help = run_placard({"help", "render"});
        CHECK(render_help.exit_code == 0);
        CHECK(contains(render_help.out, "Usage: placard render [OPTIONS] [ROSTER]"));
        RunResult help_typo = run_placard({"help", "rendr"});
        CHECK(help_typo.exit_code == 4);
        CHECK(contains(help_typo.err, "unknown command 'rendr'"));
        CHECK(run_placard({"help", "render", "validate"}).exit_code == 4);
    }

    TEST_CASE("the example cron config runs as written night after night")
    {
        CronFolder cron;

        RunResult first = cron.night();
        INFO(first.err);
        REQUIRE(first.exit_code == 0);
        CHECK(first.err.empty());
        json night_1 = cron.last_run();
        // The other province's rows are filtered out in SQL: never read, never counted.
        CHECK(night_1["read"] == 40);
        CHECK(night_1["printed"] == 40);
        std::string file_1 = night_1["files"][0]["path"];
        CHECK(file_1 == "out/placards-" + night_1["batch_id"].get<std::string>() + ".pdf");
        CHECK(PdfReadback(cron.root / file_1).page_count() == 40);

        ++cron.roster.revisions[7];
        cron.roster.revisions.push_back(0);
        cron.write_roster();
        RunResult second = cron.night();
        INFO(second.err);
        REQUIRE(second.exit_code == 0);
        json night_2 = cron.last_run();
        CHECK(night_2["printed"] == 2);
        CHECK(night_2["reissued"] == 1);
        CHECK(night_2["new_placards"] == 1);
        CHECK(
            PdfReadback(cron.root / night_2["files"][0]["path"].get<std::string>()).page_count()
            == 2);

        RunResult third = cron.night();
        CHECK(third.exit_code == 0);
        CHECK(third.err.empty());
        CHECK(cron.last_run()["files"].empty());
        CHECK(pdf_count(cron.root / "out") == 2);

        fs::path ledger = cron.root / "ledger" / "placard-ledger.sqlite";
        CHECK(recorded_file_problems(ledger).empty());
        std::map<std::string, int> live = live_placards_by_employee(ledger);
        CHECK(live.size() == 41);
        for (const auto& entry : live) {
            INFO(entry.first);  // clang 14 cannot capture a structured binding in INFO
            CHECK(entry.second == 1);
        }
    }

    TEST_CASE("the example crontab line runs the config and logs only what went wrong")
    {
        CronFolder cron;
        fs::copy_file(example_config, cron.root / "placard.toml");
        std::string job = crontab_job();
        std::string::size_type folder = job.find("/srv/placard");
        REQUIRE(folder != std::string::npos);
        job.replace(folder, std::string("/srv/placard").size(), cron.root.string());
        REQUIRE(job.find('\'') == std::string::npos);
        std::string bin = fs::path(PLACARD_BINARY).parent_path().string();
        std::string shell = "PATH=" + bin + ":/usr/bin:/bin sh -c '" + job + "'";

        REQUIRE(std::system(shell.c_str()) == 0);
        CHECK(read_file(cron.root / "placard.log").empty());
        CHECK(cron.last_run()["printed"] == 40);

        fs::remove(cron.root / "keys" / "site.key");
        ++cron.roster.revisions[0];
        cron.write_roster();
        REQUIRE(std::system(shell.c_str()) == 0);
        std::string log = read_file(cron.root / "placard.log");
        INFO(log);
        CHECK(contains(log, "placard: error: "));
        CHECK(contains(log, "placard: exit 2\n"));
    }
}
