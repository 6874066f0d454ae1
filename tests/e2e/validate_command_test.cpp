// `placard validate` and the reading side of `render`, run through the real binary on
// files written here and on the HR exports under tests/data/roster.
#include "roster/csv_parser.hpp"
#include "support/case_fixture.hpp"
#include "support/pdf_readback.hpp"
#include "support/text_match.hpp"
#include "unit/roster/encoding_support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

using namespace placard::test;
namespace fs = std::filesystem;
using Json = nlohmann::json;
using Records = std::vector<std::vector<std::string>>;

namespace {

bool contains(const std::string& haystack, const std::string& needle)
{
    return haystack.find(needle) != std::string::npos;
}

std::string data_file(const std::string& name)
{
    return std::string(PLACARD_TEST_DATA_DIR) + "/roster/" + name;
}

// Splits CSV output with placard's own RFC 4180 reader (its tests pin it down), after
// the UTF-8 byte order mark that placard writes for Excel.
Records parse_csv(std::string text)
{
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) {
        text.erase(0, 3);
    }
    bool given = false;
    placard::roster::CsvParser parser(
        [&](std::string& out) {
            if (given) {
                return false;
            }
            out += text;
            given = true;
            return true;
        },
        ',',
        "output");
    Records records;
    placard::roster::CsvRecord record;
    while (parser.next(record)) {
        records.push_back(record.fields);
    }
    return records;
}

RunResult validate(const fs::path& roster, std::vector<std::string> extra = {})
{
    std::vector<std::string> arguments = {"validate", roster.string()};
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    return run_placard(arguments);
}

Json validate_json(const fs::path& roster, std::vector<std::string> extra = {})
{
    extra.insert(extra.end(), {"--format", "json"});
    RunResult run = validate(roster, extra);
    INFO(run.err);
    REQUIRE(run.out.size() > 0);
    return Json::parse(run.out);
}

std::set<long> lines_with(const Json& report, const std::string& severity)
{
    std::set<long> lines;
    for (const Json& finding : report["findings"]) {
        if (finding["severity"] == severity) {
            lines.insert(finding["line"].get<long>());
        }
    }
    return lines;
}

// A roster as a provincial HR office might send it: BOM, CRLF, semicolons, Persian
// headers, a status column, and a bad row of every common kind. 17 rows: 5 print,
// 8 are rejected and 4 skipped (lines in the comments).
std::string messy_roster()
{
    std::string nul(1, '\0');
    return "\xEF\xBB\xBF"
           "کد پرسنلی;کد ملی;نام;نام خانوادگی;سمت;وضعیت\r\n"
           "E001;0012345679;علی;رضایی;کارشناس;فعال\r\n"    // 2 printed
           "E002;135792460;مریم;احمدی;;\r\n"               // 3 leading zeros
           "E003;0135792460;حسن;كريمي;مدير;\r\n"           // 4 printed, Arabic letters
           "E001;0024681350;رضا;موسوی;;\r\n"               // 5 duplicate code
           "E005;0012345679;سارا;نادری;;\r\n"              // 6 duplicate national code
           "E006;3.14159E+09;زهرا;حسینی;;\r\n"             // 7 scientific notation
           "E007;4040404041;محمد;\"جعفری\r\nزاده\";;\r\n"  // 8-9 printed, line break
           "E008;0000000140;نرگس;صادقی;;retired\r\n"       // 10 skipped
           "E009;1000000001;امیر;کاظمی;;بازنشسته\r\n"      // 11 skipped
           ";;;;;\r\n"                                     // 12 skipped, empty
           "\r\n"                                          // 13 blank: not a row
           "E010;3141592659;لی\"لا;رحیمی;;\r\n"            // 14 bare quote
           "E011;0000000231;بهرام;ملکی\r\n"                // 15 ragged
           "E012;2222222222;سینا;شریفی;;\r\n"              // 16 printed, placeholder
           "E013;0088008800;کاوه;\x01نوری;;\r\n"           // 17 control character
           "E014;1111111111;پریا;نو"
           + nul
           + "ری;;\r\n"                                 // 18 NUL
             "E015;0000000019;آرش;عباسی;;Inactive\r\n"  // 19 skipped
             "E016;0000000019;آرش;عباسی;;\r\n"          // 20 printed
             "\r\n";
}

