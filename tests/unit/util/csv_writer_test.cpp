#include "util/csv_writer.hpp"
#include "util/persian.hpp"

#include <doctest/doctest.h>

using namespace placard;

TEST_SUITE("util")
{
    TEST_CASE("csv cells that a spreadsheet would run as formulas are defused")
    {
        CHECK(
            csv_record({"=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "\tx", "ok"})
            == "\"'=HYPERLINK(\"\"x\"\")\",'+1,'-2,'@SUM(A1),'\tx,ok\r\n");
    }

    TEST_CASE("csv cells with delimiters, quotes and newlines are quoted")
    {
        CHECK(
            csv_record({"a,b", "say \"hi\"", "two\nlines", "plain"})
            == "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",plain\r\n");
    }

    TEST_CASE("persian digits and the solar hijri date")
    {
        CHECK(to_persian_digits("E00123") == "E۰۰۱۲۳");
        // 2026-12-04 12:00 UTC is 13 Azar 1405.
        CHECK(solar_hijri_date(1796385600) == "۱۴۰۵/۰۹/۱۳");
    }
}
