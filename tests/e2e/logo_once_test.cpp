// Issue 5: the logo is embedded once per PDF, not once per part of it. A batch is drawn in
// parts (1,000 sheets each; a handful here) that the merger joins; the merger must keep one
// copy of the logo's image or form for the whole file, and every page must still show it.
#include "batch/render_job.hpp"
#include "support/case_fixture.hpp"
#include "support/pdf_readback.hpp"
#include "support/synthetic_roster.hpp"

#include <cairo.h>
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

using namespace placard;
using namespace placard::test;
namespace fs = std::filesystem;

namespace {

// 2026-12-04 10:00 UTC.
constexpr std::time_t fixed_print_time = 1796378400;
constexpr std::size_t rows = 7;  // three parts of three sheets, the last one short

// The dictionary of every object the file's cross-reference table lists as in use: the
// text from "N 0 obj" up to "stream" or "endobj". Read through the table, not by
// searching the bytes, so each object counts once.
std::vector<std::string> object_dictionaries(const std::string& pdf)
{
    std::size_t startxref = pdf.rfind("startxref\n");
    REQUIRE(startxref != std::string::npos);
    std::size_t xref = std::stoul(pdf.substr(startxref + 10));
    REQUIRE(pdf.compare(xref, 7, "xref\n0 ") == 0);
    std::size_t line_end = pdf.find('\n', xref + 5);
    std::size_t count = std::stoul(pdf.substr(xref + 7, line_end - xref - 7));
    std::vector<std::string> dictionaries;
    for (std::size_t entry = 0; entry < count; ++entry) {
        std::string line = pdf.substr(line_end + 1 + entry * 20, 20);
        if (line[17] != 'n') {
            continue;
        }
        std::size_t offset = std::stoul(line.substr(0, 10));
        std::size_t end = std::min(pdf.find("stream", offset), pdf.find("endobj", offset));
        REQUIRE(end != std::string::npos);
        dictionaries.push_back(pdf.substr(offset, end - offset));
    }
    return dictionaries;
}

std::size_t count_holding(const std::vector<std::string>& dictionaries, const std::string& text)
{
    std::size_t count = 0;
    for (const std::string& dictionary : dictionaries) {
        count += dictionary.find(text) != std::string::npos ? 1 : 0;
    }
    return count;
}

// A PNG with an alpha channel: Cairo writes it as an image and a soft mask, two objects
// that refer to each other.
fs::path write_alpha_png(const fs::path& path)
{
    const int side = 48;
    cairo_surface_t* image = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, side, side);
    cairo_t* cr = cairo_create(image);
    cairo_set_source_rgba(cr, 1, 1, 1, 0.8);
    cairo_arc(cr, side / 2.0, side / 2.0, side / 2.5, 0, 6.3);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0.9, 0.6, 0.1);
    cairo_rectangle(cr, 14, 14, 20, 20);
    cairo_fill(cr);
    cairo_destroy(cr);
    REQUIRE(cairo_surface_write_to_png(image, path.c_str()) == CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(image);
    return path;
}

std::string render_parts(
    const CaseFixture& fixture, const fs::path& look, unsigned jobs, const std::string& name)
{
    fs::path roster = fixture.dir / "roster.csv";
    SyntheticRoster(rows).write_csv(roster);
    batch::RenderOptions options;
    options.roster = roster;
    options.key_file = fixture.key;
    options.base_url = case_base_url;
    options.output = fixture.dir / name;
    options.template_file = look;
    options.batch_id = "LOGO-1";
    options.print_time = fixed_print_time;
    options.use_ledger = false;
    options.jobs = jobs;
    options.sheets_per_part = 3;
    SilentReporter quiet;
    batch::RenderSummary summary = batch::render_roster(options, quiet);
    REQUIRE(summary.printed == static_cast<long>(rows));
    return read_file(options.output);
}

