#include "render/sheet_painter.hpp"

#include <cairo.h>
#include <pango/pangocairo.h>

namespace placard::render {

namespace {

constexpr double points_per_mm = 72.0 / 25.4;
constexpr double mark_width_points = 0.25;  // a hairline that every printer still shows
constexpr double footer_size_points = 7;

}  // namespace

SheetPainter::SheetPainter(
    const PlacardTemplate& look,
    const FontSetup& fonts,
    cairo_t* cr,
    const SheetGeometry& sheet,
    const PageLayout& placard)
    : look_(look)
    , cr_(cr)
    , sheet_(sheet)
    , header_band_(placard.header_band)
{
    if (sheet_.footer.height <= 0) {
        return;
    }
    PangoContext* context = pango_font_map_create_context(fonts.font_map());
    pango_cairo_update_context(cr_, context);
    text_layout_ = pango_layout_new(context);
    g_object_unref(context);

    PangoFontDescription* font = pango_font_description_new();
    pango_font_description_set_family(font, look_.font_family.c_str());
    pango_font_description_set_absolute_size(font, footer_size_points * PANGO_SCALE);
    pango_layout_set_font_description(text_layout_, font);
    pango_font_description_free(font);
    pango_layout_set_ellipsize(text_layout_, PANGO_ELLIPSIZE_MIDDLE);
    pango_layout_set_width(
        text_layout_, static_cast<int>(sheet_.footer.width * points_per_mm * PANGO_SCALE));
}

SheetPainter::~SheetPainter()
{
    if (text_layout_ != nullptr) {
        g_object_unref(text_layout_);
    }
}

void SheetPainter::begin_slot(int slot)
{
    const SheetBox& trim = sheet_.slots[static_cast<std::size_t>(slot)].trim;
    cairo_save(cr_);
    cairo_translate(cr_, trim.x * points_per_mm, trim.y * points_per_mm);

    // The header band is the only colour that reaches the placard's edge: it runs on
    // into the bleed, so a cut a little off leaves no white line.
    const double bleed = sheet_.bleed_mm * points_per_mm;
    if (bleed > 0) {
        cairo_set_source_rgb(cr_, look_.brand.red, look_.brand.green, look_.brand.blue);
        cairo_rectangle(
            cr_,
            -bleed,
            -bleed,
            trim.width * points_per_mm + 2 * bleed,
            header_band_.y + header_band_.height + bleed);
        cairo_fill(cr_);
    }
}

void SheetPainter::end_slot()
{
    cairo_restore(cr_);
}

void SheetPainter::stroke_lines(const std::vector<SheetLine>& lines, bool dashed, bool halo)
{
    if (lines.empty()) {
        return;
    }
    cairo_save(cr_);
    if (halo) {
        // A line across the placard also crosses its dark header band: a white edge on
        // both sides keeps it visible there.
        cairo_set_source_rgb(cr_, 1, 1, 1);
        cairo_set_line_width(cr_, 4 * mark_width_points);
        for (const SheetLine& line : lines) {
            cairo_move_to(cr_, line.from.x * points_per_mm, line.from.y * points_per_mm);
            cairo_line_to(cr_, line.to.x * points_per_mm, line.to.y * points_per_mm);
        }
        cairo_stroke(cr_);
    }
    cairo_set_source_rgb(cr_, 0, 0, 0);
    cairo_set_line_width(cr_, mark_width_points);
    const double dash[] = {3 * points_per_mm, 2 * points_per_mm};
    cairo_set_dash(cr_, dash, dashed ? 2 : 0, 0);
    for (const SheetLine& line : lines) {
        cairo_move_to(cr_, line.from.x * points_per_mm, line.from.y * points_per_mm);
        cairo_line_to(cr_, line.to.x * points_per_mm, line.to.y * points_per_mm);
    }
    cairo_stroke(cr_);
    cairo_restore(cr_);
}

void SheetPainter::finish_sheet(const std::vector<bool>& filled, const std::string& footer)
{
    std::vector<SheetLine> marks;
    for (std::size_t slot = 0; slot < sheet_.slots.size(); ++slot) {
        if (slot < filled.size() && filled[slot]) {
            const std::vector<SheetLine>& own = sheet_.slots[slot].crop_marks;
            marks.insert(marks.end(), own.begin(), own.end());
        }
    }
    stroke_lines(marks, false, false);
    stroke_lines(sheet_.cut_lines, true, true);
    stroke_lines(sheet_.cut_ticks, false, true);
    draw_footer(footer);
}

void SheetPainter::draw_footer(const std::string& footer)
{
    if (text_layout_ == nullptr || footer.empty()) {
        return;
    }
    pango_layout_set_text(text_layout_, footer.c_str(), static_cast<int>(footer.size()));
    int height = 0;
    pango_layout_get_size(text_layout_, nullptr, &height);
    const SheetBox& box = sheet_.footer;
    double top = box.y * points_per_mm + (box.height * points_per_mm - height / double(PANGO_SCALE)) / 2;
    cairo_save(cr_);
    cairo_set_source_rgb(cr_, 0, 0, 0);
    cairo_move_to(cr_, box.x * points_per_mm, top);
    pango_cairo_show_layout(cr_, text_layout_);
    cairo_restore(cr_);
}

}  // namespace placard::render
