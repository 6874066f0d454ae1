#pragma once

#include "render/font_setup.hpp"
#include "roster/roster_reader.hpp"

#include <filesystem>
#include <map>
#include <ostream>
#include <string>

namespace placard::batch {

enum class FindingFormat { text, json, csv };

FindingFormat parse_finding_format(const std::string& name);

struct ValidationSummary {
    long rows = 0;
    long accepted = 0;
    long rejected = 0;
    long skipped = 0;
    long errors = 0;
    long warnings = 0;
    long short_national_codes = 0;              // rows whose national code had 8 or 9 digits
    std::map<std::string, long> count_by_code;  // errors and warnings, not info notes
};

// The placard font that printed characters are checked against, as render checks them.
struct GlyphCheck {
    const render::FontSetup* fonts = nullptr;  // nullptr: characters are not checked
    std::string family;
};

// Reads the roster exactly as render does and writes every finding to `out` as it is
// found, so memory stays flat however many rows are bad. A valid row whose printed
// fields hold a character the placard font cannot draw is rejected (glyph-missing), as
// render rejects it; when the font itself is missing, a warning says the characters
// were not checked. Text groups the findings of a
// row under one heading and ends with the counts; JSON is one object holding the
// findings and the counts (or, when the run stops part way, a "stopped" reason); CSV is
// one finding a line, with a header and a UTF-8 BOM.
ValidationSummary validate_roster(
    const std::filesystem::path& roster,
    const roster::ReadOptions& options,
    FindingFormat format,
    std::ostream& out,
    const GlyphCheck& glyphs = {});

}  // namespace placard::batch
