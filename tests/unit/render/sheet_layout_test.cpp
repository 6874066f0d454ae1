#include "render/sheet_layout.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <utility>

using namespace placard::render;

namespace {

bool inside(const SheetBox& outer, const SheetBox& inner)
{
    return inner.x >= outer.x - 1e-9 && inner.y >= outer.y - 1e-9
           && inner.right() <= outer.right() + 1e-9 && inner.bottom() <= outer.bottom() + 1e-9;
}

bool point_in(const SheetBox& box, const SheetPoint& point)
{
    return point.x > box.x && point.x < box.right() && point.y > box.y && point.y < box.bottom();
}

// How far a point lies outside a box (0 inside or on it), in mm.
double distance_outside(const SheetBox& box, const SheetPoint& point)
{
    double dx = std::max({box.x - point.x, 0.0, point.x - box.right()});
    double dy = std::max({box.y - point.y, 0.0, point.y - box.bottom()});
    return std::max(dx, dy);
}

SheetOptions two_up(double bleed = 0, bool footer = false)
{
    SheetOptions options;
    options.kind = SheetKind::a4_2up;
    options.bleed_mm = bleed;
    options.footer = footer;
    return options;
}

// The placard (index in sorted order) that place_of() puts in `slot` of `sheet`, or -1
// for an empty slot; more than one would be a layout fault, which fails the test.
long placard_at(long sheet, int slot, long count, int slots, StackOrder order)
{
    long found = -1;
    for (long index = 0; index < count; ++index) {
        SheetPlace place = place_of(index, count, slots, order);
        if (place.sheet == sheet && place.slot == slot) {
            CHECK(found == -1);
            found = index;
        }
    }
    return found;
}

}  // namespace

