// Cases from shared/cases about reading rosters, run through the real binary.
#include "support/case_fixture.hpp"
#include "support/pdf_readback.hpp"
#include "support/text_match.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <regex>

using namespace placard::test;
namespace fs = std::filesystem;

namespace {

bool contains(const std::string& haystack, const std::string& needle)
{
    return haystack.find(needle) != std::string::npos;
}

std::vector<std::string> single_codes(const std::vector<std::vector<std::string>>& pages)
{
    std::vector<std::string> codes;
    for (const auto& page : pages) {
        REQUIRE(page.size() == 1);
        codes.push_back(page[0]);
    }
    return codes;
}

int count_lines(const std::string& text)
{
    int lines = 0;
    for (char c : text) {
        lines += c == '\n' ? 1 : 0;
    }
    return lines;
}

}  // namespace

TEST_SUITE("e2e cases")
{
    TEST_CASE("case 01: a BOM glued to the first header does not hide the employee code column")
    {
        CaseFixture fixture;
        std::vector<std::string> reference;
        for (const char* name : {"roster_nobom.csv", "roster_bom.csv", "roster_bom_quoted.csv"}) {
            CAPTURE(name);
            fs::path input = CaseFixture::case_file("01-bom-first-header", name);
            RunResult validated = run_placard({"validate", input.string()});
            CHECK(validated.exit_code == 0);
            CHECK(contains(
                validated.out, "3 rows: 3 valid, 0 rejected, 0 skipped; 0 errors, 0 warnings"));

            fs::path pdf = fixture.dir / (std::string(name) + ".pdf");
            RunResult run = fixture.render(input, pdf, {"--order", "roster"});
            INFO(run.err);
            REQUIRE(run.exit_code == 0);
            CHECK_FALSE(contains(run.err, "\xEF\xBB\xBF"));
            std::vector<std::string> codes = single_codes(CaseFixture::decode_pages(pdf, 150));
            REQUIRE(codes.size() == 3);
            if (reference.empty()) {
                reference = codes;
            }
            CHECK(codes == reference);
        }
        const std::regex shape(R"(^https://survey\.example\.ir/S/T1/E00001/[0-9]+/[A-Z2-7]{26}$)");
        CHECK(std::regex_match(reference[0], shape));
        CHECK(reference[0] == fixture.url_of("E00001"));
        CHECK(reference[1] == fixture.url_of("E00002"));
        CHECK(reference[2] == fixture.url_of("E00003"));
        CHECK(
            run_placard({"verify-url", "--key", fixture.key.string(), reference[0]}).exit_code
            == 0);
    }

    TEST_CASE("case 02: a windows-1256 roster is detected, named, and read with persian letters")
    {
        CaseFixture fixture;
        fs::path cp1256 = CaseFixture::case_file("02-cp1256-roster", "roster_cp1256.csv");
        for (std::vector<std::string> extra :
             {std::vector<std::string>{"-v"},
              std::vector<std::string>{"--encoding", "windows-1256"}}) {
            fs::path pdf = fixture.dir / "out.pdf";
            RunResult run = fixture.render(cp1256, pdf, extra);
            INFO(run.err);
            REQUIRE(run.exit_code == 0);
            if (extra[0] == "-v") {
                CHECK(contains(run.err, "windows-1256"));
            }
            CHECK_FALSE(contains(run.err, "\xEF\xBF\xBD"));  // U+FFFD
            PdfReadback readback(pdf);
            REQUIRE(readback.page_count() == 2);
            std::string page1 = readback.page_text(0);
            CHECK(page_text_holds(page1, "علی آزمایشی"));
            CHECK_FALSE(contains(page1, "\xD9\x8A"));  // no Arabic Yeh U+064A left
            CHECK(page_text_holds(readback.page_text(1), "نمونه\u200Cزاده"));
            std::vector<std::string> codes = single_codes(CaseFixture::decode_pages(pdf, 150));
            CHECK(
                codes
                == std::vector<std::string>{fixture.url_of("E00011"), fixture.url_of("E00012")});
        }
    }

    TEST_CASE("case 02: forced utf-8 on a windows-1256 file stops with line, field and offset")
    {
        CaseFixture fixture;
        fs::path pdf = fixture.dir / "out.pdf";
        RunResult run = fixture.render(
            CaseFixture::case_file("02-cp1256-roster", "roster_cp1256.csv"),
            pdf,
            {"--encoding", "utf-8"});
        CHECK(run.exit_code == 2);
        CHECK(contains(run.err, "roster_cp1256.csv:2:3:"));
        CHECK(contains(run.err, "offset 83"));
        CHECK(contains(run.err, "windows-1256"));
        CHECK_FALSE(fs::exists(pdf));
        CHECK(fixture.temp_files().empty());
    }

    TEST_CASE("case 04: mangled national codes stop the run, or are rejected with reasons")
    {
        CaseFixture fixture;
        fs::path roster = CaseFixture::case_file("04-national-code-excel-mangled", "roster.csv");
        fs::path pdf = fixture.dir / "out.pdf";

        RunResult strict = fixture.render(roster, pdf);
        CHECK(strict.exit_code == 2);
        CHECK_FALSE(fs::exists(pdf));
        CHECK(fixture.temp_files().empty());
        for (const char* line :
             {"roster.csv:3:",
              "roster.csv:4:",
              "roster.csv:6:",
              "roster.csv:7:",
              "roster.csv:9:"}) {
            CAPTURE(line);
            CHECK(contains(strict.err, line));
        }
        CHECK_FALSE(contains(strict.err, "roster.csv:2:"));
        CHECK(contains(strict.err, "scientific notation"));

        RunResult lenient = fixture.render(roster, pdf, {"--skip-invalid", "--order", "roster"});
        INFO(lenient.err);
        CHECK(lenient.exit_code == 3);
        CHECK(contains(lenient.err, "read 8, printed 3, rejected 5, skipped 0"));
        PdfReadback readback(pdf);
        CHECK(readback.page_count() == 3);
        std::string rejects = read_file(fixture.dir / "out.rejects.csv");
        CHECK(count_lines(rejects) == 1 + 5);
        for (int page = 0; page < readback.page_count(); ++page) {
            for (const char* code : {"0012345679", "0088008800", "1111111111"}) {
                CHECK_FALSE(contains(readback.page_text(page), code));
            }
        }
        std::vector<std::string> codes = single_codes(CaseFixture::decode_pages(pdf, 150));
        CHECK(
            codes
            == std::vector<std::string>{
                fixture.url_of("E00031"), fixture.url_of("E00034"), fixture.url_of("E00037")});

        RunResult padded = fixture.render(roster, pdf, {"--skip-invalid", "--pad-national-code"});
        CHECK(padded.exit_code == 3);
        CHECK(contains(padded.err, "read 8, printed 5, rejected 3, skipped 0"));
        CHECK(PdfReadback(pdf).page_count() == 5);
    }

    TEST_CASE("case 20: no row is lost in silence and the rejects list exactly the rejected rows")
    {
        CaseFixture fixture;
        fs::path roster = CaseFixture::case_file("20-coverage-no-silent-skip", "roster.csv");
        fs::path pdf = fixture.dir / "out.pdf";

        RunResult strict = fixture.render(roster, pdf);
        CHECK(strict.exit_code == 2);
        CHECK_FALSE(fs::exists(pdf));
        for (const char* line : {"roster.csv:4:", "roster.csv:5:", "roster.csv:6:"}) {
            CHECK(contains(strict.err, line));
        }

        RunResult lenient = fixture.render(roster, pdf, {"--skip-invalid", "--order", "roster"});
        INFO(lenient.err);
        CHECK(lenient.exit_code == 3);
        CHECK(contains(lenient.err, "read 6, printed 3, rejected 3, skipped 0"));
        std::vector<std::string> codes = single_codes(CaseFixture::decode_pages(pdf, 150));
        CHECK(
            codes
            == std::vector<std::string>{
                fixture.url_of("E00141"), fixture.url_of("E00142"), fixture.url_of("E00146")});

        std::string rejects = read_file(fixture.dir / "out.rejects.csv");
        CHECK(rejects.rfind("\xEF\xBB\xBF", 0) == 0);
        CHECK(count_lines(rejects) == 1 + 3);
        CHECK(contains(rejects, "\r\n4,"));
        CHECK(contains(rejects, "\r\n5,duplicate-national-code,"));
        CHECK(contains(rejects, "\r\n6,"));
        CHECK(contains(rejects, "0024681351"));
    }
}
