#include "util/json.hpp"
#include "util/printable.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace placard;

TEST_SUITE("util")
{
    TEST_CASE("printable shows control and bidi characters and broken bytes, keeps the rest")
    {
        CHECK(printable("کد ملی\u200C") == "کد ملی\u200C");
        CHECK(printable(std::string("a\0b", 3)) == "a<U+0000>b");
        CHECK(printable("a\nb\x1B[2J") == "a<U+000A>b<U+001B>[2J");
        CHECK(printable("\u202Eabc\u200F") == "<U+202E>abc<U+200F>");
        CHECK(printable("x\u0085y\x7F") == "x<U+0085>y<U+007F>");
        CHECK(printable("a\xFF\xC3") == "a<0xFF><0xC3>");
    }

    TEST_CASE("one_line joins the lines of a message with semicolons and drops the empty ones")
    {
        CHECK(
            one_line("Premature end of data in tag svg line 1\n")
            == "Premature end of data in tag svg line 1");
        CHECK(one_line("first\r\n\r\n  second  \nthird") == "first; second; third");
        CHECK(one_line("a\tb\n\n") == "a b");
        CHECK(one_line("\n \n") == "");
        CHECK(one_line("x\u202Ey\x1B") == "x<U+202E>y<U+001B>");
    }

    TEST_CASE("json strings escape what JSON requires and never carry a broken byte")
    {
        CHECK(json_string("a\"b\\c") == "\"a\\\"b\\\\c\"");
        CHECK(json_string("\n\r\t") == "\"\\n\\r\\t\"");
        CHECK(json_string(std::string("\0\x1F", 2)) == "\"\\u0000\\u001f\"");
        CHECK(json_string("علی\u200C") == "\"علی\u200C\"");
        CHECK(json_string("bad\xFF.csv") == "\"bad<0xFF>.csv\"");
    }
}
