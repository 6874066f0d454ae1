#include "render/placard_painter.hpp"

#include "render/logo.hpp"
#include "util/error.hpp"

#include <cairo.h>
#include <fmt/format.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace placard::render {

namespace {

constexpr double points_per_mm = 72.0 / 25.4;
constexpr double margin_mm = 10;
constexpr int quiet_zone_modules = 4;

// Forms for recurring text blocks: enough for the agencies, offices and job titles of a
// large roster, and a cap on what the painter and the PDF surface hold in memory.
constexpr std::size_t max_recurring_forms = 512;
constexpr std::size_t max_first_sightings = 8192;

// zlib's level for the QR streams placard writes: the size of Cairo's own streams (level
// 6) for about 70 % of the work (docs/performance.md).
constexpr int qr_deflate_level = 5;

using SurfacePtr = std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)>;
using ContextPtr = std::unique_ptr<cairo_t, decltype(&cairo_destroy)>;

void set_colour(cairo_t* cr, const Colour& colour)
{
    cairo_set_source_rgb(cr, colour.red, colour.green, colour.blue);
}

Box mm_box(double x, double y, double width, double height)
{
    return Box{x * points_per_mm, y * points_per_mm, width * points_per_mm, height * points_per_mm};
}

// Places the symbol with its quiet zone whose top left corner is (x, y) in mm.
void place_symbol(PageLayout& layout, double x, double y, double symbol_mm, int modules)
{
    double module_mm = symbol_mm / modules;
    double quiet_mm = quiet_zone_modules * module_mm;
    layout.module = module_mm * points_per_mm;
    layout.quiet_zone = mm_box(x, y, symbol_mm + 2 * quiet_mm, symbol_mm + 2 * quiet_mm);
    layout.symbol = mm_box(x + quiet_mm, y + quiet_mm, symbol_mm, symbol_mm);
}

// The header band holds the agency (and the template's header line above it), with the
// logo at the side where reading starts. The text keeps clear of the logo on both sides,
// so it stays centred on the page.
void layout_header(
    PageLayout& layout, const PlacardTemplate& look, double band_mm, double agency_mm)
{
    const double page_mm = look.page_width_mm();
    layout.header_band = mm_box(0, 0, page_mm, band_mm);
    double inset = 0;
    if (look.logo) {
        double height = std::min(look.logo_height_mm, band_mm - 4);
        double width = std::min(height * look.logo->aspect_ratio(), 40.0);
        bool at_right = look.wording.direction == TextDirection::right_to_left;
        double x = at_right ? page_mm - margin_mm - width : margin_mm;
        layout.logo = mm_box(x, (band_mm - height) / 2, width, height);
        inset = width + 3;
    }
    const double text_x = margin_mm + inset;
    const double text_width = page_mm - 2 * text_x;
    if (look.wording.header.empty()) {
        layout.agency = mm_box(text_x, (band_mm - agency_mm) / 2, text_width, agency_mm);
        return;
    }
    layout.header = mm_box(text_x, band_mm * 0.08, text_width, band_mm * 0.27);
    layout.agency = mm_box(text_x, band_mm * 0.36, text_width, band_mm * 0.55);
}

void layout_portrait(PageLayout& layout, const PlacardTemplate& look, int modules)
{
    const double width = look.page_width_mm() - 2 * margin_mm;
    layout_header(layout, look, 26, 16);
    layout.name = mm_box(margin_mm, 31, width, 17);
    layout.title = mm_box(margin_mm, 49, width, 9);
    layout.office = mm_box(margin_mm, 58, width, 8);

    double quiet_side = look.qr_size_mm * (1 + 2.0 * quiet_zone_modules / modules);
    place_symbol(layout, (look.page_width_mm() - quiet_side) / 2, 68, look.qr_size_mm, modules);
    // The placard code sits just under the quiet zone, not inside it.
    layout.placard_code = mm_box(margin_mm, 68 + quiet_side + 0.5, width, 6);
    double below = 68 + quiet_side + 7;
    layout.call_to_action = mm_box(margin_mm, below, width, 10);
    layout.employee_code = mm_box(margin_mm, below + 10, width, 8);
    layout.reference_bar = mm_box(margin_mm, 188, 50, 2);
    layout.footer = mm_box(margin_mm, 196, width, 7);
    if (below + 18 > 186) {
        throw Error(fmt::format(
            "a {} mm QR code leaves no room for the text below it on a portrait page; use "
            "a smaller qr.size_mm",
            look.qr_size_mm));
    }
}

