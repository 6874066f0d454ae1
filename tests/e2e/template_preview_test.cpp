// Templates, logos, the placard code and the preview: what the template asks for reaches
// the PDF, the logo is stored once however many pages there are, and the preview PNG is
// the PDF's page as Poppler draws it.
#include "support/case_fixture.hpp"
#include "support/pdf_readback.hpp"
#include "support/synthetic_roster.hpp"
#include "support/text_match.hpp"

#include <cairo.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

using namespace placard::test;
namespace fs = std::filesystem;

namespace {

const fs::path assets_dir = PLACARD_ASSETS_DIR;

fs::path write_roster(const fs::path& folder)
{
    fs::path path = folder / "roster.csv";
    std::ofstream out(path, std::ios::binary);
    out << "employee_code,national_code,first_name,last_name,job_title,office,agency,gender\n"
        << "E00071,0012345679,Sara,Sample,Software engineer,Head office,Civil registry,female\n"
        << "E00072,0135792460,Mehdi,Example,HR officer,Head office,Civil registry,male\n"
        << "E00073,0024681350,Narges,Karimi,Software engineer,Head office,Civil registry,\n";
    return path;
}

// A PNG logo of noise, which does not compress: stored once per page it would be seen at
// once in the file size.
fs::path write_noise_png(const fs::path& path, int side)
{
    cairo_surface_t* image = cairo_image_surface_create(CAIRO_FORMAT_RGB24, side, side);
    unsigned char* data = cairo_image_surface_get_data(image);
    int stride = cairo_image_surface_get_stride(image);
    std::uint32_t state = 12345;
    for (int y = 0; y < side; ++y) {
        auto* row =
            reinterpret_cast<std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
        for (int x = 0; x < side; ++x) {
            state = state * 1664525u + 1013904223u;
            row[x] = state >> 8;
        }
    }
    cairo_surface_mark_dirty(image);
    REQUIRE(cairo_surface_write_to_png(image, path.c_str()) == CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(image);
    return path;
}

// The PNG as Poppler's greyscale would hold it.
GreyImage read_png_grey(const fs::path& path)
{
    cairo_surface_t* image = cairo_image_surface_create_from_png(path.c_str());
    REQUIRE(cairo_surface_status(image) == CAIRO_STATUS_SUCCESS);
    GreyImage grey{
        cairo_image_surface_get_width(image), cairo_image_surface_get_height(image), 0, {}};
    const unsigned char* data = cairo_image_surface_get_data(image);
    int stride = cairo_image_surface_get_stride(image);
    for (int y = 0; y < grey.height; ++y) {
        const auto* row =
            reinterpret_cast<const std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
        for (int x = 0; x < grey.width; ++x) {
            double red = (row[x] >> 16) & 0xFF;
            double green = (row[x] >> 8) & 0xFF;
            double blue = row[x] & 0xFF;
            grey.pixels.push_back(
                static_cast<std::uint8_t>(std::lround(0.299 * red + 0.587 * green + 0.114 * blue)));
        }
    }
    cairo_surface_destroy(image);
    return grey;
}

// The share of pixels of `a` that no pixel of `b` within one pixel matches to within
// `tolerance` grey levels. Cairo and Poppler's Splash anti-alias edges and rasterise
// glyphs a little differently, so an edge may sit one pixel over; anything drawn
// differently (other text, another QR, a missing line) is left unmatched.
double unmatched_fraction(const GreyImage& a, const GreyImage& b, int tolerance)
{
    long unmatched = 0;
    for (int y = 0; y < a.height; ++y) {
        for (int x = 0; x < a.width; ++x) {
            int best = 256;
            for (int ny = std::max(y - 1, 0); ny <= std::min(y + 1, b.height - 1); ++ny) {
                for (int nx = std::max(x - 1, 0); nx <= std::min(x + 1, b.width - 1); ++nx) {
                    best = std::min(best, std::abs(int(a.at(x, y)) - int(b.at(nx, ny))));
                }
            }
            unmatched += best > tolerance ? 1 : 0;
        }
    }
    return double(unmatched) / (double(a.width) * a.height);
}

std::uintmax_t render_size(
    const CaseFixture& fixture,
    const fs::path& roster,
    const std::string& name,
    const std::vector<std::string>& extra)
{
    fs::path pdf = fixture.dir / name;
    std::vector<std::string> arguments = {"--no-ledger", "--batch-id", "B1"};
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    RunResult run = fixture.render(roster, pdf, arguments);
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    return fs::file_size(pdf);
}

}  // namespace

TEST_SUITE("e2e")
{
    TEST_CASE("the preview png of a row is the pdf page that poppler renders at that dpi")
    {
        CaseFixture fixture;
        fs::path roster = write_roster(fixture.dir.path());
        fs::path pdf = fixture.dir / "out.pdf";
        fs::path png = fixture.dir / "row2.png";
        RunResult render =
            fixture.render(roster, pdf, {"--no-ledger", "--batch-id", "P-1", "--order", "roster"});
        INFO(render.err);
        REQUIRE(render.exit_code == 0);
        RunResult preview =
            fixture.preview(roster, png, {"--row", "2", "--batch-id", "P-1", "--dpi", "100"});
        INFO(preview.err);
        REQUIRE(preview.exit_code == 0);

        PdfReadback readback(pdf);
        GreyImage page = readback.render(1, 100);
        GreyImage picture = read_png_grey(png);
        REQUIRE(picture.width == page.width);
        REQUIRE(picture.height == page.height);
        double unmatched = unmatched_fraction(picture, page, 96);
        CAPTURE(unmatched);
        CHECK(unmatched < 0.0005);

        // The measure tells placards apart: the preview is not the first row's page.
        double against_other_row = unmatched_fraction(picture, readback.render(0, 100), 96);
        CAPTURE(against_other_row);
        CHECK(against_other_row > 0.01);

        std::vector<std::string> codes = decode_qr_codes(picture);
        REQUIRE(codes.size() == 1);
        CHECK(codes[0] == fixture.url_of("E00072"));
    }

    TEST_CASE("preview by employee code, and a row that is not there, are answered plainly")
    {
        CaseFixture fixture;
        fs::path roster = write_roster(fixture.dir.path());
        fs::path png = fixture.dir / "e.png";
        RunResult found = fixture.preview(roster, png, {"--employee", "e00073"});
        INFO(found.err);
        CHECK(found.exit_code == 0);
        CHECK(fs::exists(png));

        RunResult missing = fixture.preview(roster, png, {"--row", "9"});
        CHECK(missing.exit_code == 2);
        CHECK(missing.err.find("no row 9 (3 data rows read)") != std::string::npos);

        RunResult neither = fixture.preview(roster, png, {});
        CHECK(neither.exit_code == 4);
    }

    TEST_CASE("the english template prints left to right with its words and the placard code")
    {
        CaseFixture fixture;
        fs::path pdf = fixture.dir / "english.pdf";
        RunResult run = fixture.render(
            write_roster(fixture.dir.path()),
            pdf,
            {"--no-ledger",
             "--order",
             "roster",
             "--template",
             (assets_dir / "templates/english.toml").string()});
        INFO(run.err);
        REQUIRE(run.exit_code == 0);

        PdfReadback readback(pdf);
        REQUIRE(readback.page_count() == 3);
        std::string first = readback.page_text(0);
        CHECK(first.find("Ms Sara Sample") != std::string::npos);
        CHECK(first.find("Please scan this code") != std::string::npos);
        CHECK(first.find("Employee code: E00071") != std::string::npos);
        std::string url = fixture.url_of("E00071");
        std::string tag = url.substr(url.rfind('/') + 1, 4);
        CHECK(first.find("Placard code: E00071-1-" + tag) != std::string::npos);
        CHECK(first.find("survey.example.ir") != std::string::npos);
        CHECK(readback.page_text(1).find("Mr Mehdi Example") != std::string::npos);
        CHECK(readback.page_text(2).find("Mr Narges") == std::string::npos);
        CHECK(decode_qr_codes(readback.render(0, 150)) == std::vector<std::string>{url});
    }

    TEST_CASE("the default template prints the placard code and the short domain")
    {
        CaseFixture fixture;
        fs::path pdf = fixture.dir / "out.pdf";
        RunResult run = fixture.render(
            write_roster(fixture.dir.path()), pdf, {"--no-ledger", "--order", "roster"});
        INFO(run.err);
        REQUIRE(run.exit_code == 0);
        std::string url = fixture.url_of("E00072");
        std::string text = PdfReadback(pdf).page_text(1);
        CHECK(text.find("E00072-1-" + url.substr(url.rfind('/') + 1, 4)) != std::string::npos);
        CHECK(text.find("survey.example.ir") != std::string::npos);
    }

    TEST_CASE("a logo is stored once per pdf, not once per page")
    {
        CaseFixture fixture;
        write_noise_png(fixture.dir / "noise.png", 160);
        fs::path look = fixture.dir.write("logo.toml", "[logo]\nfile = \"noise.png\"\n");
        fs::path one = fixture.dir / "one.csv";
        fs::path forty = fixture.dir / "forty.csv";
        SyntheticRoster(1).write_csv(one);
        SyntheticRoster(40).write_csv(forty);

        std::vector<std::string> with_logo = {"--template", look.string()};
        std::uintmax_t one_plain = render_size(fixture, one, "one-plain.pdf", {});
        std::uintmax_t one_logo = render_size(fixture, one, "one-logo.pdf", with_logo);
        std::uintmax_t forty_plain = render_size(fixture, forty, "forty-plain.pdf", {});
        std::uintmax_t forty_logo = render_size(fixture, forty, "forty-logo.pdf", with_logo);

        // The noise logo is about 77 kB; it must add that once to the 40-page file, not
        // 40 times: the extra bytes of 40 pages stay within a kilobyte of one page's.
        double logo_cost_one = double(one_logo) - double(one_plain);
        double logo_cost_forty = double(forty_logo) - double(forty_plain);
        CAPTURE(logo_cost_one);
        CAPTURE(logo_cost_forty);
        CHECK(logo_cost_one > 50000);
        CHECK(std::abs(logo_cost_forty - logo_cost_one) < 1024);
        CHECK(PdfReadback(fixture.dir / "forty-logo.pdf").image_count_hint() == 1);
    }

    TEST_CASE("a template whose logo file is missing stops the run before any page")
    {
        CaseFixture fixture;
        fs::path look = fixture.dir.write("bad.toml", "[logo]\nfile = \"missing.svg\"\n");
        fs::path pdf = fixture.dir / "out.pdf";
        RunResult run = fixture.render(
            write_roster(fixture.dir.path()), pdf, {"--no-ledger", "--template", look.string()});
        CHECK(run.exit_code == 2);
        CHECK(run.err.find(look.string() + ":2:8: cannot read logo") != std::string::npos);
        CHECK(run.err.find("(field \"logo.file\")") != std::string::npos);
        CHECK_FALSE(fs::exists(pdf));
    }

    TEST_CASE("a template word the placard font cannot draw is refused at its key, not substituted")
    {
        // An emoji has no glyph in Vazirmatn; fontconfig would draw it in another font.
        CaseFixture fixture;
        fs::path look = fixture.dir.write(
            "emoji.toml",
            "[text]\nheader = \"Survey\"\n[honorifics]\nfemale = \"\xF0\x9F\x98\x80\"\n");
        fs::path roster = write_roster(fixture.dir.path());
        fs::path pdf = fixture.dir / "out.pdf";
        RunResult run = fixture.render(roster, pdf, {"--no-ledger", "--template", look.string()});
        INFO(run.err);
        CHECK(run.exit_code == 2);
        CHECK(
            run.err.find(look.string() + ":4:10: character U+1F600 has no glyph")
            != std::string::npos);
        CHECK(run.err.find("(field \"honorifics.female\")") != std::string::npos);
        CHECK_FALSE(fs::exists(pdf));

        fs::path png = fixture.dir / "emoji.png";
        RunResult preview =
            fixture.preview(roster, png, {"--row", "1", "--template", look.string()});
        INFO(preview.err);
        CHECK(preview.exit_code == 2);
        CHECK(preview.err.find("(field \"honorifics.female\")") != std::string::npos);
        CHECK_FALSE(fs::exists(png));
    }
}
