#pragma once

#include "qr/qr_symbol.hpp"

#include <filesystem>
#include <string>

namespace placard::render {

struct Colour {
    double red = 0;
    double green = 0;
    double blue = 0;
};

// Everything about a placard's look that a site may change. The defaults are the
// standard half-A4 portrait placard; assets/templates/default.toml spells them out.
struct PlacardTemplate {
    bool landscape = false;
    double qr_size_mm = 64;  // the symbol itself; the 4-module quiet zone comes on top
    qr::ErrorCorrection error_correction = qr::ErrorCorrection::medium;
    int max_version = qr::max_qr_version;
    double min_module_mm = 0.5;  // smaller modules do not scan reliably from a desk away
    std::string font_family = "Vazirmatn";
    std::filesystem::path font_dir;  // empty: the fonts placard was built with
    Colour brand = {0.05, 0.32, 0.42};
    std::string call_to_action = "لطفاً با اسکن این کد، کیفیت خدمت من را ارزیابی کنید";

    double page_width_mm() const { return landscape ? 210 : 148; }

    double page_height_mm() const { return landscape ? 148 : 210; }
};

// Reads a template file (see assets/templates/default.toml); unknown keys are errors.
PlacardTemplate load_template(const std::filesystem::path& path);

}  // namespace placard::render
