// Cases from shared/cases about shaping, fonts, QR size and seams, and signing, run
// through the real binary and read back with Poppler and zxing-cpp.
#include "qr/qr_symbol.hpp"
#include "render/placard_painter.hpp"
#include "render/placard_template.hpp"
#include "render/sheet_layout.hpp"
#include "support/case_fixture.hpp"
#include "support/pdf_readback.hpp"
#include "support/text_match.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>

using namespace placard;
using namespace placard::test;
namespace fs = std::filesystem;

namespace {

bool contains(const std::string& haystack, const std::string& needle)
{
    return haystack.find(needle) != std::string::npos;
}

std::string only_code(const fs::path& pdf, double dpi)
{
    auto pages = CaseFixture::decode_pages(pdf, dpi);
    REQUIRE(pages.size() == 1);
    REQUIRE(pages[0].size() == 1);
    return pages[0][0];
}

// The page layout placard used for this template and URL, from the library itself.
render::PageLayout layout_for(const render::PlacardTemplate& look, const std::string& url)
{
    int version = qr::smallest_version(url, look.error_correction);
    return render::compute_layout(look, 17 + 4 * version);
}

double points_to_pixels(double points, double dpi)
{
    return points * dpi / 72.0;
}

// Dark modules side by side whose shared edge shows light pixels, for the symbol drawn
// at `origin` (points: the placard's top left corner on the page).
int count_seams(
    const GreyImage& image,
    const render::PageLayout& layout,
    const qr::QrSymbol& symbol,
    render::Box origin)
{
    const double dpi = image.dpi;
    double module = points_to_pixels(layout.module, dpi);
    double left = points_to_pixels(origin.x + layout.symbol.x, dpi);
    double top = points_to_pixels(origin.y + layout.symbol.y, dpi);
    int seams = 0;
    for (int y = 0; y < symbol.width(); ++y) {
        for (int x = 0; x + 1 < symbol.width(); ++x) {
            if (!symbol.is_dark(x, y) || !symbol.is_dark(x + 1, y)) {
                continue;
            }
            // Pixels straddling the shared vertical edge, away from its ends.
            int edge = static_cast<int>(std::lround(left + (x + 1) * module));
            for (double t = 0.3; t <= 0.7; t += 0.2) {
                int row = static_cast<int>(top + (y + t) * module);
                seams += image.at(edge - 1, row) > 128 || image.at(edge, row) > 128;
            }
        }
    }
    return seams;
}

// What a ruler finds around one printed symbol: its dark extent in mm and any ink in
// its quiet zone.
struct SymbolMeasure {
    double width_mm = 0;
    double height_mm = 0;
    int ink_in_quiet_zone = 0;
};

SymbolMeasure measure_symbol(
    const GreyImage& image, const render::PageLayout& layout, render::Box origin)
{
    const double dpi = image.dpi;
    auto px = [&](double points) { return static_cast<int>(points_to_pixels(points, dpi)); };
    const render::Box& quiet = layout.quiet_zone;
    const render::Box& symbol = layout.symbol;
    int qx0 = px(origin.x + quiet.x);
    int qy0 = px(origin.y + quiet.y);
    int qx1 = px(origin.x + quiet.x + quiet.width);
    int qy1 = px(origin.y + quiet.y + quiet.height);
    int sx0 = px(origin.x + symbol.x) - 2;
    int sy0 = px(origin.y + symbol.y) - 2;
    int sx1 = px(origin.x + symbol.x + symbol.width) + 2;
    int sy1 = px(origin.y + symbol.y + symbol.height) + 2;

    int dark_left = image.width, dark_right = -1, dark_top = image.height, dark_bottom = -1;
    SymbolMeasure measure;
    for (int y = qy0; y < qy1; ++y) {
        for (int x = qx0; x < qx1; ++x) {
            bool inside_symbol = x >= sx0 && x < sx1 && y >= sy0 && y < sy1;
            if (image.at(x, y) < 128 && inside_symbol) {
                dark_left = std::min(dark_left, x);
                dark_right = std::max(dark_right, x);
                dark_top = std::min(dark_top, y);
                dark_bottom = std::max(dark_bottom, y);
            }
            measure.ink_in_quiet_zone += !inside_symbol && image.at(x, y) < 250;
        }
    }
    measure.width_mm = (dark_right - dark_left + 1) * 25.4 / dpi;
    measure.height_mm = (dark_bottom - dark_top + 1) * 25.4 / dpi;
    return measure;
}

// The case's one-row roster with a second employee, so both halves of a sheet are used.
fs::path two_row_roster(const CaseFixture& fixture, const std::string& case_name)
{
    fs::path roster = fixture.dir / "two_rows.csv";
    fs::copy_file(CaseFixture::case_file(case_name, "roster.csv"), roster);
    std::ofstream(roster, std::ios::app)
        << "E00002,0023456787,سارا,نمونه‌زاده,کارشناس منابع انسانی,دفتر مرکزی\n";
    return roster;
}

// The top left corner of each slot of a 2-up sheet for this template, in points.
std::vector<render::Box> two_up_origins(const render::PlacardTemplate& look)
{
    render::SheetOptions options;
    options.kind = render::SheetKind::a4_2up;
    render::SheetGeometry sheet =
        render::sheet_geometry(options, look.page_width_mm(), look.page_height_mm());
    std::vector<render::Box> origins;
    for (const render::SheetSlot& slot : sheet.slots) {
        origins.push_back(render::Box{slot.trim.x * 72 / 25.4, slot.trim.y * 72 / 25.4, 0, 0});
    }
    return origins;
}

}  // namespace

