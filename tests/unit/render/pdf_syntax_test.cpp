#include "render/pdf_syntax.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace placard;
using namespace placard::render::pdf_syntax;

TEST_SUITE("render")
{
    TEST_CASE("pdf syntax renumbers references but not strings, comments or numbers")
    {
        const std::string text = "7 0 obj\n<< /Type /Page % 2 0 R\n   /Kids [ 2 0 R 18 0 R ]\n"
                                 "   /T (a (2 0 R) \\) 3 0 R) /H <20 0 52> /N 12 /M [ 1 0 ]\n>>\n"
                                 "stream\n2 0 R\nendstream\nendobj\n";
        Parser parser(text, "part 1");
        IndirectObject object = parser.parse_object(7, 0, text.size());
        std::string copied = parser.renumbered(
            object, [](std::uint32_t number, std::size_t) { return number + 100; });
        CHECK(
            copied
            == "<< /Type /Page % 2 0 R\n   /Kids [ 102 0 R 118 0 R ]\n"
               "   /T (a (2 0 R) \\) 3 0 R) /H <20 0 52> /N 12 /M [ 1 0 ]\n>>\n"
               "stream\n2 0 R\nendstream\nendobj\n");
        const Value* kids = find_entry(object.value, "Kids");
        REQUIRE(kids != nullptr);
        REQUIRE(kids->items.size() == 2);
        CHECK(kids->items[1].number == 18);
    }

    TEST_CASE("pdf syntax refuses an object whose number is not the one the table gives")
    {
        const std::string text = "%PDF-1.5\n8 0 obj\n<< >>\nendobj\n";
        Parser parser(text, "part 2");
        CHECK_THROWS_WITH_AS(
            parser.parse_object(7, 9, text.size()),
            "part 2: byte 9: expected \"7 0 obj\" where the cross-reference table points; only "
            "PDF files as Cairo writes them can be merged",
            Error);
    }

    TEST_CASE("pdf syntax refuses a keyword where a value belongs and deep nesting")
    {
        const std::string keyword = "1 0 obj\n<< /A endobj\n";
        Parser parser(keyword, "part 3");
        CHECK_THROWS_WITH_AS(
            parser.parse_object(1, 0, keyword.size()),
            doctest::Contains("expected a value, found \"endobj\""),
            Error);
        std::string deep = "1 0 obj\n" + std::string(40, '[') + std::string(40, ']') + "\nendobj\n";
        Parser nested(deep, "part 4");
        CHECK_THROWS_WITH_AS(
            nested.parse_object(1, 0, deep.size()),
            doctest::Contains("values nested deeper than 32"),
            Error);
    }
}
