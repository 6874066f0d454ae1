#include "roster/columns.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace placard::roster;

namespace {

using Header = std::vector<std::string>;

const Header minimal = {"employee_code", "national_code", "first_name", "last_name"};

}  // namespace

TEST_SUITE("roster columns")
{
    TEST_CASE("header keys ignore case, separators, ZWNJ and Arabic letter forms")
    {
        CHECK(header_key("Employee ID") == header_key("employee_id"));
        CHECK(header_key("EMPLOYEE-ID") == header_key("employeeid"));
        CHECK(header_key("کد پرسنلي") == header_key("کد پرسنلی"));
        CHECK(header_key("نام\u200Cخانوادگی") == header_key("نام خانوادگی"));
        CHECK(header_key("شهر") != header_key("شهرستان"));
    }

    TEST_CASE("every synonym names its field")
    {
        struct Row {
            const char* header;
            Field field;
        };

        const Row rows[] = {
            {"employee_code", Field::employee_code},
            {"Employee ID", Field::employee_code},
            {"personnel_code", Field::employee_code},
            {"کد پرسنلی", Field::employee_code},
            {"شماره پرسنلی", Field::employee_code},
            {"national_code", Field::national_code},
            {"National ID", Field::national_code},
            {"melli_code", Field::national_code},
            {"کد ملی", Field::national_code},
            {"شماره ملي", Field::national_code},
            {"first_name", Field::first_name},
            {"FName", Field::first_name},
            {"نام", Field::first_name},
            {"last_name", Field::last_name},
            {"lname", Field::last_name},
            {"surname", Field::last_name},
            {"family_name", Field::last_name},
            {"نام خانوادگي", Field::last_name},
            {"job_title", Field::job_title},
            {"title", Field::job_title},
            {"post", Field::job_title},
            {"position", Field::job_title},
            {"سمت", Field::job_title},
            {"عنوان شغلی", Field::job_title},
            {"office", Field::office},
            {"unit", Field::office},
            {"department", Field::office},
            {"واحد", Field::office},
            {"اداره", Field::office},
            {"agency", Field::agency},
            {"org", Field::agency},
            {"organization", Field::agency},
            {"دستگاه", Field::agency},
            {"سازمان", Field::agency},
            {"city", Field::city},
            {"شهر", Field::city},
            {"شهرستان", Field::city},
            {"province", Field::province},
            {"استان", Field::province},
            {"gender", Field::gender},
            {"sex", Field::gender},
            {"جنسيت", Field::gender},
            {"status", Field::status},
            {"active", Field::status},
            {"وضعیت", Field::status},
        };
        for (const Row& row : rows) {
            CAPTURE(std::string(row.header));
            auto match = match_header(row.header);
            REQUIRE(match);
            CHECK(match->field == row.field);
            CHECK_FALSE(match->weak);
        }
        CHECK_FALSE(match_header("name"));
        CHECK_FALSE(match_header("email"));
        REQUIRE(match_header("personnel_no"));
        CHECK(match_header("personnel_no")->weak);
    }

    TEST_CASE("column map finds required columns and lists the unused ones")
    {
        ColumnMap map = map_columns(
            {"Employee_ID", "x", "national_code", "first_name", "last_name", ""}, {}, "r.csv");
        CHECK(map.column(Field::employee_code) == 0u);
        CHECK(map.column(Field::national_code) == 2u);
        CHECK_FALSE(map.column(Field::office));
        CHECK(map.unused == std::vector<std::size_t>{1, 5});
    }

    TEST_CASE("a weak synonym is used only when nothing else names the field (case 07)")
    {
        ColumnMap both = map_columns(
            {"employee_id", "national_code", "personnel_no", "first_name", "last_name"}, {}, "t");
        CHECK(both.column(Field::employee_code) == 0u);
        CHECK(both.unused == std::vector<std::size_t>{2});

        ColumnMap alone = map_columns({"personnel_no", "melli_code", "fname", "lname"}, {}, "t");
        CHECK(alone.column(Field::employee_code) == 0u);
    }

    TEST_CASE("a missing required column stops the run naming all missing and found")
    {
        try {
            map_columns({"employee_id", "name", "family"}, {}, "roster.csv");
            FAIL("expected an error");
        } catch (const placard::Error& error) {
            CHECK(
                std::string(error.what())
                == "roster.csv:1: missing required columns national_code, first_name, "
                   "last_name; found columns: \"employee_id\", \"name\", \"family\"; rename the "
                   "headers or map them with --column FIELD=HEADER");
            CHECK(error.where().line == 1);
        }
    }

    TEST_CASE("an override maps any header to a field and takes precedence")
    {
        ColumnMap map = map_columns(
            {"code", "national_code", "name", "first_name", "last_name"},
            {{Field::employee_code, "CODE"}, {Field::first_name, "name"}},
            "t");
        CHECK(map.column(Field::employee_code) == 0u);
        CHECK(map.column(Field::first_name) == 2u);
        CHECK(map.unused == std::vector<std::size_t>{3});
    }

    TEST_CASE("an override naming an absent header stops the run")
    {
        CHECK_THROWS_WITH_AS(
            map_columns(minimal, {{Field::office, "unit name"}}, "t"),
            "t:1: --column office=unit name names no column of the roster; found columns: "
            "\"employee_code\", \"national_code\", \"first_name\", \"last_name\"",
            placard::Error);
    }

    TEST_CASE("two columns for one field stop the run")
    {
        CHECK_THROWS_WITH_AS(
            map_columns(
                {"employee_code", "employee_id", "national_code", "نام", "last_name"}, {}, "t"),
            "t:1: columns \"employee_code\" and \"employee_id\" both hold employee_code; rename "
            "one or choose with --column employee_code=HEADER",
            placard::Error);
    }
}