TEST_SUITE("sheet layout")
{
    TEST_CASE("an a5 sheet without bleed is the placard itself, with no marks")
    {
        SheetGeometry sheet = sheet_geometry(SheetOptions{}, 148, 210);
        CHECK(sheet.width_mm == doctest::Approx(148));
        CHECK(sheet.height_mm == doctest::Approx(210));
        REQUIRE(sheet.slots.size() == 1);
        CHECK(sheet.slots[0].trim.x == doctest::Approx(0));
        CHECK(sheet.slots[0].crop_marks.empty());
        CHECK(sheet.cut_lines.empty());
    }

    TEST_CASE("portrait placards sit side by side on a landscape A4, cut once in the middle")
    {
        SheetGeometry sheet = sheet_geometry(two_up(), 148, 210);
        CHECK(sheet.width_mm == doctest::Approx(297));
        CHECK(sheet.height_mm == doctest::Approx(210));
        REQUIRE(sheet.slots.size() == 2);
        const SheetBox& left = sheet.slots[0].trim;
        const SheetBox& right = sheet.slots[1].trim;
        CHECK(left.width == doctest::Approx(148));  // scale 1
        CHECK(left.x == doctest::Approx(0.5));
        CHECK(right.x == doctest::Approx(left.right()));
        CHECK(right.y == doctest::Approx(left.y));

        REQUIRE(sheet.cut_lines.size() == 1);
        CHECK(sheet.cut_lines[0].from.x == doctest::Approx(148.5));
        CHECK(sheet.cut_lines[0].to.x == doctest::Approx(148.5));
        CHECK(sheet.cut_lines[0].to.y == doctest::Approx(210));
        REQUIRE(sheet.cut_ticks.size() == 2);
        CHECK(sheet.cut_ticks[0].to.y == doctest::Approx(cut_tick_length_mm));
        CHECK(sheet.cut_ticks[1].from.y == doctest::Approx(210 - cut_tick_length_mm));
    }

    TEST_CASE("landscape placards sit one above the other on a portrait A4")
    {
        SheetGeometry sheet = sheet_geometry(two_up(), 210, 148);
        CHECK(sheet.width_mm == doctest::Approx(210));
        CHECK(sheet.height_mm == doctest::Approx(297));
        REQUIRE(sheet.slots.size() == 2);
        CHECK(sheet.slots[0].trim.y == doctest::Approx(0.5));
        CHECK(sheet.slots[1].trim.y == doctest::Approx(148.5));
        REQUIRE(sheet.cut_lines.size() == 1);
        CHECK(sheet.cut_lines[0].from.y == doctest::Approx(148.5));
        CHECK(sheet.cut_lines[0].to.x == doctest::Approx(210));
    }

    TEST_CASE("a bleed grows the sheet and puts every crop mark outside trim and bleed")
    {
        for (auto [width, height] : {std::pair{148.0, 210.0}, {210.0, 148.0}}) {
            const double placard_width = width;  // clang 14: no structured binding in CAPTURE
            CAPTURE(placard_width);
            const double bleed = 3;
            SheetGeometry sheet = sheet_geometry(two_up(bleed), width, height);
            double margin = bleed + crop_mark_gap_mm + crop_mark_length_mm;
            bool across = width < height;
            double across_width = across ? 2 * width + 2 * bleed : width;
            CHECK(sheet.width_mm == doctest::Approx(across_width + 2 * margin));
            CHECK(sheet.cut_lines.empty());

            for (const SheetSlot& slot : sheet.slots) {
                SheetBox bleed_box{
                    slot.trim.x - bleed,
                    slot.trim.y - bleed,
                    slot.trim.width + 2 * bleed,
                    slot.trim.height + 2 * bleed};
                CHECK(inside(SheetBox{0, 0, sheet.width_mm, sheet.height_mm}, bleed_box));
                // Outer corners get two marks, corners facing the other placard one.
                CHECK(slot.crop_marks.size() == 6);
                for (const SheetLine& mark : slot.crop_marks) {
                    for (const SheetPoint& end : {mark.from, mark.to}) {
                        CHECK(distance_outside(slot.trim, end) >= bleed + crop_mark_gap_mm - 1e-9);
                        for (const SheetSlot& other : sheet.slots) {
                            CHECK_FALSE(point_in(other.trim, end));
                        }
                    }
                }
            }
            // The two bleeds meet: nothing of one placard's bleed covers the other's trim.
            const SheetBox& first = sheet.slots[0].trim;
            const SheetBox& second = sheet.slots[1].trim;
            double gap = across ? second.x - first.right() : second.y - first.bottom();
            CHECK(gap == doctest::Approx(2 * bleed));
        }
    }

    TEST_CASE("an a5 sheet with bleed has eight crop marks around its trim")
    {
        SheetOptions options;
        options.bleed_mm = 3;
        SheetGeometry sheet = sheet_geometry(options, 148, 210);
        REQUIRE(sheet.slots.size() == 1);
        CHECK(sheet.slots[0].crop_marks.size() == 8);
        CHECK(sheet.slots[0].trim.x == doctest::Approx(10));
        CHECK(sheet.width_mm == doctest::Approx(168));
    }

    TEST_CASE("the footer sits outside the trim, under the lowest placard")
    {
        for (auto [width, height] : {std::pair{148.0, 210.0}, {210.0, 148.0}}) {
            SheetGeometry sheet = sheet_geometry(two_up(0, true), width, height);
            REQUIRE(sheet.footer.height > 3);
            const SheetBox& lowest = sheet.slots.back().trim;
            CHECK(sheet.footer.y > lowest.bottom());
            CHECK(sheet.footer.bottom() <= sheet.height_mm);
            CHECK(sheet.footer.x >= lowest.x);
            CHECK(sheet.footer.right() <= lowest.right());
        }
    }

    TEST_CASE("an offset moves everything printed by the same amount")
    {
        SheetOptions moved = two_up(3, true);
        moved.offset_x_mm = 1.5;
        moved.offset_y_mm = -2;
        SheetGeometry plain = sheet_geometry(two_up(3, true), 148, 210);
        SheetGeometry shifted = sheet_geometry(moved, 148, 210);
        CHECK(shifted.width_mm == doctest::Approx(plain.width_mm));
        CHECK(shifted.slots[1].trim.x == doctest::Approx(plain.slots[1].trim.x + 1.5));
        CHECK(shifted.slots[1].trim.y == doctest::Approx(plain.slots[1].trim.y - 2));
        CHECK(
            shifted.slots[0].crop_marks[0].to.y
            == doctest::Approx(plain.slots[0].crop_marks[0].to.y - 2));
        CHECK(shifted.footer.x == doctest::Approx(plain.footer.x + 1.5));
    }

    TEST_CASE("a bleed outside 0 to 10 mm is refused with the range")
    {
        CHECK_THROWS_WITH_AS(
            sheet_geometry(two_up(-1), 148, 210),
            "a bleed of -1 mm is not possible; give 0 to 10 mm (print shops usually ask for 3)",
            placard::Error);
        CHECK_THROWS_AS(sheet_geometry(two_up(11), 148, 210), placard::Error);
    }

    TEST_CASE("sorted order fills each sheet before the next")
    {
        CHECK(sheet_count(5, 2) == 3);
        CHECK(placard_at(0, 1, 5, 2, StackOrder::sorted) == 1);
        CHECK(placard_at(2, 0, 5, 2, StackOrder::sorted) == 4);
        CHECK(placard_at(2, 1, 5, 2, StackOrder::sorted) == -1);
        CHECK(place_of(3, 5, 2, StackOrder::sorted).sheet == 1);
        CHECK(place_of(3, 5, 2, StackOrder::sorted).slot == 1);
    }

    TEST_CASE("one cut through a cut-stack gives two piles that restore the sorted order")
    {
        for (long count : {1L, 2L, 5L, 8L, 41L}) {
            CAPTURE(count);
            const long sheets = sheet_count(count, 2);
            std::vector<long> piles;  // the first slot's pile, then the second's on it
            for (int slot = 0; slot < 2; ++slot) {
                for (long sheet = 0; sheet < sheets; ++sheet) {
                    long index = placard_at(sheet, slot, count, 2, StackOrder::cut_stack);
                    if (index >= 0) {
                        piles.push_back(index);
                        SheetPlace place = place_of(index, count, 2, StackOrder::cut_stack);
                        CHECK(place.sheet == sheet);
                        CHECK(place.slot == slot);
                    }
                }
            }
            REQUIRE(piles.size() == static_cast<std::size_t>(count));
            for (long at = 0; at < count; ++at) {
                CHECK(piles[static_cast<std::size_t>(at)] == at);
            }
            // Only the last sheet may have an empty slot, and only the second one.
            for (long sheet = 0; sheet + 1 < sheets; ++sheet) {
                CHECK(placard_at(sheet, 1, count, 2, StackOrder::cut_stack) >= 0);
            }
        }
    }
}
