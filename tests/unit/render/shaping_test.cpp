// Persian shaping through Pango and HarfBuzz with the placard font: letters join, ZWNJ
// breaks the join without drawing anything, and lam-alef becomes one glyph.
#include "render/font_setup.hpp"

#include <cairo.h>
#include <doctest/doctest.h>
#include <pango/pangocairo.h>

#include <string>
#include <vector>

using namespace placard::render;

namespace {

const std::string zwnj = "\u200C";

// Lays out `text` right to left in the placard font.
struct ShapedText {
    PangoContext* context;
    PangoLayout* layout;

    ShapedText(const FontSetup& fonts, const std::string& text)
        : context(pango_font_map_create_context(fonts.font_map()))
        , layout(nullptr)
    {
        pango_context_set_base_dir(context, PANGO_DIRECTION_RTL);
        layout = pango_layout_new(context);
        PangoFontDescription* font = pango_font_description_from_string("Vazirmatn 40px");
        pango_layout_set_font_description(layout, font);
        pango_font_description_free(font);
        pango_layout_set_text(layout, text.c_str(), -1);
    }

    ~ShapedText()
    {
        g_object_unref(layout);
        g_object_unref(context);
    }

    std::vector<unsigned char> pixels() const
    {
        cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_A8, 600, 80);
        cairo_t* cr = cairo_create(surface);
        pango_cairo_show_layout(cr, layout);
        cairo_surface_flush(surface);
        const unsigned char* data = cairo_image_surface_get_data(surface);
        std::vector<unsigned char> copy(data, data + cairo_image_surface_get_stride(surface) * 80);
        cairo_destroy(cr);
        cairo_surface_destroy(surface);
        return copy;
    }

    int glyph_count() const
    {
        int glyphs = 0;
        PangoLayoutLine* line = pango_layout_get_line_readonly(layout, 0);
        for (GSList* run = line->runs; run != nullptr; run = run->next) {
            glyphs += static_cast<PangoGlyphItem*>(run->data)->glyphs->num_glyphs;
        }
        return glyphs;
    }
};

std::string isolate_every_letter(const std::string& word)
{
    // Every Persian letter here is two bytes in UTF-8.
    std::string isolated;
    for (std::size_t i = 0; i < word.size(); i += 2) {
        isolated += word.substr(i, 2) + zwnj;
    }
    return isolated;
}

}  // namespace

TEST_SUITE("render")
{
    TEST_CASE("persian names are drawn joined, not as isolated letters")
    {
        FontSetup fonts("Vazirmatn", default_font_dir());
        REQUIRE(fonts.family_available());
        for (std::string name : {"مهدی", "ژیلا", "علی"}) {
            CAPTURE(name);
            ShapedText joined(fonts, name);
            ShapedText isolated(fonts, isolate_every_letter(name));
            CHECK(pango_layout_get_unknown_glyphs_count(joined.layout) == 0);
            CHECK(joined.pixels() != isolated.pixels());
        }
    }

    TEST_CASE("zwnj breaks the join in a compound word and draws nothing")
    {
        FontSetup fonts("Vazirmatn", default_font_dir());
        ShapedText with_zwnj(fonts, "نرم" + zwnj + "افزار");
        ShapedText without(fonts, "نرمافزار");
        CHECK(with_zwnj.pixels() != without.pixels());
        CHECK(pango_layout_get_unknown_glyphs_count(with_zwnj.layout) == 0);
        CHECK(fonts.first_missing_character("نرم" + zwnj + "افزار") == 0);
    }

    TEST_CASE("lam-alef at the end of a name is one glyph in the placard font")
    {
        FontSetup fonts("Vazirmatn", default_font_dir());
        ShapedText lam_alef(fonts, "لا");
        CHECK(lam_alef.glyph_count() == 1);
        ShapedText name(fonts, "ژیلا");
        CHECK(name.glyph_count() == 3);  // zhe, yeh, and the lam-alef ligature
    }

    TEST_CASE("characters the placard font lacks are found before anything is drawn")
    {
        FontSetup fonts("Vazirmatn", default_font_dir());
        CHECK(fonts.first_missing_character("کارشناس \U0001F4CB") == U'\U0001F4CB');
        CHECK(fonts.missing_character_count("کارشناس \U0001F4CB\U0001F4CB") == 2);
        CHECK(fonts.first_missing_character("Sara Test 123 ۱۲۳") == 0);
    }

    TEST_CASE("a missing font family is reported, not silently substituted")
    {
        FontSetup fonts("No Such Family Placard", default_font_dir());
        CHECK_FALSE(fonts.family_available());
        CHECK(fonts.resolved_family() != "No Such Family Placard");
    }
}
