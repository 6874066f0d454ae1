#pragma once

#include "qr/qr_symbol.hpp"
#include "render/font_setup.hpp"
#include "render/placard_template.hpp"

#include <array>
#include <string>

typedef struct _cairo cairo_t;
typedef struct _PangoLayout PangoLayout;
typedef struct _PangoContext PangoContext;

namespace placard::render {

// The printed text of one placard, already composed (honorific, Persian digits).
struct PlacardText {
    std::string agency;
    std::string full_name;  // honorific and name
    std::string job_title;  // may be empty: the lines below move up
    std::string office;     // may be empty
    std::string employee_code_line;
    std::string footer;
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
    Box agency, name, title, office, call_to_action, employee_code, footer;
    Box symbol;      // the QR symbol without its quiet zone
    Box quiet_zone;  // the symbol with 4 modules of white on every side
    double module = 0;
    Box reference_bar;  // a 50 mm bar: a scaled print is noticed with a ruler
};

PageLayout compute_layout(const PlacardTemplate& look, int qr_width_modules);

// Draws placards onto a Cairo context, one page at a time, with Pango laying out every
// string (right to left, shaped by HarfBuzz). Layout objects are reused across pages.
class PlacardPainter {
public:
    PlacardPainter(
        const PlacardTemplate& look, const FontSetup& fonts, cairo_t* cr, const PageLayout& layout);
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
        const std::string& text, const Box& box, const TextStyle& style, const char* what);
    void draw_qr(const qr::QrSymbol& symbol);
    void draw_static_parts();

    const PlacardTemplate& look_;
    cairo_t* cr_;
    PageLayout layout_;
    PangoContext* context_ = nullptr;
    PangoLayout* text_layout_ = nullptr;
};

}  // namespace placard::render
