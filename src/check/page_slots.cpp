#include "check/page_slots.hpp"

#include <fmt/format.h>

namespace placard::check {

namespace {

constexpr double points_per_mm = 72.0 / 25.4;
constexpr double a5_area_points = 148 * 210 * points_per_mm * points_per_mm;

}  // namespace

std::vector<PageSlot> slots_of_page(int page, double width_points, double height_points)
{
    PageSlot whole{page, SlotPart::whole, 0, 0, width_points, height_points};
    if (width_points * height_points <= 1.5 * a5_area_points) {
        return {whole};
    }

    // Two placards share the sheet: cut across the longer side, as a guillotine would.
    if (height_points >= width_points) {
        double half = height_points / 2;
        return {
            PageSlot{page, SlotPart::top_half, 0, 0, width_points, half},
            PageSlot{page, SlotPart::bottom_half, 0, half, width_points, half}};
    }
    double half = width_points / 2;
    return {
        PageSlot{page, SlotPart::left_half, 0, 0, half, height_points},
        PageSlot{page, SlotPart::right_half, half, 0, half, height_points}};
}

const char* slot_part_name(SlotPart part)
{
    switch (part) {
    case SlotPart::top_half:
        return "top-half";
    case SlotPart::bottom_half:
        return "bottom-half";
    case SlotPart::left_half:
        return "left-half";
    case SlotPart::right_half:
        return "right-half";
    default:
        return "whole";
    }
}

std::string slot_label(const PageSlot& slot)
{
    const char* halves[] = {"", "top half", "bottom half", "left half", "right half"};
    if (slot.part == SlotPart::whole) {
        return fmt::format("page {}", slot.page + 1);
    }
    return fmt::format("page {}, {}", slot.page + 1, halves[static_cast<int>(slot.part)]);
}

}  // namespace placard::check
