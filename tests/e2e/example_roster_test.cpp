// The main job end to end: the example roster in, a PDF out, read back with the real
// Poppler and zxing-cpp.
#include "support/case_fixture.hpp"
#include "support/pdf_readback.hpp"
#include "support/text_match.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <sstream>

using namespace placard::test;

namespace {

struct ExampleRow {
    std::string code, first_name, last_name;
};

// The example roster is a plain file written by examples/make_roster.py: no quoted
// newlines, so splitting lines and commas is enough to know what each page must show.
std::vector<ExampleRow> example_rows()
{
    std::ifstream in(std::string(PLACARD_EXAMPLES_DIR) + "/roster.csv", std::ios::binary);
    std::vector<ExampleRow> rows;
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (line.empty()) {
            continue;
        }
        std::istringstream fields(line);
        ExampleRow row;
        std::string national_code;
        std::getline(fields, row.code, ',');
        std::getline(fields, national_code, ',');
        std::getline(fields, row.first_name, ',');
        std::getline(fields, row.last_name, ',');
        rows.push_back(row);
    }
    return rows;
}

}  // namespace

TEST_SUITE("e2e")
{
    TEST_CASE("the example roster renders one verified A5 placard per employee")
    {
        CaseFixture fixture;
        auto pdf = fixture.dir / "placards.pdf";
        // Roster order: page i is row i of the example (the default sorts by office).
        RunResult run = fixture.render(
            std::string(PLACARD_EXAMPLES_DIR) + "/roster.csv", pdf, {"--order", "roster"});
        INFO(run.err);
        REQUIRE(run.exit_code == 0);

        std::vector<ExampleRow> rows = example_rows();
        REQUIRE(rows.size() == 200);
        PdfReadback readback(pdf);
        REQUIRE(readback.page_count() == static_cast<int>(rows.size()));

        for (int page = 0; page < readback.page_count(); ++page) {
            const ExampleRow& row = rows[static_cast<std::size_t>(page)];
            CAPTURE(row.code);
            PageSize size = readback.page_size(page);
            CHECK(std::abs(size.width - 419.53) <= 0.5);
            CHECK(std::abs(size.height - 595.28) <= 0.5);
            std::string text = readback.page_text(page);
            CHECK(page_text_holds(text, row.first_name));
            CHECK(page_text_holds(text, row.last_name));
            std::vector<std::string> codes = decode_qr_codes(readback.render(page, 150));
            REQUIRE(codes.size() == 1);
            CHECK(codes[0] == fixture.url_of(row.code));
        }
    }

    TEST_CASE("every font of a rendered PDF is embedded")
    {
        CaseFixture fixture;
        auto pdf = fixture.dir / "placards.pdf";
        RunResult run =
            fixture.render(CaseFixture::case_file("01-bom-first-header", "roster_bom.csv"), pdf);
        REQUIRE(run.exit_code == 0);
        std::vector<FontReport> fonts = PdfReadback(pdf).fonts();
        REQUIRE_FALSE(fonts.empty());
        bool has_vazirmatn = false;
        for (const FontReport& font : fonts) {
            CAPTURE(font.name);
            CHECK(font.embedded);
            CHECK(font.subset);
            has_vazirmatn = has_vazirmatn || font.name.find("Vazirmatn") != std::string::npos;
        }
        CHECK(has_vazirmatn);
    }
}
