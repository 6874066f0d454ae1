#pragma once

#include <vector>

namespace placard::render {

// How placards go onto printed sheets: one A5 placard a page, or two on an A4 sheet.
enum class SheetKind { a5, a4_2up };

// The order of placards through a stack of 2-up sheets. `sorted`: sheet 1 holds placards
// 1 and 2, sheet 2 holds 3 and 4. `cut_stack`: sheet k holds placards k and S + k (S
// sheets), so one cut through the whole stack gives two piles that, laid one on the
// other, are in sorted order.
enum class StackOrder { sorted, cut_stack };

struct SheetOptions {
    SheetKind kind = SheetKind::a5;
    StackOrder order = StackOrder::sorted;
    double bleed_mm = 0;
    double offset_x_mm = 0;  // moves everything printed, for a printer that is off
    double offset_y_mm = 0;
    bool footer = false;  // a line outside the trim: batch, group, sheet n of N
};

// A point and a line in mm, from the sheet's top left corner.
struct SheetPoint {
    double x = 0;
    double y = 0;
};

struct SheetLine {
    SheetPoint from;
    SheetPoint to;
};

struct SheetBox {
    double x = 0;
    double y = 0;
    double width = 0;
    double height = 0;

    double right() const { return x + width; }

    double bottom() const { return y + height; }
};

// One place for a placard on the sheet: the trim box (where the placard is cut out) and
// the crop marks that show a print shop where to cut it, outside the bleed.
struct SheetSlot {
    SheetBox trim;
    std::vector<SheetLine> crop_marks;
};

// Where everything goes on one sheet, in mm. The same for every sheet of a run.
struct SheetGeometry {
    double width_mm = 0;
    double height_mm = 0;
    double bleed_mm = 0;
    std::vector<SheetSlot> slots;  // reading order: left before right, top before bottom

    // A sheet without margin (A4 2-up, no bleed, no footer) is cut once, along the edge
    // the two placards share; the line is drawn dashed, with solid ticks at both ends.
    std::vector<SheetLine> cut_lines;
    std::vector<SheetLine> cut_ticks;
    SheetBox footer;  // zero height: no footer
};

inline constexpr double a4_short_mm = 210;
inline constexpr double a4_long_mm = 297;
inline constexpr double crop_mark_gap_mm = 2;  // from the bleed's edge to a crop mark
inline constexpr double crop_mark_length_mm = 5;
inline constexpr double cut_tick_length_mm = 5;

// The sheet for placards of `placard_width_mm` x `placard_height_mm` at scale 1.
// Portrait placards sit side by side on a landscape A4; landscape ones one above the
// other on a portrait A4. A bleed or a footer needs room outside the trim: the sheet then
// grows by a margin of bleed + 7 mm on every side and each placard gets crop marks.
// Throws placard::Error for a negative or too large bleed.
SheetGeometry sheet_geometry(
    const SheetOptions& options, double placard_width_mm, double placard_height_mm);

int slots_per_sheet(SheetKind kind);

// Sheets needed for `count` placards.
long sheet_count(long count, int slots);

// Where the placard at `index` (0-based, in sorted order) of `count` goes.
struct SheetPlace {
    long sheet = 0;
    int slot = 0;
};

SheetPlace place_of(long index, long count, int slots, StackOrder order);

}  // namespace placard::render
