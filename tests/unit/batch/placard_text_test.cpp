// The printed words follow the template: honorifics, digits, calendar, the placard code
// and the short domain.
#include "batch/placard_text.hpp"
#include "util/persian.hpp"

#include <doctest/doctest.h>

using namespace placard;

namespace {

const std::string url = "https://survey.example.ir/S/T1/E00042/3/KQ6ZABCDEFGHIJKLMNOPQRSTUV";
const std::string base_url = "https://survey.example.ir/S";

roster::Employee employee(roster::Gender gender)
{
    roster::Employee e;
    e.employee_code = "E00042";
    e.first_name = "Sara";
    e.last_name = "Sample";
    e.gender = gender;
    return e;
}

}  // namespace

TEST_SUITE("batch")
{
    TEST_CASE("the default template prints persian honorifics and persian digits")
    {
        render::PlacardTemplate look;
        render::PlacardText text =
            batch::compose_text(employee(roster::Gender::female), look, url, base_url);
        CHECK(text.full_name == "خانم Sara Sample");
        // Codes stay typeable (ASCII), isolated as left-to-right runs.
        CHECK(text.employee_code_line == "کد کارمند: \u2066E00042\u2069");
        CHECK(
            text.placard_code_line
            == "کد پلاکارد: \u2066E00042-3-KQ6Z\u2069  ·  \u2066survey.example.ir\u2069");
        CHECK(
            batch::compose_text(employee(roster::Gender::unknown), look, url, base_url).full_name
            == "Sara Sample");
    }

    TEST_CASE("template words, latin digits, no honorific and a short domain are honoured")
    {
        render::PlacardTemplate look;
        look.wording.direction = render::TextDirection::left_to_right;
        look.wording.digits = render::Digits::latin;
        look.wording.honorific_male = "";
        look.wording.employee_code_label = "Employee code";
        look.wording.placard_code_label = "Placard code";
        look.short_domain = "nazar.ir";
        render::PlacardText text =
            batch::compose_text(employee(roster::Gender::male), look, url, base_url);
        CHECK(text.full_name == "Sara Sample");
        CHECK(text.employee_code_line == "Employee code: E00042");
        CHECK(text.placard_code_line == "Placard code: E00042-3-KQ6Z  ·  nazar.ir");
    }

    TEST_CASE("the footer gives the print date in the template's calendar and digits")
    {
        const std::time_t moment = 1796371200;  // 2026-12-04 08:00 UTC
        render::PlacardTemplate look;
        CHECK(
            batch::footer_line(look, "B-7", moment)
            == "دستهٔ چاپ \u2066B-7\u2069 · تاریخ چاپ " + to_persian_digits("1405/09/13"));
        look.wording.calendar = render::Calendar::gregorian;
        look.wording.digits = render::Digits::latin;
        look.wording.batch_label = "Print batch";
        look.wording.date_label = "printed";
        // Still a right-to-left template: the id stays isolated.
        CHECK(
            batch::footer_line(look, "B-7", moment)
            == "Print batch \u2066B-7\u2069 · printed 2026/12/04");
        look.wording.direction = render::TextDirection::left_to_right;
        CHECK(batch::footer_line(look, "B-7", moment) == "Print batch B-7 · printed 2026/12/04");
    }
}