void layout_landscape(PageLayout& layout, const PlacardTemplate& look, int modules)
{
    layout_header(layout, look, 22, 14);

    double quiet_side = look.qr_size_mm * (1 + 2.0 * quiet_zone_modules / modules);
    place_symbol(layout, margin_mm, 28, look.qr_size_mm, modules);
    double text_x = margin_mm + quiet_side + 6;
    double text_width = look.page_width_mm() - margin_mm - text_x;
    if (text_width < 60 || 28 + quiet_side > 124) {
        throw Error(fmt::format(
            "a {} mm QR code leaves no room for the text beside it on a landscape page; use "
            "qr.size_mm of at most 70",
            look.qr_size_mm));
    }
    layout.name = mm_box(text_x, 30, text_width, 16);
    layout.title = mm_box(text_x, 48, text_width, 9);
    layout.office = mm_box(text_x, 57, text_width, 8);
    layout.call_to_action = mm_box(text_x, 72, text_width, 16);
    layout.employee_code = mm_box(text_x, 90, text_width, 8);
    layout.placard_code = mm_box(text_x, 99, text_width, 8);
    layout.reference_bar = mm_box(margin_mm, 128, 50, 2);
    layout.footer = mm_box(margin_mm, 136, look.page_width_mm() - 2 * margin_mm, 7);
}

// All the outlines as one path in module units: the caller fills it once.
void trace_qr_path(cairo_t* cr, const qr::Outlines& outlines)
{
    for (std::size_t loop = 0; loop < outlines.loop_count(); ++loop) {
        const qr::Point* corner = &outlines.corners[outlines.loop_begin(loop)];
        const qr::Point* end = outlines.corners.data() + outlines.loop_ends[loop];
        cairo_move_to(cr, corner->x, corner->y);
        for (++corner; corner != end; ++corner) {
            cairo_line_to(cr, corner->x, corner->y);
        }
        cairo_close_path(cr);
    }
}

}  // namespace

PageLayout compute_layout(const PlacardTemplate& look, int qr_width_modules)
{
    PageLayout layout;
    layout.page_width = look.page_width_mm() * points_per_mm;
    layout.page_height = look.page_height_mm() * points_per_mm;
    if (look.landscape) {
        layout_landscape(layout, look, qr_width_modules);
    } else {
        layout_portrait(layout, look, qr_width_modules);
    }
    return layout;
}

