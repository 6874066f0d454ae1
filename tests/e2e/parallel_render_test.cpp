// Pages drawn by several threads into parts merged in order must make the same PDF as
// one thread: the same pages in the same order, and with a fixed batch id and print
// time the same bytes. The merged file must read back in Poppler like any other.
#include "batch/render_job.hpp"
#include "support/case_fixture.hpp"
#include "support/pdf_readback.hpp"
#include "support/synthetic_roster.hpp"
#include "support/text_match.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

using namespace placard;
using namespace placard::test;
namespace fs = std::filesystem;

namespace {

// 2026-12-04 10:00 UTC.
constexpr std::time_t fixed_print_time = 1796378400;

batch::RenderOptions options_for(
    const CaseFixture& fixture, const fs::path& roster, const fs::path& output)
{
    batch::RenderOptions options;
    options.roster = roster;
    options.key_file = fixture.key;
    options.base_url = case_base_url;
    options.output = output;
    options.batch_id = "PAR-1";
    options.print_time = fixed_print_time;
    options.use_ledger = false;
    return options;
}

std::string render_with(batch::RenderOptions options, unsigned jobs, const std::string& name)
{
    options.jobs = jobs;
    options.output = options.output.parent_path() / name;
    SilentReporter quiet;
    batch::RenderSummary summary = batch::render_roster(options, quiet);
    REQUIRE(summary.printed > 0);
    return read_file(options.output);
}

// How often `needle` occurs in `text`.
std::size_t occurrences(const std::string& text, const std::string& needle)
{
    std::size_t count = 0;
    for (std::size_t at = text.find(needle); at != std::string::npos;
         at = text.find(needle, at + needle.size())) {
        ++count;
    }
    return count;
}

// Renders `rows` placards with jobs 1 and 2 into parts of 4 sheets; both must give the
// same bytes, every QR form must hold placard's own stream in place of the placeholder,
// and every placard's QR must decode to its URL. Returns the QR payloads found.
std::set<std::string> render_and_decode(
    CaseFixture& fixture, std::size_t rows, render::SheetKind sheet, std::size_t per_sheet)
{
    fs::path roster = fixture.dir / "roster.csv";
    SyntheticRoster(rows).write_csv(roster);
    batch::RenderOptions options = options_for(fixture, roster, fixture.dir / "x.pdf");
    options.sheet.kind = sheet;
    options.sheets_per_part = 4;
    options.roster_order = true;

    std::string one = render_with(options, 1, "one.pdf");
    CHECK(render_with(options, 2, "two.pdf") == one);
    // The QR forms are written by the merger (their resources empty), and no stream's
    // length is left in an object of its own.
    CHECK(occurrences(one, "/BBox [ 0 0 33 33 ]\n   /Resources << >>") == rows);
    CHECK(occurrences(one, "0 R\n   /Filter") == 0);

    std::vector<std::vector<std::string>> codes =
        CaseFixture::decode_pages(fixture.dir / "two.pdf", 150);
    REQUIRE(codes.size() == (rows + per_sheet - 1) / per_sheet);
    std::set<std::string> found;
    for (std::size_t page = 0; page < codes.size(); ++page) {
        CAPTURE(page);
        CHECK(codes[page].size() == std::min(per_sheet, rows - page * per_sheet));
        found.insert(codes[page].begin(), codes[page].end());
        if (per_sheet == 1) {
            REQUIRE(codes[page].size() == 1);
            CHECK(codes[page][0] == fixture.url_of(SyntheticRoster::employee_code(page)));
        }
    }
    return found;
}

std::set<std::string> all_urls(const CaseFixture& fixture, std::size_t rows)
{
    std::set<std::string> urls;
    for (std::size_t row = 0; row < rows; ++row) {
        urls.insert(fixture.url_of(SyntheticRoster::employee_code(row)));
    }
    return urls;
}

std::string without_creation_date(std::string pdf)
{
    std::size_t at = pdf.find("/CreationDate (");
    REQUIRE(at != std::string::npos);
    pdf.erase(at, pdf.find(')', at) + 1 - at);
    return pdf;
}

}  // namespace

