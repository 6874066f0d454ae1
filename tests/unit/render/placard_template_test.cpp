// Templates: read with toml++, every error naming the file, line, column and key.
#include "render/logo.hpp"
#include "render/placard_painter.hpp"
#include "render/placard_template.hpp"
#include "support/temp_dir.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace placard;
using namespace placard::render;
namespace fs = std::filesystem;

namespace {

const fs::path assets_dir = PLACARD_ASSETS_DIR;

// The message load_template throws for this template text, or "" when it loads.
std::string error_of(const test::TempDir& dir, const std::string& text)
{
    fs::path path = dir.write("site.toml", text);
    try {
        load_template(path);
    } catch (const Error& error) {
        return error.what();
    }
    return "";
}

bool same_colour(const Colour& a, const Colour& b)
{
    return a.red == doctest::Approx(b.red) && a.green == doctest::Approx(b.green)
           && a.blue == doctest::Approx(b.blue);
}

bool overlaps(const Box& a, const Box& b)
{
    return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height
           && b.y < a.y + a.height;
}

}  // namespace

TEST_SUITE("render")
{
    TEST_CASE("a template missing a required key names the file, line, table and key")
    {
        test::TempDir dir;
        std::string path = (dir / "site.toml").string();
        CHECK(
            error_of(dir, "[qr]\nsize_mm = 60\n\n[logo]\nheight_mm = 12\n")
            == path
                   + ":4:1: [logo] has no key \"file\"; expected the path of an .svg or .png "
                     "logo (field \"logo.file\")");
    }

    TEST_CASE("a template value of the wrong type names the key, its place and both types")
    {
        test::TempDir dir;
        std::string path = (dir / "site.toml").string();
        CHECK(
            error_of(dir, "[qr]\nsize_mm = \"large\"\n")
            == path + ":2:11: expected a number, found a string (field \"qr.size_mm\")");
        CHECK(
            error_of(dir, "[text]\ncall_to_action = 42\n")
            == path + ":2:18: expected a string, found a number (field \"text.call_to_action\")");
    }

    TEST_CASE("a template string holding U+0000 is refused at its key, not cut short there")
    {
        // Pango and the file system would read only up to the NUL: "x\u0000y" printed "x".
        test::TempDir dir;
        std::string path = (dir / "site.toml").string();
        CHECK(
            error_of(dir, "[text]\nheader = \"x\\u0000y\"\n")
            == path
                   + ":2:10: the text holds the character U+0000, which cannot be printed or "
                     "opened (field \"text.header\")");
        CHECK(
            error_of(dir, "[logo]\nfile = \"logo.svg\\u0000.png\"\n").find("(field \"logo.file\")")
            != std::string::npos);
        CHECK(error_of(dir, "[text]\nheader = \"x y\"\n").empty());
    }

    TEST_CASE("a template whose logo file is missing names the logo, the key and its line")
    {
        test::TempDir dir;
        std::string path = (dir / "site.toml").string();
        std::string logo = (dir / "logos/agency.svg").string();
        CHECK(
            error_of(dir, "[logo]\nfile = \"logos/agency.svg\"\n")
            == path + ":2:8: cannot read logo " + logo
                   + ": No such file or directory (field \"logo.file\")");
    }

    TEST_CASE("a logo that is not an svg or png, or does not decode, is refused")
    {
        test::TempDir dir;
        dir.write("logo.gif", "GIF89a");
        dir.write("broken.png", "not a png");
        dir.write("broken.svg", "<svg");
        CHECK(
            error_of(dir, "[logo]\nfile = \"logo.gif\"\n").find("neither .svg nor .png")
            != std::string::npos);
        CHECK(
            error_of(dir, "[logo]\nfile = \"broken.png\"\n").find("not a PNG file")
            != std::string::npos);
        CHECK(error_of(dir, "[logo]\nfile = \"broken.svg\"\n").find("as SVG") != std::string::npos);
    }

    TEST_CASE("an svg logo librsvg cannot parse is refused in one line that keeps its reason")
    {
        test::TempDir dir;
        dir.write("cut.svg", "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'>");
        std::string path = (dir / "site.toml").string();
        std::string logo = (dir / "cut.svg").string();

        std::string message = error_of(dir, "[logo]\nfile = \"cut.svg\"\n");
        INFO(message);
        CHECK(message.starts_with(path + ":2:8: cannot decode logo " + logo + " as SVG: "));
        CHECK(message.find("XML parse error") != std::string::npos);  // librsvg's own words
        CHECK(message.find('\n') == std::string::npos);
        CHECK(message.find('\r') == std::string::npos);
        CHECK(message.ends_with("line 1 (field \"logo.file\")"));
    }

    TEST_CASE("a logo too large to need is refused before it is decoded")
    {
        test::TempDir dir;

        // The header of a PNG that declares 20,000 x 20,000 pixels: refused from the
        // header alone, before a decoder would allocate 1.6 GB.
        std::string header("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\x4e\x20\0\0\x4e\x20", 24);
        dir.write("huge.png", header + std::string(64, '\0'));
        CHECK(
            error_of(dir, "[logo]\nfile = \"huge.png\"\n").find("20000 x 20000 pixels")
            != std::string::npos);

        dir.write(
            "big.svg", "<svg xmlns='http://www.w3.org/2000/svg'>" + std::string(5 << 20, ' '));
        CHECK(
            error_of(dir, "[logo]\nfile = \"big.svg\"\n").find("larger than") != std::string::npos);

        std::filesystem::create_directory(dir / "folder.png");
        CHECK(
            error_of(dir, "[logo]\nfile = \"folder.png\"\n").find("not a regular file")
            != std::string::npos);
    }

    TEST_CASE("unknown keys, bad choices, ranges and broken TOML are errors with a place")
    {
        test::TempDir dir;
        std::string path = (dir / "site.toml").string();
        CHECK(
            error_of(dir, "[qr]\nsize = 60\n")
            == path + ":2:1: unknown key; docs/templates.md lists every key (field \"qr.size\")");
        CHECK(
            error_of(dir, "[text]\ndigits = \"roman\"\n")
            == path
                   + ":2:10: \"roman\" is not allowed; expected \"persian\" or \"latin\" (field "
                     "\"text.digits\")");
        CHECK(
            error_of(dir, "[qr]\nsize_mm = 500\n")
            == path + ":2:11: 500 is out of range; expected 10 to 88 (field \"qr.size_mm\")");
        CHECK(
            error_of(dir, "[brand]\ncolour = \"teal\"\n")
            == path
                   + ":2:10: \"teal\" is not a colour; expected the form #RRGGBB (field "
                     "\"brand.colour\")");
        CHECK(error_of(dir, "[qr]\nsize_mm = = 3\n").rfind(path + ":2:", 0) == 0);
        CHECK(error_of(dir, "title = \"x\"\n").find("outside any table") != std::string::npos);
    }

    TEST_CASE("a folder given as the template is refused, not read as an empty template")
    {
        // Reading a folder yields no text, and an empty template is every default: the
        // run would print the default look without a word.
        test::TempDir dir;
        try {
            load_template(dir.path());
            FAIL("a folder loaded as a template");
        } catch (const Error& error) {
            CHECK(std::string(error.what()).find("is a folder") != std::string::npos);
        }
    }

    TEST_CASE("the default template file spells out exactly the built-in defaults")
    {
        PlacardTemplate file = load_template(assets_dir / "templates/default.toml");
        PlacardTemplate built_in;
        CHECK(file.landscape == built_in.landscape);
        CHECK(file.qr_size_mm == built_in.qr_size_mm);
        CHECK(file.error_correction == built_in.error_correction);
        CHECK(file.max_version == built_in.max_version);
        CHECK(file.min_module_mm == built_in.min_module_mm);
        CHECK(file.font_family == built_in.font_family);
        CHECK(file.font_sizes.name == built_in.font_sizes.name);
        CHECK(file.font_sizes.code == built_in.font_sizes.code);
        CHECK(same_colour(file.brand, built_in.brand));
        CHECK(same_colour(file.header_text, built_in.header_text));
        CHECK(same_colour(file.body_text, built_in.body_text));
        CHECK(file.logo == nullptr);
        CHECK(file.wording.header == built_in.wording.header);
        CHECK(file.wording.call_to_action == built_in.wording.call_to_action);
        CHECK(file.wording.ruler_label == built_in.wording.ruler_label);
        CHECK(file.wording.honorific_female == built_in.wording.honorific_female);
        CHECK(file.wording.honorific_male == built_in.wording.honorific_male);
        CHECK(file.wording.direction == TextDirection::right_to_left);
        CHECK(file.wording.digits == Digits::persian);
        CHECK(file.wording.calendar == Calendar::persian);
    }

    TEST_CASE("the english template reads left to right with latin digits and its logo")
    {
        PlacardTemplate look = load_template(assets_dir / "templates/english.toml");
        CHECK(look.wording.direction == TextDirection::left_to_right);
        CHECK(look.wording.digits == Digits::latin);
        CHECK(look.wording.calendar == Calendar::gregorian);
        CHECK(look.wording.honorific_male == "Mr");
        REQUIRE(look.logo != nullptr);
        CHECK(look.logo->aspect_ratio() == doctest::Approx(1.0));
    }

    TEST_CASE("the placard code sits outside the quiet zone and the logo inside the band")
    {
        PlacardTemplate look = load_template(assets_dir / "templates/english.toml");
        for (bool landscape : {false, true}) {
            look.landscape = landscape;
            look.qr_size_mm = landscape ? 60 : 64;
            for (int version : {1, 4, 10}) {
                CAPTURE(landscape);
                CAPTURE(version);
                PageLayout layout = compute_layout(look, 17 + 4 * version);
                CHECK_FALSE(overlaps(layout.placard_code, layout.quiet_zone));
                CHECK_FALSE(overlaps(layout.employee_code, layout.quiet_zone));
                CHECK_FALSE(overlaps(layout.call_to_action, layout.quiet_zone));
                CHECK_FALSE(overlaps(layout.logo, layout.agency));
                CHECK_FALSE(overlaps(layout.header, layout.agency));
                CHECK(layout.logo.y >= layout.header_band.y);
                CHECK(
                    layout.logo.y + layout.logo.height
                    <= layout.header_band.y + layout.header_band.height);
                CHECK(layout.logo.x < layout.agency.x);  // left to right: the logo comes first
            }
        }
    }

    TEST_CASE(
        "an integer key refuses a fraction, a string and a value out of range, with its place")
    {
        test::TempDir dir;
        std::string path = (dir / "site.toml").string();
        CHECK(
            error_of(dir, "[qr]\nmax_version = 1.5\n")
            == path
                   + ":2:15: 1.5 is not a whole number; expected an integer from 1 to 40 (field "
                     "\"qr.max_version\")");
        CHECK(
            error_of(dir, "[qr]\nmax_version = 41\n")
            == path
                   + ":2:15: 41 is out of range; expected an integer from 1 to 40 (field "
                     "\"qr.max_version\")");
        CHECK(
            error_of(dir, "[qr]\nmax_version = \"7\"\n")
            == path
                   + ":2:15: expected an integer from 1 to 40, found a string (field "
                     "\"qr.max_version\")");
        CHECK(
            error_of(dir, "[qr]\nmax_version = 0\n").find("expected an integer from 1 to 40")
            != std::string::npos);

        fs::path whole = dir.write("whole.toml", "[qr]\nmax_version = 12\n");
        CHECK(load_template(whole).max_version == 12);
    }

    TEST_CASE("the short domain must be a plain ascii host name")
    {
        test::TempDir dir;
        std::string path = (dir / "site.toml").string();
        fs::path plain = dir.write("plain.toml", "[survey]\nshort_domain = \"xn--mgba3a4f.ir\"\n");
        CHECK(load_template(plain).short_domain == "xn--mgba3a4f.ir");
        fs::path mixed =
            dir.write("mixed.toml", "[survey]\nshort_domain = \"Nazar-1.Example.ir\"\n");
        CHECK(load_template(mixed).short_domain == "Nazar-1.Example.ir");

        std::string persian = error_of(dir, "[survey]\nshort_domain = \"نظر.ir\"\n");
        CHECK(persian.starts_with(path + ":2:16: \"نظر.ir\" is not a plain host name:"));
        CHECK(persian.find("punycode") != std::string::npos);
        CHECK(persian.ends_with("(field \"survey.short_domain\")"));

        for (const char* bad :
             {"nazar.example.ir/s",
              "nazar example.ir",
              "https://nazar.ir",
              "nazar..ir",
              ".nazar.ir",
              "-nazar.ir",
              "nazar-.ir",
              "",
              "nazar.ir:8080",
              "n\\u202Eri.razan"}) {
            CAPTURE(bad);
            std::string message =
                error_of(dir, std::string("[survey]\nshort_domain = \"") + bad + "\"\n");
            CHECK(message.starts_with(path + ":2:16: "));
            CHECK(message.find("is not a plain host name") != std::string::npos);
            CHECK(message.ends_with("(field \"survey.short_domain\")"));
        }
        std::string long_label(64, 'a');
        CHECK_FALSE(error_of(dir, "[survey]\nshort_domain = \"" + long_label + ".ir\"\n").empty());
    }

    TEST_CASE("an empty font family or a font folder that is not there names the key")
    {
        test::TempDir dir;
        std::string path = (dir / "site.toml").string();

        std::string empty_family = error_of(dir, "[font]\nfamily = \"\"\n");
        CHECK(empty_family.starts_with(path + ":2:10: "));
        CHECK(empty_family.find("expected a font family name") != std::string::npos);
        CHECK(empty_family.ends_with("(field \"font.family\")"));

        std::string missing_dir = error_of(dir, "[font]\ndir = \"no-such-folder\"\n");
        CHECK(missing_dir.starts_with(path + ":2:7: "));
        CHECK(missing_dir.find("no-such-folder is not a folder") != std::string::npos);
        CHECK(missing_dir.ends_with("(field \"font.dir\")"));

        fs::create_directory(dir / "fonts");
        CHECK(error_of(dir, "[font]\ndir = \"fonts\"\n").empty());
    }

    TEST_CASE("an empty or malformed language tag is refused at its key, well-formed ones are kept")
    {
        test::TempDir dir;
        std::string path = (dir / "site.toml").string();

        std::string empty = error_of(dir, "[text]\nlanguage = \"\"\n");
        CHECK(
            empty
            == path
                   + ":2:12: is empty; expected a BCP 47 language tag such as \"fa\" or "
                     "\"fa-IR\" (field \"text.language\")");

        std::string underscore = error_of(dir, "[text]\nlanguage = \"fa_IR\"\n");
        CHECK(underscore.starts_with(path + ":2:12: \"fa_IR\" is not a language tag: "));
        CHECK(underscore.ends_with("such as \"fa\" or \"fa-IR\" (field \"text.language\")"));

        for (const char* malformed :
             {"f", "fa-", "-fa", "fa--IR", "fa IR", "12", "fars", "fa-abcdefghi", "فا"}) {
            CAPTURE(malformed);
            std::string message =
                error_of(dir, std::string("[text]\nlanguage = \"") + malformed + "\"\n");
            CHECK(message.starts_with(path + ":2:12: "));
            CHECK(message.find("is not a language tag") != std::string::npos);
            CHECK(message.ends_with("(field \"text.language\")"));
        }

        for (const char* well_formed : {"fa", "fa-IR", "en", "ckb-IQ", "zh-Hant-TW", "fa-Arab"}) {
            CAPTURE(well_formed);
            fs::path file =
                dir.write("ok.toml", std::string("[text]\nlanguage = \"") + well_formed + "\"\n");
            CHECK(load_template(file).wording.language == well_formed);
        }
    }

    TEST_CASE("every number out of range names the file, line, column, key and the range")
    {
        test::TempDir dir;
        std::string path = (dir / "site.toml").string();
        const std::vector<std::pair<std::string, std::string>> too_large = {
            {"[qr]\nsize_mm = 88.5\n", "expected 10 to 88 (field \"qr.size_mm\")"},
            {"[page]\norientation = \"landscape\"\n[qr]\nsize_mm = 92\n",
             "expected 10 to 91 (field \"qr.size_mm\")"},
            {"[qr]\nmin_module_mm = 3.5\n", "expected 0.1 to 3 (field \"qr.min_module_mm\")"},
            {"[font]\nagency_pt = 41\n", "expected 6 to 40 (field \"font.agency_pt\")"},
            {"[font]\nname_pt = 49\n", "expected 8 to 48 (field \"font.name_pt\")"},
            {"[font]\ndetail_pt = 31\n", "expected 6 to 30 (field \"font.detail_pt\")"},
            {"[font]\ncall_to_action_pt = 31\n",
             "expected 6 to 30 (field \"font.call_to_action_pt\")"},
            {"[font]\ncode_pt = 21\n", "expected 6 to 20 (field \"font.code_pt\")"},
        };
        // A reference, not a structured binding: clang 14 cannot capture one in CAPTURE.
        for (const auto& entry : too_large) {
            const std::string& text = entry.first;
            CAPTURE(text);
            std::string message = error_of(dir, text);
            CHECK(message.starts_with(path + ":"));
            CHECK(message.find("is out of range") != std::string::npos);
            CHECK(message.ends_with(entry.second));
        }

        // The top of each documented range is accepted.
        fs::path tops = dir.write(
            "tops.toml",
            "[qr]\nsize_mm = 88\nmin_module_mm = 0.1\n[font]\nagency_pt = 40\nname_pt = 48\n"
            "detail_pt = 30\ncall_to_action_pt = 30\ncode_pt = 20\n");
        CHECK(load_template(tops).qr_size_mm == 88);
        fs::path landscape = dir.write(
            "landscape.toml", "[page]\norientation = \"landscape\"\n[qr]\nsize_mm = 91\n");
        CHECK(load_template(landscape).qr_size_mm == 91);

        // A smallest module that no version reaches at this size could never print.
        std::string unreachable = error_of(dir, "[qr]\nsize_mm = 40\nmin_module_mm = 3\n");
        CHECK(
            unreachable
            == path
                   + ":3:17: 3 mm cannot be met: a 40 mm QR code has modules of at most 1.90 mm "
                     "(version 1); expected 0.1 to 1.90 with this qr.size_mm (field "
                     "\"qr.min_module_mm\")");
    }

    TEST_CASE("the qr room the template promises is the room the page layout has")
    {
        PlacardTemplate look;
        for (bool landscape : {false, true}) {
            look.landscape = landscape;
            for (int version : {1, 2, 5, 10, 25, 40}) {
                CAPTURE(landscape);
                CAPTURE(version);
                int modules = modules_of_version(version);
                double largest = largest_qr_size_mm(landscape, modules);
                look.qr_size_mm = largest - 0.001;
                CHECK_NOTHROW(compute_layout(look, modules));
                CHECK_NOTHROW(check_qr_fits(look, version));
                look.qr_size_mm = largest + 0.01;
                CHECK_THROWS_AS(compute_layout(look, modules), Error);
                CHECK_THROWS_AS(check_qr_fits(look, version), Error);
            }
        }
    }

    TEST_CASE("a qr code too large for its version is refused at the template's key")
    {
        test::TempDir dir;
        fs::path path =
            dir.write("site.toml", "[page]\norientation = \"portrait\"\n\n[qr]\nsize_mm = 80\n");
        PlacardTemplate look = load_template(path);
        CHECK_NOTHROW(check_qr_fits(look, 40));
        std::string message;
        try {
            check_qr_fits(look, 3);
        } catch (const Error& error) {
            message = error.what();
        }
        CHECK(
            message
            == path.string()
                   + ":5:11: a 80 mm QR code of version 3 (29 modules) takes 102.1 mm with its "
                     "quiet zone of 4 modules a side, more than the 93 mm a portrait page has for "
                     "it; expected 10 to 72.8 for version 3 (field \"qr.size_mm\")");
    }
}
