// Faults from outside placard: a file-size limit, a folder it may not write, a missing
// font folder or template, a key file others can read. Each run must stop with exit 2, a
// message naming the cause, no file under the final name, no temporary file left, and a
// ledger (where one was written) that is intact and names no page that does not exist.
#include "support/case_fixture.hpp"
#include "support/ledger_check.hpp"
#include "support/run_limited.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace placard::test;

namespace {

constexpr int exit_failed = 2;

std::filesystem::path small_roster()
{
    return CaseFixture::case_file("16-signature-url-encoding", "roster.csv");
}

std::filesystem::path example_roster()
{
    return std::filesystem::path(PLACARD_EXAMPLES_DIR) / "roster.csv";
}

std::vector<std::string> render_arguments(
    const CaseFixture& fixture,
    const std::filesystem::path& roster,
    const std::filesystem::path& pdf,
    const std::vector<std::string>& extra = {})
{
    std::vector<std::string> arguments = {
        "render",
        roster.string(),
        "--key",
        fixture.key.string(),
        "--base-url",
        case_base_url,
        "-o",
        pdf.string()};
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    return arguments;
}

// What every failed run must leave: nothing final, nothing temporary, a sound ledger.
void check_nothing_final(const std::filesystem::path& pdf)
{
    std::filesystem::path folder = pdf.parent_path();
    CHECK_FALSE(std::filesystem::exists(pdf));
    CHECK(files_starting_with(folder, ".placard-tmp-").empty());

    LedgerCheck ledger = check_ledger(folder / "placard-ledger.sqlite");
    if (ledger.exists) {
        CHECK(ledger.integrity == "ok");
        CHECK(ledger.placard_rows == 0);
        CHECK(ledger.phantom_pages.empty());
    }
}

// The example roster with every row in an office of its own: a split by office makes
// one PDF a row.
std::filesystem::path roster_of_one_office_a_row(const CaseFixture& fixture)
{
    std::ifstream in(example_roster(), std::ios::binary);
    std::filesystem::path roster = fixture.dir / "offices.csv";
    std::ofstream out(roster, std::ios::binary);
    std::string line;
    std::getline(in, line);
    out << line << '\n';
    for (int row = 1; std::getline(in, line); ++row) {
        // The office is the 7th of 10 fields; no field of this roster holds a comma.
        std::vector<std::string> fields;
        std::stringstream cells(line);
        for (std::string cell; std::getline(cells, cell, ',');) {
            fields.push_back(cell);
        }
        REQUIRE(fields.size() == 10);
        fields[6] = "واحد " + std::to_string(row);
        for (std::size_t at = 0; at < fields.size(); ++at) {
            out << (at == 0 ? "" : ",") << fields[at];
        }
        out << '\n';
    }
    return roster;
}

// A trial print of that roster, one PDF an office, into `folder`, under `limits`.
LimitedRunResult split_by_office(
    const CaseFixture& fixture, const std::filesystem::path& folder, const ChildLimits& limits)
{
    return run_placard_limited(
        render_arguments(
            fixture,
            roster_of_one_office_a_row(fixture),
            folder,
            {"--split-by", "office", "--no-ledger", "--jobs", "2"}),
        limits);
}

// Root writes into read-only folders and reads any key, so permission faults are
// staged for an unprivileged user when the tests run as root (as CI does).
bool running_as_root()
{
    return ::geteuid() == 0;
}

void give_to(const std::filesystem::path& path, uid_t user)
{
    REQUIRE(::chown(path.c_str(), user, user) == 0);
}

}  // namespace

