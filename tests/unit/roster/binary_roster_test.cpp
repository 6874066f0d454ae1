#include "roster/roster_reader.hpp"
#include "support/temp_dir.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

using namespace placard;
using placard::test::TempDir;

TEST_SUITE("roster")
{
    TEST_CASE("roster reader names a workbook or image sent instead of a CSV")
    {
        TempDir dir;

        struct Case {
            std::string bytes;
            std::string says;
        };

        const Case cases[] = {
            {std::string("PK\x03\x04\x14\x00\x06\x00", 8), "a ZIP archive (an Excel .xlsx"},
            {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "an old Excel .xls workbook"},
            {std::string("SQLite format 3\0", 16), "an SQLite database"},
            {"%PDF-1.5\n", "a PDF document"},
            {"\x89PNG\r\n\x1A\n", "a PNG image"},
        };
        for (const Case& c : cases) {
            CAPTURE(c.says);
            auto path = dir.write("roster.csv", c.bytes);
            std::string expected = path.string() + ": this is " + c.says;
            CHECK_THROWS_WITH_AS(
                roster::RosterReader(path.string(), roster::ReadOptions{}),
                doctest::Contains(expected.c_str()),
                Error);
        }
    }

    TEST_CASE("roster reader still reads a CSV whose header starts like a signature word")
    {
        TempDir dir;
        auto path = dir.write(
            "roster.csv",
            "PKG,employee_code,national_code,first_name,last_name\nx,E1,0012345679,Ali,Rezaei\n");
        roster::RosterReader reader(path.string(), roster::ReadOptions{});
        roster::RosterRow row;
        CHECK(reader.next(row));
    }
}
