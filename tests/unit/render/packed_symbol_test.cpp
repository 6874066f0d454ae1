#include "qr/qr_symbol.hpp"
#include "render/chunked_pdf_writer.hpp"

#include <doctest/doctest.h>

using namespace placard;

TEST_SUITE("render")
{
    TEST_CASE("a symbol packed at one bit a module unpacks to every module it had")
    {
        for (int version : {4, 7, 10}) {
            CAPTURE(version);
            qr::QrSymbol symbol = qr::encode(
                "https://survey.example.ir/S/T1/E00042/3/KQ6ZABCDEFGHIJKLMNOPQRSTUV",
                qr::ErrorCorrection::medium,
                version);
            qr::QrSymbol unpacked = render::PackedSymbol(symbol).unpack();
            REQUIRE(unpacked.width() == symbol.width());
            CHECK(unpacked.version() == symbol.version());
            int dark = 0;
            for (int y = 0; y < symbol.width(); ++y) {
                for (int x = 0; x < symbol.width(); ++x) {
                    REQUIRE(unpacked.is_dark(x, y) == symbol.is_dark(x, y));
                    dark += symbol.is_dark(x, y) ? 1 : 0;
                }
            }
            CHECK(dark > 0);
        }
    }
}
