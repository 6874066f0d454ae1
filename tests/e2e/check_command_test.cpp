// `placard check`: placard PDFs read back by the real binary, with real Poppler and
// zxing-cpp, against rosters, keyrings and ledgers made here.
#include "ledger/ledger.hpp"
#include "qr/qr_symbol.hpp"
#include "render/placard_painter.hpp"
#include "render/placard_template.hpp"
#include "support/case_fixture.hpp"
#include "support/pdf_readback.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <functional>
#include <set>
#include <string>
#include <vector>

using namespace placard;
using namespace placard::test;
namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {

const std::string case18 = "18-poppler-readback-rtl";
constexpr int exit_check_failed = 9;

bool contains(const std::string& haystack, const std::string& needle)
{
    return haystack.find(needle) != std::string::npos;
}

RunResult check(std::vector<std::string> arguments)
{
    arguments.insert(arguments.begin(), "check");
    return run_placard(arguments);
}

struct JsonRun {
    int exit_code = -1;
    Json report;
    std::string err;
};

JsonRun check_json(std::vector<std::string> arguments)
{
    arguments.insert(arguments.end(), {"--format", "json"});
    RunResult run = check(arguments);
    INFO(run.err);
    REQUIRE(!run.out.empty());
    return {run.exit_code, Json::parse(run.out), run.err};
}

std::set<std::string> finding_codes(const Json& placard)
{
    std::set<std::string> codes;
    for (const Json& finding : placard["findings"]) {
        codes.insert(finding["code"].get<std::string>());
    }
    return codes;
}

std::string message_of(const Json& placard, const std::string& code)
{
    for (const Json& finding : placard["findings"]) {
        if (finding["code"] == code) {
            return finding["message"].get<std::string>();
        }
    }
    return "";
}

// Renders a case roster with the fixture's key and requires success.
fs::path render_case(
    const CaseFixture& fixture,
    const std::string& roster,
    const std::string& name,
    const std::vector<std::string>& extra = {})
{
    fs::path pdf = fixture.dir / name;
    RunResult run = fixture.render(CaseFixture::case_file(case18, roster), pdf, extra);
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    return pdf;
}

fs::path make_key(const CaseFixture& fixture, const std::string& name, const std::string& kid)
{
    fs::path key = fixture.dir / name;
    RunResult made = run_placard({"keygen", "-o", key.string(), "--kid", kid});
    REQUIRE(made.exit_code == 0);
    return key;
}

cairo_surface_t* picture_of(const GreyImage& grey)
{
    cairo_surface_t* surface =
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, grey.width, grey.height);
    cairo_surface_flush(surface);
    unsigned char* data = cairo_image_surface_get_data(surface);
    int stride = cairo_image_surface_get_stride(surface);
    for (int y = 0; y < grey.height; ++y) {
        unsigned char* row = data + static_cast<std::ptrdiff_t>(y) * stride;
        for (int x = 0; x < grey.width; ++x) {
            std::uint32_t v = grey.at(x, y);
            std::uint32_t pixel = (v << 16) | (v << 8) | v;
            std::memcpy(row + static_cast<std::ptrdiff_t>(x) * 4, &pixel, sizeof pixel);
        }
    }
    cairo_surface_mark_dirty(surface);
    return surface;
}

void paint_picture(cairo_t* cr, const GreyImage& grey, double x, double y)
{
    cairo_surface_t* picture = picture_of(grey);
    cairo_save(cr);
    cairo_translate(cr, x, y);
    cairo_scale(cr, 72.0 / grey.dpi, 72.0 / grey.dpi);
    cairo_set_source_surface(cr, picture, 0, 0);
    cairo_paint(cr);
    cairo_restore(cr);
    cairo_surface_destroy(picture);
}

using PageEdit = std::function<void(int page, cairo_t* cr)>;

// A PDF whose pages are pictures of another PDF's pages, as a scanner would give them,
// with `edit` drawing over each page (in points) before it ends. No text layer.
void picture_pdf(const fs::path& source, const fs::path& target, const PageEdit& edit = {})
{
    PdfReadback readback(source);
    PageSize size = readback.page_size(0);
    cairo_surface_t* pdf = cairo_pdf_surface_create(target.c_str(), size.width, size.height);
    cairo_t* cr = cairo_create(pdf);
    for (int page = 0; page < readback.page_count(); ++page) {
        paint_picture(cr, readback.render(page, 200), 0, 0);
        if (edit) {
            edit(page, cr);
        }
        cairo_show_page(cr);
    }
    cairo_destroy(cr);
    cairo_surface_destroy(pdf);
}