TEST_SUITE("e2e")
{
    TEST_CASE("a file-size limit hit while writing the PDF stops the run cleanly")
    {
        CaseFixture fixture;
        auto pdf = fixture.dir / "placards.pdf";
        ChildLimits limits;
        limits.file_size_bytes = 300 * 1024;  // the ledger fits, the 200-page PDF does not

        LimitedRunResult run =
            run_placard_limited(render_arguments(fixture, example_roster(), pdf), limits);

        INFO(run.err);
        CHECK(run.signal == 0);
        CHECK(run.exit_code == exit_failed);
        // The pages are drawn into a part of the PDF first, which meets the limit.
        CHECK(
            run.err.find(
                "placard: error: cannot write part 1 of " + pdf.string() + ": File too large")
            != std::string::npos);
        check_nothing_final(pdf);
        CHECK(check_ledger(fixture.dir / "placard-ledger.sqlite").exists);
    }

    TEST_CASE("a split into more PDFs than the open-file limit is raised if it may be or refused")
    {
        // All 200 PDFs stay open until the last is complete; 1024 is a common soft limit,
        // and past it the run used to fail with a font that "cannot draw" its text.
        CaseFixture fixture;
        ChildLimits soft_only;
        soft_only.open_files_soft = 64;
        auto raised_folder = fixture.dir / "raised";
        LimitedRunResult raised = split_by_office(fixture, raised_folder, soft_only);
        INFO(raised.err);
        CHECK(raised.exit_code == 0);
        CHECK(files_starting_with(raised_folder, "").size() == 200 + 2);  // and 2 manifests

        // A hard limit cannot be raised: the run stops before drawing, and says why.
        ChildLimits hard;
        hard.open_files = 64;
        auto refused_folder = fixture.dir / "refused";
        LimitedRunResult refused = split_by_office(fixture, refused_folder, hard);
        INFO(refused.err);
        CHECK(refused.exit_code == exit_failed);
        CHECK(
            refused.err.find("200 PDFs stay open until the last is complete") != std::string::npos);
        CHECK(refused.err.find("this process may open 64 (ulimit -n)") != std::string::npos);
        CHECK_FALSE(std::filesystem::exists(refused_folder));
    }

    TEST_CASE("a file-size limit hit while creating the ledger stops the run before any page")
    {
        CaseFixture fixture;
        auto pdf = fixture.dir / "placards.pdf";
        ChildLimits limits;
        limits.file_size_bytes = 8 * 1024;

        LimitedRunResult run =
            run_placard_limited(render_arguments(fixture, small_roster(), pdf), limits);

        INFO(run.err);
        CHECK(run.signal == 0);
        CHECK(run.exit_code == exit_failed);
        CHECK(run.err.find("placard-ledger.sqlite: cannot open the ledger") != std::string::npos);
        CHECK(
            run.err.find("disk I/O error; the file system refused a read or write")
            != std::string::npos);
        check_nothing_final(pdf);
    }

    TEST_CASE("a read-only output folder is named in the error and nothing is written")
    {
        CaseFixture fixture;
        auto folder = fixture.dir / "read-only";
        std::filesystem::create_directory(folder);
        auto pdf = folder / "placards.pdf";
        ChildLimits limits;
        if (running_as_root()) {
            MESSAGE("running as root, which writes into read-only folders: the run is made "
                    "as an unprivileged user instead");
            limits.run_as = unprivileged_uid;
            give_to(fixture.dir.path(), unprivileged_uid);
            give_to(fixture.key, unprivileged_uid);
            give_to(folder, unprivileged_uid);
        }
        REQUIRE(::chmod(folder.c_str(), 0555) == 0);

        LimitedRunResult run =
            run_placard_limited(render_arguments(fixture, small_roster(), pdf), limits);
        ::chmod(folder.c_str(), 0755);  // so the fixture can remove it

        if (run.exit_code == exec_failed) {
            MESSAGE("skipped: the unprivileged user cannot run the placard binary here");
            return;
        }
        INFO(run.err);
        CHECK(run.exit_code == exit_failed);
        CHECK(
            run.err.find("cannot create files in " + folder.string() + ": Permission denied")
            != std::string::npos);
        check_nothing_final(pdf);
    }

    TEST_CASE("a missing font folder is named in the error and nothing is written")
    {
        CaseFixture fixture;
        auto pdf = fixture.dir / "placards.pdf";
        auto error_with_fonts_in = [&](const std::filesystem::path& fonts) {
            RunResult run = fixture.render(small_roster(), pdf, {"--font-dir", fonts.string()});
            INFO(run.err);
            CHECK(run.exit_code == exit_failed);
            check_nothing_final(pdf);
            return run.err;
        };

        auto fonts = fixture.dir / "no-such-fonts";
        CHECK(
            error_with_fonts_in(fonts).find("font folder " + fonts.string() + " does not exist")
            != std::string::npos);

        // A font file given for the folder exists: the error says what it is instead.
        auto font_file = fixture.dir / "Vazirmatn-Regular.ttf";
        std::ofstream(font_file) << "not read";
        CHECK(
            error_with_fonts_in(font_file).find("font folder " + font_file.string() + " is a file")
            != std::string::npos);
    }

    TEST_CASE("a missing template is named in the error with the reason")
    {
        CaseFixture fixture;
        auto pdf = fixture.dir / "placards.pdf";
        auto look = fixture.dir / "no-such-template.toml";

        RunResult run = fixture.render(small_roster(), pdf, {"--template", look.string()});

        INFO(run.err);
        CHECK(run.exit_code == exit_failed);
        CHECK(
            run.err.find("cannot read template " + look.string() + ": No such file")
            != std::string::npos);
        check_nothing_final(pdf);
    }

    TEST_CASE("a font family that is not installed stops the run instead of a substitute")
    {
        CaseFixture fixture;
        auto pdf = fixture.dir / "placards.pdf";
        auto look = fixture.dir.write("template.toml", "[font]\nfamily = \"No Such Family\"\n");

        RunResult run = fixture.render(small_roster(), pdf, {"--template", look.string()});

        INFO(run.err);
        CHECK(run.exit_code == exit_failed);
        CHECK(run.err.find("font 'No Such Family' not available") != std::string::npos);
        check_nothing_final(pdf);
    }

    TEST_CASE("a key file that others may read is refused before anything is written")
    {
        CaseFixture fixture;
        auto pdf = fixture.dir / "placards.pdf";
        REQUIRE(::chmod(fixture.key.c_str(), 0644) == 0);

        RunResult run = fixture.render(small_roster(), pdf);

        INFO(run.err);
        CHECK(run.exit_code == exit_failed);
        CHECK(
            run.err.find(
                "key file " + fixture.key.string() + " is open to group or others (mode 0644)")
            != std::string::npos);
        CHECK(run.err.find("chmod 600") != std::string::npos);
        check_nothing_final(pdf);
    }
}
