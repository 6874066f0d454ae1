#pragma once

#include "render/placard_painter.hpp"
#include "render/placard_template.hpp"
#include "roster/employee.hpp"
#include "roster/roster_reader.hpp"

#include <ctime>
#include <string>

namespace placard::render {
class FontSetup;
}

namespace placard::batch {

// The roster fields a placard prints.
inline constexpr roster::Field printed_fields[] = {
    roster::Field::first_name,
    roster::Field::last_name,
    roster::Field::job_title,
    roster::Field::office,
    roster::Field::agency};

const std::string& printed_value(const roster::Employee& employee, roster::Field field);

// Adds an error for the first printed character the placard font cannot draw, and
// rejects the row (code "glyph-missing") if it was accepted: such a row would otherwise
// print with a box where a letter should be. Render and preview judge rows alike.
void check_glyphs(
    const render::FontSetup& fonts,
    const std::string& font_family,
    const roster::RosterReader& reader,
    roster::RosterRow& row);

// Throws at the template's key (file, line, column) for the first string the template
// set that holds a character the placard font cannot draw: Pango would otherwise draw
// it in whatever font fontconfig offers, a substitute the placard must not print.
void check_template_glyphs(const render::FontSetup& fonts, const render::PlacardTemplate& look);

// What one placard prints, in the template's words, digits and honorifics: the render
// job and the preview compose it alike, so a preview shows what the PDF will hold.
render::PlacardText compose_text(
    const roster::Employee& employee,
    const render::PlacardTemplate& look,
    const std::string& survey_url,
    const std::string& base_url);

// The batch footer, the same on every page: batch id and print date in the template's
// calendar and digits.
std::string footer_line(
    const render::PlacardTemplate& look, const std::string& batch_id, std::time_t print_time);

}  // namespace placard::batch
