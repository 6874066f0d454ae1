#include "render/placard_template.hpp"

#include "util/error.hpp"
#include "util/simple_toml.hpp"

#include <fmt/format.h>

#include <cmath>

namespace placard::render {

namespace {

Colour parse_colour(const std::string& text, const std::string& source)
{
    bool shaped = text.size() == 7 && text[0] == '#'
                  && text.find_first_not_of("0123456789abcdefABCDEF", 1) == std::string::npos;
    if (!shaped) {
        throw Error(
            fmt::format("{}: brand colour \"{}\" is not of the form #RRGGBB", source, text));
    }
    auto channel = [&text](std::size_t at) {
        return std::stoi(text.substr(at, 2), nullptr, 16) / 255.0;
    };
    return Colour{channel(1), channel(3), channel(5)};
}

void check_range(double value, double low, double high, const char* key, const std::string& source)
{
    if (!(value >= low && value <= high)) {
        throw Error(
            fmt::format("{}: {} = {} is out of range {} to {}", source, key, value, low, high));
    }
}

}  // namespace

PlacardTemplate load_template(const std::filesystem::path& path)
{
    SimpleToml document = SimpleToml::parse_file(path);
    document.reject_unknown_keys(
        {"page.orientation",
         "qr.size_mm",
         "qr.error_correction",
         "qr.max_version",
         "qr.min_module_mm",
         "font.family",
         "font.dir",
         "brand.colour",
         "text.call_to_action"});
    const std::string source = path.string();

    PlacardTemplate result;
    if (auto orientation = document.get_string("page.orientation")) {
        if (*orientation != "portrait" && *orientation != "landscape") {
            throw Error(
                fmt::format("{}: orientation must be \"portrait\" or \"landscape\"", source));
        }
        result.landscape = *orientation == "landscape";
    }
    result.qr_size_mm = document.get_number("qr.size_mm").value_or(result.qr_size_mm);
    check_range(result.qr_size_mm, 10, 120, "qr.size_mm", source);
    if (auto level = document.get_string("qr.error_correction")) {
        result.error_correction = qr::parse_error_correction(*level);
    }
    double max_version = document.get_number("qr.max_version").value_or(result.max_version);
    check_range(max_version, 1, qr::max_qr_version, "qr.max_version", source);
    result.max_version = static_cast<int>(std::lround(max_version));
    result.min_module_mm = document.get_number("qr.min_module_mm").value_or(result.min_module_mm);
    check_range(result.min_module_mm, 0.1, 5, "qr.min_module_mm", source);
    result.font_family = document.get_string("font.family").value_or(result.font_family);
    if (auto dir = document.get_string("font.dir")) {
        // A relative font folder is taken from the template's own folder, never from the
        // working directory, so a cron job finds the same fonts as an interactive run.
        result.font_dir = path.parent_path() / *dir;
    }
    if (auto colour = document.get_string("brand.colour")) {
        result.brand = parse_colour(*colour, source);
    }
    result.call_to_action =
        document.get_string("text.call_to_action").value_or(result.call_to_action);
    return result;
}

}  // namespace placard::render