TEST_SUITE("e2e cases")
{
    TEST_CASE("case 06: zwnj survives cleaning and junk marks are trimmed from the page text")
    {
        CaseFixture fixture;
        fs::path pdf = fixture.dir / "out.pdf";
        RunResult run = fixture.render(
            CaseFixture::case_file("06-zwnj-kept", "roster.csv"), pdf, {"--order", "roster"});
        INFO(run.err);
        REQUIRE(run.exit_code == 0);
        PdfReadback readback(pdf);
        REQUIRE(readback.page_count() == 3);
        CHECK(page_text_holds(readback.page_text(0), "نمونه\u200Cزاده"));
        CHECK(page_text_holds(readback.page_text(0), "مهندس نرم\u200Cافزار"));
        std::string page3 = readback.page_text(2);
        CHECK(page_text_holds(page3, "کارشناس منابع انسانی"));
        CHECK(page_text_holds(page3, "اداره کل استان"));
        for (const char* junk : {"\u200F", "\uFEFF", "\u200B"}) {
            CHECK_FALSE(contains(page3, junk));
        }
    }

    TEST_CASE("case 09: persian is laid out right to left and extracted as letters")
    {
        CaseFixture fixture;
        fs::path pdf = fixture.dir / "out.pdf";
        RunResult run =
            fixture.render(CaseFixture::case_file("09-shaping-not-isolated", "roster.csv"), pdf);
        INFO(run.err);
        REQUIRE(run.exit_code == 0);
        PdfReadback readback(pdf);

        bool found = false;
        for (int page = 0; page < readback.page_count(); ++page) {
            std::string text = readback.page_text(page);
            for (std::size_t i = 0; i + 2 < text.size(); ++i) {
                unsigned char a = static_cast<unsigned char>(text[i]);
                unsigned char b = static_cast<unsigned char>(text[i + 1]);
                // U+FB50..U+FDFF and U+FE70..U+FEFF are EF AD 90.. EF B7 BF and EF B9 B0.. EF BB
                // BF.
                bool presentation_form = a == 0xEF && (b >= 0xAD && b <= 0xBB);
                CHECK_FALSE(presentation_form);
            }
            // Poppler may give each glyph of a right-to-left run as a word of its own, so
            // look for the four letters of مهدی as a run of characters in either order.
            std::u32string letters;
            std::vector<double> x;
            for (const CharBox& word : readback.page_words(page)) {
                letters += word.text;
                x.insert(x.end(), word.char_x.begin(), word.char_x.end());
            }
            for (const std::u32string& spelling :
                 {std::u32string(U"مهدی"), std::u32string(U"یدهم")}) {
                std::size_t at = letters.find(spelling);
                if (at != std::u32string::npos) {
                    std::size_t meem = at + (spelling[0] == U'م' ? 0 : 3);
                    std::size_t yeh = at + (spelling[0] == U'م' ? 3 : 0);
                    CHECK(x[meem] > x[yeh]);
                    found = true;
                }
            }
        }
        CHECK(found);
    }

    TEST_CASE("case 09: no source file draws text through cairo's unshaped toy text api")
    {
        for (const auto& entry :
             fs::recursive_directory_iterator(fs::path(PLACARD_SOURCE_DIR) / "src")) {
            if (!entry.is_regular_file()) {
                continue;
            }
            std::string source = read_file(entry.path());
            CAPTURE(entry.path().string());
            CHECK_FALSE(contains(source, "cairo_show_text("));
            CHECK_FALSE(contains(source, "cairo_text_path("));
        }
    }

    TEST_CASE("case 11: without the persian font the run stops and names both families")
    {
        CaseFixture fixture;
        fs::path empty_fonts = fixture.dir / "no-fonts";
        fs::create_directories(empty_fonts);
        fs::path conf = CaseFixture::case_file("11-missing-font-tofu", "fonts-latin-only.conf");
        fs::path pdf = fixture.dir / "out.pdf";
        RunResult run = fixture.render(
            CaseFixture::case_file("11-missing-font-tofu", "roster.csv"),
            pdf,
            {"--template",
             CaseFixture::case_file("11-missing-font-tofu", "template.toml").string(),
             "--font-dir",
             empty_fonts.string()},
            {"FONTCONFIG_FILE=" + conf.string()});
        CHECK(run.exit_code == 2);
        CHECK(contains(run.err, "font 'Vazirmatn' not available (got '"));
        CHECK(contains(run.err, "first_name"));
        CHECK_FALSE(fs::exists(pdf));
        CHECK(fixture.temp_files().empty());
    }

    TEST_CASE("case 11: placard's own fonts make the run independent of the machine's fonts")
    {
        CaseFixture fixture;
        fs::path conf = CaseFixture::case_file("11-missing-font-tofu", "fonts-latin-only.conf");
        fs::path pdf = fixture.dir / "out.pdf";
        RunResult run = fixture.render(
            CaseFixture::case_file("11-missing-font-tofu", "roster.csv"),
            pdf,
            {"--template",
             CaseFixture::case_file("11-missing-font-tofu", "template.toml").string()},
            {"FONTCONFIG_FILE=" + conf.string()});
        INFO(run.err);
        REQUIRE(run.exit_code == 0);
        for (const FontReport& font : PdfReadback(pdf).fonts()) {
            CHECK(font.embedded);
            CHECK(contains(font.name, "Vazirmatn"));
        }
    }

    TEST_CASE("case 11: a character no placard font covers rejects only its row")
    {
        CaseFixture fixture;
        fs::path roster = CaseFixture::case_file("11-missing-font-tofu", "roster_emoji.csv");
        fs::path pdf = fixture.dir / "out.pdf";
        RunResult strict = fixture.render(roster, pdf);
        CHECK(strict.exit_code == 2);
        CHECK(contains(strict.err, "roster_emoji.csv:4:"));
        CHECK(contains(strict.err, "U+1F4CB"));
        CHECK(contains(strict.err, "job_title"));
        CHECK_FALSE(fs::exists(pdf));

        RunResult lenient = fixture.render(roster, pdf, {"--skip-invalid"});
        CHECK(lenient.exit_code == 3);
        CHECK(PdfReadback(pdf).page_count() == 2);
        std::string rejects = read_file(fixture.dir / "out.rejects.csv");
        CHECK(contains(rejects, "glyph-missing"));
        CHECK(contains(rejects, "E00103"));
    }

    TEST_CASE(
        "case 13: the smallest qr version is chosen, and an over-long url stops the job first")
    {
        CaseFixture fixture;
        fs::path roster = CaseFixture::case_file("13-qr-capacity-version", "roster.csv");
        std::string capped =
            CaseFixture::case_file("13-qr-capacity-version", "template.toml").string();
        fs::path pdf = fixture.dir / "out.pdf";

        RunResult short_run = fixture.render(roster, pdf, {"--template", capped});
        INFO(short_run.err);
        REQUIRE(short_run.exit_code == 0);
        CHECK(
            (contains(short_run.err, "QR version 4,") || contains(short_run.err, "QR version 5,")));

        const std::string long_base =
            "https://survey.example.ir/provincial-human-resources/2026/employee-workplace-"
            "satisfaction-questionnaire/first-round/respond/khorasan-razavi-province-general-"
            "directorate-of-administration";
        fs::path long_pdf = fixture.dir / "long.pdf";
        RunResult refused = run_placard(
            {"render",
             roster.string(),
             "--key",
             fixture.key.string(),
             "--base-url",
             long_base,
             "-o",
             long_pdf.string(),
             "--template",
             capped});
        CHECK(refused.exit_code == 2);
        CHECK(contains(refused.err, "225 bytes"));
        CHECK(contains(refused.err, "QR version 11 at level M"));
        CHECK(contains(refused.err, "version 10 (213 bytes"));
        CHECK(contains(refused.err, "shorter --base-url"));
        CHECK_FALSE(contains(refused.err, "out of range"));
        CHECK_FALSE(fs::exists(long_pdf));
        CHECK(fixture.temp_files().empty());

        RunResult uncapped = run_placard(
            {"render",
             roster.string(),
             "--key",
             fixture.key.string(),
             "--base-url",
             long_base,
             "-o",
             long_pdf.string()});
        INFO(uncapped.err);
        REQUIRE(uncapped.exit_code == 0);
        CHECK(contains(uncapped.err, "QR version 11,"));
        auto pages = CaseFixture::decode_pages(long_pdf, 150);
        REQUIRE(pages.size() == 2);
        REQUIRE(pages[0].size() == 1);
        CHECK(pages[0][0] == fixture.url_of("E00111", long_base));
    }

    TEST_CASE("case 14: the qr is one vector path with no seams between modules at any dpi")
    {
        CaseFixture fixture;
        fs::path pdf = fixture.dir / "out.pdf";
        fs::path template_file = CaseFixture::case_file("14-qr-hairline-seams", "template.toml");
        RunResult run = fixture.render(
            CaseFixture::case_file("14-qr-hairline-seams", "roster.csv"),
            pdf,
            {"--template", template_file.string()});
        INFO(run.err);
        REQUIRE(run.exit_code == 0);
        PdfReadback readback(pdf);
        CHECK(readback.image_count_hint() == 0);

        std::string url = fixture.url_of("E00001");
        render::PlacardTemplate look = render::load_template(template_file);
        render::PageLayout layout = layout_for(look, url);
        qr::QrSymbol symbol = qr::encode(
            url, look.error_correction, qr::smallest_version(url, look.error_correction));
        for (double dpi : {96.0, 150.0, 203.0, 300.0}) {
            CAPTURE(dpi);
            CHECK(count_seams(readback.render(0, dpi), layout, symbol, {}) == 0);
        }
        CHECK(only_code(pdf, 96) == url);
        CHECK(run_placard({"verify-url", "--key", fixture.key.string(), url}).exit_code == 0);
    }

    TEST_CASE("case 15: exact page sizes, a 40 mm symbol, a clean quiet zone, a refused small qr")
    {
        CaseFixture fixture;
        fs::path roster = CaseFixture::case_file("15-print-scaling-quiet-zone", "roster.csv");
        fs::path ok_template =
            CaseFixture::case_file("15-print-scaling-quiet-zone", "template_ok.toml");

        fs::path default_pdf = fixture.dir / "default.pdf";
        RunResult default_run = fixture.render(roster, default_pdf);
        REQUIRE(default_run.exit_code == 0);
        CHECK(contains(default_run.err, "Actual size / 100 %"));
        PageSize portrait = PdfReadback(default_pdf).page_size(0);
        CHECK(std::abs(portrait.width - 419.53) < 0.01);
        CHECK(std::abs(portrait.height - 595.28) < 0.01);

        fs::path ok_pdf = fixture.dir / "ok.pdf";
        RunResult ok_run = fixture.render(roster, ok_pdf, {"--template", ok_template.string()});
        INFO(ok_run.err);
        REQUIRE(ok_run.exit_code == 0);
        PdfReadback readback(ok_pdf);
        PageSize landscape = readback.page_size(0);
        CHECK(std::abs(landscape.width - 595.28) < 0.01);
        CHECK(std::abs(landscape.height - 419.53) < 0.01);

        std::string url = fixture.url_of("E00001");
        render::PageLayout layout = layout_for(render::load_template(ok_template), url);
        const double dpi = 600;
        GreyImage image = readback.render(0, dpi);
        SymbolMeasure measure = measure_symbol(image, layout, {});
        CHECK(measure.ink_in_quiet_zone == 0);
        CHECK(std::abs(measure.width_mm - 40.0) <= 0.1);
        CHECK(std::abs(measure.height_mm - 40.0) <= 0.1);
        for (const CharBox& word : readback.page_words(0)) {
            bool overlaps = word.right > layout.quiet_zone.x
                            && word.left < layout.quiet_zone.x + layout.quiet_zone.width
                            && word.bottom > layout.quiet_zone.y
                            && word.top < layout.quiet_zone.y + layout.quiet_zone.height;
            CHECK_FALSE(overlaps);
        }
        CHECK(only_code(ok_pdf, 150) == url);

        fs::path small_pdf = fixture.dir / "small.pdf";
        RunResult small = fixture.render(
            roster,
            small_pdf,
            {"--template",
             CaseFixture::case_file("15-print-scaling-quiet-zone", "template_small.toml")
                 .string()});
        CHECK(small.exit_code == 2);
        CHECK((contains(small.err, "0.45 mm") || contains(small.err, "0.41 mm")));
        CHECK(contains(small.err, "qr.size_mm"));
        CHECK(contains(small.err, "shorter --base-url"));
        CHECK_FALSE(fs::exists(small_pdf));
        CHECK(fixture.temp_files().empty());
    }

    TEST_CASE("case 14 on a4-2up: both halves' symbols are seamless and decode")
    {
        CaseFixture fixture;
        fs::path pdf = fixture.dir / "sheets.pdf";
        fs::path template_file = CaseFixture::case_file("14-qr-hairline-seams", "template.toml");
        RunResult run = fixture.render(
            two_row_roster(fixture, "14-qr-hairline-seams"),
            pdf,
            {"--template", template_file.string(), "--layout", "a4-2up", "--no-ledger"});
        INFO(run.err);
        REQUIRE(run.exit_code == 0);
        PdfReadback readback(pdf);
        REQUIRE(readback.page_count() == 1);
        CHECK(readback.image_count_hint() == 0);

        render::PlacardTemplate look = render::load_template(template_file);
        std::vector<render::Box> origins = two_up_origins(look);
        const char* codes[] = {"E00001", "E00002"};
        for (std::size_t half = 0; half < 2; ++half) {
            std::string url = fixture.url_of(codes[half]);
            render::PageLayout layout = layout_for(look, url);
            qr::QrSymbol symbol = qr::encode(
                url, look.error_correction, qr::smallest_version(url, look.error_correction));
            for (double dpi : {96.0, 203.0, 300.0}) {
                CAPTURE(dpi);
                CHECK(count_seams(readback.render(0, dpi), layout, symbol, origins[half]) == 0);
            }
        }
        std::vector<std::string> decoded = decode_qr_codes(readback.render(0, 150));
        std::sort(decoded.begin(), decoded.end());
        std::vector<std::string> expected = {fixture.url_of("E00001"), fixture.url_of("E00002")};
        std::sort(expected.begin(), expected.end());
        CHECK(decoded == expected);
    }

    TEST_CASE("case 15 on a4-2up: scale 1 on the A4 sheet, 40 mm symbols, clean quiet zones")
    {
        CaseFixture fixture;
        fs::path ok_template =
            CaseFixture::case_file("15-print-scaling-quiet-zone", "template_ok.toml");
        for (bool landscape : {false, true}) {
            CAPTURE(landscape);
            fs::path pdf = fixture.dir / (landscape ? "landscape.pdf" : "portrait.pdf");
            std::vector<std::string> extra = {"--layout", "a4-2up", "--no-ledger"};
            if (landscape) {
                extra.insert(extra.end(), {"--template", ok_template.string()});
            }
            fs::path roster = fixture.dir / "two_rows.csv";
            fs::remove(roster);
            RunResult run =
                fixture.render(two_row_roster(fixture, "15-print-scaling-quiet-zone"), pdf, extra);
            INFO(run.err);
            REQUIRE(run.exit_code == 0);

            // Landscape placards one above the other on a portrait A4, portrait ones side by
            // side on a landscape A4.
            PdfReadback readback(pdf);
            PageSize size = readback.page_size(0);
            CHECK(std::abs(size.width - (landscape ? 595.28 : 841.89)) < 0.01);
            CHECK(std::abs(size.height - (landscape ? 841.89 : 595.28)) < 0.01);

            render::PlacardTemplate look =
                landscape ? render::load_template(ok_template) : render::PlacardTemplate{};
            std::vector<render::Box> origins = two_up_origins(look);
            GreyImage image = readback.render(0, 600);
            for (std::size_t half = 0; half < 2; ++half) {
                std::string url = fixture.url_of(half == 0 ? "E00001" : "E00002");
                render::PageLayout layout = layout_for(look, url);
                SymbolMeasure measure = measure_symbol(image, layout, origins[half]);
                CHECK(measure.ink_in_quiet_zone == 0);
                double side_mm = look.qr_size_mm;
                CHECK(std::abs(measure.width_mm - side_mm) <= 0.1);
                CHECK(std::abs(measure.height_mm - side_mm) <= 0.1);
            }
        }
    }

    TEST_CASE(
        "case 16: tags are canonical base32 in a path segment and other spellings are refused")
    {
        CaseFixture fixture;
        std::string key = fixture.key.string();
        RunResult first = run_placard(
            {"url", "--key", key, "--base-url", case_base_url, "--generation", "1", "E00001"});
        RunResult second = run_placard(
            {"url", "--key", key, "--base-url", case_base_url, "--generation", "1", "E00002"});
        std::string u1 = first.out.substr(0, first.out.find('\n'));
        std::string u2 = second.out.substr(0, second.out.find('\n'));
        const std::regex shape(
            R"(^https://survey\.example\.ir/S/T1/E0000[12]/1/[A-Z2-7]{25}[AEIMQUY4]$)");
        CHECK(std::regex_match(u1, shape));
        CHECK(std::regex_match(u2, shape));
        CHECK(u1.size() == 66);
        CHECK(u1.substr(40) != u2.substr(40));
        CHECK(run_placard({"verify-url", "--key", key, u1}).exit_code == 0);

        std::string tag = u1.substr(40);
        std::string lower = tag;
        for (char& c : lower) {
            c = static_cast<char>(std::tolower(c));
        }
        for (const std::string& bad :
             {u1.substr(0, 40) + tag + "======",
              u1.substr(0, 40) + lower,
              u1.substr(0, 40) + "%41" + tag.substr(1)}) {
            RunResult verdict = run_placard({"verify-url", "--key", key, bad});
            CHECK(verdict.exit_code == 6);
            CHECK(contains(verdict.out, "malformed"));
        }
        for (std::size_t at :
             {std::size_t{28}, std::size_t{32}, std::size_t{38}, std::size_t{45}}) {
            std::string changed = u1;
            changed[at] = changed[at] == '2' ? '3' : '2';
            CAPTURE(changed);
            CHECK(run_placard({"verify-url", "--key", key, changed}).exit_code == 6);
        }

        fs::path pdf = fixture.dir / "out.pdf";
        RunResult run =
            fixture.render(CaseFixture::case_file("16-signature-url-encoding", "roster.csv"), pdf);
        REQUIRE(run.exit_code == 0);
        auto pages = CaseFixture::decode_pages(pdf, 150);
        REQUIRE(pages.size() == 2);
        CHECK(pages[0] == std::vector<std::string>{fixture.url_of("E00001")});
        CHECK(pages[0][0] == u1);
        for (const char* national : {"0012345679", "0135792460"}) {
            CHECK_FALSE(contains(u1 + u2, national));
        }
    }
}
