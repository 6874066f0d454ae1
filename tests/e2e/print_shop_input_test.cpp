// Bad input and split output at the print shop, through the real binary: every refusal
// says what was wrong and where, every roster row ends up printed or listed with its
// reason, and no file of a failed run is left under a final name.
#include "support/case_fixture.hpp"
#include "support/ledger_check.hpp"
#include "support/synthetic_roster.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

using namespace placard::test;
namespace fs = std::filesystem;

namespace {

const std::string isfahan = "اصفهان";
const std::string yazd = "یزد";
constexpr const char* bad_national_code = "0012345678";  // its check digit is wrong

struct Row {
    Row(std::string employee_code,
        std::string national = "",
        std::string province_name = isfahan,
        std::string row_status = "active")
        : code(std::move(employee_code))
        , national_code(std::move(national))
        , province(std::move(province_name))
        , status(std::move(row_status))
    {}

    std::string code;
    std::string national_code;  // empty: a valid one made from the row's number
    std::string province;
    std::string status;
};

fs::path write_roster(const fs::path& path, const std::vector<Row>& rows)
{
    std::string text = "employee_code,national_code,first_name,last_name,job_title,office,"
                       "agency,city,province,status\n";
    long serial = 1;
    for (const Row& row : rows) {
        std::string national =
            row.national_code.empty() ? synthetic_national_code(serial) : row.national_code;
        ++serial;
        text += fmt::format(
            "{},{},سارا,احمدی,کارشناس,دفتر مرکزی,ثبت احوال,{},{},{}\n",
            row.code,
            national,
            row.province,
            row.province,
            row.status);
    }
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

bool contains(const std::string& haystack, const std::string& needle)
{
    return haystack.find(needle) != std::string::npos;
}

std::set<std::string> names_in(const fs::path& folder)
{
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder)) {
        names.insert(entry.path().filename().string());
    }
    return names;
}

