#pragma once

#include <filesystem>
#include <string>
#include <string_view>

typedef struct _PangoFontMap PangoFontMap;
typedef struct _PangoFont PangoFont;
typedef struct _PangoContext PangoContext;
typedef struct _FcConfig FcConfig;
typedef struct _PangoCoverage PangoCoverage;

namespace placard::render {

// The folder placard's own fonts were installed to at build time.
std::filesystem::path default_font_dir();

// Pango's font map over placard's own font folder (added to the fontconfig setup of the
// machine), so a cron host without desktop fonts renders exactly like a workstation.
class FontSetup {
public:
    FontSetup(const std::string& family, const std::filesystem::path& font_dir);
    ~FontSetup();
    FontSetup(const FontSetup&) = delete;
    FontSetup& operator=(const FontSetup&) = delete;

    PangoFontMap* font_map() const { return font_map_; }

    const std::string& requested_family() const { return requested_family_; }

    const std::string& resolved_family() const { return resolved_family_; }

    // False when fontconfig offered another family than the one asked for: placard
    // then refuses to print rather than use a substitute in silence.
    bool family_available() const;

    // The first character of `utf8` that the placard font has no glyph for (characters
    // that draw nothing, such as ZWNJ, are not counted), or 0 when all are covered.
    char32_t first_missing_character(std::string_view utf8) const;
    int missing_character_count(std::string_view utf8) const;

private:
    bool has_glyph(char32_t c) const;

    std::string requested_family_;
    std::string resolved_family_;
    FcConfig* config_ = nullptr;
    PangoFontMap* font_map_ = nullptr;
    PangoContext* probe_context_ = nullptr;
    PangoFont* primary_font_ = nullptr;
    PangoCoverage* coverage_ = nullptr;  // which characters primary_font_ has glyphs for
};

}  // namespace placard::render
