#include "check/page_slots.hpp"

#include <doctest/doctest.h>

using namespace placard::check;

namespace {

constexpr double mm = 72.0 / 25.4;

}  // namespace

TEST_CASE("an A5 page holds one placard, either way up")
{
    for (auto [width, height] : {std::pair{148 * mm, 210 * mm}, {210 * mm, 148 * mm}}) {
        std::vector<PageSlot> slots = slots_of_page(4, width, height);
        REQUIRE(slots.size() == 1);
        CHECK(slots[0].part == SlotPart::whole);
        CHECK(slots[0].page == 4);
        CHECK(slots[0].width == doctest::Approx(width));
        CHECK(slots[0].height == doctest::Approx(height));
        CHECK(slot_label(slots[0]) == "page 5");
    }
}

TEST_CASE("a portrait A4 sheet is cut across its height into two landscape placards")
{
    std::vector<PageSlot> slots = slots_of_page(0, 210 * mm, 297 * mm);
    REQUIRE(slots.size() == 2);
    CHECK(slots[0].part == SlotPart::top_half);
    CHECK(slots[1].part == SlotPart::bottom_half);
    CHECK(slots[0].y == 0);
    CHECK(slots[1].y == doctest::Approx(148.5 * mm));
    CHECK(slots[1].height == doctest::Approx(148.5 * mm));
    CHECK(slots[1].width == doctest::Approx(210 * mm));
    CHECK(slot_label(slots[1]) == "page 1, bottom half");
    CHECK(std::string(slot_part_name(slots[0].part)) == "top-half");
}

TEST_CASE("a landscape A4 sheet is cut across its width into two portrait placards")
{
    std::vector<PageSlot> slots = slots_of_page(2, 297 * mm, 210 * mm);
    REQUIRE(slots.size() == 2);
    CHECK(slots[0].part == SlotPart::left_half);
    CHECK(slots[1].part == SlotPart::right_half);
    CHECK(slots[1].x == doctest::Approx(148.5 * mm));
    CHECK(slots[1].width == doctest::Approx(148.5 * mm));
    CHECK(slots[1].height == doctest::Approx(210 * mm));
    CHECK(slot_label(slots[0]) == "page 3, left half");
}

TEST_CASE("a page a little larger than A5 (bleed, a US size) is still one placard")
{
    CHECK(slots_of_page(0, 154 * mm, 216 * mm).size() == 1);
    CHECK(slots_of_page(0, 8.5 * 72, 11 * 72).size() == 2);  // US Letter holds two
}