std::size_t lines_of(const std::string& text)
{
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace

TEST_SUITE("e2e")
{
    TEST_CASE("cut-stack order without a 2-up layout is a usage error")
    {
        CaseFixture fixture;
        fs::path roster = write_roster(fixture.dir / "roster.csv", {{"E00001"}, {"E00002"}});
        fs::path pdf = fixture.dir / "out.pdf";
        for (const std::vector<std::string>& layout :
             {std::vector<std::string>{}, std::vector<std::string>{"--layout", "a5"}}) {
            std::vector<std::string> extra = {"--no-ledger", "--order", "cut-stack"};
            extra.insert(extra.end(), layout.begin(), layout.end());
            RunResult run = fixture.render(roster, pdf, extra);
            CHECK(run.exit_code == 4);
            CHECK(contains(run.err, "--order cut-stack needs --layout a4-2up"));
            CHECK_FALSE(fs::exists(pdf));
        }
        RunResult two_up = fixture.render(
            roster, pdf, {"--no-ledger", "--order", "cut-stack", "--layout", "a4-2up"});
        INFO(two_up.err);
        CHECK(two_up.exit_code == 0);
        CHECK(fs::exists(pdf));
    }

    TEST_CASE("a count given as a fraction is refused as not a whole number")
    {
        CaseFixture fixture;
        fs::path roster = write_roster(fixture.dir / "roster.csv", {{"E00001"}});
        RunResult jobs =
            fixture.render(roster, fixture.dir / "out.pdf", {"--no-ledger", "--jobs", "1.5"});
        CHECK(jobs.exit_code == 4);
        CHECK(contains(jobs.err, "'1.5' is not a whole number"));
        RunResult row = fixture.preview(roster, fixture.dir / "p.png", {"--row", "1.5"});
        CHECK(row.exit_code == 4);
        CHECK(contains(row.err, "'1.5' is not a whole number"));
        CHECK_FALSE(fs::exists(fixture.dir / "out.pdf"));
        CHECK_FALSE(fs::exists(fixture.dir / "p.png"));
    }

    TEST_CASE("a preview row of zero or of more digits than a long holds is refused as such")
    {
        CaseFixture fixture;
        fs::path roster = write_roster(fixture.dir / "roster.csv", {{"E00001"}});
        fs::path png = fixture.dir / "p.png";
        RunResult zero = fixture.preview(roster, png, {"--row", "0"});
        CHECK(zero.exit_code == 4);
        CHECK(contains(zero.err, "'0' is not a row: data rows are counted from 1"));
        CHECK_FALSE(contains(zero.err, "not in range"));

        RunResult huge = fixture.preview(roster, png, {"--row", "99999999999999999999"});
        CHECK(huge.exit_code == 4);
        CHECK(contains(huge.err, "'99999999999999999999' is more rows than any roster holds"));
        CHECK_FALSE(fs::exists(png));

        RunResult padded = fixture.preview(roster, png, {"--row", "+0001"});
        INFO(padded.err);
        CHECK(padded.exit_code == 0);
        CHECK(fs::exists(png));
    }

    TEST_CASE("preview writes only to a .png name")
    {
        CaseFixture fixture;
        fs::path roster = write_roster(fixture.dir / "roster.csv", {{"E00001"}});
        for (const char* name : {"x.pdf", "x", "x.png.pdf", "x.jpg"}) {
            CAPTURE(name);
            RunResult run = fixture.preview(roster, fixture.dir / name, {"--row", "1"});
            CHECK(run.exit_code == 4);
            CHECK(contains(run.err, "the output name must end in .png"));
            CHECK_FALSE(fs::exists(fixture.dir / name));
        }
        RunResult upper = fixture.preview(roster, fixture.dir / "X.PNG", {"--row", "1"});
        INFO(upper.err);
        CHECK(upper.exit_code == 0);
        CHECK(fs::exists(fixture.dir / "X.PNG"));
    }

    TEST_CASE("preview of a row that render would not print says why")
    {
        CaseFixture fixture;
        fs::path roster = write_roster(
            fixture.dir / "roster.csv",
            {{"E00001"},
             {"E00002", "", yazd},
             {"E00003", bad_national_code},
             {"E00004", "", isfahan, "retired"}});
        const std::string where = roster.string() + ":";
        fs::path png = fixture.dir / "p.png";
        const std::vector<std::string> filter = {"--province", isfahan};

        RunResult outside = fixture.preview(roster, png, {"--row", "2", "--province", isfahan});
        CHECK(outside.exit_code == 2);
        CHECK(contains(
            outside.err,
            where + "3: row 2 is outside the filter --province " + isfahan
                + ": render would skip it"));

        RunResult by_code =
            fixture.preview(roster, png, {"--employee", "E00002", "--province", isfahan});
        CHECK(by_code.exit_code == 2);
        CHECK(contains(
            by_code.err,
            where + "3: employee E00002 (row 2) is outside the filter --province " + isfahan));

        RunResult invalid = fixture.preview(roster, png, {"--row", "3"});
        CHECK(invalid.exit_code == 2);
        CHECK(contains(invalid.err, where + "4: row 3 is invalid, so render would reject it: "));
        CHECK(contains(invalid.err, "check digit"));

        RunResult retired = fixture.preview(roster, png, {"--employee", "e00004"});
        CHECK(retired.exit_code == 2);
        CHECK(contains(
            retired.err,
            where + "5: employee e00004 (row 4) is skipped, so render would not print it: "));
        CHECK_FALSE(fs::exists(png));

        // A character the placard font cannot draw rejects the row in render, and so here.
        fs::path snowman = fixture.dir.write(
            "glyph.csv",
            "employee_code,national_code,first_name,last_name\n"
            "E00009,0012345679,سارا,احمدی \u2603\n");
        RunResult no_glyph = fixture.preview(snowman, png, {"--row", "1"});
        CHECK(no_glyph.exit_code == 2);
        CHECK(contains(
            no_glyph.err,
            snowman.string()
                + ":2: row 1 is invalid, so render would reject it: character U+2603 has no "
                  "glyph in the placard font"));
        CHECK_FALSE(fs::exists(png));

        // SQLite applies the filter in its query: the row is not read, yet found.
        fs::path database = fixture.dir / "hr.sqlite";
        SyntheticRoster staff(2);
        staff.elsewhere = 1;
        staff.write_database(database, "staff");
        RunResult sqlite_outside = run_placard(
            {"preview",
             "--sqlite",
             database.string(),
             "--table",
             "staff",
             "--province",
             isfahan,
             "--employee",
             "Y00001",
             "--key",
             fixture.key.string(),
             "--base-url",
             case_base_url,
             "-o",
             png.string()});
        CHECK(sqlite_outside.exit_code == 2);
        CHECK(contains(
            sqlite_outside.err,
            "employee Y00001 (row 3) is outside the filter --province " + isfahan));
        CHECK_FALSE(fs::exists(png));

        RunResult inside = fixture.preview(roster, png, {"--row", "1", "--province", isfahan});
        INFO(inside.err);
        CHECK(inside.exit_code == 0);
        CHECK(fs::exists(png));
    }

    TEST_CASE("a skip-invalid run whose every row is rejected still lists them all")
    {
        CaseFixture fixture;
        fs::path roster = write_roster(
            fixture.dir / "roster.csv",
            {{"E00001", bad_national_code}, {"E00002", "12"}, {"E00003", bad_national_code}});
        fs::path pdf = fixture.dir / "out.pdf";
        RunResult run = fixture.render(roster, pdf, {"--skip-invalid"});
        INFO(run.err);
        CHECK(run.exit_code == 3);
        CHECK(contains(run.err, "read 3, printed 0, rejected 3, skipped 0"));
        CHECK(contains(run.err, "no PDF written"));
        CHECK_FALSE(fs::exists(pdf));
        REQUIRE(fs::exists(fixture.dir / "out.rejects.csv"));
        std::string rejects = read_file(fixture.dir / "out.rejects.csv");
        CHECK(lines_of(rejects) == 4);  // the header and every row
        for (const char* code : {"E00001", "E00002", "E00003"}) {
            CHECK(contains(rejects, code));
        }
        CHECK(fixture.temp_files().empty());

        // The same in a split run: the list goes into the folder, with no PDF and no
        // manifest beside it.
        fs::path folder = fixture.dir / "split";
        RunResult split = fixture.render(
            roster, folder, {"--skip-invalid", "--split-by", "province", "--no-ledger"});
        INFO(split.err);
        CHECK(split.exit_code == 3);
        CHECK(names_in(folder) == std::set<std::string>{"rejects.csv"});
        CHECK(lines_of(read_file(folder / "rejects.csv")) == 4);
    }

    TEST_CASE("a split run keeps its rejects list in its folder and the ledger beside it")
    {
        CaseFixture fixture;
        fs::path roster = write_roster(
            fixture.dir / "roster.csv",
            {{"E00001"}, {"E00002", bad_national_code}, {"E00003", "", yazd}});
        fs::path folder = fixture.dir / "batch.v2";
        RunResult run =
            fixture.render(roster, folder, {"--skip-invalid", "--split-by", "province"});
        INFO(run.err);
        REQUIRE(run.exit_code == 3);
        CHECK(contains(run.err, "rejects in " + (folder / "rejects.csv").string()));

        std::set<std::string> inside = names_in(folder);
        CHECK(inside.size() == 5);  // two PDFs, two manifests and the rejects list
        CHECK(inside.contains("rejects.csv"));
        std::string rejects = read_file(folder / "rejects.csv");
        CHECK(contains(rejects, "E00002"));
        CHECK_FALSE(contains(rejects, "E00001"));

        nlohmann::json manifest = nlohmann::json::parse(read_file(folder / "manifest.json"));
        REQUIRE(manifest["files"].size() == 2);
        for (const auto& file : manifest["files"]) {
            CHECK(file["file"].get<std::string>().ends_with(".pdf"));
        }
        CHECK_FALSE(contains(read_file(folder / "manifest.csv"), "rejects"));
        // manifest.json says the folder holds a rejects list too, and of how many rows.
        CHECK(manifest["rejects"]["file"] == "rejects.csv");
        CHECK(manifest["rejects"]["rows"].get<std::size_t>() == lines_of(rejects) - 1);
        CHECK(manifest["rejects"]["rows"] == 1);

        // Nothing of the batch lies beside the folder but the ledger, which every batch
        // shares.
        CHECK(fs::exists(fixture.dir / "placard-ledger.sqlite"));
        CHECK_FALSE(fs::exists(fixture.dir / "batch.rejects.csv"));
        CHECK_FALSE(fs::exists(fixture.dir / "batch.v2.rejects.csv"));
        CHECK(check_ledger(fixture.dir / "placard-ledger.sqlite").placard_rows == 2);

        // A folder that holds a rejects list is an earlier batch's.
        fs::path again = fixture.dir / "again";
        fs::create_directory(again);
        fs::copy_file(folder / "rejects.csv", again / "rejects.csv");
        RunResult into_old = fixture.render(
            roster, again, {"--skip-invalid", "--split-by", "province", "--no-ledger"});
        CHECK(into_old.exit_code == 2);
        CHECK(contains(into_old.err, "already holds rejects.csv"));

        // A rejects list put elsewhere with --rejects is named by its full path.
        fs::path elsewhere = fixture.dir / "lists" / "rejected.csv";
        fs::create_directory(elsewhere.parent_path());
        fs::path other_folder = fixture.dir / "other";
        RunResult listed_elsewhere = fixture.render(
            roster,
            other_folder,
            {"--skip-invalid",
             "--split-by",
             "province",
             "--no-ledger",
             "--rejects",
             elsewhere.string()});
        REQUIRE(listed_elsewhere.exit_code == 3);
        CHECK_FALSE(fs::exists(other_folder / "rejects.csv"));
        nlohmann::json other = nlohmann::json::parse(read_file(other_folder / "manifest.json"));
        CHECK(other["rejects"]["file"] == fs::absolute(elsewhere).lexically_normal().string());
        CHECK(other["rejects"]["rows"] == 1);
    }

    TEST_CASE("a rejects list, ledger or summary named as a pdf of the run is a usage error")
    {
        // Each file of a run is renamed into place at the end: two under one name would
        // leave only the last, a PDF replaced by its rejects list or a ledger by its PDF.
        CaseFixture fixture;
        fs::path roster =
            write_roster(fixture.dir / "roster.csv", {{"E00001"}, {"E00002", bad_national_code}});
        fs::path pdf = fixture.dir / "out.pdf";
        const std::vector<std::vector<std::string>> clashes = {
            {"--skip-invalid", "--no-ledger", "--rejects", pdf.string()},
            {"--skip-invalid", "--ledger", (fixture.dir / "." / "out.pdf").string()},
            {"--skip-invalid", "--no-ledger", "--summary-json", pdf.string()},
            {"--skip-invalid",
             "--no-ledger",
             "--rejects",
             (fixture.dir / "list.csv").string(),
             "--summary-json",
             (fixture.dir / "list.csv").string()}};
        for (const std::vector<std::string>& arguments : clashes) {
            RunResult run = fixture.render(roster, pdf, arguments);
            INFO(run.err);
            CHECK(run.exit_code == 4);
            CHECK(contains(run.err, "give"));
            CHECK_FALSE(fs::exists(pdf));
            CHECK_FALSE(fs::exists(fixture.dir / "list.csv"));
        }

        fs::path folder = fixture.dir / "split";
        for (const char* name : {"001-x.pdf", "manifest.csv", "MANIFEST.JSON"}) {
            RunResult run = fixture.render(
                roster,
                folder,
                {"--skip-invalid",
                 "--no-ledger",
                 "--split-by",
                 "province",
                 "--rejects",
                 (folder / name).string()});
            INFO(run.err);
            CHECK(run.exit_code == 4);
            CHECK(contains(run.err, "split folder"));
            CHECK_FALSE(fs::exists(folder));
        }
    }

    TEST_CASE("--rejects without --skip-invalid is a usage error, not silently ignored")
    {
        CaseFixture fixture;
        fs::path roster = write_roster(fixture.dir / "roster.csv", {{"E00001"}});
        RunResult run = fixture.render(
            roster,
            fixture.dir / "out.pdf",
            {"--no-ledger", "--rejects", (fixture.dir / "list.csv").string()});
        INFO(run.err);
        CHECK(run.exit_code == 4);
        CHECK(contains(run.err, "add --skip-invalid"));
        CHECK_FALSE(fs::exists(fixture.dir / "out.pdf"));
    }

    TEST_CASE("a final name that cannot be replaced stops the run before any file is renamed")
    {
        CaseFixture fixture;
        fs::path roster = write_roster(
            fixture.dir / "roster.csv",
            {{"E00001"}, {"E00002", bad_national_code}, {"E00003", "", yazd}});
        fs::path blocked = fixture.dir / "list.csv";
        fs::create_directory(blocked);
        fs::path ledger = fixture.dir / "ledger.sqlite";

        fs::path pdf = fixture.dir / "out.pdf";
        RunResult single = fixture.render(
            roster,
            pdf,
            {"--skip-invalid", "--rejects", blocked.string(), "--ledger", ledger.string()});
        CHECK(single.exit_code == 2);
        CHECK(contains(
            single.err, blocked.string() + " exists and is not a regular file (a folder)"));
        CHECK(contains(single.err, "nothing of this run was put under a final name"));
        CHECK_FALSE(fs::exists(pdf));

        fs::path folder = fixture.dir / "split";
        RunResult split = fixture.render(
            roster,
            folder,
            {"--skip-invalid",
             "--rejects",
             blocked.string(),
             "--split-by",
             "province",
             "--ledger",
             ledger.string()});
        CHECK(split.exit_code == 2);
        CHECK(contains(split.err, "nothing of this run was put under a final name"));
        CHECK_FALSE(fs::exists(folder));  // made by the run, left empty, removed again

        CHECK(fixture.temp_files().empty());
        CHECK(check_ledger(ledger).placard_rows == 0);
    }

    TEST_CASE(
        "a module minimum no symbol on the page can meet is not answered with a larger size, and "
        "the refusal names the template key")
    {
        // A survey URL needs QR version 3 or more; from version 2 up, 3 mm modules need a
        // symbol of 75 mm or more, and a portrait page holds less at each of those versions.
        CaseFixture fixture;
        fs::path roster = write_roster(fixture.dir / "roster.csv", {{"E00001"}});
        fs::path pdf = fixture.dir / "out.pdf";
        auto render_with = [&](const std::string& qr_table) {
            fs::path look = fixture.dir.write("qr.toml", "[qr]\n" + qr_table);
            return fixture.render(roster, pdf, {"--no-ledger", "--template", look.string()});
        };

        RunResult coarse = render_with("size_mm = 63\nmin_module_mm = 3\n");
        INFO(coarse.err);
        CHECK(coarse.exit_code == 2);
        CHECK(contains(coarse.err, "below the 3 mm minimum"));
        CHECK(contains(coarse.err, "the page holds at most"));
        CHECK(contains(coarse.err, "mm, so lower qr.min_module_mm"));
        CHECK_FALSE(contains(coarse.err, "make qr.size_mm at least"));
        CHECK_FALSE(fs::exists(pdf));
        const std::string template_path = (fixture.dir / "qr.toml").string();
        CHECK(contains(
            coarse.err, "placard: error: " + template_path + ":3:17: QR modules would be"));
        CHECK(contains(coarse.err, "(field \"qr.min_module_mm\")"));

        RunResult small = render_with("size_mm = 20\nmin_module_mm = 0.9\n");
        CHECK(small.exit_code == 2);
        CHECK(contains(small.err, "make qr.size_mm at least"));

        // The built-in 0.5 mm minimum: the template's size is what made the modules small.
        RunResult size_only = render_with("size_mm = 10\n");
        INFO(size_only.err);
        CHECK(size_only.exit_code == 2);
        CHECK(contains(
            size_only.err, "placard: error: " + template_path + ":2:11: QR modules would be"));
        CHECK(contains(size_only.err, "below the 0.5 mm minimum"));
        CHECK(contains(size_only.err, "(field \"qr.size_mm\")"));
        CHECK_FALSE(fs::exists(pdf));
    }

    TEST_CASE("a qr code too large for the page names the template file, line, key and range")
    {
        CaseFixture fixture;
        fs::path roster = write_roster(fixture.dir / "roster.csv", {{"E00001"}});
        fs::path look = fixture.dir.write("big.toml", "[qr]\nsize_mm = 88\n");
        fs::path pdf = fixture.dir / "out.pdf";
        RunResult run = fixture.render(roster, pdf, {"--no-ledger", "--template", look.string()});
        CHECK(run.exit_code == 2);
        CHECK(contains(
            run.err, "placard: error: " + look.string() + ":2:11: a 88 mm QR code of version"));
        CHECK(contains(run.err, "expected 10 to"));
        CHECK(contains(run.err, "(field \"qr.size_mm\")"));
        CHECK_FALSE(fs::exists(pdf));

        RunResult preview = fixture.preview(
            roster, fixture.dir / "p.png", {"--row", "1", "--template", look.string()});
        CHECK(preview.exit_code == 2);
        CHECK(contains(preview.err, look.string() + ":2:11: a 88 mm QR code of version"));

        fs::path over = fixture.dir.write("over.toml", "[qr]\nsize_mm = 120\n");
        RunResult top = fixture.render(roster, pdf, {"--no-ledger", "--template", over.string()});
        CHECK(top.exit_code == 2);
        CHECK(contains(
            top.err,
            over.string()
                + ":2:11: 120 is out of range; expected 10 to 88 (field \"qr.size_mm\")"));
    }

    TEST_CASE(
        "a render killed while drawing leaves a temporary file that a later run removes once stale")
    {
        CaseFixture fixture;
        fs::path roster = fixture.dir / "roster.csv";
        SyntheticRoster(3000).write_csv(roster);
        fs::path folder = fixture.dir / "out";
        fs::create_directory(folder);
        std::vector<std::string> arguments =
            fixture.render_arguments(roster, folder / "killed.pdf", {"--no-ledger", "--quiet"});

        // Killed as soon as its temporary file appears: drawing has started.
        PlacardProcess run(arguments);
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
        while (run.running() && files_starting_with(folder, ".placard-tmp-").empty()
               && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        REQUIRE(run.running());
        run.kill();
        std::vector<std::string> leftovers = files_starting_with(folder, ".placard-tmp-");
        REQUIRE(leftovers.size() == 1);
        CHECK_FALSE(fs::exists(folder / "killed.pdf"));

        // A later run into the folder leaves a file that may still be a live run's...
        fs::path small = write_roster(fixture.dir / "small.csv", {{"E00001"}});
        RunResult next = fixture.render(small, folder / "next.pdf", {"--no-ledger"});
        INFO(next.err);
        REQUIRE(next.exit_code == 0);
        CHECK(files_starting_with(folder, ".placard-tmp-") == leftovers);

        // ...and removes it once nothing has written to it for the stale age.
        fs::last_write_time(
            folder / leftovers.front(),
            fs::file_time_type::clock::now() - std::chrono::minutes(16));
        RunResult later = fixture.render(small, folder / "later.pdf", {"--no-ledger"});
        REQUIRE(later.exit_code == 0);
        CHECK(files_starting_with(folder, ".placard-tmp-").empty());
        CHECK(fs::exists(folder / "next.pdf"));
        CHECK(fs::exists(folder / "later.pdf"));
    }
}