TEST_SUITE("e2e")
{
    TEST_CASE("parts drawn by 1, 2 and 3 threads merge into the same bytes")
    {
        CaseFixture fixture;
        fs::path roster = fixture.dir / "roster.csv";
        SyntheticRoster(23).write_csv(roster);
        batch::RenderOptions options = options_for(fixture, roster, fixture.dir / "x.pdf");
        options.sheets_per_part = 5;  // 23 sheets: five parts, the last one short

        std::string one = render_with(options, 1, "one.pdf");
        CHECK(render_with(options, 2, "two.pdf") == one);
        CHECK(render_with(options, 3, "three.pdf") == one);
        CHECK(fixture.temp_files().empty());
    }

    TEST_CASE("a merged pdf has every page in roster order, its text and its own qr code")
    {
        CaseFixture fixture;
        fs::path roster = fixture.dir / "roster.csv";
        const SyntheticRoster employees(11);
        employees.write_csv(roster);
        batch::RenderOptions options = options_for(fixture, roster, fixture.dir / "x.pdf");
        options.sheets_per_part = 4;
        options.roster_order = true;
        render_with(options, 2, "merged.pdf");

        PdfReadback readback(fixture.dir / "merged.pdf");
        REQUIRE(readback.page_count() == 11);
        std::vector<std::vector<std::string>> codes =
            CaseFixture::decode_pages(fixture.dir / "merged.pdf", 150);
        REQUIRE(codes.size() == 11);
        for (int page = 0; page < readback.page_count(); ++page) {
            std::string code = SyntheticRoster::employee_code(static_cast<std::size_t>(page));
            CAPTURE(code);
            CHECK(readback.page_size(page).width == doctest::Approx(419.53).epsilon(0.001));
            CHECK(readback.page_text(page).find("PAR-1") != std::string::npos);
            REQUIRE(codes[static_cast<std::size_t>(page)].size() == 1);
            CHECK(codes[static_cast<std::size_t>(page)][0] == fixture.url_of(code));
        }
        for (const FontReport& font : readback.fonts()) {
            CHECK(font.embedded);
        }
    }

    TEST_CASE("a4-2up sheets drawn by 1, 2 and 3 threads merge into the same bytes")
    {
        CaseFixture fixture;
        fs::path roster = fixture.dir / "roster.csv";
        const SyntheticRoster employees(23);
        employees.write_csv(roster);
        batch::RenderOptions options = options_for(fixture, roster, fixture.dir / "x.pdf");
        options.sheet.kind = render::SheetKind::a4_2up;
        options.sheets_per_part = 5;  // 23 placards on 12 sheets: three parts, the last short

        std::string one = render_with(options, 1, "one.pdf");
        CHECK(render_with(options, 2, "two.pdf") == one);
        CHECK(render_with(options, 3, "three.pdf") == one);

        PdfReadback readback(fixture.dir / "two.pdf");
        REQUIRE(readback.page_count() == 12);
        CHECK(readback.page_size(0).width == doctest::Approx(841.89).epsilon(0.001));
        std::vector<std::vector<std::string>> codes =
            CaseFixture::decode_pages(fixture.dir / "two.pdf", 150);
        std::set<std::string> found;
        for (std::size_t page = 0; page < codes.size(); ++page) {
            CAPTURE(page);
            CHECK(codes[page].size() == (page + 1 < codes.size() ? 2U : 1U));
            found.insert(codes[page].begin(), codes[page].end());
        }
        std::set<std::string> expected;
        for (std::size_t row = 0; row < 23; ++row) {
            expected.insert(fixture.url_of(SyntheticRoster::employee_code(row)));
        }
        CHECK(found == expected);
        CHECK(fixture.temp_files().empty());
    }

    TEST_CASE("render --jobs 1 and --jobs 2 write the same bytes with a fixed batch id")
    {
        CaseFixture fixture;
        fs::path roster = fs::path(PLACARD_EXAMPLES_DIR) / "roster.csv";
        std::vector<std::string> fixed = {"--batch-id", "PAR-2", "--no-ledger"};
        std::vector<std::string> one = fixed;
        one.insert(one.end(), {"--jobs", "1"});
        std::vector<std::string> two = fixed;
        two.insert(two.end(), {"--jobs", "2"});

        RunResult first = fixture.render(roster, fixture.dir / "one.pdf", one);
        INFO(first.err);
        REQUIRE(first.exit_code == 0);
        RunResult second = fixture.render(roster, fixture.dir / "two.pdf", two);
        INFO(second.err);
        REQUIRE(second.exit_code == 0);
        // The command line has no fixed print time: the runs may fall in different
        // seconds, so the creation date is left out of the comparison.
        CHECK(
            without_creation_date(read_file(fixture.dir / "one.pdf"))
            == without_creation_date(read_file(fixture.dir / "two.pdf")));
    }

    TEST_CASE("qr streams put in by the merger decode on every a5 page, jobs 1 and 2 alike")
    {
        CaseFixture fixture;
        CHECK(render_and_decode(fixture, 9, render::SheetKind::a5, 1) == all_urls(fixture, 9));
    }

    TEST_CASE("qr streams put in by the merger decode in both slots of a4-2up sheets")
    {
        CaseFixture fixture;
        CHECK(
            render_and_decode(fixture, 13, render::SheetKind::a4_2up, 2) == all_urls(fixture, 13));
    }
}
