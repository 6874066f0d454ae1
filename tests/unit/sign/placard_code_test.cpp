#include "sign/placard_code.hpp"
#include "util/error.hpp"
#include "util/persian.hpp"

#include <doctest/doctest.h>

using namespace placard;

TEST_SUITE("sign")
{
    TEST_CASE("the placard code is the employee code, generation and the tag's first letters")
    {
        CHECK(
            sign::placard_code("https://survey.example.ir/S/T1/E00001/2/KQ6ZABCDEFGHIJKLMNOPQRSTUV")
            == "E00001-2-KQ6Z");
        // A hyphen inside an employee code stays; the code is read from the right.
        CHECK(
            sign::placard_code("https://s.example/T1/hr-42/1/ABCDEFGHIJKLMNOPQRSTUVWXYZ")
            == "hr-42-1-ABCD");
        CHECK_THROWS_AS(sign::placard_code("https://s.example/T1/E1/1/AB"), Error);
        CHECK_THROWS_AS(sign::placard_code("nothing"), Error);
    }

    TEST_CASE("the short domain is the host of the base url")
    {
        CHECK(sign::short_domain("https://survey.example.ir/S") == "survey.example.ir");
        CHECK(sign::short_domain("https://nazar.ir") == "nazar.ir");
    }

    TEST_CASE("the printed date follows the calendar asked for")
    {
        std::time_t moment = 1796371200;  // 2026-12-04 08:00 UTC, 11:30 in Tehran
        CHECK(calendar_date(moment, false) == "2026/12/04");
        CHECK(calendar_date(moment, true) == "1405/09/13");
        CHECK(solar_hijri_date(moment) == to_persian_digits("1405/09/13"));
    }
}
