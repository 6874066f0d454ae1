// Print-shop layouts, print order, split output and repeatable bytes, run through the
// real binary and read back with Poppler and zxing-cpp.
#include "ledger/digest.hpp"
#include "render/placard_template.hpp"
#include "render/sheet_layout.hpp"
#include "support/case_fixture.hpp"
#include "support/ledger_check.hpp"
#include "support/pdf_readback.hpp"
#include "support/synthetic_roster.hpp"
#include "support/text_match.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <SQLiteCpp/SQLiteCpp.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

using namespace placard;
using namespace placard::test;
namespace fs = std::filesystem;

namespace {

constexpr double points_per_mm = 72.0 / 25.4;
const std::string fixed_batch = "20261204-101500-3FA2";

struct Person {
    std::string code;
    std::string last_name;
    std::string office;
    std::string province = "اصفهان";
};

// A roster of these people, each with a distinct valid national code.
fs::path write_roster(const fs::path& path, const std::vector<Person>& people)
{
    std::string text =
        "employee_code,national_code,first_name,last_name,job_title,office,agency,city,province\n";
    long serial = 1;
    for (const Person& person : people) {
        text += fmt::format(
            "{},{},سارا,{},کارشناس,\"{}\",اداره کل ثبت احوال,اصفهان,{}\n",
            person.code,
            synthetic_national_code(serial++),
            person.last_name,
            person.office,
            person.province);
    }
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

std::string read_bytes(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The part of `image` inside `box` (mm on the sheet).
GreyImage crop(const GreyImage& image, const render::SheetBox& box)
{
    auto pixels = [&](double mm) { return static_cast<int>(std::lround(mm / 25.4 * image.dpi)); };
    int left = std::max(0, pixels(box.x));
    int top = std::max(0, pixels(box.y));
    int right = std::min(image.width, pixels(box.right()));
    int bottom = std::min(image.height, pixels(box.bottom()));
    GreyImage part;
    part.width = right - left;
    part.height = bottom - top;
    part.dpi = image.dpi;
    for (int y = top; y < bottom; ++y) {
        for (int x = left; x < right; ++x) {
            part.pixels.push_back(image.at(x, y));
        }
    }
    return part;
}

// The darkest pixel on a line of the sheet (mm), sampled every tenth of a mm.
int darkest_on(const GreyImage& image, const render::SheetLine& line)
{
    double length = std::hypot(line.to.x - line.from.x, line.to.y - line.from.y);
    int darkest = 255;
    for (double t = 0; t <= 1.0; t += 0.1 / std::max(length, 0.1)) {
        double x = (line.from.x + t * (line.to.x - line.from.x)) / 25.4 * image.dpi;
        double y = (line.from.y + t * (line.to.y - line.from.y)) / 25.4 * image.dpi;
        int px = std::clamp(static_cast<int>(x), 0, image.width - 1);
        int py = std::clamp(static_cast<int>(y), 0, image.height - 1);
        darkest = std::min<int>(darkest, image.at(px, py));
    }
    return darkest;
}

int ink_pixels(const GreyImage& image)
{
    return static_cast<int>(std::count_if(
        image.pixels.begin(), image.pixels.end(), [](std::uint8_t v) { return v < 250; }));
}

render::SheetGeometry geometry(render::SheetKind kind, double bleed = 0)
{
    render::SheetOptions options;
    options.kind = kind;
    options.bleed_mm = bleed;
    render::PlacardTemplate look;
    return render::sheet_geometry(options, look.page_width_mm(), look.page_height_mm());
}

const std::vector<Person> three_people = {
    {"E00003", "تهرانی", "دفتر مرکزی"},
    {"E00001", "احمدی", "دفتر مرکزی"},
    {"E00002", "پارسا", "دفتر مرکزی"},
};

}  // namespace

TEST_SUITE("print layout")
{
    TEST_CASE("a4-2up: A4 sheets of two, cut line and ticks where the layout says, codes on both halves")
    {
        CaseFixture fixture;
        fs::path roster = write_roster(fixture.dir / "roster.csv", three_people);
        fs::path pdf = fixture.dir / "sheets.pdf";
        RunResult run = fixture.render(roster, pdf, {"--layout", "a4-2up", "--no-ledger"});
        INFO(run.err);
        REQUIRE(run.exit_code == 0);
        CHECK(run.err.find("3 placards on 2 pages") != std::string::npos);

        PdfReadback readback(pdf);
        REQUIRE(readback.page_count() == 2);
        for (int page = 0; page < 2; ++page) {
            PageSize size = readback.page_size(page);
            CHECK(size.width == doctest::Approx(297 * points_per_mm).epsilon(0.0001));
            CHECK(size.height == doctest::Approx(210 * points_per_mm).epsilon(0.0001));
        }

        // Sorted by family name in Persian order: احمدی, پارسا, تهرانی (پ before ت,
        // which byte order would reverse).
        render::SheetGeometry sheet = geometry(render::SheetKind::a4_2up);
        GreyImage first = readback.render(0, 200);
        std::vector<std::string> left = decode_qr_codes(crop(first, sheet.slots[0].trim));
        std::vector<std::string> right = decode_qr_codes(crop(first, sheet.slots[1].trim));
        REQUIRE(left.size() == 1);
        REQUIRE(right.size() == 1);
        CHECK(left[0] == fixture.url_of("E00001"));
        CHECK(right[0] == fixture.url_of("E00002"));

        GreyImage second = readback.render(1, 200);
        std::vector<std::string> last = decode_qr_codes(crop(second, sheet.slots[0].trim));
        REQUIRE(last.size() == 1);
        CHECK(last[0] == fixture.url_of("E00003"));

        // The odd last placard leaves the other half empty, with no marks in it.
        render::SheetBox empty = sheet.slots[1].trim;
        empty.x += 1;  // the cut line along its left edge belongs to the placard beside it
        CHECK(ink_pixels(crop(second, empty)) == 0);

        REQUIRE(sheet.cut_ticks.size() == 2);
        for (const render::SheetLine& tick : sheet.cut_ticks) {
            CHECK(darkest_on(first, tick) < 128);
        }
        CHECK(darkest_on(first, sheet.cut_lines[0]) < 128);
        // A line 3 mm beside the lower tick (on white paper, where the upper one is on the
        // header band) is not dark: the cut is where the layout says.
        render::SheetLine beside = sheet.cut_ticks[1];
        beside.from.x += 3;
        beside.to.x += 3;
        CHECK(darkest_on(first, beside) > 128);
    }

    TEST_CASE("a bleed grows the sheet, puts crop marks outside it and runs the band into it")
    {
        CaseFixture fixture;
        fs::path roster = write_roster(fixture.dir / "roster.csv", three_people);
        fs::path pdf = fixture.dir / "bleed.pdf";
        RunResult run = fixture.render(
            roster, pdf, {"--layout", "a4-2up", "--bleed", "3", "--no-ledger", "--sheet-footer"});
        INFO(run.err);
        REQUIRE(run.exit_code == 0);

        render::SheetGeometry sheet = geometry(render::SheetKind::a4_2up, 3);
        PdfReadback readback(pdf);
        PageSize size = readback.page_size(0);
        CHECK(size.width == doctest::Approx(sheet.width_mm * points_per_mm).epsilon(0.0001));
        CHECK(size.height == doctest::Approx(sheet.height_mm * points_per_mm).epsilon(0.0001));

        GreyImage image = readback.render(0, 200);
        for (const render::SheetSlot& slot : sheet.slots) {
            for (const render::SheetLine& mark : slot.crop_marks) {
                CHECK(darkest_on(image, mark) < 128);
            }
            // The header band's colour reaches into the bleed above the trim.
            render::SheetLine in_bleed{
                {slot.trim.x + 20, slot.trim.y - 1.5}, {slot.trim.x + 40, slot.trim.y - 1.5}};
            CHECK(darkest_on(image, in_bleed) < 200);
            CHECK(decode_qr_codes(crop(image, slot.trim)).size() == 1);
        }

        // The footer says which sheet of how many, outside the trim.
        std::string text = readback.page_text(1);
        CHECK(text.find("sheet 2 of 2") != std::string::npos);
        CHECK(text.find("batch ") != std::string::npos);
    }

    TEST_CASE("cut-stack order: one cut gives two piles that lie in sorted order")
    {
        CaseFixture fixture;
        std::vector<Person> people;
        people.reserve(5);
        for (int at = 0; at < 5; ++at) {
            // Codes in reverse order of the names, so roster order is not print order.
            people.push_back({fmt::format("E{:05}", 5 - at), fmt::format("کریمی{}", 5 - at), "دفتر"});
        }
        fs::path roster = write_roster(fixture.dir / "roster.csv", people);
        fs::path pdf = fixture.dir / "stack.pdf";
        RunResult run = fixture.render(
            roster, pdf, {"--layout", "a4-2up", "--order", "cut-stack", "--no-ledger"});
        INFO(run.err);
        REQUIRE(run.exit_code == 0);

        render::SheetGeometry sheet = geometry(render::SheetKind::a4_2up);
        PdfReadback readback(pdf);
        REQUIRE(readback.page_count() == 3);
        std::vector<std::string> piles[2];
        for (int page = 0; page < 3; ++page) {
            GreyImage image = readback.render(page, 150);
            for (int slot = 0; slot < 2; ++slot) {
                for (const std::string& code : decode_qr_codes(crop(image, sheet.slots[slot].trim))) {
                    piles[slot].push_back(code);
                }
            }
        }
        std::vector<std::string> stacked = piles[0];
        stacked.insert(stacked.end(), piles[1].begin(), piles[1].end());
        REQUIRE(stacked.size() == 5);
        for (int at = 0; at < 5; ++at) {
            CHECK(stacked[static_cast<std::size_t>(at)] == fixture.url_of(fmt::format("E{:05}", at + 1)));
        }
    }

    TEST_CASE("an offset moves the print on the sheet by that many mm")
    {
        CaseFixture fixture;
        fs::path roster = write_roster(fixture.dir / "roster.csv", three_people);
        fs::path plain = fixture.dir / "plain.pdf";
        fs::path moved = fixture.dir / "moved.pdf";
        REQUIRE(fixture.render(roster, plain, {"--no-ledger"}).exit_code == 0);
        RunResult run = fixture.render(roster, moved, {"--no-ledger", "--offset", "2,-3"});
        INFO(run.err);
        REQUIRE(run.exit_code == 0);

        auto first_word = [](const fs::path& pdf) {
            std::vector<CharBox> words = PdfReadback(pdf).page_words(0);
            REQUIRE(!words.empty());
            return words.front();
        };
        CharBox before = first_word(plain);
        CharBox after = first_word(moved);
        CHECK(after.left - before.left == doctest::Approx(2 * points_per_mm).epsilon(0.01));
        CHECK(after.top - before.top == doctest::Approx(-3 * points_per_mm).epsilon(0.01));

        RunResult bad = fixture.render(roster, moved, {"--no-ledger", "--offset", "2;3"});
        CHECK(bad.exit_code != 0);
        CHECK(bad.err.find("--offset \"2;3\" is not two numbers") != std::string::npos);
    }

    TEST_CASE("two renders of the same batch are byte-identical")
    {
        CaseFixture fixture;
        fs::path roster = write_roster(fixture.dir / "roster.csv", three_people);
        for (const std::vector<std::string>& layout :
             {std::vector<std::string>{"--layout", "a5"},
              std::vector<std::string>{"--layout", "a4-2up", "--bleed", "3", "--sheet-footer"}}) {
            std::vector<std::string> bytes;
            for (const char* name : {"one", "two"}) {
                fs::create_directories(fixture.dir / name);
                fs::path pdf = fixture.dir / name / "out.pdf";
                std::vector<std::string> extra = layout;
                extra.insert(extra.end(), {"--batch-id", fixed_batch});
                RunResult run = fixture.render(roster, pdf, extra);
                INFO(run.err);
                REQUIRE(run.exit_code == 0);
                bytes.push_back(read_bytes(pdf));
            }
            CHECK(bytes[0].size() > 1000);
            CHECK(bytes[0] == bytes[1]);
            fs::remove_all(fixture.dir / "one");
            fs::remove_all(fixture.dir / "two");
        }
    }

    TEST_CASE("a split run never writes into a folder that holds an earlier run, or out of its own")
    {
        CaseFixture fixture;
        fs::path roster = write_roster(
            fixture.dir / "roster.csv",
            {{"E00001", "احمدی", "دفتر مرکزی"}, {"E00002", "پارسا", "شعبه شمالی"}});
        fs::path out = fixture.dir / "out";
        RunResult first = fixture.render(roster, out, {"--split-by", "office", "--no-ledger"});
        INFO(first.err);
        REQUIRE(first.exit_code == 0);
        // Without --skip-invalid no rejects list is written, and the manifest says so.
        nlohmann::json manifest = nlohmann::json::parse(read_bytes(out / "manifest.json"));
        CHECK(manifest["files"].size() == 2);
        CHECK(manifest["rejects"].is_null());
        CHECK_FALSE(fs::exists(out / "rejects.csv"));
        std::size_t files_before = std::distance(fs::directory_iterator(out), {});

        // Printing out/*.pdf after a second run into the same folder would print both runs.
        RunResult again = fixture.render(roster, out, {"--split-by", "office", "--no-ledger"});
        CHECK(again.exit_code == 2);
        CHECK(again.err.find("already holds") != std::string::npos);
        CHECK(std::distance(fs::directory_iterator(out), {}) == files_before);

        fs::path plain_file = fixture.dir.write("a-file", "x");
        RunResult into_file =
            fixture.render(roster, plain_file, {"--split-by", "office", "--no-ledger"});
        CHECK(into_file.exit_code == 2);
        CHECK(into_file.err.find("is not a folder") != std::string::npos);

        // The batch id goes into names through {batch}: a path in it is refused up front.
        for (const char* id : {"../../escaped", "a/b", ".hidden", "a\nb"}) {
            CAPTURE(id);
            RunResult run = fixture.render(
                roster,
                fixture.dir / "sub" / "{batch}",
                {"--split-by", "office", "--no-ledger", "--batch-id", id});
            CHECK(run.exit_code == 4);
            CHECK(run.err.find("batch id") != std::string::npos);
        }
        CHECK_FALSE(fs::exists(fixture.dir.path().parent_path() / "escaped"));
        CHECK_FALSE(fs::exists(fixture.dir / "sub"));
    }

    TEST_CASE("numbers that are not finite decimals, and an empty output, are usage errors")
    {
        CaseFixture fixture;
        fs::path roster =
            write_roster(fixture.dir / "roster.csv", {{"E00001", "احمدی", "دفتر مرکزی"}});
        fs::path pdf = fixture.dir / "out.pdf";
        for (const std::vector<std::string>& bad :
             {std::vector<std::string>{"--offset", "nan,0"},
              {"--offset", "0x10,0"},
              {"--offset", "1.2.3,0"},
              {"--bleed", "nan"},
              {"--bleed", "0x5"}}) {
            CAPTURE(bad[1]);
            std::vector<std::string> extra = {"--no-ledger", "--layout", "a4-2up"};
            extra.insert(extra.end(), bad.begin(), bad.end());
            RunResult run = fixture.render(roster, pdf, extra);
            CHECK(run.exit_code == 4);
        }
        CHECK(fixture.render(roster, "", {"--no-ledger"}).exit_code == 4);
        CHECK_FALSE(fs::exists(pdf));
    }

    TEST_CASE("split by office: safe, distinct names inside the folder, counts and hashes in the manifest")
    {
        CaseFixture fixture;
        // 120 letters is the longest office a roster may hold: 240 bytes of UTF-8, cut to
        // fit a file name. One of 300 is refused as a row, and listed as rejected.
        std::string long_office;
        for (int at = 0; at < 120; ++at) {
            long_office += "ش";
        }
        std::vector<Person> people = {
            {"E00001", "احمدی", "../../x"},
            {"E00002", "پارسا", "/etc"},
            {"E00003", "تهرانی", long_office},
            {"E00007", "یزدانی", std::string(300, 'x')},
            {"E00004", "کریمی", "دفتر مرکزی"},
            {"E00005", "رضایی", "دفتر مرکزی"},
            {"E00006", "زمانی", "=cmd|' /C calc'!A0"},
        };
        fs::path roster = write_roster(fixture.dir / "roster.csv", people);
        fs::path out = fixture.dir / "out";
        RunResult run = fixture.render(
            roster,
            out,
            {"--split-by",
             "office",
             "--layout",
             "a4-2up",
             "--skip-invalid",
             "--ledger",
             (fixture.dir / "ledger.sqlite").string()});
        INFO(run.err);
        REQUIRE(run.exit_code == 3);  // one row rejected
        CHECK(run.err.find("read 7, printed 6, rejected 1, skipped 0") != std::string::npos);

        // Nothing was written outside the output folder but the ledger.
        std::set<std::string> outside;
        for (const auto& entry : fs::recursive_directory_iterator(fixture.dir.path())) {
            if (entry.is_regular_file() && entry.path().parent_path() != out) {
                outside.insert(entry.path().filename().string());
            }
        }
        const std::set<std::string> expected = {
            "case.key", "roster.csv", "ledger.sqlite", "ledger.sqlite-wal", "ledger.sqlite-shm"};
        for (const std::string& name : outside) {
            CHECK_MESSAGE(expected.contains(name), name);
        }
        CHECK_FALSE(fs::exists(fixture.dir / "x"));
        CHECK_FALSE(fs::exists(fixture.dir.path().parent_path() / "x"));
        CHECK(read_bytes(out / "rejects.csv").find("E00007") != std::string::npos);

        nlohmann::json manifest = nlohmann::json::parse(read_bytes(out / "manifest.json"));
        REQUIRE(manifest["files"].size() == 5);
        std::set<std::string> names;
        long placards = 0;
        for (const auto& file : manifest["files"]) {
            std::string name = file["file"].get<std::string>();
            CAPTURE(name);
            names.insert(name);
            CHECK(name.find('/') == std::string::npos);
            CHECK(name.find("..") == std::string::npos);
            CHECK(name.size() <= 120);
            CHECK(name.ends_with(".pdf"));
            REQUIRE(fs::exists(out / name));
            CHECK(ledger::sha256_file(out / name) == file["sha256"].get<std::string>());
            CHECK(PdfReadback(out / name).page_count() == file["pages"].get<long>());
            placards += file["placards"].get<long>();
        }
        CHECK(names.size() == 5);
        CHECK(placards == static_cast<long>(people.size()) - 1);
        CHECK(manifest["split_by"] == "office");

        std::string csv = read_bytes(out / "manifest.csv");
        CHECK(csv.find("file,group,placards,pages,sha256") != std::string::npos);
        CHECK(csv.find("'=cmd") != std::string::npos);  // a formula is neutralised
        CHECK(csv.find(",=cmd") == std::string::npos);
        // The ledger points every placard at its own group's file, at a page that exists.
        LedgerCheck ledger = check_ledger(fixture.dir / "ledger.sqlite");
        CHECK(ledger.integrity == "ok");
        CHECK(ledger.placard_rows == 6);
        CHECK(ledger.phantom_pages.empty());
        SQLite::Database database((fixture.dir / "ledger.sqlite").string(), SQLite::OPEN_READONLY);
        SQLite::Statement query(database, "SELECT employee_code, path, page FROM placard");
        std::map<std::string, std::string> file_of;
        while (query.executeStep()) {
            file_of[query.getColumn(0).getString()] =
                fs::path(query.getColumn(1).getString()).filename().string();
        }
        CHECK(file_of["E00004"] == file_of["E00005"]);  // both of دفتر مرکزی
        CHECK(file_of["E00004"].find("دفتر_مرکزی") != std::string::npos);
        CHECK(file_of["E00001"] != file_of["E00002"]);
        CHECK(fs::path(file_of["E00001"]).parent_path().empty());

        std::size_t pdfs = 0;
        for (const auto& entry : fs::directory_iterator(out)) {
            pdfs += entry.path().extension() == ".pdf";
        }
        CHECK(pdfs == 5);
    }
}