PlacardPainter::PlacardPainter(
    const PlacardTemplate& look,
    const FontSetup& fonts,
    cairo_t* cr,
    const PageLayout& layout,
    const std::string& footer,
    QrStreamList* qr_streams)
    : look_(look)
    , cr_(cr)
    , layout_(layout)
    , recurring_(max_recurring_forms, max_first_sightings)
    , qr_streams_(qr_streams)
{
    if (qr_streams_ != nullptr) {
        qr_writer_ = std::make_unique<qr::QrStreamWriter>(qr_deflate_level);
    }
    context_ = pango_font_map_create_context(fonts.font_map());
    bool left_to_right = look_.wording.direction == TextDirection::left_to_right;
    pango_context_set_base_dir(context_, left_to_right ? PANGO_DIRECTION_LTR : PANGO_DIRECTION_RTL);
    pango_context_set_language(
        context_, pango_language_from_string(look_.wording.language.c_str()));

    // Placards are printed, not shown on a screen: lay text out without hinting or
    // rounding to device pixels, so the PDF looks the same at every print resolution.
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options(context_, options);
    cairo_font_options_destroy(options);
    pango_cairo_update_context(cr_, context_);

    text_layout_ = pango_layout_new(context_);
    pango_layout_set_auto_dir(text_layout_, FALSE);
    pango_layout_set_alignment(text_layout_, PANGO_ALIGN_CENTER);
    pango_layout_set_wrap(text_layout_, PANGO_WRAP_WORD_CHAR);

    regular_font_ = pango_font_description_new();
    pango_font_description_set_family(regular_font_, look_.font_family.c_str());
    bold_font_ = pango_font_description_copy(regular_font_);
    pango_font_description_set_weight(bold_font_, PANGO_WEIGHT_BOLD);

    try {
        record_fixed_parts(footer);
    } catch (...) {
        release();
        throw;
    }
}

PlacardPainter::~PlacardPainter()
{
    release();
}

void PlacardPainter::release()
{
    cairo_surface_destroy(fixed_parts_);
    pango_font_description_free(bold_font_);
    pango_font_description_free(regular_font_);
    g_object_unref(text_layout_);
    g_object_unref(context_);
}

void PlacardPainter::paint(const PlacardText& text, const qr::QrSymbol& symbol)
{
    cairo_set_source_surface(cr_, fixed_parts_, 0, 0);
    cairo_paint(cr_);

    const FontSizes& sizes = look_.font_sizes;
    const TextStyle agency{sizes.agency, sizes.agency * 0.6, true, 2};
    draw_recurring_text(text.agency, layout_.agency, agency, look_.header_text, "agency");

    // An empty job title or office leaves no gap: the lines below it move up.
    const TextStyle detail{sizes.detail, sizes.detail * 0.57, false, 1};
    Box next_line = layout_.title;
    for (const auto* line : {&text.job_title, &text.office}) {
        if (!line->empty()) {
            draw_recurring_text(*line, next_line, detail, look_.body_text, "job title or office");
            next_line = layout_.office;
        }
    }

    set_colour(cr_, look_.body_text);
    draw_text(cr_, text.full_name, layout_.name, {sizes.name, sizes.name / 2, true, 2}, "name");
    const TextStyle code{sizes.code, sizes.code * 2 / 3, false, 1};
    draw_text(cr_, text.employee_code_line, layout_.employee_code, code, "employee code");
    if (!text.placard_code_line.empty()) {
        draw_text(cr_, text.placard_code_line, layout_.placard_code, code, "placard code");
    }

    draw_qr(symbol);
}

void PlacardPainter::draw_recurring_text(
    const std::string& text,
    const Box& box,
    const TextStyle& style,
    const Colour& colour,
    const char* what)
{
    // The box is part of the key: an office moves up into the job title's box when the
    // title is empty.
    const std::string key = fmt::format("{:.2f},{:.2f}:{}", box.x, box.y, text);
    cairo_surface_t* form = recurring_.find(key);
    if (form == nullptr && recurring_.worth_a_form(key)) {
        form = record_text_form(text, box, style, colour, what);
        recurring_.add(key, form);
    }

    if (form == nullptr) {
        set_colour(cr_, colour);
        draw_text(cr_, text, box, style, what);
        return;
    }
    cairo_set_source_surface(cr_, form, 0, 0);
    cairo_paint(cr_);
}

cairo_surface_t* PlacardPainter::record_text_form(
    const std::string& text,
    const Box& box,
    const TextStyle& style,
    const Colour& colour,
    const char* what)
{
    // The form spans the page, in page coordinates, so it is painted at the origin and
    // nothing that Pango draws a little outside the box is cut off.
    cairo_rectangle_t page{0, 0, layout_.page_width, layout_.page_height};
    SurfacePtr form(
        cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &page), &cairo_surface_destroy);
    ContextPtr cr(cairo_create(form.get()), &cairo_destroy);
    set_colour(cr.get(), colour);
    draw_text(cr.get(), text, box, style, what);
    return form.release();
}

