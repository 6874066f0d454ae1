#include "report/iso_time.hpp"

#include <doctest/doctest.h>

using namespace placard::report;

TEST_SUITE("report")
{
    TEST_CASE("ISO 8601 times with a zone, or dates alone")
    {
        struct Case {
            const char* text;
            std::optional<std::time_t> expected;
        };

        const Case cases[] = {
            {"2026-03-01", 1772323200},
            {"2026-03-01T08:30:00Z", 1772353800},
            {"2026-03-01 08:30:00Z", 1772353800},
            {"2026-03-01T08:30Z", 1772353800},
            {"2026-03-01T08:30:00.123Z", 1772353800},
            {"2026-03-01T12:00:00+03:30", 1772353800},
            {"2026-03-01T12:00:00+0330", 1772353800},
            {"2026-03-01T04:30:00-04:00", 1772353800},
            {"2024-02-29T00:00:00Z", 1709164800},
            // refused: no zone, impossible dates and times, stray text
            {"2026-03-01T08:30:00", std::nullopt},
            {"2026-02-30", std::nullopt},
            {"2026-13-01", std::nullopt},
            {"2026-03-01T24:00:00Z", std::nullopt},
            {"2026-03-01T08:30:00Z trailing", std::nullopt},
            {"1/3/2026", std::nullopt},
            {"", std::nullopt},
            {"2026-03-01T08:30:00+3", std::nullopt},
        };
        for (const Case& c : cases) {
            CAPTURE(c.text);
            CHECK(parse_iso_time(c.text) == c.expected);
        }
    }

    TEST_CASE("times are written in UTC")
    {
        CHECK(format_iso_time(1772353800) == "2026-03-01T08:30:00Z");
        CHECK(format_iso_date(1772353800) == "2026-03-01");
    }
}
