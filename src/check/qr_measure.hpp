#pragma once

#include "check/grey_image.hpp"
#include "check/qr_finder.hpp"

namespace placard::check {

// How a QR symbol measures on the page, taken from its corners and the pixels around
// it. Every length is good to about one pixel of the rendering (resolution_mm).
struct QrMeasure {
    bool counted = false;  // the module grid (finder and timing patterns) was recognised
    int modules = 0;       // modules per side, 17 + 4 × version; 0 when not counted
    double side_mm = 0;    // the symbol without its quiet zone, mean of its four sides
    double module_mm = 0;
    double module_px = 0;          // pixels per module at the rendering's dpi: the decoding margin
    double quiet_zone_mm = 0;      // the narrowest white band on any side
    const char* quiet_side = "";   // "top", "right", "bottom" or "left" (the symbol's own)
    bool quiet_zone_open = false;  // no ink found on that side as far as the scan went
    double resolution_mm = 0;      // one pixel
};

// Measures the symbol whose outer corners are `corners`. The quiet zone on each side is
// the distance from the symbol's edge to the nearest ink (a pixel clearly darker than
// paper), scanned outward up to 12 modules or the edge of the image, whichever is first.
QrMeasure measure_qr(const GreyImage& image, const Corners& corners);

}  // namespace placard::check
