// Input made to hurt: a million rows, a 10 MB field, a line that never ends, quotes
// nested deep, an image named .csv, a symlink where the PDF should go, an office name
// that climbs out of the output folder, and survey URLs bent in every way a scanner or
// a forger might bend them. Each is refused with a reason or handled, in bounded time
// and memory.
#include "support/case_fixture.hpp"
#include "support/pdf_readback.hpp"
#include "support/run_limited.hpp"

#include <cairo.h>
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

using namespace placard::test;
namespace fs = std::filesystem;

namespace {

constexpr int exit_ok = 0;
constexpr int exit_failed = 2;
constexpr int exit_url_invalid = 6;

// Sanitizer builds keep shadow memory and a quarantine of freed blocks, so their peak
// resident set is larger for the same work.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool sanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool sanitized = true;
#else
constexpr bool sanitized = false;
#endif
#else
constexpr bool sanitized = false;
#endif

const std::string header = "employee_code,national_code,first_name,last_name,office\n";

// Nine digits and the check digit that makes a valid national code.
std::string national_code(long n)
{
    std::string digits = std::to_string(100000000 + n % 900000000);
    int sum = 0;
    for (std::size_t i = 0; i < 9; ++i) {
        sum += (digits[i] - '0') * static_cast<int>(10 - i);
    }
    int remainder = sum % 11;
    return digits + std::to_string(remainder < 2 ? remainder : 11 - remainder);
}

fs::path write_million_rows(const TempDir& dir)
{
    const char* first_names[] = {"علی", "مریم", "حسین", "زهرا", "رضا", "سارا"};
    const char* last_names[] = {"رضایی", "احمدی", "کریمی", "موسوی", "حسینی", "نادری"};
    fs::path path = dir / "million.csv";
    std::ofstream out(path, std::ios::binary);
    out << header;
    for (long n = 1; n <= 1'000'000; ++n) {
        out << 'E' << n << ',' << national_code(n) << ',' << first_names[n % 6] << ','
            << last_names[n % 5] << ",شعبه " << n % 40 << '\n';
    }
    REQUIRE(out.good());
    return path;
}

ChildLimits bounded(rlim_t cpu_seconds)
{
    ChildLimits limits;
    limits.cpu_seconds = cpu_seconds;
    return limits;
}

LimitedRunResult validate(const fs::path& roster, rlim_t cpu_seconds = 60)
{
    return run_placard_limited(
        {"validate", roster.string(), "--format", "csv"}, bounded(cpu_seconds));
}

// A small real PNG, drawn by Cairo, under a roster's name.
fs::path write_png(const TempDir& dir, const std::string& name)
{
    fs::path path = dir / name;
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 64, 64);
    REQUIRE(cairo_surface_write_to_png(surface, path.c_str()) == CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(surface);
    return path;
}

// A key file with the secret of docs/url-format.md's test vectors, so its URLs verify.
fs::path write_test_vector_key(const TempDir& dir)
{
    fs::path key = dir.write(
        "vectors.key",
        "placard-keyring 1\n"
        "key T1 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f active\n");
    fs::permissions(key, fs::perms::owner_read | fs::perms::owner_write);
    return key;
}

const std::string valid_url = "https://survey.example.ir/S/T1/E00001/1/KQ6Z32Y4YRGSN36AJHXINN2M7M";

}  // namespace