// An A4 landscape sheet holding two A5 portrait placards side by side (2-up).
void two_up_sheet(const fs::path& source, const fs::path& target)
{
    PdfReadback readback(source);
    const double a4_long = 297 * 72 / 25.4;
    const double a4_short = 210 * 72 / 25.4;
    cairo_surface_t* pdf = cairo_pdf_surface_create(target.c_str(), a4_long, a4_short);
    cairo_t* cr = cairo_create(pdf);
    paint_picture(cr, readback.render(0, 200), 0, 0);
    paint_picture(cr, readback.render(1, 200), a4_long / 2, 0);
    cairo_show_page(cr);
    cairo_destroy(cr);
    cairo_surface_destroy(pdf);
}

// Where the default template puts the QR symbol of a case-18 URL, in points.
render::Box symbol_box(const CaseFixture& fixture)
{
    render::PlacardTemplate look;
    int version = qr::smallest_version(fixture.url_of("E00121"), look.error_correction);
    return render::compute_layout(look, 17 + 4 * version).symbol;
}

std::string fmt_dpi(double dpi)
{
    return std::to_string(static_cast<int>(dpi));
}

// A placard's report is honest at any dpi: verified with one valid code, or failed with
// the reason the code could not be read; and what was measured agrees with the dpi.
bool honest_placard(const Json& placard, double dpi)
{
    const std::set<std::string> decode_failures = {"no-qr", "qr-unreadable"};
    bool verified = placard["status"] == "verified";
    if (verified) {
        CHECK(placard["codes"].size() == 1);
        CHECK(placard["codes"][0]["signature"] == "valid");
    } else {
        std::set<std::string> codes = finding_codes(placard);
        CHECK(std::any_of(codes.begin(), codes.end(), [&](const std::string& code) {
            return decode_failures.contains(code);
        }));
    }

    // Pixels per module, the decoding margin, follow the dpi: 64 mm over 33 modules.
    if (!placard["codes"].empty() && !placard["codes"][0]["modules"].is_null()) {
        double module_px = placard["codes"][0]["module_px"].get<double>();
        CHECK(module_px == doctest::Approx(64.0 / 33 / 25.4 * dpi).epsilon(0.1));
    }
    return verified;
}

}  // namespace

