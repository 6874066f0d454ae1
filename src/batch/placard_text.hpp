#pragma once

#include "render/placard_painter.hpp"
#include "render/placard_template.hpp"
#include "roster/employee.hpp"

#include <ctime>
#include <string>

namespace placard::batch {

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
