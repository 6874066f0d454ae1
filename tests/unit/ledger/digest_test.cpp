#include "ledger/digest.hpp"
#include "support/temp_dir.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

using namespace placard;

TEST_SUITE("ledger")
{
    TEST_CASE("sha256 matches the published test vector, for text and for a file")
    {
        const std::string abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        CHECK(ledger::sha256_hex("abc") == abc);

        test::TempDir dir;
        CHECK(ledger::sha256_file(dir.write("abc.txt", "abc")) == abc);
        CHECK_THROWS_AS(ledger::sha256_file(dir / "absent.pdf"), Error);
    }

    TEST_CASE("the printed-fields digest changes with what is printed, and only with that")
    {
        roster::Employee e;
        e.employee_code = "E00001";
        e.national_code = "0012345679";
        e.first_name = "سارا";
        e.last_name = "نمونه‌زاده";
        e.job_title = "کارشناس";
        e.office = "دفتر مرکزی";
        e.agency = "ثبت احوال";
        const std::string base = ledger::printed_fields_digest(e);

        roster::Employee moved_city = e;
        moved_city.city = "کاشان";
        moved_city.national_code = "0135792460";
        CHECK(ledger::printed_fields_digest(moved_city) == base);

        roster::Employee new_title = e;
        new_title.job_title = "کارشناس ارشد";
        CHECK(ledger::printed_fields_digest(new_title) != base);

        // The same characters split differently between fields are another placard.
        roster::Employee shifted = e;
        shifted.job_title = "";
        shifted.office = "کارشناسدفتر مرکزی";
        CHECK(ledger::printed_fields_digest(shifted) != base);
    }
}
