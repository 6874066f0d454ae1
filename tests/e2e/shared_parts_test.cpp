// The parts of a placard that the PDF holds once and every page refers to (the fixed
// parts, recurring agencies, offices and job titles) must still read on every page as
// if each page had drawn them itself.
#include "support/case_fixture.hpp"
#include "support/pdf_readback.hpp"
#include "support/text_match.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <string>
#include <vector>

using namespace placard::test;
namespace fs = std::filesystem;

namespace {

struct Row {
    std::string code, national_code, first_name, last_name, job_title;
};

const std::string office = "دفتر مرکزی";
const std::string agency = "اداره کل ثبت احوال";
// Words of the call to action. The whole sentence is not compared: Poppler gives its
// tanween and its Arabic comma in another order than the source, with or without forms.
const std::vector<std::string> call_to_action_words = {"کیفیت", "ارزیابی"};

// Two job titles that alternate, so each is seen once before it recurs.
const std::vector<Row> rows = {
    {"E00061", "0012345679", "سارا", "نمونه‌زاده", "مهندس نرم‌افزار"},
    {"E00062", "0135792460", "مهدی", "فرضی‌پور", "کارشناس منابع انسانی"},
    {"E00063", "0024681350", "نرگس", "کریمی", "مهندس نرم‌افزار"},
    {"E00064", "0036925810", "علی", "آزمایشی", "کارشناس منابع انسانی"},
    {"E00065", "0048151629", "ژیلا", "اسلامی‌فر", "مهندس نرم‌افزار"},
};

fs::path write_roster(const fs::path& folder)
{
    fs::path path = folder / "roster.csv";
    std::ofstream out(path, std::ios::binary);
    out << "employee_code,national_code,first_name,last_name,job_title,office,agency\n";
    for (const Row& row : rows) {
        out << row.code << ',' << row.national_code << ',' << row.first_name << ',' << row.last_name
            << ',' << row.job_title << ',' << office << ',' << agency << '\n';
    }
    return path;
}

}  // namespace

TEST_SUITE("e2e")
{
    TEST_CASE("text drawn once for all pages still reads on every page, with its own qr")
    {
        CaseFixture fixture;
        fs::path pdf = fixture.dir / "out.pdf";
        RunResult run =
            fixture.render(
                write_roster(fixture.dir.path()),
                pdf,
                {"--batch-id", "SHARED-7", "--order", "roster"});
        INFO(run.err);
        REQUIRE(run.exit_code == 0);

        PdfReadback readback(pdf);
        REQUIRE(readback.page_count() == static_cast<int>(rows.size()));
        for (int page = 0; page < readback.page_count(); ++page) {
            const Row& row = rows[static_cast<std::size_t>(page)];
            CAPTURE(row.code);
            std::string text = readback.page_text(page);
            CHECK(page_text_holds(text, row.first_name));
            CHECK(page_text_holds(text, row.job_title));
            CHECK(page_text_holds(text, office));
            CHECK(page_text_holds(text, agency));
            for (const std::string& word : call_to_action_words) {
                CHECK(page_text_holds(text, word));
            }
            CHECK(text.find("SHARED-7") != std::string::npos);

            std::vector<std::string> codes = decode_qr_codes(readback.render(page, 150));
            REQUIRE(codes.size() == 1);
            CHECK(codes[0] == fixture.url_of(row.code));
        }
        for (const FontReport& font : readback.fonts()) {
            CHECK(font.embedded);
        }
    }
}