const std::set<long> messy_rejected = {3, 5, 6, 7, 14, 15, 17, 18};

}  // namespace

TEST_SUITE("e2e validate")
{
    TEST_CASE("validate exits 0 when clean, 1 with warnings only, 2 with errors, 4 on misuse")
    {
        TempDir dir;
        std::string header = "employee_code,national_code,first_name,last_name\n";
        fs::path clean = dir.write("clean.csv", header + "E1,0012345679,علی,رضایی\n");
        fs::path warned = dir.write("warned.csv", header + "E1,0012345679,علي,رضايي\n");
        fs::path failed = dir.write("failed.csv", header + "E1,0012345678,علی,رضایی\n");

        RunResult ok = validate(clean);
        CHECK(ok.exit_code == 0);
        CHECK(ok.out == "1 row: 1 valid, 0 rejected, 0 skipped; 0 errors, 0 warnings\n");
        CHECK(ok.err.empty());
        CHECK(validate(warned).exit_code == 1);
        CHECK(validate(failed).exit_code == 2);

        for (std::vector<std::string> misuse :
             {std::vector<std::string>{"--format", "xml"},
              {"--encoding", "koi8-r"},
              {"--delimiter", "|"},
              {"--column", "nickname=x"},
              {"--column", "first_name"}}) {
            CAPTURE(misuse[1]);
            RunResult run = validate(clean, misuse);
            CHECK(run.exit_code == 4);
            CHECK(contains(run.err, "run 'placard --help' for usage"));
            CHECK(run.out.empty());
        }
        RunResult missing = validate(dir / "absent.csv");
        CHECK(missing.exit_code == 2);
        CHECK(contains(missing.err, "absent.csv: cannot open the roster"));
    }

    TEST_CASE("validate rejects characters the placard font cannot draw, as render does")
    {
        CaseFixture fixture;
        std::string header = "employee_code,national_code,first_name,last_name\n";
        fs::path roster = fixture.dir.write(
            "glyph.csv", header + "E1,0012345679,علی \U0001F600,رضایی\nE2,0135792460,مریم,中\n");

        Json report = validate_json(roster);
        CHECK(report["rejected"] == 2);
        CHECK(lines_with(report, "error") == std::set<long>{2, 3});
        CHECK(contains(report.dump(), "glyph-missing"));

        RunResult rendered = fixture.render(roster, fixture.dir / "out.pdf", {"--skip-invalid"});
        CHECK(rendered.exit_code == 3);  // every row rejected by render too
    }

    TEST_CASE("text output groups each row's findings under a heading saying what became of it")
    {
        TempDir dir;
        fs::path roster = dir.write("messy.csv", messy_roster());
        RunResult run = validate(roster);
        CHECK(run.exit_code == 2);
        CHECK(contains(
            run.out,
            "messy.csv:3: row rejected\n    column 2 \"کد ملی\": error: national code 13*****60 "
            "has 9 digits"));
        CHECK(contains(
            run.out,
            "messy.csv:4: row valid, with warnings\n    column 4 \"نام خانوادگی\": warning: text "
            "changed: Arabic letters replaced"));
        CHECK(contains(
            run.out,
            "messy.csv:15: row rejected\n    error: expected 6 fields as in the header, found 4 "
            "[field-count]"));
        CHECK(contains(
            run.out,
            "messy.csv:5: row rejected\n    column 1 \"کد پرسنلی\": error: employee code already "
            "used on line 2"));
        CHECK(contains(
            run.out,
            "messy.csv:10: row skipped\n    column 6 \"وضعیت\": info: status \"retired\" says"));
        CHECK(contains(
            run.out,
            "messy.csv:11: row skipped\n    column 6 \"وضعیت\": info: status \"بازنشسته\" says"));
        CHECK(contains(
            run.out,
            "    column 4 \"نام خانوادگی\": error: control character U+0000 in the value"));
        CHECK(contains(run.out, "17 rows: 5 valid, 8 rejected, 4 skipped; "));
        CHECK(contains(
            run.out,
            "\n1 row has a national code of 8 or 9 digits; a spreadsheet probably removed the "
            "leading zeros"));
        CHECK_FALSE(contains(run.out, "0012345679"));
    }

    TEST_CASE("json output parses, holds every finding and counts that add up")
    {
        TempDir dir;
        fs::path roster = dir.write("messy.csv", messy_roster());
        Json report = validate_json(roster);

        CHECK(report["rows"] == 17);
        CHECK(report["valid"] == 5);
        CHECK(report["rejected"] == 8);
        CHECK(report["skipped"] == 4);
        CHECK(
            report["valid"].get<long>() + report["rejected"].get<long>()
                + report["skipped"].get<long>()
            == report["rows"].get<long>());
        CHECK(report["short_national_codes"] == 1);
        CHECK(lines_with(report, "error") == messy_rejected);

        long errors = 0;
        long by_code_total = 0;
        for (const Json& finding : report["findings"]) {
            for (const char* key :
                 {"file", "line", "column", "field", "severity", "code", "message"}) {
                CHECK(finding.contains(key));
            }
            CHECK(contains(finding["file"].get<std::string>(), "messy.csv"));
            errors += finding["severity"] == "error" ? 1 : 0;
        }
        for (const auto& [code, count] : report["by_code"].items()) {
            by_code_total += count.get<long>();
        }
        CHECK(errors == report["errors"].get<long>());
        CHECK(by_code_total == report["errors"].get<long>() + report["warnings"].get<long>());
    }

    TEST_CASE("json stays valid with quotes, backslashes and control characters in headers")
    {
        TempDir dir;
        fs::path roster = dir.write(
            "odd.csv",
            "employee_code,national_code,first_name,last_name,\"say \"\"hi\"\" \\ "
            "there\",\"tab\there\"\n"
            "E1,0012345679,علی,رضایی,a\x07,b\n");
        Json report = validate_json(roster);
        const Json& findings = report["findings"];
        REQUIRE(findings.size() == 2);
        CHECK(findings[0]["code"] == "unknown-columns");
        CHECK(contains(findings[0]["message"].get<std::string>(), "\"say \"hi\" \\ there\""));
        CHECK(findings[1]["code"] == "control-character");
        CHECK(findings[1]["field"] == "say \"hi\" \\ there");
        CHECK(findings[1]["column"] == 5);
    }

    TEST_CASE("a run that stops part way still leaves valid json saying why")
    {
        TempDir dir;
        fs::path roster = dir.write(
            "runaway.csv",
            "employee_code,national_code,first_name,last_name\nE1,0012345679,علی,رضایی\n"
            "E2,0135792460,\""
                + std::string(1100 * 1024, 'x') + "\n");
        RunResult run = validate(roster, {"--format", "json"});
        CHECK(run.exit_code == 2);
        CHECK(contains(run.err, "runaway.csv:3: record is longer than"));
        Json report = Json::parse(run.out);
        CHECK(contains(report["stopped"].get<std::string>(), "runaway.csv:3: record is longer"));
        CHECK(report["findings"].empty());
    }

    TEST_CASE("csv output defuses cells a spreadsheet would run as formulas")
    {
        TempDir dir;
        fs::path roster = dir.write(
            "formula.csv",
            "employee_code,national_code,first_name,last_name,\"=HYPERLINK(\"\"x\"\")\",+1,-1,@SUM("
            "A1),"
            "\"\tt\",\"\rr\"\n"
            "E1,0012345679,علی,رضایی,a\x07,b\x07,c\x07,d\x07,e\x07,f\x07\n");
        RunResult run = validate(roster, {"--format", "csv"});
        CHECK(run.exit_code == 2);
        CHECK(run.out.rfind("\xEF\xBB\xBF", 0) == 0);
        Records records = parse_csv(run.out);
        REQUIRE(records.size() == 1 + 1 + 6);
        CHECK(
            records[0]
            == std::vector<std::string>{
                "file", "line", "column", "field", "severity", "code", "message"});

        std::vector<std::string> fields;
        for (std::size_t i = 2; i < records.size(); ++i) {
            fields.push_back(records[i].at(3));
        }
        CHECK(
            fields
            == std::vector<std::string>{
                "'=HYPERLINK(\"x\")", "'+1", "'-1", "'@SUM(A1)", "'\tt", "'\rr"});
        for (const auto& record : records) {
            for (const std::string& cell : record) {
                CAPTURE(cell);
                CHECK((cell.empty() || std::string("=+-@\t\r").find(cell[0]) == std::string::npos));
            }
        }
    }

    TEST_CASE("a messy roster: printed + rejected + skipped = rows, rejects hold exactly the "
              "rejected rows")
    {
        CaseFixture fixture;
        fs::path roster = fixture.dir.write("messy.csv", messy_roster());
        fs::path pdf = fixture.dir / "out.pdf";

        RunResult strict = fixture.render(roster, pdf);
        CHECK(strict.exit_code == 2);
        CHECK_FALSE(fs::exists(pdf));
        CHECK(contains(strict.err, "8 of 17 rows have errors, so nothing was printed"));

        RunResult run = fixture.render(roster, pdf, {"--skip-invalid"});
        INFO(run.err);
        CHECK(run.exit_code == 3);
        CHECK(contains(run.err, "read 17, printed 5, rejected 8, skipped 4"));
        CHECK(contains(run.err, "1 row has a national code of 8 or 9 digits"));
        CHECK(PdfReadback(pdf).page_count() == 5);

        Records rejects = parse_csv(read_file(fixture.dir / "out.rejects.csv"));
        REQUIRE(rejects.size() == 1 + messy_rejected.size());
        CHECK(rejects[0].at(0) == "line");
        CHECK(rejects[0].at(3) == "کد پرسنلی");
        std::set<long> lines;
        for (std::size_t i = 1; i < rejects.size(); ++i) {
            lines.insert(std::stol(rejects[i].at(0)));
            CHECK_FALSE(rejects[i].at(1).empty());
            CHECK_FALSE(rejects[i].at(2).empty());
        }
        CHECK(lines == messy_rejected);
        CHECK(lines == lines_with(validate_json(roster), "error"));
        CHECK(
            rejects[1]
            == std::vector<std::string>{
                "3",
                "national-code-leading-zeros",
                rejects[1][2],
                "E002",
                "135792460",
                "مریم",
                "احمدی",
                "",
                ""});
    }

    TEST_CASE(
        "the same roster in five encodings validates alike and a broken byte is placed exactly")
    {
        TempDir dir;
        std::string text = "employee_id,national_code,first_name,last_name\r\n"
                           "E1,0012345679,\u0639\u0644\u064A,\u0643\u0631\u064A\u0645\u064A\r\n"
                           "E2,135792460,\u0633\u0627\u0631\u0627,"
                           "\u0646\u0645\u0648\u0646\u0647\u200C\u0632\u0627\u062F\u0647\r\n";
        std::vector<fs::path> files = {
            dir.write("utf8.csv", text),
            dir.write("bom.csv", "\xEF\xBB\xBF" + text),
            dir.write("le.csv", "\xFF\xFE" + placard::roster::test::encode_as(text, "UTF-16LE")),
            dir.write("be.csv", "\xFE\xFF" + placard::roster::test::encode_as(text, "UTF-16BE")),
            dir.write("cp1256.csv", placard::roster::test::encode_as(text, "windows-1256"))};

        auto essence = [](const Json& report) {
            std::vector<std::string> lines;
            for (const Json& finding : report["findings"]) {
                if (finding["code"] != "encoding-detected") {
                    lines.push_back(
                        finding["line"].dump() + ":" + finding["column"].dump() + " "
                        + finding["code"].get<std::string>() + " "
                        + finding["message"].get<std::string>());
                }
            }
            return lines;
        };
        std::vector<std::string> reference = essence(validate_json(files[0]));
        CHECK(reference.size() == 3);
        for (const fs::path& file : files) {
            CAPTURE(file.filename().string());
            CHECK(essence(validate_json(file)) == reference);
        }

        fs::path broken =
            dir.write("broken.csv", text + "E3,0024681350,\u0631\u0636\u0627,\xD9\xFF\u0627\r\n");
        RunResult run = validate(broken);
        CHECK(run.exit_code == 2);
        CHECK(contains(
            run.out,
            "broken.csv:4: row rejected\n    column 4 \"last_name\": error: not valid UTF-8 at "
            "byte offset"));
        CHECK_FALSE(contains(run.out, "\xEF\xBF\xBD"));
    }

    TEST_CASE(
        "columns: one error listing the headers found, one warning for unknown ones, --column maps")
    {
        CaseFixture fixture;
        fs::path roster = fixture.dir.write(
            "mapped.csv",
            "PersNo,Code Melli,Given,Family,Email,Room\n"
            "E1,0012345679,علی,رضایی,a,12\n");
        RunResult missing = validate(roster);
        CHECK(missing.exit_code == 2);
        CHECK(missing.out.empty());
        CHECK(
            missing.err
            == "placard: error: " + roster.string()
                   + ":1: missing required columns employee_code, national_code, first_name, "
                     "last_name; found columns: \"PersNo\", \"Code Melli\", \"Given\", \"Family\", "
                     "\"Email\", \"Room\"; rename the headers or map them with --column "
                     "FIELD=HEADER\n");

        std::vector<std::string> mapping = {
            "--column",
            "employee_code=PersNo",
            "--column",
            "national_code=code melli",
            "--column",
            "first_name=GIVEN",
            "--column",
            "last_name=Family"};
        RunResult mapped = validate(roster, mapping);
        CHECK(mapped.exit_code == 1);
        CHECK(
            mapped.out
            == roster.string()
                   + ":1: warning: columns not used: \"Email\", \"Room\"; map one with --column "
                     "FIELD=HEADER if it holds a known field [unknown-columns]\n1 row: 1 valid, 0 "
                     "rejected, 0 skipped; 0 errors, 1 warning\n       1 x unknown-columns\n");

        std::vector<std::string> render_mapping = mapping;
        render_mapping.push_back("-q");
        RunResult rendered = fixture.render(roster, fixture.dir / "mapped.pdf", render_mapping);
        INFO(rendered.err);
        CHECK(rendered.exit_code == 0);
        CHECK(PdfReadback(fixture.dir / "mapped.pdf").page_count() == 1);
    }

    TEST_CASE("tehran HR export validates clean")
    {
        RunResult run = validate(data_file("tehran-hr-export.csv"));
        CHECK(run.exit_code == 0);
        CHECK(run.out == "1200 rows: 1200 valid, 0 rejected, 0 skipped; 0 errors, 0 warnings\n");
        CHECK(run.err.empty());
        Json report = validate_json(data_file("tehran-hr-export.csv"));
        CHECK(report["findings"].empty());
    }

    TEST_CASE("khorasan legacy export: windows-1256 read with Persian letters, short codes flagged "
              "then repaired")
    {
        fs::path roster = data_file("khorasan-legacy-cp1256.csv");
        RunResult plain = validate(roster);
        CHECK(plain.exit_code == 2);
        CHECK(contains(
            plain.out,
            "info: not valid UTF-8 at line 1, byte offset 0 (first bad byte 0x98); read as "
            "windows-1256"));
        CHECK(contains(plain.out, "400 rows: 396 valid, 4 rejected, 0 skipped; 4 errors, "));
        CHECK(contains(
            plain.out,
            "\n4 rows have a national code of 8 or 9 digits; a spreadsheet probably removed the "
            "leading zeros"));
        CHECK_FALSE(contains(plain.out, "\xEF\xBF\xBD"));

        Json report = validate_json(roster);
        CHECK(report["short_national_codes"] == 4);
        for (const Json& finding : report["findings"]) {
            if (finding["severity"] == "error") {
                CHECK(finding["code"] == "national-code-leading-zeros");
                CHECK(finding["field"] == "کد ملي");
            }
        }

        RunResult padded = validate(roster, {"--pad-national-code"});
        CHECK(padded.exit_code == 1);
        CHECK(contains(padded.out, "400 rows: 400 valid, 0 rejected, 0 skipped; 0 errors, "));
        CHECK(contains(
            padded.out,
            "\n4 rows had a national code of 8 or 9 digits, padded with leading zeros"));

        CaseFixture fixture;
        fs::path pdf = fixture.dir / "khorasan.pdf";
        RunResult rendered =
            fixture.render(roster, pdf, {"--pad-national-code", "-q", "--order", "roster"});
        INFO(rendered.err);
        CHECK(rendered.exit_code == 0);
        PdfReadback readback(pdf);
        REQUIRE(readback.page_count() == 400);
        for (int page : {0, 1, 199, 399}) {
            std::string text = readback.page_text(page);
            CHECK_FALSE(contains(text, "\u064A"));  // Arabic Yeh
            CHECK_FALSE(contains(text, "\u0643"));  // Arabic Kaf
            CHECK_FALSE(contains(text, "\uFFFD"));
        }
        CHECK(page_text_holds(readback.page_text(0), "علی"));
    }
}
