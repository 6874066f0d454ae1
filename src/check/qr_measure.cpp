#include "check/qr_measure.hpp"

#include <algorithm>
#include <cmath>

namespace placard::check {

namespace {

// A pixel darker than this is ink: anti-aliased text edges a quarter covered count,
// paper and scanner noise do not.
constexpr int ink_below = 192;

// How far out the quiet zone is scanned: three times what the placard promises is enough
// to tell a good band from a short one.
constexpr double scan_modules = 12;

// The first pixel beyond a side is skipped: the corners are whole pixels, so it may
// still hold a sliver of the symbol's own edge.
constexpr int first_step = 2;

constexpr const char* side_names[] = {"top", "right", "bottom", "left"};

PointF lerp(PointF a, PointF b, double t)
{
    return {a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t};
}

double distance(PointF a, PointF b)
{
    return std::hypot(b.x - a.x, b.y - a.y);
}

// The point at (u, v) of the symbol, both from 0 to 1 across it.
PointF symbol_point(const Corners& c, double u, double v)
{
    return lerp(lerp(c[0], c[1], u), lerp(c[3], c[2], u), v);
}

bool is_dark_at(const GreyImage& image, PointF p)
{
    int x = static_cast<int>(std::floor(p.x));
    int y = static_cast<int>(std::floor(p.y));
    return image.contains(x, y) && image.at(x, y) < 128;
}

bool module_is_dark(const GreyImage& image, const Corners& corners, int modules, int col, int row)
{
    double u = (col + 0.5) / modules;
    double v = (row + 0.5) / modules;
    return is_dark_at(image, symbol_point(corners, u, v));
}

// Whether a module of a finder pattern whose top left module is (0, 0) is dark: a dark
// ring, a light ring, a dark 3 × 3 core.
bool finder_dark(int col, int row)
{
    int ring = std::min({col, row, 6 - col, 6 - row});
    return ring != 1;
}

// The share of the fixed patterns (three finders, two timing lines) that read as the
// standard says they must, if the symbol has `modules` modules a side.
double pattern_score(const GreyImage& image, const Corners& corners, int modules)
{
    int agree = 0;
    int total = 0;
    auto expect = [&](int col, int row, bool dark) {
        agree += module_is_dark(image, corners, modules, col, row) == dark ? 1 : 0;
        ++total;
    };
    const int far = modules - 7;
    for (int row = 0; row < 7; ++row) {
        for (int col = 0; col < 7; ++col) {
            expect(col, row, finder_dark(col, row));
            expect(far + col, row, finder_dark(col, row));
            expect(col, far + row, finder_dark(col, row));
        }
    }
    for (int k = 8; k < modules - 8; ++k) {
        expect(k, 6, k % 2 == 0);
        expect(6, k, k % 2 == 0);
    }
    return static_cast<double>(agree) / total;
}

double mean_side_px(const Corners& c)
{
    return (distance(c[0], c[1]) + distance(c[1], c[2]) + distance(c[2], c[3])
            + distance(c[3], c[0]))
           / 4;
}

// Tries every QR version and keeps the one whose fixed patterns fit best; a symbol is
// counted only when nearly all of them fit.
int count_modules(const GreyImage& image, const Corners& corners)
{
    double side = mean_side_px(corners);
    int best = 0;
    double best_score = 0.9;
    for (int version = 1; version <= 40; ++version) {
        int modules = 17 + 4 * version;
        if (side / modules < 1.0) {
            break;
        }
        double score = pattern_score(image, corners, modules);
        if (score > best_score) {
            best_score = score;
            best = modules;
        }
    }
    return best;
}

struct SideScan {
    double clear_px = 0;  // pixels of paper before the first ink
    bool open = false;    // no ink met before the scan ended
};

// Walks outward from every pixel along one side until ink, the image edge or the limit.
SideScan scan_side(const GreyImage& image, PointF a, PointF b, PointF centre, double limit_px)
{
    double length = distance(a, b);
    PointF normal{(b.y - a.y) / length, -(b.x - a.x) / length};
    PointF middle = lerp(a, b, 0.5);
    if (normal.x * (middle.x - centre.x) + normal.y * (middle.y - centre.y) < 0) {
        normal = {-normal.x, -normal.y};
    }

    SideScan narrowest{limit_px, true};
    int samples = std::max(2, static_cast<int>(std::ceil(length)));
    for (int i = 0; i < samples; ++i) {
        PointF start = lerp(a, b, (i + 0.5) / samples);
        for (int step = first_step; step - 1.0 < narrowest.clear_px; ++step) {
            double out = step - 0.5;  // the centre of the step-th pixel beyond the side
            PointF p{start.x + normal.x * out, start.y + normal.y * out};
            int x = static_cast<int>(std::floor(p.x));
            int y = static_cast<int>(std::floor(p.y));
            // The edge of the placard ends the white band as surely as ink does.
            if (!image.contains(x, y) || image.at(x, y) < ink_below) {
                narrowest = {step - 1.0, false};
                break;
            }
        }
    }
    return narrowest;
}

void measure_quiet_zone(QrMeasure& measure, const GreyImage& image, const Corners& corners)
{
    PointF centre = symbol_point(corners, 0.5, 0.5);
    double module_px = measure.counted ? measure.module_px : mean_side_px(corners) / 21;
    double limit = scan_modules * module_px;
    measure.quiet_zone_mm = limit * measure.resolution_mm;
    measure.quiet_zone_open = true;
    measure.quiet_side = side_names[0];
    for (std::size_t side = 0; side < 4; ++side) {
        SideScan scan = scan_side(image, corners[side], corners[(side + 1) % 4], centre, limit);
        double clear_mm = scan.clear_px * measure.resolution_mm;
        if (clear_mm < measure.quiet_zone_mm) {
            measure.quiet_zone_mm = clear_mm;
            measure.quiet_zone_open = scan.open;
            measure.quiet_side = side_names[side];
        }
    }
}

}  // namespace

QrMeasure measure_qr(const GreyImage& image, const Corners& corners)
{
    QrMeasure measure;
    measure.resolution_mm = image.mm_per_pixel();
    double side_px = mean_side_px(corners);
    measure.side_mm = side_px * measure.resolution_mm;

    measure.modules = count_modules(image, corners);
    measure.counted = measure.modules > 0;
    if (measure.counted) {
        measure.module_px = side_px / measure.modules;
        measure.module_mm = measure.module_px * measure.resolution_mm;
    }

    measure_quiet_zone(measure, image, corners);
    return measure;
}

}  // namespace placard::check