TEST_SUITE("check")
{
    TEST_CASE("case 18.1: the PDF checks clean against its own roster")
    {
        CaseFixture fixture;
        fs::path pdf = render_case(fixture, "roster_a.csv", "a.pdf");
        fs::path roster = CaseFixture::case_file(case18, "roster_a.csv");

        RunResult run =
            check({pdf.string(), "--key", fixture.key.string(), "--roster", roster.string()});
        INFO(run.out, run.err);
        CHECK(run.exit_code == 0);
        CHECK(contains(run.out, "a.pdf: 2 of 2 placards verified"));
        CHECK(contains(run.out, "0 of 2 roster employees without a placard"));
        CHECK(run.err.empty());
    }

    TEST_CASE("case 18.2 and 18.5: another roster fails page 2 only, and both pages are reported")
    {
        CaseFixture fixture;
        fs::path pdf = render_case(fixture, "roster_a.csv", "a.pdf");
        fs::path roster = CaseFixture::case_file(case18, "roster_b.csv");

        RunResult text =
            check({pdf.string(), "--key", fixture.key.string(), "--roster", roster.string()});
        CHECK(text.exit_code == exit_check_failed);
        CHECK(contains(text.out, "a.pdf: page 2: error: expected E00129, found E00122"));
        CHECK(contains(text.out, "roster_b.csv:3: error: E00129 has no placard [no-placard]"));
        CHECK_FALSE(contains(text.out, "page 1: error"));

        JsonRun run =
            check_json({pdf.string(), "--key", fixture.key.string(), "--roster", roster.string()});
        CHECK(run.exit_code == exit_check_failed);
        const Json& placards = run.report["placards"];
        REQUIRE(placards.size() == 2);
        CHECK(placards[0]["status"] == "verified");
        CHECK(placards[0]["expected"] == "E00121");
        CHECK(placards[1]["status"] == "failed");
        CHECK(placards[1]["expected"] == "E00129");
        CHECK(placards[1]["codes"][0]["employee_code"] == "E00122");
        CHECK(finding_codes(placards[1]) == std::set<std::string>{"not-in-roster"});
        CHECK(run.report["roster"]["missing"].size() == 1);
        CHECK(run.report["roster"]["missing"][0]["employee_code"] == "E00129");
    }

    TEST_CASE("case 18.3: identity is the decoded QR payload, the same URL placard url prints")
    {
        CaseFixture fixture;
        fs::path pdf = render_case(fixture, "roster_a.csv", "a.pdf");

        JsonRun run = check_json({pdf.string(), "--key", fixture.key.string()});
        REQUIRE(run.report["placards"].size() == 2);
        const std::string codes[] = {"E00121", "E00122"};
        for (std::size_t i = 0; i < 2; ++i) {
            const Json& code = run.report["placards"][i]["codes"][0];
            std::string url = code["url"].get<std::string>();
            CHECK(url == fixture.url_of(codes[i]));
            CHECK(contains(url, "/T1/" + codes[i] + "/1/"));
            CHECK(code["signature"] == "valid");
            CHECK(code["employee_code"] == codes[i]);
            RunResult verified = run_placard({"verify-url", "--key", fixture.key.string(), url});
            CHECK(verified.exit_code == 0);
        }
    }

    TEST_CASE("case 18.4: the Persian names match after folding, and a changed name does not")
    {
        CaseFixture fixture;
        fs::path pdf = render_case(fixture, "roster_a.csv", "a.pdf");
        fs::path roster = CaseFixture::case_file(case18, "roster_a.csv");

        JsonRun run =
            check_json({pdf.string(), "--key", fixture.key.string(), "--roster", roster.string()});
        CHECK(run.exit_code == 0);
        for (const Json& placard : run.report["placards"]) {
            CHECK(finding_codes(placard).empty());
        }

        // The same employees, E00122 with another last name: the QR still matches, the
        // printed name does not, and only that is reported.
        const char* renamed_rows =
            R"(employee_id,national_code,first_name,last_name,job_title,office
E00121,0012345679,ژیلا,مثالی,کارشناس منابع انسانی,دفتر مرکزی
E00122,0135792460,مهدی,فرضی‌نژاد,مهندس نرم‌افزار,شعبه شمالی
)";
        fs::path renamed = fixture.dir.write("renamed.csv", renamed_rows);
        JsonRun changed =
            check_json({pdf.string(), "--key", fixture.key.string(), "--roster", renamed.string()});
        CHECK(changed.exit_code == exit_check_failed);
        CHECK(finding_codes(changed.report["placards"][0]).empty());
        CHECK(
            finding_codes(changed.report["placards"][1]) == std::set<std::string>{"name-mismatch"});
        CHECK(contains(
            message_of(changed.report["placards"][1], "name-mismatch"), "last name of E00122"));
    }

    TEST_CASE("the example roster's 200 placards check clean, names included, on two threads")
    {
        CaseFixture fixture;
        fs::path roster = fs::path(PLACARD_EXAMPLES_DIR) / "roster.csv";
        fs::path pdf = fixture.dir / "placards.pdf";
        RunResult made = fixture.render(roster, pdf);
        INFO(made.err);
        REQUIRE(made.exit_code == 0);

        JsonRun run = check_json(
            {pdf.string(),
             "--key",
             fixture.key.string(),
             "--roster",
             roster.string(),
             "--ledger",
             (fixture.dir / "placard-ledger.sqlite").string(),
             "--jobs",
             "2"});
        CHECK(run.exit_code == 0);
        CHECK(run.report["summary"]["verified"] == 200);
        CHECK(run.report["roster"]["missing"].empty());
        long page = 0;
        for (const Json& placard : run.report["placards"]) {
            CHECK(placard["page"] == ++page);  // in page order, whatever thread read it
            CHECK(finding_codes(placard).empty());
        }
    }

    TEST_CASE("a fresh batch checks clean against its roster and its ledger, measured")
    {
        CaseFixture fixture;
        fs::path pdf = render_case(fixture, "roster_a.csv", "a.pdf");
        fs::path ledger = fixture.dir / "placard-ledger.sqlite";
        REQUIRE(fs::exists(ledger));

        JsonRun run = check_json(
            {pdf.string(),
             "--key",
             fixture.key.string(),
             "--roster",
             CaseFixture::case_file(case18, "roster_a.csv").string(),
             "--ledger",
             ledger.string(),
             "--jobs",
             "2"});
        CHECK(run.exit_code == 0);
        CHECK(run.report["summary"]["clean"] == true);
        CHECK(run.report["threads"] == 2);
        for (const Json& placard : run.report["placards"]) {
            const Json& code = placard["codes"][0];
            CHECK(code["ledger"] == "valid");
            // The default template: a 64 mm symbol of 33 modules (version 4), 4 modules
            // of white at least on every side.
            CHECK(code["modules"] == 33);
            CHECK(code["side_mm"].get<double>() == doctest::Approx(64).epsilon(0.01));
            CHECK(code["module_mm"].get<double>() == doctest::Approx(64.0 / 33).epsilon(0.01));
            CHECK(code["quiet_zone_mm"].get<double>() >= 4 * 64.0 / 33);
        }
    }

    TEST_CASE("a page whose QR was covered is reported, with who should be there")
    {
        CaseFixture fixture;
        fs::path pdf = render_case(fixture, "roster_a.csv", "a.pdf");
        render::Box symbol = symbol_box(fixture);
        fs::path covered = fixture.dir / "covered.pdf";
        picture_pdf(pdf, covered, [&symbol](int page, cairo_t* cr) {
            if (page == 1) {
                cairo_set_source_rgb(cr, 1, 1, 1);
                cairo_rectangle(
                    cr, symbol.x - 2, symbol.y - 2, symbol.width + 4, symbol.height + 4);
                cairo_fill(cr);
            }
        });

        JsonRun run = check_json(
            {covered.string(),
             "--key",
             fixture.key.string(),
             "--roster",
             CaseFixture::case_file(case18, "roster_a.csv").string()});
        CHECK(run.exit_code == exit_check_failed);
        const Json& placards = run.report["placards"];
        REQUIRE(placards.size() == 2);
        CHECK(placards[0]["status"] == "verified");
        // A picture has no text layer: the name is not checked, and that is only a note.
        CHECK(finding_codes(placards[0]) == std::set<std::string>{"name-not-checked"});
        CHECK(placards[1]["status"] == "failed");
        CHECK(finding_codes(placards[1]) == std::set<std::string>{"no-qr", "expected-employee"});
        CHECK(placards[1]["expected"] == "E00122");
        CHECK(run.report["roster"]["missing"][0]["employee_code"] == "E00122");

        RunResult text = check({covered.string(), "--key", fixture.key.string()});
        CHECK(
            contains(text.out, "covered.pdf: page 2: error: no QR code found at 150 dpi [no-qr]"));
        CHECK(contains(text.out, "covered.pdf: 1 of 2 placards verified, 1 failed"));
    }

    TEST_CASE("placards signed with another key: bad signature or unknown key, on every page")
    {
        CaseFixture fixture;
        fs::path pdf = render_case(fixture, "roster_a.csv", "a.pdf");
        fs::path same_kid = make_key(fixture, "other.key", "T1");
        fs::path other_kid = make_key(fixture, "t9.key", "T9");

        JsonRun forged = check_json({pdf.string(), "--key", same_kid.string()});
        CHECK(forged.exit_code == exit_check_failed);
        for (const Json& placard : forged.report["placards"]) {
            CHECK(finding_codes(placard) == std::set<std::string>{"bad-signature"});
            CHECK(placard["codes"][0]["signature"] == "bad-signature");
        }

        RunResult unknown = check({pdf.string(), "--key", other_kid.string()});
        CHECK(unknown.exit_code == exit_check_failed);
        CHECK(contains(
            unknown.out,
            "a.pdf: page 1: error: the URL of E00121 is signed with key T1, which the keyring does "
            "not hold [unknown-key]"));
        CHECK(contains(unknown.out, "a.pdf: page 2: error:"));
    }

    TEST_CASE(
        "a revoked placard is reported with --ledger, and a ledger that never issued it says so")
    {
        CaseFixture fixture;
        fs::path pdf = render_case(fixture, "roster_a.csv", "a.pdf");
        fs::path ledger_path = fixture.dir / "placard-ledger.sqlite";
        {
            ledger::Ledger ledger(ledger_path);
            ledger::RevokeRequest request;
            request.employee_code = "E00122";
            request.generation = 1;
            request.reason = ledger::RevokeReason::stolen;
            request.operator_name = "hr-desk";
            ledger.revoke({request});
        }

        JsonRun run = check_json(
            {pdf.string(), "--key", fixture.key.string(), "--ledger", ledger_path.string()});
        CHECK(run.exit_code == exit_check_failed);
        CHECK(run.report["placards"][0]["status"] == "verified");
        const Json& revoked = run.report["placards"][1];
        CHECK(finding_codes(revoked) == std::set<std::string>{"revoked"});
        CHECK(revoked["codes"][0]["ledger"] == "revoked");
        CHECK(contains(message_of(revoked, "revoked"), "E00122 generation 1 was revoked (stolen"));
        CHECK(contains(message_of(revoked, "revoked"), "by hr-desk"));

        // Another batch's ledger never issued these URLs.
        fs::create_directory(fixture.dir / "elsewhere");
        fs::path other_pdf = fixture.dir / "elsewhere" / "b.pdf";
        REQUIRE(
            fixture.render(CaseFixture::case_file(case18, "roster_b.csv"), other_pdf).exit_code
            == 0);
        JsonRun stranger = check_json(
            {pdf.string(),
             "--key",
             fixture.key.string(),
             "--ledger",
             (fixture.dir / "elsewhere" / "placard-ledger.sqlite").string()});
        CHECK(stranger.exit_code == exit_check_failed);
        CHECK(
            finding_codes(stranger.report["placards"][1])
            == std::set<std::string>{"not-in-ledger"});
    }

    TEST_CASE("a low --dpi shows the margin: every page is either verified or says why not")
    {
        CaseFixture fixture;
        fs::path pdf = render_case(fixture, "roster_a.csv", "a.pdf");
        for (double dpi : {150.0, 30.0, 12.0}) {
            CAPTURE(dpi);
            JsonRun run =
                check_json({pdf.string(), "--key", fixture.key.string(), "--dpi", fmt_dpi(dpi)});
            const Json& placards = run.report["placards"];
            REQUIRE(placards.size() == 2);
            long verified = 0;
            for (const Json& placard : placards) {
                verified += honest_placard(placard, dpi) ? 1 : 0;
            }
            CHECK(run.report["summary"]["verified"] == verified);
            CHECK(run.report["summary"]["failed"] == 2 - verified);
            CHECK((run.exit_code == 0) == (verified == 2));
            if (dpi == 150) {
                CHECK(verified == 2);
            }
            if (dpi == 12) {
                CHECK(verified == 0);  // under one pixel a module: nothing can be read
            }
        }
    }

    TEST_CASE("the same roster rendered twice: every page of the second file is a duplicate")
    {
        CaseFixture fixture;
        fs::path first = render_case(fixture, "roster_a.csv", "a.pdf");
        fs::path second = render_case(fixture, "roster_a.csv", "again.pdf");

        JsonRun run = check_json(
            {first.string(),
             second.string(),
             "--key",
             fixture.key.string(),
             "--roster",
             CaseFixture::case_file(case18, "roster_a.csv").string()});
        CHECK(run.exit_code == exit_check_failed);
        const Json& placards = run.report["placards"];
        REQUIRE(placards.size() == 4);
        CHECK(placards[0]["status"] == "verified");
        CHECK(placards[1]["status"] == "verified");
        CHECK(finding_codes(placards[2]) == std::set<std::string>{"duplicate-url"});
        CHECK(finding_codes(placards[3]) == std::set<std::string>{"duplicate-url"});
        CHECK(contains(message_of(placards[2], "duplicate-url"), "a.pdf page 1"));
        CHECK(contains(message_of(placards[3], "duplicate-url"), "a.pdf page 2"));
        CHECK(run.report["roster"]["missing"].empty());
    }

    TEST_CASE("--max-failures stops early and says so, and the roster is then not compared")
    {
        CaseFixture fixture;
        fs::path pdf = render_case(fixture, "roster_a.csv", "a.pdf");
        fs::path other = make_key(fixture, "other.key", "T1");

        JsonRun run = check_json(
            {pdf.string(),
             pdf.string(),
             "--key",
             other.string(),
             "--max-failures",
             "1",
             "--roster",
             CaseFixture::case_file(case18, "roster_a.csv").string(),
             "--jobs",
             "1"});
        CHECK(run.exit_code == exit_check_failed);
        CHECK(run.report["summary"]["stopped"] == true);
        CHECK(run.report["summary"]["read"] == 1);
        CHECK(run.report["summary"]["placards"] == 4);
        CHECK(run.report["roster"]["complete"] == false);

        RunResult text = check({pdf.string(), "--key", other.string(), "--max-failures", "1"});
        CHECK(contains(text.out, "stopped after 1 failures (--max-failures), 1 not read"));
    }

    TEST_CASE("a 2-up A4 sheet is read as its two halves")
    {
        CaseFixture fixture;
        fs::path pdf = render_case(fixture, "roster_a.csv", "a.pdf");
        fs::path sheet = fixture.dir / "sheet.pdf";
        two_up_sheet(pdf, sheet);

        JsonRun run = check_json(
            {sheet.string(),
             "--key",
             fixture.key.string(),
             "--roster",
             CaseFixture::case_file(case18, "roster_a.csv").string()});
        CHECK(run.exit_code == 0);
        const Json& placards = run.report["placards"];
        REQUIRE(placards.size() == 2);
        CHECK(placards[0]["page"] == 1);
        CHECK(placards[0]["part"] == "left-half");
        CHECK(placards[0]["codes"][0]["employee_code"] == "E00121");
        CHECK(placards[1]["part"] == "right-half");
        CHECK(placards[1]["codes"][0]["employee_code"] == "E00122");
        CHECK(run.report["files"][0]["pages"] == 1);
    }

    TEST_CASE("real a4-2up output, with and without bleed, checks clean half by half")
    {
        CaseFixture fixture;
        for (const char* bleed : {"0", "3"}) {
            CAPTURE(bleed);
            fs::path pdf = render_case(
                fixture,
                "roster_a.csv",
                fmt_dpi(std::stod(bleed)) + "-sheets.pdf",
                {"--layout", "a4-2up", "--bleed", bleed, "--no-ledger"});

            JsonRun run = check_json(
                {pdf.string(),
                 "--key",
                 fixture.key.string(),
                 "--roster",
                 CaseFixture::case_file(case18, "roster_a.csv").string()});
            INFO(run.err);
            CHECK(run.exit_code == 0);
            const Json& placards = run.report["placards"];
            REQUIRE(placards.size() == 2);
            CHECK(placards[0]["part"] == "left-half");
            CHECK(placards[0]["status"] == "verified");
            CHECK(placards[1]["part"] == "right-half");
            CHECK(placards[1]["status"] == "verified");
            std::set<std::string> codes;
            for (const Json& placard : placards) {
                codes.insert(placard["codes"][0]["employee_code"].get<std::string>());
            }
            CHECK(codes == std::set<std::string>{"E00121", "E00122"});
        }
    }

    TEST_CASE("an odd count on a4-2up: the empty half of the last sheet is no placard")
    {
        CaseFixture fixture;
        fs::path roster = fixture.dir.write(
            "three.csv",
            "employee_id,national_code,first_name,last_name,job_title,office\n"
            "E00121,0012345679,ژیلا,مثالی,کارشناس منابع انسانی,دفتر مرکزی\n"
            "E00122,0135792460,مهدی,فرضی‌پور,مهندس نرم‌افزار,شعبه "
            "شمالی\n"
            "E00129,0024681350,رضا,خیالی,کارشناس رفاه,شعبه شمالی\n");
        for (const std::vector<std::string>& sheet :
             {std::vector<std::string>{},
              std::vector<std::string>{"--bleed", "3", "--sheet-footer", "--order", "cut-stack"},
              // The printer correction pushes the last placard's print over the cut.
              std::vector<std::string>{"--offset", "20,20"},
              std::vector<std::string>{"--bleed", "10", "--offset", "20,-20"}}) {
            fs::path pdf = fixture.dir / "three.pdf";
            fs::remove(pdf);
            std::vector<std::string> extra = {"--layout", "a4-2up", "--no-ledger"};
            extra.insert(extra.end(), sheet.begin(), sheet.end());
            RunResult made = fixture.render(roster, pdf, extra);
            INFO(made.err);
            REQUIRE(made.exit_code == 0);

            JsonRun run = check_json(
                {pdf.string(), "--key", fixture.key.string(), "--roster", roster.string()});
            INFO(run.err);
            CHECK(run.exit_code == 0);
            REQUIRE(run.report["placards"].size() == 3);
            for (const Json& placard : run.report["placards"]) {
                CHECK(placard["status"] == "verified");
            }
        }
    }

    TEST_CASE("a QR below the template's smallest module, or with ink in its quiet zone, fails")
    {
        CaseFixture fixture;
        const std::string case15 = "15-print-scaling-quiet-zone";
        fs::path small = fixture.dir / "small.pdf";
        RunResult made = fixture.render(
            CaseFixture::case_file(case15, "roster.csv"),
            small,
            {"--template",
             CaseFixture::case_file(case15, "template_small.toml").string(),
             "--allow-small-modules"});
        REQUIRE(made.exit_code == 0);
        RunResult run = check({small.string(), "--key", fixture.key.string()});
        CHECK(run.exit_code == exit_check_failed);
        // 15 mm over 33 modules is 0.4545 mm: measured at 150 dpi (0.17 mm a pixel), the
        // side comes out between 14.95 and 15.05 mm with the symbol's pattern, so the
        // module reads 0.45 or 0.46.
        const bool module_read = contains(run.out, "QR modules measure 0.45 mm (15.0 mm")
                                 || contains(run.out, "QR modules measure 0.46 mm (15.0 mm");
        CHECK(module_read);
        CHECK(contains(run.out, "small.pdf: page 1: error: QR modules measure 0.4"));
        CHECK(contains(
            run.out,
            " mm across 33 modules), below the template's 0.5 mm minimum [qr-module-small]"));

        // A rule drawn one module to the right of the symbol.
        fs::path pdf = render_case(fixture, "roster_a.csv", "a.pdf");
        render::Box symbol = symbol_box(fixture);
        fs::path ruled = fixture.dir / "ruled.pdf";
        picture_pdf(pdf, ruled, [&symbol](int, cairo_t* cr) {
            double module = symbol.width / 33;
            cairo_set_source_rgb(cr, 0, 0, 0);
            cairo_rectangle(cr, symbol.x + symbol.width + module, symbol.y, 1.5, symbol.height);
            cairo_fill(cr);
        });
        JsonRun measured = check_json({ruled.string(), "--key", fixture.key.string()});
        CHECK(measured.exit_code == exit_check_failed);
        for (const Json& placard : measured.report["placards"]) {
            CHECK(finding_codes(placard) == std::set<std::string>{"qr-quiet-zone-small"});
            const Json& code = placard["codes"][0];
            CHECK(code["quiet_zone_side"] == "right");
            CHECK(code["quiet_zone_mm"].get<double>() == doctest::Approx(64.0 / 33).epsilon(0.15));
        }
    }

    TEST_CASE("a file that is not a PDF is reported and the others are still checked")
    {
        CaseFixture fixture;
        fs::path pdf = render_case(fixture, "roster_a.csv", "a.pdf");
        fs::path junk = fixture.dir.write("junk.pdf", "this is not a PDF\n");

        RunResult run = check({junk.string(), pdf.string(), "--key", fixture.key.string()});
        CHECK(run.exit_code == exit_check_failed);
        CHECK(contains(run.out, "junk.pdf: error: not a PDF that Poppler can open"));
        CHECK(contains(run.out, "a.pdf: 2 of 2 placards verified"));
        CHECK(contains(run.out, "1 file unreadable"));
    }

    TEST_CASE("usage: a key is required, and a bad roster stops before any page is read")
    {
        CaseFixture fixture;
        fs::path pdf = render_case(fixture, "roster_a.csv", "a.pdf");
        CHECK(check({pdf.string()}).exit_code == 4);
        CHECK(
            check({pdf.string(), "--key", fixture.key.string(), "--format", "csv"}).exit_code == 4);
        CHECK(check({pdf.string(), "--key", fixture.key.string(), "--dpi", "5"}).exit_code == 4);

        RunResult missing = check(
            {pdf.string(),
             "--key",
             fixture.key.string(),
             "--roster",
             (fixture.dir / "none.csv").string()});
        CHECK(missing.exit_code == 2);
        CHECK(missing.out.empty());
    }
}