// The logo's box on an a5 page of the default (right-to-left) template, at `dpi`: 16 mm
// square, 10 mm from the right edge, centred in the 26 mm header band.
struct PixelBox {
    int left, top, right, bottom;
};

PixelBox logo_box(double dpi)
{
    auto px = [dpi](double mm) {
        return static_cast<int>(mm / 25.4 * dpi);
    };
    return {px(148 - 10 - 16) + 1, px(5) + 1, px(148 - 10) - 1, px(5 + 16) - 1};
}

// The logo is drawn where it belongs, the same on the first page (first part) and the
// last (last part): the box differs from the same box without a logo, and is
// identical from page to page.
void check_logo_drawn(const fs::path& with_logo, const fs::path& without_logo)
{
    const double dpi = 100;
    const PixelBox box = logo_box(dpi);
    PdfReadback logo_pdf(with_logo);
    const int last = logo_pdf.page_count() - 1;
    REQUIRE(last == static_cast<int>(rows) - 1);
    GreyImage first = logo_pdf.render(0, dpi);
    GreyImage final_page = logo_pdf.render(last, dpi);
    GreyImage plain = PdfReadback(without_logo).render(0, dpi);

    int differing_from_plain = 0;
    for (int y = box.top; y < box.bottom; ++y) {
        for (int x = box.left; x < box.right; ++x) {
            CHECK(first.at(x, y) == final_page.at(x, y));
            differing_from_plain += first.at(x, y) != plain.at(x, y) ? 1 : 0;
        }
    }
    const int area = (box.bottom - box.top) * (box.right - box.left);
    CAPTURE(differing_from_plain);
    CHECK(differing_from_plain > area / 20);
}

}  // namespace

TEST_SUITE("e2e")
{
    TEST_CASE("a png logo is stored once in a pdf of three parts and drawn on every part")
    {
        CaseFixture fixture;
        write_alpha_png(fixture.dir / "logo.png");
        fs::path look = fixture.dir.write("logo.toml", "[logo]\nfile = \"logo.png\"\n");
        fs::path plain = fixture.dir.write("plain.toml", "");

        std::string one = render_parts(fixture, look, 1, "one.pdf");
        CHECK(render_parts(fixture, look, 2, "two.pdf") == one);
        render_parts(fixture, plain, 1, "plain.pdf");

        // One image and its soft mask for the whole file; before folding, each of the
        // three parts held its own pair.
        std::vector<std::string> dictionaries = object_dictionaries(one);
        CHECK(count_holding(dictionaries, "/Subtype /Image") == 2);
        CHECK(count_holding(dictionaries, "/SMask") == 1);
        check_logo_drawn(fixture.dir / "one.pdf", fixture.dir / "plain.pdf");
    }

    TEST_CASE("an svg logo is one form in a pdf of three parts and drawn on every part")
    {
        CaseFixture fixture;
        fs::path svg = fs::path(PLACARD_ASSETS_DIR) / "logos" / "placard-logo.svg";
        fs::path look = fixture.dir.write("logo.toml", "[logo]\nfile = \"" + svg.string() + "\"\n");
        fs::path plain = fixture.dir.write("plain.toml", "");

        std::string one = render_parts(fixture, look, 1, "one.pdf");
        CHECK(render_parts(fixture, look, 2, "two.pdf") == one);
        render_parts(fixture, plain, 1, "plain.pdf");

        // Forms: one page-sized form of fixed parts per part, the QR forms ([ 0 0 W W ]),
        // and the logo's, the one form whose box does not start at the page's corner.
        std::vector<std::string> dictionaries = object_dictionaries(one);
        std::size_t forms = count_holding(dictionaries, "/Subtype /Form");
        std::size_t at_corner = count_holding(dictionaries, "/BBox [ 0 0 ");
        CHECK(forms - at_corner == 1);
        CHECK(count_holding(dictionaries, "/BBox [ 0 0 420 596 ]") >= 3);
        check_logo_drawn(fixture.dir / "one.pdf", fixture.dir / "plain.pdf");
    }
}
