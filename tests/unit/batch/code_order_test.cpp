// Codes in right-to-left placard lines are shown in the order they are typed: laid out
// by Pango as the painter lays them out, the parts of a hyphenated code go from left to
// right.
#include "batch/placard_text.hpp"
#include "render/font_setup.hpp"

#include <doctest/doctest.h>
#include <pango/pangocairo.h>

#include <string>
#include <vector>

using namespace placard;

namespace {

// Where each of `parts` (in the order given) starts on the page, left to right in
// Pango units, when `text` is laid out right to left.
std::vector<int> part_positions(
    const render::FontSetup& fonts, const std::string& text, const std::vector<std::string>& parts)
{
    PangoContext* context = pango_font_map_create_context(fonts.font_map());
    pango_context_set_base_dir(context, PANGO_DIRECTION_RTL);
    PangoLayout* layout = pango_layout_new(context);
    PangoFontDescription* font = pango_font_description_from_string("Vazirmatn 20px");
    pango_layout_set_font_description(layout, font);
    pango_font_description_free(font);
    pango_layout_set_text(layout, text.c_str(), -1);

    std::vector<int> positions;
    for (const std::string& part : parts) {
        const std::size_t at = text.find(part);
        REQUIRE(at != std::string::npos);
        PangoRectangle where{};
        pango_layout_index_to_pos(layout, static_cast<int>(at), &where);
        // A right-to-left glyph's box has a negative width: take its left edge.
        positions.push_back(where.width < 0 ? where.x + where.width : where.x);
    }
    g_object_unref(layout);
    g_object_unref(context);
    return positions;
}

bool left_to_right(const std::vector<int>& positions)
{
    for (std::size_t at = 1; at < positions.size(); ++at) {
        if (positions[at - 1] >= positions[at]) {
            return false;
        }
    }
    return true;
}

}  // namespace

TEST_SUITE("batch")
{
    TEST_CASE("a batch id and an employee code read left to right in persian lines")
    {
        render::FontSetup fonts("Vazirmatn", render::default_font_dir());
        REQUIRE(fonts.family_available());
        render::PlacardTemplate look;  // Persian, right to left, Persian digits
        const std::vector<std::string> batch_parts = {"20261205", "010913", "1C45"};

        std::string footer = batch::footer_line(look, "20261205-010913-1C45", 1796371200);
        CHECK(left_to_right(part_positions(fonts, footer, batch_parts)));

        roster::Employee employee;
        employee.employee_code = "K7-2024-19";
        employee.first_name = "مریم";
        employee.last_name = "احمدی";
        const std::string url =
            "https://survey.example.ir/S/T1/K7-2024-19/1/KQ6ZABCDEFGHIJKLMNOPQRSTUV";
        render::PlacardText text =
            batch::compose_text(employee, look, url, "https://survey.example.ir/S");
        CHECK(left_to_right(part_positions(fonts, text.employee_code_line, {"K7", "2024", "19"})));

        // Without the isolation the same line shows the parts in reverse: the test sees it.
        const std::string bare = look.wording.batch_label + " 20261205-010913-1C45";
        CHECK_FALSE(left_to_right(part_positions(fonts, bare, batch_parts)));
    }
}
