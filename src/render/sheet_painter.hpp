#pragma once

#include "render/font_setup.hpp"
#include "render/placard_painter.hpp"
#include "render/sheet_layout.hpp"

#include <string>
#include <vector>

typedef struct _cairo cairo_t;
typedef struct _PangoLayout PangoLayout;

namespace placard::render {

// Draws what a print shop needs around the placards of a sheet: the bleed, the crop
// marks, the cut line and the sheet footer. The placards themselves are drawn by a
// PlacardPainter, with the origin moved to each slot's trim box.
class SheetPainter {
public:
    // `placard` is the layout of one placard, for the header band that runs into the
    // bleed.
    SheetPainter(
        const PlacardTemplate& look,
        const FontSetup& fonts,
        cairo_t* cr,
        const SheetGeometry& sheet,
        const PageLayout& placard);
    ~SheetPainter();
    SheetPainter(const SheetPainter&) = delete;
    SheetPainter& operator=(const SheetPainter&) = delete;

    // Moves the origin to the trim box of `slot` and paints its bleed; the placard is
    // then drawn as on a page of its own. end_slot() restores the sheet's origin.
    void begin_slot(int slot);
    void end_slot();

    // Crop marks of the filled slots (an empty slot gets none), the cut line, and the
    // footer line if the sheet has one.
    void finish_sheet(const std::vector<bool>& filled, const std::string& footer);

private:
    void stroke_lines(const std::vector<SheetLine>& lines, bool dashed, bool halo);
    void draw_footer(const std::string& footer);

    const PlacardTemplate& look_;
    cairo_t* cr_;
    SheetGeometry sheet_;
    Box header_band_;
    PangoLayout* text_layout_ = nullptr;
};

}  // namespace placard::render