TEST_SUITE("e2e hostile input")
{
    TEST_CASE("a roster of a million rows validates in bounded memory")
    {
        TempDir dir;
        fs::path roster = write_million_rows(dir);
        REQUIRE(fs::file_size(roster) > 40'000'000);

        LimitedRunResult run = validate(roster, 600);

        INFO(run.err);
        INFO("peak RSS " << run.max_rss_kib / 1024 << " MiB in " << run.wall_seconds << " s");
        MESSAGE(
            "1,000,000 rows: " << run.wall_seconds << " s, peak RSS " << run.max_rss_kib / 1024
                               << " MiB");
        CHECK(run.exit_code == exit_ok);
        CHECK(run.out.find(",error,") == std::string::npos);
        // The duplicate indexes cost about 85 bytes a row; the file itself is 50 MB and
        // must never be held whole.
        const long bound_mib = sanitized ? 1024 : 256;
        CHECK(run.max_rss_kib / 1024 < bound_mib);
    }

    TEST_CASE("a 10 MB field stops the run at its line instead of eating memory")
    {
        TempDir dir;
        std::string big(10 * 1024 * 1024, 'x');
        std::string hint;
        SUBCASE("unquoted")
        {
            dir.write("big.csv", header + "E1,0012345679,علی,رضایی," + big + "\n");
            hint = "no roster line is this long";
        }
        SUBCASE("quoted")
        {
            dir.write("big.csv", header + "E1,0012345679,علی,رضایی,\"" + big + "\"\n");
            hint = "check for a quote that is never closed";
        }

        LimitedRunResult run = validate(dir / "big.csv");

        INFO(run.err);
        CHECK(run.exit_code == exit_failed);
        CHECK(
            run.err.find((dir / "big.csv").string() + ":2: record is longer than 1048576 bytes")
            != std::string::npos);
        CHECK(run.err.find(hint) != std::string::npos);
        CHECK(run.max_rss_kib / 1024 < (sanitized ? 1024 : 128));
    }

    TEST_CASE("a line that never ends is refused, not read into memory whole")
    {
        TempDir dir;
        fs::path roster = dir / "endless.csv";
        std::ofstream out(roster, std::ios::binary);
        out << header << "E1,0012345679,علی,رضایی,";
        for (int block = 0; block < 64; ++block) {
            out << std::string(1024 * 1024, 'a');  // 64 MB and no line end
        }
        out.close();

        LimitedRunResult run = validate(roster);

        INFO(run.err);
        CHECK(run.exit_code == exit_failed);
        CHECK(run.err.find(roster.string() + ":2: record is longer than") != std::string::npos);
        CHECK(run.max_rss_kib / 1024 < (sanitized ? 1024 : 128));
    }

    TEST_CASE("a quoted field that never closes names the line where it opened")
    {
        TempDir dir;
        fs::path roster = dir.write(
            "open-quote.csv", header + "E1,0012345679,علی,رضایی,\"no closing quote\nE2,x,y,z,w\n");

        LimitedRunResult run = validate(roster);

        CHECK(run.exit_code == exit_failed);
        CHECK(run.out.find("csv-unterminated-quote") != std::string::npos);
    }

    TEST_CASE("deeply nested quoting is read in linear time")
    {
        TempDir dir;
        // 400,000 doubled quotes: a valid field of 200,000 quote characters, too long for
        // an office name, and a run of bare quotes in an unquoted field.
        std::string doubled(400'000, '"');
        std::string bare(200'000, '"');
        fs::path roster = dir.write(
            "quotes.csv",
            header + "E1,0012345679,علی,رضایی,\"" + doubled + "\"\nE2,0012345679,علی,رضایی,a" + bare
                + "\n");

        LimitedRunResult run = validate(roster);

        INFO(run.err);
        CHECK(run.exit_code == exit_failed);
        CHECK(run.out.find("field-too-long") != std::string::npos);
        CHECK(run.out.find("csv-bare-quote") != std::string::npos);
        CHECK(run.wall_seconds < 30);
    }

    TEST_CASE("a PNG image named .csv is refused with the reason")
    {
        TempDir dir;
        fs::path roster = write_png(dir, "roster.csv");

        LimitedRunResult run = validate(roster);

        INFO(run.err);
        CHECK(run.exit_code == exit_failed);
        CHECK(run.err.find("placard: error: " + roster.string() + ":") != std::string::npos);
        CHECK(run.err.find("PNG image") != std::string::npos);
    }

    TEST_CASE("render refuses a symbolic link as the output path and leaves its target alone")
    {
        CaseFixture fixture;
        fs::path target = fixture.dir.write("elsewhere.pdf", "not to be overwritten");
        fs::path link = fixture.dir / "placards.pdf";
        fs::create_symlink(target, link);
        fs::path roster = CaseFixture::case_file("16-signature-url-encoding", "roster.csv");

        RunResult run = fixture.render(roster, link);

        INFO(run.err);
        CHECK(run.exit_code == exit_failed);
        CHECK(run.err.find(link.string() + " is a symbolic link") != std::string::npos);
        CHECK(fs::is_symlink(link));
        CHECK(read_file(target) == "not to be overwritten");
        CHECK(fixture.temp_files().empty());
    }

    TEST_CASE("an office name that climbs out of the output folder only prints as text")
    {
        CaseFixture fixture;
        fs::path folder = fixture.dir / "out";
        fs::create_directory(folder);
        fs::path roster = fixture.dir.write(
            "roster.csv",
            header
                + "E1,0012345679,علی,رضایی,../../escape\nE2,0135792460,مریم,"
                  "احمدی,/tmp/escape\n");

        RunResult run = fixture.render(roster, folder / "placards.pdf");

        INFO(run.err);
        REQUIRE(run.exit_code == exit_ok);
        for (const auto& entry : fs::recursive_directory_iterator(fixture.dir.path())) {
            CHECK(entry.path().filename().string().find("escape") == std::string::npos);
        }
        CHECK(!fs::exists(fixture.dir.path().parent_path() / "escape"));
        PdfReadback pdf(folder / "placards.pdf");
        REQUIRE(pdf.page_count() == 2);
        // Right-to-left layout may reorder the slashes and dots; the word is what matters.
        CHECK(pdf.page_text(0).find("escape") != std::string::npos);
    }

    TEST_CASE("verify-url refuses every bent spelling of a valid URL")
    {
        TempDir dir;
        fs::path key = write_test_vector_key(dir);
        auto verify = [&key](const std::string& url) {
            return run_placard({"verify-url", "--key", key.string(), url});
        };
        REQUIRE(verify(valid_url).exit_code == exit_ok);

        const std::string tag = "KQ6Z32Y4YRGSN36AJHXINN2M7M";
        const std::string prefix = "https://survey.example.ir/S/T1/E00001/1/";
        const std::string bent[] = {
            valid_url + "/extra",                                    // extra segment after
            valid_url + "/",                                         // trailing slash
            valid_url + "?utm=1",                                    // query
            valid_url + "#frag",                                     // fragment
            prefix + "kq6z32y4yrgsn36ajhxinn2m7m",                   // lower-case tag
            prefix + "Kq6Z32Y4YRGSN36AJHXINN2M7M",                   // one lower-case letter
            prefix + "%4BQ6Z32Y4YRGSN36AJHXINN2M7M",                 // percent-encoded letter
            prefix + tag.substr(0, 25) + "%4D",                      // percent-encoded last
            "https://survey.example.ir/S/T1/E00001/%31/" + tag,      // encoded generation
            "https://survey.example.ir/S/T1%2FE00001/1/" + tag,      // encoded slash
            "https://survey.example.ir/S/t1/E00001/1/" + tag,        // lower-case key id
            "https://survey.example.ir/S/T1/E00001/01/" + tag,       // leading zero
            "https://survey.example.ir/S/T1/E00001/1/" + tag + "=",  // padding
            "https://survey.example.ir/S/T1/E00001//1/" + tag,       // empty segment
            "https://survey.example.ir/S/T1/E00001/1/" + tag + "%00",
            std::string("https://survey.example.ir/S/T1/E00001/1/") + tag.substr(0, 25) + "N",
        };
        for (const std::string& url : bent) {
            CAPTURE(url);
            RunResult run = verify(url);
            CHECK(run.exit_code == exit_url_invalid);
            CHECK(run.out.rfind("invalid: ", 0) == 0);
        }
    }
}
