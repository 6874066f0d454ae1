#pragma once

#include <string>
#include <string_view>

typedef struct _cairo cairo_t;
typedef struct _PangoContext PangoContext;
typedef struct _PangoLayout PangoLayout;

namespace placard::render {
class FontSetup;
}

namespace placard::report {

struct Rgb {
    double red = 0;
    double green = 0;
    double blue = 0;
};

// Where a line of text sits in its box. The page is right to left, so `start` is the
// right edge.
enum class Align { start, centre, end };

// Text and rectangles on a report page. Text goes through one reused Pango layout with a
// right-to-left base direction, so Persian is shaped and ordered and embedded Latin runs
// (codes, file names) stay left to right. Each call draws one line; text too wide for
// its box ends in an ellipsis rather than running into the next column.
class ReportCanvas {
public:
    ReportCanvas(const render::FontSetup& fonts, cairo_t* cr);
    ~ReportCanvas();
    ReportCanvas(const ReportCanvas&) = delete;
    ReportCanvas& operator=(const ReportCanvas&) = delete;

    // One line of text in the box whose top left corner is (x, y), `width` wide, in points.
    void text(
        std::string_view text,
        double x,
        double y,
        double width,
        double size,
        Align align = Align::start,
        bool bold = false);

    void rectangle(double x, double y, double width, double height, Rgb colour);

    void colour(Rgb colour);

    cairo_t* context() const { return cr_; }

private:
    cairo_t* cr_;
    std::string family_;
    PangoContext* pango_ = nullptr;
    PangoLayout* layout_ = nullptr;
};

}  // namespace placard::report
