#pragma once

#include "qr/qr_content_stream.hpp"
#include "qr/qr_symbol.hpp"
#include "render/font_setup.hpp"
#include "render/placard_template.hpp"
#include "render/qr_stream_list.hpp"
#include "render/recurring_forms.hpp"

#include <array>
#include <memory>
#include <string>

typedef struct _cairo cairo_t;
typedef struct _cairo_surface cairo_surface_t;
typedef struct _PangoLayout PangoLayout;
typedef struct _PangoContext PangoContext;
typedef struct _PangoFontDescription PangoFontDescription;

namespace placard::render {

// The printed text of one placard, already composed (honorific, digits).
struct PlacardText {
    std::string agency;
    std::string full_name;  // honorific and name
    std::string job_title;  // may be empty: the lines below move up
    std::string office;     // may be empty
    std::string employee_code_line;
    std::string placard_code_line;  // short domain and placard code, to type without the QR
};

// A rectangle in points, from the page's top left corner.
struct Box {
    double x = 0;
    double y = 0;
    double width = 0;
    double height = 0;
};

// Where everything goes on the page, computed once per batch from the template and the
// batch's QR version (which fixes the module size, hence the quiet zone).
struct PageLayout {
    double page_width = 0;
    double page_height = 0;
    Box header_band;
    Box logo;    // empty when the template has no logo
    Box header;  // the template's header line; empty when it has none
    Box agency, name, title, office, call_to_action, employee_code, footer;
    Box symbol;        // the QR symbol without its quiet zone
    Box quiet_zone;    // the symbol with 4 modules of white on every side
    Box placard_code;  // right under the quiet zone, never inside it
    double module = 0;
    Box reference_bar;  // a 50 mm bar: a scaled print is noticed with a ruler
};

PageLayout compute_layout(const PlacardTemplate& look, int qr_width_modules);

// Draws placards onto a Cairo context, one page at a time, with Pango laying out every
// string (right to left, shaped by HarfBuzz).
//
// What is the same on every page (the header band with the logo and header line, the
// reference bar and its label, the call to action and the batch footer) is drawn once,
// into a recording surface that the PDF holds once as a form and every page refers to. Each QR
// symbol is drawn in module units into a form of its own, so its outline path is written with small
// integers. Text blocks that recur from page to page (agency, office, common job titles) get forms
// of their own too, once they have been seen twice.
//
// Writing the QR path is most of what Cairo costs a page, so a painter whose PDF goes
// through PdfMerger can leave it out: given a QrStreamList, it draws a placeholder (the
// filled square 0 0 W W) into each QR form and adds the symbol's own content stream,
// written by qr::QrStreamWriter, to the list; the merger puts each stream in place of
// its placeholder. Such a PDF is not finished until merged. Without a list (the preview,
// anything not merged) Cairo draws the real path.
class PlacardPainter {
public:
    // `footer` is the batch's footer line, the same on every page. `qr_streams`, if not
    // null, must outlive the painter.
    PlacardPainter(
        const PlacardTemplate& look,
        const FontSetup& fonts,
        cairo_t* cr,
        const PageLayout& layout,
        const std::string& footer,
        QrStreamList* qr_streams = nullptr);
    ~PlacardPainter();
    PlacardPainter(const PlacardPainter&) = delete;
    PlacardPainter& operator=(const PlacardPainter&) = delete;

    // Draws one placard. Throws placard::Error if Pango had to draw an unknown glyph
    // (a box), which the batch's coverage check should already have prevented.
    void paint(const PlacardText& text, const qr::QrSymbol& symbol);

private:
    struct TextStyle {
        double max_size;  // points
        double min_size;
        bool bold;
        int max_lines;
    };

    void draw_text(
        cairo_t* cr,
        const std::string& text,
        const Box& box,
        const TextStyle& style,
        const char* what);
    int fit_text(const std::string& text, const Box& box, const TextStyle& style, const char* what);
    void draw_recurring_text(
        const std::string& text,
        const Box& box,
        const TextStyle& style,
        const Colour& colour,
        const char* what);
    cairo_surface_t* record_text_form(
        const std::string& text,
        const Box& box,
        const TextStyle& style,
        const Colour& colour,
        const char* what);
    void draw_qr(const qr::QrSymbol& symbol);
    cairo_surface_t* record_qr_form(const qr::QrSymbol& symbol);
    void record_fixed_parts(const std::string& footer);
    void record_header(cairo_t* cr);
    void record_logo(cairo_t* cr);
    void release();

    const PlacardTemplate& look_;
    cairo_t* cr_;
    PageLayout layout_;
    PangoContext* context_ = nullptr;
    PangoLayout* text_layout_ = nullptr;
    PangoFontDescription* regular_font_ = nullptr;
    PangoFontDescription* bold_font_ = nullptr;
    cairo_surface_t* fixed_parts_ = nullptr;
    RecurringForms recurring_;
    qr::OutlineTracer tracer_;
    QrStreamList* qr_streams_ = nullptr;
    std::unique_ptr<qr::QrStreamWriter> qr_writer_;  // only with qr_streams_
};

}  // namespace placard::render
