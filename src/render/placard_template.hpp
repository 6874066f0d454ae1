#pragma once

#include "qr/qr_symbol.hpp"
#include "util/finding.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace placard::render {

class Logo;

struct Colour {
    double red = 0;
    double green = 0;
    double blue = 0;
};

enum class TextDirection { right_to_left, left_to_right };
enum class Digits { persian, latin };
enum class Calendar { persian, gregorian };

// The largest size of each text block, in points; a long text shrinks to fit its box.
struct FontSizes {
    double agency = 15;
    double name = 26;
    double detail = 14;  // job title and office
    double call_to_action = 14;
    double code = 12;  // employee code and placard code lines
};

// A printed string the template set, with where it set it: checked against the font
// once the font is loaded, so a letter it cannot draw is refused at its key.
struct TemplateText {
    std::string value;
    SourceLocation source;
};

// The words a placard prints around the employee's data, so a site can print in
// another language (assets/templates/english.toml).
struct PlacardWording {
    std::string header;  // empty: no header line above the agency
    std::string call_to_action = "لطفاً با اسکن این کد، کیفیت خدمت من را ارزیابی کنید";
    std::string honorific_female = "خانم";
    std::string honorific_male = "آقای";
    std::string employee_code_label = "کد کارمند";
    std::string placard_code_label = "کد پلاکارد";
    std::string batch_label = "دستهٔ چاپ";
    std::string date_label = "تاریخ چاپ";
    std::string ruler_label = "این خط ۵۰ میلی‌متر است؛ پلاکارد را با اندازهٔ واقعی (۱۰۰٪) چاپ "
                              "کنید";
    std::string language = "fa-IR";  // for Pango's shaping and line breaking
    TextDirection direction = TextDirection::right_to_left;
    Digits digits = Digits::persian;
    Calendar calendar = Calendar::persian;
    std::vector<TemplateText> set_by_template;  // the printed ones above the file gave
};

// Everything about a placard's look that a site may change. The defaults are the
// standard half-A4 portrait placard; assets/templates/default.toml spells them out and
// docs/templates.md lists every key.
struct PlacardTemplate {
    bool landscape = false;
    double qr_size_mm = 64;  // the symbol itself; the 4-module quiet zone comes on top
    SourceLocation qr_size_source;  // where the template set qr_size_mm, for check_qr_fits
    qr::ErrorCorrection error_correction = qr::ErrorCorrection::medium;
    int max_version = qr::max_qr_version;
    double min_module_mm = 0.5;  // smaller modules do not scan reliably from a desk away
    // Where the template set min_module_mm, or else qr_size_mm (the two decide whether a
    // batch's modules are too small), so the batch's refusal names the key to change.
    SourceLocation min_module_source;
    std::string font_family = "Vazirmatn";
    std::filesystem::path font_dir;  // empty: the fonts placard was built with
    FontSizes font_sizes;
    Colour brand = {13 / 255.0, 82 / 255.0, 107 / 255.0};  // #0D526B
    Colour header_text = {1, 1, 1};
    Colour body_text = {26 / 255.0, 26 / 255.0, 26 / 255.0};  // #1A1A1A
    std::shared_ptr<const Logo> logo;  // null: no logo
    double logo_height_mm = 16;
    std::string short_domain;  // empty: the host of the survey base URL
    PlacardWording wording;

    double page_width_mm() const { return landscape ? 210 : 148; }

    double page_height_mm() const { return landscape ? 148 : 210; }
};

// Modules across a QR symbol of this version.
constexpr int modules_of_version(int version)
{
    return 17 + 4 * version;
}

inline constexpr int qr_quiet_zone_modules = 4;  // on each side of the symbol
inline constexpr double smallest_qr_size_mm = 10;

// The room the page layout (compute_layout) leaves for the QR code with its quiet zone:
// on a portrait page the text below it needs the rest of the height, on a landscape one
// the text beside it. A unit test holds compute_layout to these figures.
inline constexpr double portrait_qr_room_mm = 93;
inline constexpr double landscape_qr_room_mm = 96;

// The largest qr.size_mm whose symbol of `modules` fits the page with its quiet zone.
double largest_qr_size_mm(bool landscape, int modules);

// Throws placard::Error at the template's qr.size_mm (file, line, column and key) when
// the symbol, at this version, does not fit the page with its quiet zone. The template
// alone allows sizes up to what version 40 fits; a smaller version has wider modules
// and so a wider quiet zone, known only once the batch's version is.
void check_qr_fits(const PlacardTemplate& look, int version);

// Reads a template file (see assets/templates/default.toml and docs/templates.md).
// Every key is optional and falls back to its default, except the keys that a table
// cannot do without ([logo] needs `file`). Unknown keys, wrong types and values out of
// range are errors naming the file, line, column and key. The logo is read and decoded
// here, so a bad logo stops the run before any page is drawn.
PlacardTemplate load_template(const std::filesystem::path& path);

// The same, from text; `source_name` names it in messages and relative paths (font
// folder, logo) are taken from `base_dir`.
PlacardTemplate parse_template(
    const std::string& text, const std::string& source_name, const std::filesystem::path& base_dir);

}  // namespace placard::render
