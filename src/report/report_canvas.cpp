#include "report/report_canvas.hpp"

#include "render/font_setup.hpp"

#include <cairo.h>
#include <pango/pangocairo.h>

namespace placard::report {

ReportCanvas::ReportCanvas(const render::FontSetup& fonts, cairo_t* cr)
    : cr_(cr)
    , family_(fonts.requested_family())
{
    pango_ = pango_font_map_create_context(fonts.font_map());
    pango_context_set_base_dir(pango_, PANGO_DIRECTION_RTL);
    pango_context_set_language(pango_, pango_language_from_string("fa-IR"));

    // A report is printed or zoomed, never shown at one size: no hinting, no rounding.
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options(pango_, options);
    cairo_font_options_destroy(options);
    pango_cairo_update_context(cr_, pango_);

    // The context's direction, not the text's first letter, decides each line's
    // direction, so a cell that starts with a Latin code still reads right to left
    // and LEFT and RIGHT keep their plain meaning.
    layout_ = pango_layout_new(pango_);
    pango_layout_set_auto_dir(layout_, FALSE);
    pango_layout_set_ellipsize(layout_, PANGO_ELLIPSIZE_END);
    pango_layout_set_single_paragraph_mode(layout_, TRUE);
}

ReportCanvas::~ReportCanvas()
{
    g_object_unref(layout_);
    g_object_unref(pango_);
}

void ReportCanvas::text(
    std::string_view text, double x, double y, double width, double size, Align align, bool bold)
{
    PangoFontDescription* font = pango_font_description_new();
    pango_font_description_set_family(font, family_.c_str());
    pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
    pango_layout_set_font_description(layout_, font);
    pango_font_description_free(font);

    pango_layout_set_text(layout_, text.data(), static_cast<int>(text.size()));
    pango_layout_set_width(layout_, static_cast<int>(width * PANGO_SCALE));
    PangoAlignment alignment = align == Align::start    ? PANGO_ALIGN_RIGHT
                               : align == Align::centre ? PANGO_ALIGN_CENTER
                                                        : PANGO_ALIGN_LEFT;
    pango_layout_set_alignment(layout_, alignment);
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, layout_);
}

void ReportCanvas::rectangle(double x, double y, double width, double height, Rgb colour)
{
    cairo_save(cr_);
    cairo_set_source_rgb(cr_, colour.red, colour.green, colour.blue);
    cairo_rectangle(cr_, x, y, width, height);
    cairo_fill(cr_);
    cairo_restore(cr_);
}

void ReportCanvas::colour(Rgb colour)
{
    cairo_set_source_rgb(cr_, colour.red, colour.green, colour.blue);
}

}  // namespace placard::report
