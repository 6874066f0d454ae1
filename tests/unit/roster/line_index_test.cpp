#include "roster/line_index.hpp"

#include <doctest/doctest.h>

#include <set>
#include <stdexcept>
#include <string>

using namespace placard::roster;

TEST_SUITE("roster line index")
{
    TEST_CASE("line index keeps the first line and tag of each key through growth")
    {
        LineIndex index;
        for (long i = 0; i < 100000; ++i) {
            CHECK_FALSE(index.insert(static_cast<std::uint64_t>(i) * 7919, i + 2, 5));
        }
        CHECK(index.size() == 100000);
        for (long i = 0; i < 100000; i += 997) {
            auto seen = index.insert(static_cast<std::uint64_t>(i) * 7919, 999999, 9);
            REQUIRE(seen);
            CHECK(seen->line == i + 2);
            CHECK(seen->tag == 5);
        }
        CHECK(index.size() == 100000);
        CHECK_THROWS_AS(index.insert(1, 0), std::logic_error);
    }

    TEST_CASE("employee code keys ignore case and never join two different codes")
    {
        CHECK(employee_code_key("E00001") == employee_code_key("e00001"));
        CHECK(employee_code_key("A") != employee_code_key("0A"));
        CHECK(employee_code_key("A-1") != employee_code_key("A1"));
        CHECK(employee_code_key("ZZZZZZZZZZZZ").has_value());
        CHECK_FALSE(employee_code_key("ABCDEFGHIJKLM"));
        CHECK_FALSE(employee_code_key(""));
        CHECK_FALSE(employee_code_key("E_1"));

        std::set<std::uint64_t> keys;
        for (const char* code : {"1", "01", "001", "10", "A0", "0A", "-1", "1-", "Z", "-"}) {
            keys.insert(*employee_code_key(code));
        }
        CHECK(keys.size() == 10);
    }

    TEST_CASE("national code keys are the code's number, leading zeros and all")
    {
        CHECK(national_code_key("0012345679") == 12345679);
        CHECK(national_code_key("9999999999") == 9999999999ULL);
    }
}
