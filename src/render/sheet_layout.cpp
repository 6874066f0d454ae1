#include "render/sheet_layout.hpp"

#include "util/error.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace placard::render {

namespace {

constexpr double max_bleed_mm = 10;
constexpr double footer_inset_mm = 3;

// Which sides of a slot face another slot: marks there would run over the neighbour.
struct InnerSides {
    bool left = false;
    bool right = false;
    bool top = false;
    bool bottom = false;
};

// Two crop marks at each corner of the trim, starting `distance` out from the corner
// and pointing away from it, except those that would lie on a neighbouring slot.
std::vector<SheetLine> crop_marks(const SheetBox& trim, double distance, InnerSides inner)
{
    const double far = distance + crop_mark_length_mm;
    std::vector<SheetLine> marks;
    for (double x : {trim.x, trim.right()}) {
        if (!inner.top) {
            marks.push_back({{x, trim.y - distance}, {x, trim.y - far}});
        }
        if (!inner.bottom) {
            marks.push_back({{x, trim.bottom() + distance}, {x, trim.bottom() + far}});
        }
    }
    for (double y : {trim.y, trim.bottom()}) {
        if (!inner.left) {
            marks.push_back({{trim.x - distance, y}, {trim.x - far, y}});
        }
        if (!inner.right) {
            marks.push_back({{trim.right() + distance, y}, {trim.right() + far, y}});
        }
    }
    return marks;
}

InnerSides inner_sides(int slot, int slots, bool side_by_side)
{
    InnerSides inner;
    if (slots < 2) {
        return inner;
    }
    bool first = slot == 0;
    if (side_by_side) {
        inner.right = first;
        inner.left = !first;
    } else {
        inner.bottom = first;
        inner.top = !first;
    }
    return inner;
}

// The one cut of a sheet without margin, along the edge the two placards share, from
// one edge of the paper to the other.
void add_shared_cut(SheetGeometry& sheet, bool side_by_side)
{
    const SheetBox& first = sheet.slots[0].trim;
    SheetLine cut = side_by_side ? SheetLine{{first.right(), 0}, {first.right(), sheet.height_mm}}
                                 : SheetLine{{0, first.bottom()}, {sheet.width_mm, first.bottom()}};
    sheet.cut_lines.push_back(cut);

    SheetPoint along{side_by_side ? 0 : cut_tick_length_mm, side_by_side ? cut_tick_length_mm : 0};
    sheet.cut_ticks.push_back({cut.from, {cut.from.x + along.x, cut.from.y + along.y}});
    sheet.cut_ticks.push_back({{cut.to.x - along.x, cut.to.y - along.y}, cut.to});
}

// The footer sits in the margin under the lowest slot, clear of its crop marks.
SheetBox footer_box(const SheetGeometry& sheet, double margin_mm)
{
    const SheetBox& lowest = sheet.slots.back().trim;
    double top = lowest.bottom() + sheet.bleed_mm + 1;
    return SheetBox{
        lowest.x + footer_inset_mm,
        top,
        lowest.width - 2 * footer_inset_mm,
        lowest.bottom() + margin_mm - top - 0.5};
}

void move_line(SheetLine& line, double dx, double dy)
{
    line.from.x += dx;
    line.from.y += dy;
    line.to.x += dx;
    line.to.y += dy;
}

void apply_offset(SheetGeometry& sheet, double dx, double dy)
{
    for (SheetSlot& slot : sheet.slots) {
        slot.trim.x += dx;
        slot.trim.y += dy;
        for (SheetLine& mark : slot.crop_marks) {
            move_line(mark, dx, dy);
        }
    }
    for (auto* lines : {&sheet.cut_lines, &sheet.cut_ticks}) {
        for (SheetLine& line : *lines) {
            move_line(line, dx, dy);
        }
    }
    sheet.footer.x += dx;
    sheet.footer.y += dy;
}

void check_options(const SheetOptions& options)
{
    if (!(options.bleed_mm >= 0 && options.bleed_mm <= max_bleed_mm)) {
        throw Error(fmt::format(
            "a bleed of {} mm is not possible; give 0 to {} mm (print shops usually ask for 3)",
            options.bleed_mm,
            max_bleed_mm));
    }
}

}  // namespace

SheetGeometry sheet_geometry(
    const SheetOptions& options, double placard_width_mm, double placard_height_mm)
{
    check_options(options);
    const int slots = slots_per_sheet(options.kind);
    const bool side_by_side = placard_width_mm <= placard_height_mm;
    const bool has_margin = options.bleed_mm > 0 || options.footer;
    const double margin =
        has_margin ? options.bleed_mm + crop_mark_gap_mm + crop_mark_length_mm : 0;
    const double gutter = has_margin ? 2 * options.bleed_mm : 0;

    // The placards and the gutter between them, then the margin around them.
    const bool two_across = slots == 2 && side_by_side;
    const bool two_down = slots == 2 && !side_by_side;
    const double content_width = two_across ? 2 * placard_width_mm + gutter : placard_width_mm;
    const double content_height = two_down ? 2 * placard_height_mm + gutter : placard_height_mm;
    SheetGeometry sheet;
    sheet.bleed_mm = options.bleed_mm;
    sheet.width_mm = content_width + 2 * margin;
    sheet.height_mm = content_height + 2 * margin;
    if (options.kind == SheetKind::a4_2up && !has_margin) {
        // Two A5 placards are 1 mm narrower than A4: centre them on the paper.
        sheet.width_mm = std::max(sheet.width_mm, side_by_side ? a4_long_mm : a4_short_mm);
        sheet.height_mm = std::max(sheet.height_mm, side_by_side ? a4_short_mm : a4_long_mm);
    }

    const double left = (sheet.width_mm - content_width) / 2;
    const double top = (sheet.height_mm - content_height) / 2;
    for (int slot = 0; slot < slots; ++slot) {
        double step = slot * ((side_by_side ? placard_width_mm : placard_height_mm) + gutter);
        SheetBox trim{
            left + (side_by_side ? step : 0),
            top + (side_by_side ? 0 : step),
            placard_width_mm,
            placard_height_mm};
        std::vector<SheetLine> marks;
        if (has_margin) {
            marks = crop_marks(
                trim, options.bleed_mm + crop_mark_gap_mm, inner_sides(slot, slots, side_by_side));
        }
        sheet.slots.push_back(SheetSlot{trim, marks});
    }

    if (slots == 2 && !has_margin) {
        add_shared_cut(sheet, side_by_side);
    }
    if (options.footer) {
        sheet.footer = footer_box(sheet, margin);
    }
    apply_offset(sheet, options.offset_x_mm, options.offset_y_mm);
    return sheet;
}

int slots_per_sheet(SheetKind kind)
{
    return kind == SheetKind::a4_2up ? 2 : 1;
}

long sheet_count(long count, int slots)
{
    return (count + slots - 1) / slots;
}

SheetPlace place_of(long index, long count, int slots, StackOrder order)
{
    if (order == StackOrder::cut_stack) {
        long sheets = sheet_count(count, slots);
        return SheetPlace{index % sheets, static_cast<int>(index / sheets)};
    }
    return SheetPlace{index / slots, static_cast<int>(index % slots)};
}

}  // namespace placard::render
