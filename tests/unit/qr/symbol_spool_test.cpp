// The first pass's QR symbols, kept for the second: given back only when they are exactly
// what the second pass would encode.
#include "qr/qr_symbol.hpp"
#include "qr/symbol_spool.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace placard::qr;

namespace {

const std::string first_url = "https://survey.example.ir/S/T1/E00001/1/KQ6Z32Y4YRGSN36AJHXINN2M7M";
const std::string second_url = "https://survey.example.ir/S/T1/E00002/1/ABCDEFGHIJKLMNOPQRSTUVWXY4";

bool same_modules(const QrSymbol& a, const QrSymbol& b)
{
    if (a.version() != b.version() || a.width() != b.width()) {
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
    TEST_CASE("encoding from the batch version gives the symbol encode gives at that version")
    {
        int version = smallest_version(first_url, ErrorCorrection::medium);
        auto from_smallest = encode_from(first_url, ErrorCorrection::medium, version);
        REQUIRE(from_smallest);
        CHECK(same_modules(*from_smallest, encode(first_url, ErrorCorrection::medium, version)));

        auto from_above = encode_from(first_url, ErrorCorrection::medium, version + 3);
        REQUIRE(from_above);
        CHECK(from_above->version() == version + 3);
        CHECK_FALSE(encode_from(std::string(5000, 'a'), ErrorCorrection::medium, 1));
    }

    TEST_CASE("the spool gives back a kept symbol for the same url and version, in order")
    {
        const int version = 5;
        QrSymbol first = *encode_from(first_url, ErrorCorrection::medium, version);
        QrSymbol second = *encode_from(second_url, ErrorCorrection::medium, version);
        SymbolSpool spool;
        spool.append(first_url, version, first);
        spool.append(second_url, version, second);
        spool.rewind();

        auto taken = spool.take(first_url, version);
        REQUIRE(taken);
        CHECK(same_modules(*taken, encode(first_url, ErrorCorrection::medium, version)));
        taken = spool.take(second_url, version);
        REQUIRE(taken);
        CHECK(same_modules(*taken, second));
        CHECK_FALSE(spool.take(second_url, version));  // nothing more was kept
    }

    TEST_CASE("the spool refuses a symbol of another url or another version")
    {
        SymbolSpool spool;
        spool.append(first_url, 1, *encode_from(first_url, ErrorCorrection::medium, 1));
        spool.append(first_url, 6, *encode_from(first_url, ErrorCorrection::medium, 6));
        spool.append(first_url, 6, *encode_from(first_url, ErrorCorrection::medium, 6));
        spool.rewind();

        CHECK_FALSE(spool.take(first_url, 6));   // made from version 1 up: not the batch's
        CHECK_FALSE(spool.take(second_url, 6));  // another row
        CHECK(spool.take(first_url, 6));
    }
}
