#pragma once

#include <cstdint>
#include <vector>

namespace placard::check {

// A greyscale rendering of one placard's part of a page: 0 is black, 255 white, rows
// stored one after the other without padding.
struct GreyImage {
    int width = 0;
    int height = 0;
    double dpi = 0;
    std::vector<std::uint8_t> pixels;

    std::uint8_t at(int x, int y) const
    {
        return pixels
            [static_cast<std::size_t>(y) * static_cast<std::size_t>(width)
             + static_cast<std::size_t>(x)];
    }

    bool contains(int x, int y) const { return x >= 0 && y >= 0 && x < width && y < height; }

    double mm_per_pixel() const { return 25.4 / dpi; }
};

}  // namespace placard::check
