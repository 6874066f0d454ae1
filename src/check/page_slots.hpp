#pragma once

#include <string>
#include <vector>

namespace placard::check {

// Which part of a page holds one placard. An A5 page is one placard; a larger sheet (an
// A4 page printed 2-up) holds two, one in each half across its longer side.
enum class SlotPart { whole, top_half, bottom_half, left_half, right_half };

// One placard's place on a page, in PDF points from the page's top left corner as shown.
struct PageSlot {
    int page = 0;  // 0-based
    SlotPart part = SlotPart::whole;
    double x = 0;
    double y = 0;
    double width = 0;
    double height = 0;
};

// The placards a page of this size holds, in reading order (top before bottom, left
// before right). A page of more than one and a half times the area of A5 is a sheet of
// two placards.
std::vector<PageSlot> slots_of_page(int page, double width_points, double height_points);

// "page 3" or "page 3, top half" (pages counted from 1, as a viewer shows them).
std::string slot_label(const PageSlot& slot);

// "top-half", ... or "whole", for machine-readable reports.
const char* slot_part_name(SlotPart part);

}  // namespace placard::check