void PlacardPainter::record_fixed_parts(const std::string& footer)
{
    cairo_rectangle_t page{0, 0, layout_.page_width, layout_.page_height};
    fixed_parts_ = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &page);
    ContextPtr owner(cairo_create(fixed_parts_), &cairo_destroy);
    cairo_t* cr = owner.get();

    const Box& band = layout_.header_band;
    set_colour(cr, look_.brand);
    cairo_rectangle(cr, band.x, band.y, band.width, band.height);
    cairo_fill(cr);
    record_header(cr);

    const Box& bar = layout_.reference_bar;
    cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
    cairo_rectangle(cr, bar.x, bar.y, bar.width, bar.height);
    cairo_fill(cr);
    Box label{
        bar.x + bar.width + 2 * points_per_mm,
        bar.y - 2 * points_per_mm,
        layout_.page_width - bar.x - bar.width - 12 * points_per_mm,
        6 * points_per_mm};
    draw_text(cr, look_.wording.ruler_label, label, {7, 4, false, 1}, "reference bar label");
    draw_text(cr, footer, layout_.footer, {8, 5, false, 1}, "footer");

    set_colour(cr, look_.brand);
    const double size = look_.font_sizes.call_to_action;
    draw_text(
        cr,
        look_.wording.call_to_action,
        layout_.call_to_action,
        {size, size * 0.57, true, 2},
        "call to action");

    cairo_status_t status = cairo_status(cr);
    if (status != CAIRO_STATUS_SUCCESS) {
        throw Error(fmt::format(
            "cairo could not draw the fixed parts of the page: {}",
            cairo_status_to_string(status)));
    }
}

// The logo and the header line are the same on every page: they are recorded with the
// other fixed parts, so each part's PDF holds the logo's image or paths once (and the
// merged file once in all, see record_logo).
void PlacardPainter::record_header(cairo_t* cr)
{
    if (look_.logo) {
        record_logo(cr);
    }
    if (!look_.wording.header.empty()) {
        const double size = look_.font_sizes.agency * 0.7;
        set_colour(cr, look_.header_text);
        draw_text(cr, look_.wording.header, layout_.header, {size, size * 0.6, false, 1}, "header");
    }
}

// The logo is drawn into a form of its own, nested in the fixed parts' form: its bytes do
// not depend on the text around it, so each part of a batch writes the same form, and
// PdfMerger keeps one copy for the whole file. Drawn straight into the fixed parts, an SVG
// logo's paths would be written again in every part.
void PlacardPainter::record_logo(cairo_t* cr)
{
    const Box& box = layout_.logo;
    cairo_rectangle_t extents{box.x, box.y, box.width, box.height};
    SurfacePtr form(
        cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents),
        &cairo_surface_destroy);
    ContextPtr logo(cairo_create(form.get()), &cairo_destroy);
    look_.logo->draw(logo.get(), box.x, box.y, box.width, box.height);
    cairo_set_source_surface(cr, form.get(), 0, 0);
    cairo_paint(cr);
}

