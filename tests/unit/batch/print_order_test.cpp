#include "batch/print_order.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace placard::batch;
using placard::render::SheetKind;
using placard::render::StackOrder;

namespace {

placard::roster::Employee employee(
    const std::string& office, const std::string& last_name, const std::string& city = "اصفهان")
{
    placard::roster::Employee person;
    person.province = "اصفهان";
    person.city = city;
    person.agency = "اداره کل";
    person.office = office;
    person.last_name = last_name;
    person.first_name = "سارا";
    return person;
}

// The roster ordinals in the order their slots are drawn (-1: an empty slot). Every
// placard added must be drawn exactly once.
std::vector<long> drawn_order(const PrintOrder& order, long count)
{
    std::vector<long> drawn;
    std::vector<int> times_drawn(static_cast<std::size_t>(count), 0);
    for (long sheet = 0; sheet < order.sheets(); ++sheet) {
        for (int slot = 0; slot < order.slots_per_sheet(); ++slot) {
            const long ordinal = order.ordinal_at(sheet, slot);
            drawn.push_back(ordinal);
            if (ordinal >= 0) {
                ++times_drawn.at(static_cast<std::size_t>(ordinal));
            }
        }
    }
    CHECK(
        std::all_of(times_drawn.begin(), times_drawn.end(), [](int times) { return times == 1; }));
    return drawn;
}

}  // namespace

TEST_SUITE("print order")
{
    TEST_CASE(
        "placards sort by office, then family name in Persian order, roster order among equals")
    {
        PrintOrder order(SplitField::none, SheetKind::a5, StackOrder::sorted);
        order.add(employee("واحد ب", "تهرانی"));    // 0
        order.add(employee("واحد الف", "پارسا"));   // 1: پ sorts before ت, unlike its bytes
        order.add(employee("واحد الف", "تهرانی"));  // 2
        order.add(employee("واحد الف", "پارسا"));   // 3: equal to 1, after it
        order.add(employee("واحد الف", "احمدی"));   // 4
        order.finish();

        CHECK(drawn_order(order, 5) == std::vector<long>{4, 1, 3, 2, 0});
        REQUIRE(order.groups().size() == 1);
        CHECK(order.groups()[0].placards == 5);
        CHECK(order.sheets() == 5);
    }

    TEST_CASE("a split puts each group on its own run of sheets, an odd group leaving a blank half")
    {
        PrintOrder order(SplitField::office, SheetKind::a4_2up, StackOrder::sorted);
        order.add(employee("واحد ب", "کریمی"));
        order.add(employee("واحد الف", "کریمی"));
        order.add(employee("واحد ب", "احمدی"));
        order.add(employee("واحد الف", "احمدی"));
        order.add(employee("واحد الف", "زمانی"));
        order.finish();

        REQUIRE(order.groups().size() == 2);
        CHECK(order.groups()[0].value == "واحد الف");
        CHECK(order.groups()[0].placards == 3);
        CHECK(order.groups()[0].sheets == 2);
        CHECK(order.groups()[1].value == "واحد ب");
        CHECK(order.groups()[1].first_sheet == 2);
        CHECK(order.sheets() == 3);
        CHECK(drawn_order(order, 5) == std::vector<long>{3, 4, 1, -1, 2, 0});
        CHECK(order.group_of_sheet(1) == 0);
        CHECK(order.group_of_sheet(2) == 1);
        CHECK(order.ordinal_at(1, 1) == -1);
        CHECK(order.ordinal_at(2, 1) == 0);
    }

    TEST_CASE("a split by city groups a city's placards even when provinces would part them")
    {
        PrintOrder order(SplitField::city, SheetKind::a5, StackOrder::sorted);
        placard::roster::Employee north = employee("واحد", "احمدی", "شهر");
        north.province = "یزد";
        order.add(north);
        order.add(employee("واحد", "زمانی", "کاشان"));
        order.add(employee("واحد", "کریمی", "شهر"));
        order.finish();
        REQUIRE(order.groups().size() == 2);
        CHECK(order.groups()[0].value == "شهر");
        CHECK(order.groups()[0].placards == 2);
    }

    TEST_CASE("roster order keeps the rows as read, grouped by the split field")
    {
        PrintOrder order(SplitField::office, SheetKind::a5, StackOrder::sorted, true);
        order.add(employee("واحد ب", "کریمی"));
        order.add(employee("واحد الف", "زمانی"));
        order.add(employee("واحد ب", "احمدی"));
        order.add(employee("واحد الف", "احمدی"));
        order.finish();
        CHECK(drawn_order(order, 4) == std::vector<long>{1, 3, 0, 2});
    }

    TEST_CASE("cut-stack positions put placard k and S + k on sheet k")
    {
        PrintOrder order(SplitField::none, SheetKind::a4_2up, StackOrder::cut_stack);
        for (const char* name : {"الف", "ب", "پ", "ت", "ث"}) {
            order.add(employee("واحد", name));
        }
        order.finish();
        CHECK(order.sheets() == 3);
        CHECK(drawn_order(order, 5) == std::vector<long>{0, 3, 1, 4, 2, -1});
    }

    TEST_CASE(
        "a roster whose keys pass the sort's memory gives the same places as one sorted in memory")
    {
        const char* offices[] = {"واحد ب", "واحد الف", "دفتر", "واحد پ"};
        const char* families[] = {"کریمی", "احمدی", "پارسا", "تهرانی", "زمانی", "ژیان"};
        auto fill = [&](PrintOrder& order) {
            for (int row = 0; row < 600; ++row) {
                order.add(employee(offices[row % 4], families[(row * 7) % 6]));
            }
            order.finish();
        };
        PrintOrder in_memory(SplitField::office, SheetKind::a4_2up, StackOrder::cut_stack);
        fill(in_memory);
        PrintOrder spilled(
            SplitField::office, SheetKind::a4_2up, StackOrder::cut_stack, false, 4096);
        fill(spilled);

        CHECK(in_memory.sort_runs() == 0);
        CHECK(spilled.sort_runs() > 5);
        CHECK(drawn_order(spilled, 600) == drawn_order(in_memory, 600));
        REQUIRE(spilled.groups().size() == 4);
        for (std::size_t group = 0; group < 4; ++group) {
            CHECK(spilled.groups()[group].value == in_memory.groups()[group].value);
            CHECK(spilled.groups()[group].first_sheet == in_memory.groups()[group].first_sheet);
            CHECK(spilled.groups()[group].placards == 150);
        }
    }
}
