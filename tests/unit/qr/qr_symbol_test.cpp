#include "qr/qr_symbol.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

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
            grid
                [static_cast<std::size_t>(y) * static_cast<std::size_t>(width)
                 + static_cast<std::size_t>(x)] = winding != 0 ? 1 : 0;
        }
    }
    return grid;
}

bool same_modules(const QrSymbol& a, const QrSymbol& b)
{
    if (a.width() != b.width()) {
        return false;
    }
    for (int y = 0; y < a.width(); ++y) {
        for (int x = 0; x < a.width(); ++x) {
            if (a.is_dark(x, y) != b.is_dark(x, y)) {
                return false;
            }
        }
    }
    return true;
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
    TEST_CASE("a url that fits a version in 8-bit mode alone keeps that version from it up")
    {
        // BatchVersion skips encoding such a url; this is the property it relies on,
        // tried on urls that mix the characters of every QR mode in runs of every length,
        // from each version that holds them in 8-bit mode up.
        const std::string alphabets[] = {
            "0123456789",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
            "abcdefghijklmnopqrstuvwxyz",
            "/:.-_%"};
        std::map<std::pair<int, ErrorCorrection>, std::size_t> capacities;
        auto capacity = [&capacities](int version, ErrorCorrection level) {
            auto [at, added] = capacities.try_emplace({version, level}, 0);
            if (added) {
                at->second = static_cast<std::size_t>(byte_capacity(version, level));
            }
            return at->second;
        };
        std::mt19937 random(20261205);
        for (ErrorCorrection level :
             {ErrorCorrection::low,
              ErrorCorrection::medium,
              ErrorCorrection::quartile,
              ErrorCorrection::high}) {
            for (int trial = 0; trial < 60; ++trial) {
                std::string url = "https://survey.example.ir/";
                const std::size_t length = 30 + random() % 220;
                while (url.size() < length) {
                    const std::string& alphabet = alphabets[random() % 4];
                    for (std::size_t run = 1 + random() % 12; run > 0; --run) {
                        url += alphabet[random() % alphabet.size()];
                    }
                }
                int eight_bit_version = 1;
                while (url.size() > capacity(eight_bit_version, level)) {
                    ++eight_bit_version;
                }
                CAPTURE(url);
                CAPTURE(error_correction_letter(level));
                for (int above : {0, 1, 2, 5, 11}) {
                    const int version = std::min(eight_bit_version + above, max_qr_version);
                    CAPTURE(version);
                    std::optional<QrSymbol> from = encode_from(url, level, version);
                    REQUIRE(from);
                    CHECK(from->version() == version);
                }
            }
        }
    }

    TEST_CASE("a batch version is what encoding every url from the version so far gives")
    {
        std::vector<std::string> urls = {url_66, url_66 + "/A1B2", "https://a.ir/x"};
        urls.push_back("https://survey.example.ir/" + std::string(150, 'q'));
        urls.push_back(url_66);
        urls.push_back(std::string(5000, 'a'));  // fits no version
        urls.push_back("https://survey.example.ir/" + std::string(180, '7'));

        BatchVersion batch(ErrorCorrection::medium);
        int encoded_version = 1;
        for (const std::string& url : urls) {
            CAPTURE(url.size());
            std::optional<QrSymbol> symbol =
                encode_from(url, ErrorCorrection::medium, encoded_version);
            const int expected = symbol ? symbol->version() : 0;
            CHECK(batch.add(url) == expected);
            encoded_version = std::max(encoded_version, expected);
            CHECK(batch.version() == encoded_version);
        }
        CHECK(batch.version() > 5);  // the 176-byte url raised it
    }
    TEST_CASE("symbols encoded on several threads at once are the ones encoded on one")
    {
        // The drawing workers encode their placards' symbols side by side; libqrencode
        // must keep its shared tables safe (Debian builds it with its locks).
        std::vector<std::string> urls;
        urls.reserve(200);
        for (int at = 0; at < 200; ++at) {
            urls.push_back(url_66.substr(0, 40) + std::to_string(at * 7919));
        }
        std::vector<QrSymbol> alone;
        alone.reserve(urls.size());
        for (const std::string& url : urls) {
            alone.push_back(encode(url, ErrorCorrection::quartile, 6));
        }
        std::vector<std::vector<QrSymbol>> together(4);
        std::vector<std::thread> threads;
        threads.reserve(together.size());
        for (std::vector<QrSymbol>& symbols : together) {
            threads.emplace_back([&urls, &symbols] {
                for (const std::string& url : urls) {
                    symbols.push_back(encode(url, ErrorCorrection::quartile, 6));
                }
            });
        }
        for (std::thread& thread : threads) {
            thread.join();
        }
        for (const std::vector<QrSymbol>& symbols : together) {
            REQUIRE(symbols.size() == alone.size());
            for (std::size_t at = 0; at < alone.size(); ++at) {
                CAPTURE(at);
                CHECK(same_modules(symbols[at], alone[at]));
            }
        }
    }
}
