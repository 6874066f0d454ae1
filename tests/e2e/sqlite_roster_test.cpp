// SQLite rosters through the real binary: case 07 (numeric affinity) and the Isfahan
// HR export with its own column names and an `active` column.
#include "support/case_fixture.hpp"
#include "support/pdf_readback.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <regex>

using namespace placard::test;
namespace fs = std::filesystem;

namespace {

bool contains(const std::string& haystack, const std::string& needle)
{
    return haystack.find(needle) != std::string::npos;
}

fs::path case07_database(const CaseFixture& fixture)
{
    fs::path path = fixture.dir / "roster.db";
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec(read_file(CaseFixture::case_file("07-sqlite-string-affinity", "roster.sql")));
    return path;
}

// "read 4, printed 3, rejected 1, skipped 0" from the summary line, as numbers.
std::array<int, 4> summary_counts(const std::string& err)
{
    std::smatch match;
    std::regex summary(R"(read (\d+), printed (\d+), rejected (\d+), skipped (\d+))");
    REQUIRE(std::regex_search(err, match, summary));
    return {std::stoi(match[1]), std::stoi(match[2]), std::stoi(match[3]), std::stoi(match[4])};
}

std::vector<std::string> decoded_codes(const fs::path& pdf)
{
    std::vector<std::string> codes;
    for (const auto& page : CaseFixture::decode_pages(pdf, 150)) {
        REQUIRE(page.size() == 1);
        std::smatch match;
        REQUIRE(std::regex_search(page[0], match, std::regex("/T1/([A-Z0-9]+)/")));
        codes.push_back(match[1]);
    }
    return codes;
}

}  // namespace

