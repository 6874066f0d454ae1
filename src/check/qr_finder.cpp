#include "check/qr_finder.hpp"

#define ZX_USE_UTF8 1
#include <ZXing/ReadBarcode.h>

namespace placard::check {

namespace {

std::string describe(const ZXing::Error& error)
{
    switch (error.type()) {
    case ZXing::Error::Type::Checksum:
        return "too many damaged modules for its error correction";
    case ZXing::Error::Type::Format:
        return "its format or version information cannot be read";
    case ZXing::Error::Type::Unsupported:
        return "it uses a QR feature that zxing-cpp does not read";
    default:
        return "it cannot be decoded";
    }
}

Corners corners_of(const ZXing::Position& position)
{
    Corners corners;
    for (std::size_t i = 0; i < corners.size(); ++i) {
        corners[i] = PointF{static_cast<double>(position[i].x), static_cast<double>(position[i].y)};
    }
    return corners;
}

}  // namespace

std::vector<FoundQr> find_qr_codes(const GreyImage& image)
{
    ZXing::ImageView view(image.pixels.data(), image.width, image.height, ZXing::ImageFormat::Lum);
    ZXing::DecodeHints hints;
    hints.setFormats(ZXing::BarcodeFormat::QRCode);
    hints.setTryHarder(true);
    // Symbols that are located but fail to decode are reported too: "a QR is there but
    // damaged" tells an operator more than "no QR".
    hints.setReturnErrors(true);

    std::vector<FoundQr> found;
    for (const ZXing::Result& result : ZXing::ReadBarcodes(view, hints)) {
        FoundQr qr;
        qr.corners = corners_of(result.position());
        if (result.isValid()) {
            qr.decoded = true;
            qr.text = result.text();
        } else {
            qr.problem = describe(result.error());
        }
        found.push_back(std::move(qr));
    }
    return found;
}

}  // namespace placard::check
