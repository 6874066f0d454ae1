#include "qr/qr_symbol.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

#include <set>

using namespace placard;
using namespace placard::qr;

namespace {

const std::string url_66 = "https://survey.example.ir/S/T1/E00001/1/KQ6Z32Y4YRGSN36AJHXINN2M7M";

// Paints the outlines into a grid with the nonzero winding rule, sampling each module's
// centre, exactly as a rasteriser filling the path once would.
std::vector<std::uint8_t> fill_outlines(const Outlines& outlines, int width)
{
    std::vector<std::uint8_t> grid(static_cast<std::size_t>(width * width));
    for (int y = 0; y < width; ++y) {
        for (int x = 0; x < width; ++x) {
            double px = x + 0.5;
            double py = y + 0.5;
            int winding = 0;
            for (std::size_t k = 0; k < outlines.loop_count(); ++k) {
                const std::size_t begin = outlines.loop_begin(k);
                const std::size_t size = outlines.loop_ends[k] - begin;
                for (std::size_t i = 0; i < size; ++i) {
                    const Point& a = outlines.corners[begin + i];
                    const Point& b = outlines.corners[begin + (i + 1) % size];
                    if (a.x == b.x && a.x > px && (a.y < py) != (b.y < py)) {
                        winding += b.y > a.y ? 1 : -1;  // a vertical edge to the right
                    }
                }
            }
            grid[static_cast<std::size_t>(y * width + x)] = winding != 0 ? 1 : 0;
        }
    }
    return grid;
}

}  // namespace

TEST_SUITE("qr")
{
    TEST_CASE("a 66-byte survey url picks version 4 or 5 at level M, never larger")
    {
        int version = smallest_version(url_66, ErrorCorrection::medium);
        CHECK(version >= 4);
        CHECK(version <= 5);
    }

    TEST_CASE("encode keeps the batch version and refuses one too small")
    {
        QrSymbol symbol = encode(url_66, ErrorCorrection::medium, 7);
        CHECK(symbol.version() == 7);
        CHECK(symbol.width() == 17 + 4 * 7);
        CHECK_THROWS_AS(encode(url_66, ErrorCorrection::medium, 2), Error);
    }

    TEST_CASE("a 225-byte url needs version 11 at level M, more than a cap of 10 allows")
    {
        std::string url(186, 'a');
        url = "https://survey.example.ir/" + url.substr(26)
              + "/T1/E00111/1/KQ6Z32Y4YRGSN36AJHXINN2M7M";
        REQUIRE(url.size() == 225);
        CHECK(smallest_version(url, ErrorCorrection::medium) == 11);
        CHECK(byte_capacity(10, ErrorCorrection::medium) == 213);
        CHECK(byte_capacity(4, ErrorCorrection::medium) == 62);
        CHECK(smallest_version(std::string(5000, 'a'), ErrorCorrection::medium) == 0);
    }

    TEST_CASE("traced outlines fill exactly the dark modules under the nonzero rule")
    {
        // One tracer for all: what it keeps from the last symbol must not leak into the next.
        OutlineTracer tracer;
        for (int version : {10, 4, 5, 4}) {
            CAPTURE(version);
            QrSymbol symbol = encode(url_66, ErrorCorrection::medium, version);
            const Outlines& outlines = tracer.trace(symbol);
            auto filled = fill_outlines(outlines, symbol.width());
            int mismatches = 0;
            for (int y = 0; y < symbol.width(); ++y) {
                for (int x = 0; x < symbol.width(); ++x) {
                    mismatches += (filled[y * symbol.width() + x] != 0) != symbol.is_dark(x, y);
                }
            }
            CHECK(mismatches == 0);
            // Merged outlines: far fewer corners than four per dark module.
            CHECK(
                outlines.corners.size()
                < static_cast<std::size_t>(symbol.width() * symbol.width()));
        }
    }

    TEST_CASE("error correction letters parse both ways")
    {
        CHECK(parse_error_correction("H") == ErrorCorrection::high);
        CHECK(error_correction_letter(ErrorCorrection::quartile) == 'Q');
        CHECK_THROWS_AS(parse_error_correction("m"), Error);
    }
}