TEST_SUITE("e2e sqlite")
{
    TEST_CASE("case 07: render from a table with numeric ID columns, three ways")
    {
        CaseFixture fixture;
        fs::path db = case07_database(fixture);
        std::vector<std::string> table = {"--sqlite", db.string(), "--table", "employees"};
        auto render = [&](const std::string& name, std::vector<std::string> extra) {
            std::vector<std::string> args = {
                "render",
                "--key",
                fixture.key.string(),
                "--base-url",
                case_base_url,
                "-o",
                (fixture.dir / name).string(),
                "--order",
                "roster"};
            args.insert(args.end(), extra.begin(), extra.end());
            return run_placard(args);
        };

        RunResult strict = render("strict.pdf", table);
        CHECK(strict.exit_code == 2);
        CHECK_FALSE(fs::exists(fixture.dir / "strict.pdf"));
        CHECK(contains(strict.err, "national_code (declared STRING, NUMERIC affinity)"));
        CHECK(contains(strict.err, "(table employees): row 1: error:"));

        std::vector<std::string> skip = table;
        skip.push_back("--skip-invalid");
        RunResult skipped = render("skip.pdf", skip);
        CHECK(skipped.exit_code == 3);
        CHECK(summary_counts(skipped.err) == std::array<int, 4>{4, 1, 3, 0});
        CHECK(decoded_codes(fixture.dir / "skip.pdf") == std::vector<std::string>{"E00063"});

        std::vector<std::string> pad = skip;
        pad.push_back("--pad-national-code");
        RunResult padded = render("pad.pdf", pad);
        CHECK(padded.exit_code == 3);
        CHECK(summary_counts(padded.err) == std::array<int, 4>{4, 3, 1, 0});
        CHECK(
            decoded_codes(fixture.dir / "pad.pdf")
            == std::vector<std::string>{"E00061", "E00062", "E00063"});
        std::string rejects = read_file(fixture.dir / "pad.rejects.csv");
        CHECK(contains(rejects, "E00064"));
        CHECK(contains(rejects, "national-code-checksum"));
        CHECK_FALSE(contains(rejects, ",321,"));  // personnel_no is never used as printed

        RunResult query = render(
            "query.pdf",
            {"--sqlite",
             db.string(),
             "--query",
             "SELECT * FROM employees",
             "--skip-invalid",
             "--pad-national-code"});
        CHECK(summary_counts(query.err) == summary_counts(padded.err));

        RunResult ok = render("ok.pdf", {"--sqlite", db.string(), "--table", "employees_ok"});
        CHECK(ok.exit_code == 0);
        CHECK_FALSE(contains(ok.err, "warning"));
        CHECK(summary_counts(ok.err) == std::array<int, 4>{3, 3, 0, 0});
    }

    TEST_CASE("the isfahan export: own column names, inactive rows skipped, filters bound")
    {
        CaseFixture fixture;
        fs::path db = fs::path(PLACARD_TEST_DATA_DIR) / "roster" / "isfahan-hr.sqlite";
        RunResult validated = run_placard(
            {"validate", "--sqlite", db.string(), "--table", "staff", "--pad-national-code"});
        INFO(validated.out);
        CHECK(validated.exit_code == 1);  // warnings: padded codes and the INTEGER columns
        CHECK(contains(validated.out, "600 rows: 576 valid, 0 rejected, 24 skipped"));
        CHECK(contains(validated.out, "melli_code (declared INTEGER, INTEGER affinity)"));

        RunResult kashan = run_placard(
            {"render",
             "--sqlite",
             db.string(),
             "--table",
             "staff",
             "--pad-national-code",
             "--city",
             "كاشان",  // written with an Arabic Kaf: filters compare normalised text
             "--key",
             fixture.key.string(),
             "--base-url",
             case_base_url,
             "-o",
             (fixture.dir / "kashan.pdf").string()});
        INFO(kashan.err);
        REQUIRE(kashan.exit_code == 0);
        std::array<int, 4> counts = summary_counts(kashan.err);
        CHECK(counts[0] > 0);
        CHECK(counts[0] == counts[1] + counts[2] + counts[3]);
        CHECK(PdfReadback(fixture.dir / "kashan.pdf").page_count() == counts[1]);

        SQLite::Database source(db.string());
        SQLite::Statement expected(
            source, "SELECT count(*) FROM staff WHERE city = 'کاشان' AND active = 1");
        REQUIRE(expected.executeStep());
        CHECK(counts[1] == expected.getColumn(0).getInt());
    }

    TEST_CASE("a URL over the QR version cap is named by its database row")
    {
        CaseFixture fixture;
        fs::path db = case07_database(fixture);
        {
            SQLite::Database writer(db.string(), SQLite::OPEN_READWRITE);
            writer.exec("INSERT INTO employees_ok VALUES ('LONGCODEXXXXXXXXXXXXXXXXXXXXXXXX', "
                        "'3233564805', '000900', 'مریم', 'احمدی', 'کارشناس', 'دفتر مرکزی')");
        }
        fs::path look = fixture.dir / "capped.toml";
        std::ofstream(look) << "[qr]\nerror_correction = \"M\"\nmax_version = 4\n";
        fs::path pdf = fixture.dir / "capped.pdf";

        RunResult run = run_placard(
            {"render",
             "--sqlite",
             db.string(),
             "--table",
             "employees_ok",
             "--key",
             fixture.key.string(),
             "--base-url",
             "https://s.example/q",
             "--template",
             look.string(),
             "--no-ledger",
             "-o",
             pdf.string()});

        INFO(run.err);
        CHECK(run.exit_code == 2);
        CHECK(contains(
            run.err,
            "(table employees_ok): row 4: the survey URL of employee "
            "LONGCODEXXXXXXXXXXXXXXXXXXXXXXXX"));
        CHECK_FALSE(fs::exists(pdf));
    }

    TEST_CASE("sqlite input errors are usage errors or clear messages")
    {
        CaseFixture fixture;
        fs::path db = case07_database(fixture);
        RunResult both = run_placard({"validate", "x.csv", "--sqlite", db.string()});
        CHECK(both.exit_code == 4);
        RunResult neither = run_placard({"validate", "--sqlite", db.string()});
        CHECK(neither.exit_code == 4);
        CHECK(contains(neither.err, "exactly one of --table NAME and --query SELECT"));
        RunResult missing = run_placard({"validate", "--sqlite", db.string(), "--table", "x"});
        CHECK(missing.exit_code == 2);
        CHECK(contains(missing.err, "no table or view named \"x\""));
    }
}
