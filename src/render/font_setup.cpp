#include "render/font_setup.hpp"

#include "util/error.hpp"

#include <fmt/format.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <strings.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace placard::render {

namespace {

std::string family_of(PangoFont* font)
{
    PangoFontDescription* description = pango_font_describe(font);
    const char* family = pango_font_description_get_family(description);
    std::string name = family != nullptr ? family : "";
    pango_font_description_free(description);
    return name;
}

// Calls `visit` for each code point that must have a glyph of its own.
template <typename Visit>
void for_each_drawn_character(std::string_view utf8, Visit visit)
{
    std::int32_t offset = 0;
    const auto length = static_cast<std::int32_t>(utf8.size());
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(utf8.data());
    while (offset < length) {
        UChar32 c = 0;
        U8_NEXT(bytes, offset, length, c);
        bool draws_nothing = c == ' ' || u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT);
        if (!draws_nothing && !visit(static_cast<char32_t>(c < 0 ? 0xFFFD : c))) {
            return;
        }
    }
}

}  // namespace

std::filesystem::path default_font_dir()
{
    return PLACARD_DEFAULT_FONT_DIR;
}

FontSetup::FontSetup(const std::string& family, const std::filesystem::path& font_dir)
    : requested_family_(family)
{
    config_ = FcInitLoadConfigAndFonts();
    if (config_ == nullptr) {
        throw Error("fontconfig could not load its configuration");
    }
    const std::filesystem::path folder = font_dir.empty() ? default_font_dir() : font_dir;
    if (!std::filesystem::is_directory(folder)) {
        FcConfigDestroy(config_);
        // A font file given for its folder is the likely slip; "does not exist" misleads.
        throw Error(
            std::filesystem::exists(folder)
                ? fmt::format(
                    "font folder {} is a file, not a folder; give the folder that holds the "
                    "font files",
                    folder.string())
                : fmt::format(
                    "font folder {} does not exist; run scripts/setup.sh to install the fonts",
                    folder.string()));
    }
    FcConfigAppFontAddDir(config_, reinterpret_cast<const FcChar8*>(folder.c_str()));

    font_map_ = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(font_map_), config_);
    probe_context_ = pango_font_map_create_context(font_map_);
    PangoFontDescription* description = pango_font_description_from_string(family.c_str());
    pango_font_description_set_absolute_size(description, 12 * PANGO_SCALE);
    primary_font_ = pango_font_map_load_font(font_map_, probe_context_, description);
    pango_font_description_free(description);
    // With no font at all, fontconfig offers nothing: the family is reported as missing
    // and every character as lacking a glyph, the same path as a wrong substitute.
    resolved_family_ = primary_font_ != nullptr ? family_of(primary_font_) : "no font at all";

    // Asked once: pango_font_has_char() builds and drops this table on every call, and the
    // coverage check asks for every character of every row, twice per run.
    if (primary_font_ != nullptr) {
        coverage_ = pango_font_get_coverage(primary_font_, pango_language_get_default());
    }
}

FontSetup::~FontSetup()
{
    if (coverage_ != nullptr) {
        pango_coverage_unref(coverage_);
    }
    if (primary_font_ != nullptr) {
        g_object_unref(primary_font_);
    }
    g_object_unref(probe_context_);
    g_object_unref(font_map_);
    FcConfigDestroy(config_);
}

bool FontSetup::has_glyph(char32_t c) const
{
    return coverage_ != nullptr
           && pango_coverage_get(coverage_, static_cast<int>(c)) != PANGO_COVERAGE_NONE;
}

bool FontSetup::family_available() const
{
    return primary_font_ != nullptr
           && strcasecmp(resolved_family_.c_str(), requested_family_.c_str()) == 0;
}

char32_t FontSetup::first_missing_character(std::string_view utf8) const
{
    char32_t missing = 0;
    for_each_drawn_character(utf8, [&](char32_t c) {
        if (!has_glyph(c)) {
            missing = c;
            return false;
        }
        return true;
    });
    return missing;
}

int FontSetup::missing_character_count(std::string_view utf8) const
{
    int count = 0;
    for_each_drawn_character(utf8, [&](char32_t c) {
        count += has_glyph(c) ? 0 : 1;
        return true;
    });
    return count;
}

}  // namespace placard::render