int PlacardPainter::fit_text(
    const std::string& text, const Box& box, const TextStyle& style, const char* what)
{
    PangoFontDescription* font = style.bold ? bold_font_ : regular_font_;
    pango_layout_set_text(text_layout_, text.c_str(), static_cast<int>(text.size()));

    // Largest size at which the text fits its box, one line if it can, else wrapped up to
    // max_lines. Long names shrink; nothing is clipped or runs off the box. Unhinted text
    // scales in proportion to its size, so one step usually lands on the size that fits:
    // each step costs a full shaping of the text.
    double size = style.max_size;
    int width = 0;
    int height = 0;
    for (int attempt = 0; attempt < 40; ++attempt) {
        pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
        pango_layout_set_font_description(text_layout_, font);
        bool wrap = size <= style.min_size && style.max_lines > 1;
        pango_layout_set_width(text_layout_, wrap ? static_cast<int>(box.width * PANGO_SCALE) : -1);
        pango_layout_get_size(text_layout_, &width, &height);
        bool fits = width <= box.width * PANGO_SCALE && height <= box.height * PANGO_SCALE
                    && pango_layout_get_line_count(text_layout_) <= style.max_lines;
        if (fits) {
            break;
        }
        double scale = std::min(box.width * PANGO_SCALE / width, box.height * PANGO_SCALE / height);
        size = std::max(size * std::min(scale * 0.995, 0.97), style.min_size * (wrap ? 0.9 : 1.0));
        if (size < style.min_size * 0.5) {
            throw Error(fmt::format("the {} is too long to fit its box at a readable size", what));
        }
    }
    if (pango_layout_get_unknown_glyphs_count(text_layout_) > 0) {
        throw Error(fmt::format("the {} holds characters the placard font cannot draw", what));
    }
    return height;
}

void PlacardPainter::draw_text(
    cairo_t* cr, const std::string& text, const Box& box, const TextStyle& style, const char* what)
{
    int height = fit_text(text, box, style, what);

    // Centre the block in its box. A wrapped layout has the box's width and Pango centres
    // each line in it; a single line is centred here, since giving it the box's width
    // would make Pango lay the text out a second time.
    double x = box.x;
    if (pango_layout_get_width(text_layout_) < 0) {
        PangoRectangle logical;
        pango_layout_get_extents(text_layout_, nullptr, &logical);
        x +=
            (box.width - logical.width / double(PANGO_SCALE)) / 2 - logical.x / double(PANGO_SCALE);
    }
    cairo_move_to(cr, x, box.y + (box.height - height / double(PANGO_SCALE)) / 2);
    pango_cairo_show_layout(cr, text_layout_);
}

void PlacardPainter::draw_qr(const qr::QrSymbol& symbol)
{
    // The symbol is drawn in module units into a form that the page scales into place, so
    // the PDF holds each corner as two small integers rather than two page coordinates.
    SurfacePtr modules(record_qr_form(symbol), &cairo_surface_destroy);
    cairo_save(cr_);
    cairo_translate(cr_, layout_.symbol.x, layout_.symbol.y);
    cairo_scale(cr_, layout_.module, layout_.module);
    cairo_set_source_surface(cr_, modules.get(), 0, 0);
    cairo_paint(cr_);
    cairo_restore(cr_);
}

cairo_surface_t* PlacardPainter::record_qr_form(const qr::QrSymbol& symbol)
{
    // All dark modules as one path, filled once: a single anti-aliased shape has no
    // internal edges, so no viewer or RIP can leave hairline seams between modules.
    const double side = symbol.width();
    cairo_rectangle_t extents{0, 0, side, side};
    SurfacePtr form(
        cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents),
        &cairo_surface_destroy);
    ContextPtr cr(cairo_create(form.get()), &cairo_destroy);

    if (qr_streams_ != nullptr) {
        // The merger replaces the square with the stream; Cairo leaves an empty form
        // out of the PDF, so the placeholder must paint something.
        qr_streams_->add(symbol.width(), qr_writer_->write(symbol).deflated);
        cairo_rectangle(cr.get(), 0, 0, side, side);
    } else {
        trace_qr_path(cr.get(), tracer_.trace(symbol));
    }
    cairo_set_fill_rule(cr.get(), CAIRO_FILL_RULE_WINDING);
    cairo_set_source_rgb(cr.get(), 0, 0, 0);
    cairo_fill(cr.get());
    return form.release();
}

}  // namespace placard::render
