// Which recurring text blocks get a form of their own, and the caps that keep memory flat.
#include "render/recurring_forms.hpp"

#include <cairo.h>
#include <doctest/doctest.h>

#include <string>

using namespace placard::render;

namespace {

cairo_surface_t* new_form()
{
    cairo_rectangle_t extents{0, 0, 10, 10};
    return cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents);
}

}  // namespace

TEST_SUITE("render")
{
    TEST_CASE("a text block gets a form from its second sighting, not its first")
    {
        RecurringForms forms(8, 8);
        CHECK(forms.find("agency") == nullptr);
        CHECK_FALSE(forms.worth_a_form("agency"));
        CHECK(forms.worth_a_form("agency"));

        cairo_surface_t* form = new_form();
        forms.add("agency", form);
        CHECK(forms.find("agency") == form);
        CHECK(forms.find("office") == nullptr);
    }

    TEST_CASE("no form is made past the cap on forms")
    {
        RecurringForms forms(1, 8);
        CHECK_FALSE(forms.worth_a_form("first"));
        REQUIRE(forms.worth_a_form("first"));
        forms.add("first", new_form());

        CHECK_FALSE(forms.worth_a_form("second"));
        CHECK_FALSE(forms.worth_a_form("second"));
        CHECK(forms.find("second") == nullptr);
    }

    TEST_CASE("past the cap on remembered first sightings, new blocks stay on the page")
    {
        RecurringForms forms(8, 2);
        CHECK_FALSE(forms.worth_a_form("a"));
        CHECK_FALSE(forms.worth_a_form("b"));
        CHECK_FALSE(forms.worth_a_form("c"));  // not remembered: the memory is full
        CHECK_FALSE(forms.worth_a_form("c"));
        CHECK(forms.worth_a_form("a"));
    }

    TEST_CASE("adding a form twice for one key keeps the newer one")
    {
        RecurringForms forms(8, 8);
        forms.add("title", new_form());
        cairo_surface_t* newer = new_form();
        forms.add("title", newer);
        CHECK(forms.find("title") == newer);
    }
}
