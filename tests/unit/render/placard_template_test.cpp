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
        CHECK(error_of(dir, "[logo]\nfile = \"broken.png\"\n").find("as PNG") != std::string::npos);
        CHECK(error_of(dir, "[logo]\nfile = \"broken.svg\"\n").find("as SVG") != std::string::npos);
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
            == path + ":2:11: 500 is out of range; expected 10 to 120 (field \"qr.size_mm\")");
        CHECK(
            error_of(dir, "[brand]\ncolour = \"teal\"\n")
            == path
                   + ":2:10: \"teal\" is not a colour; expected the form #RRGGBB (field "
                     "\"brand.colour\")");
        CHECK(error_of(dir, "[qr]\nsize_mm = = 3\n").rfind(path + ":2:", 0) == 0);
        CHECK(error_of(dir, "title = \"x\"\n").find("outside any table") != std::string::npos);
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
}
