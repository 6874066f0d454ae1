#include "check/qr_measure.hpp"
#include "qr/qr_symbol.hpp"

#include <doctest/doctest.h>

using namespace placard;
using namespace placard::check;

namespace {

const std::string url_66 = "https://survey.example.ir/S/T1/E00001/1/KQ6Z32Y4YRGSN36AJHXINN2M7M";

// A placard-like picture: white paper, the symbol drawn with `module_px` pixels a module
// and `margin_modules` of white around it, rendered at `dpi`.
struct Picture {
    GreyImage image;
    Corners corners{};
    int module_px = 0;
    int origin = 0;  // pixels from the image's edge to the symbol

    void fill(int x0, int y0, int width, int height, std::uint8_t grey)
    {
        for (int y = y0; y < y0 + height; ++y) {
            for (int x = x0; x < x0 + width; ++x) {
                image.pixels[static_cast<std::size_t>(y * image.width + x)] = grey;
            }
        }
    }
};

Picture draw(const qr::QrSymbol& symbol, int module_px, int margin_modules, double dpi)
{
    Picture picture;
    picture.module_px = module_px;
    picture.origin = margin_modules * module_px;
    int side = (symbol.width() + 2 * margin_modules) * module_px;
    picture.image = GreyImage{side, side, dpi, std::vector<std::uint8_t>(side * side, 255)};
    for (int row = 0; row < symbol.width(); ++row) {
        for (int col = 0; col < symbol.width(); ++col) {
            if (symbol.is_dark(col, row)) {
                picture.fill(
                    picture.origin + col * module_px,
                    picture.origin + row * module_px,
                    module_px,
                    module_px,
                    0);
            }
        }
    }
    double near = picture.origin;
    double far = picture.origin + symbol.width() * module_px;
    picture.corners = {PointF{near, near}, {far, near}, {far, far}, {near, far}};
    return picture;
}

}  // namespace

TEST_CASE("the module grid is counted from the finder and timing patterns")
{
    for (int version : {4, 7, 10}) {
        qr::QrSymbol symbol = qr::encode(url_66, qr::ErrorCorrection::medium, version);
        Picture picture = draw(symbol, 6, 6, 150);
        QrMeasure measure = measure_qr(picture.image, picture.corners);
        CHECK(measure.counted);
        CHECK(measure.modules == symbol.width());
        CHECK(measure.module_px == doctest::Approx(6));
        CHECK(measure.module_mm == doctest::Approx(6 * 25.4 / 150));
        CHECK(measure.side_mm == doctest::Approx(symbol.width() * 6 * 25.4 / 150));
    }
}

TEST_CASE("clear paper up to the edge of the image is the quiet zone")
{
    qr::QrSymbol symbol = qr::encode(url_66, qr::ErrorCorrection::medium, 4);
    Picture picture = draw(symbol, 5, 3, 100);
    QrMeasure measure = measure_qr(picture.image, picture.corners);
    // Three modules of 5 px, good to a pixel.
    CHECK(measure.quiet_zone_mm == doctest::Approx(15 * 0.254).epsilon(0.07));
    CHECK_FALSE(measure.quiet_zone_open);
}

TEST_CASE("ink one module from the symbol is found, and on which side")
{
    qr::QrSymbol symbol = qr::encode(url_66, qr::ErrorCorrection::medium, 4);
    Picture picture = draw(symbol, 6, 20, 150);
    int right_edge = picture.origin + symbol.width() * 6;
    picture.fill(right_edge + 6, picture.origin, 2, symbol.width() * 6, 40);  // a rule
    QrMeasure measure = measure_qr(picture.image, picture.corners);
    CHECK(std::string(measure.quiet_side) == "right");
    CHECK(measure.quiet_zone_mm == doctest::Approx(6 * 25.4 / 150).epsilon(0.2));
}

TEST_CASE("a wide white band is reported as open beyond twelve modules")
{
    qr::QrSymbol symbol = qr::encode(url_66, qr::ErrorCorrection::medium, 4);
    Picture picture = draw(symbol, 4, 16, 150);
    QrMeasure measure = measure_qr(picture.image, picture.corners);
    CHECK(measure.quiet_zone_open);
    CHECK(measure.quiet_zone_mm == doctest::Approx(12 * 4 * 25.4 / 150));
}

TEST_CASE("a blank square is not counted as a symbol")
{
    GreyImage blank{200, 200, 150, std::vector<std::uint8_t>(200 * 200, 255)};
    QrMeasure measure = measure_qr(blank, {PointF{50, 50}, {150, 50}, {150, 150}, {50, 150}});
    CHECK_FALSE(measure.counted);
    CHECK(measure.modules == 0);
}
