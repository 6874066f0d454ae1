#pragma once

#include "check/grey_image.hpp"

#include <array>
#include <string>
#include <vector>

namespace placard::check {

struct PointF {
    double x = 0;
    double y = 0;
};

// The outer corners of a symbol in image pixels, in the symbol's own orientation: top
// left, top right, bottom right, bottom left (the finder patterns sit at the first
// three).
using Corners = std::array<PointF, 4>;

// One QR symbol found on an image: its text when it decodes, else why it does not.
struct FoundQr {
    std::string text;
    bool decoded = false;
    std::string problem;  // when not decoded: what zxing-cpp reports, in our words
    Corners corners{};
};

// Every QR symbol zxing-cpp locates on the image, decoded or not, in the order it finds
// them. Safe to call from several threads at once.
std::vector<FoundQr> find_qr_codes(const GreyImage& image);

}  // namespace placard::check
