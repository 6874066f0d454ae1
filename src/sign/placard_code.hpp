#pragma once

#include <string>
#include <string_view>

namespace placard::sign {

// How many characters of the URL's tag the placard code keeps: 20 bits, enough for the
// survey server to turn away nearly every mistyped or invented code, short enough to type.
inline constexpr std::size_t placard_code_tag_length = 4;

// The human-typeable form of a survey URL: EMPLOYEE_CODE-GENERATION-TAGPREFIX, e.g.
// "E00001-1-KQ6Z". It carries nothing the URL does not already carry (no personal data).
// A citizen who finds the QR covered or replaced types it on the survey's short domain;
// docs/placard-code.md says how the server checks it. Throws placard::Error when the
// URL does not end in KID/CODE/GENERATION/TAG.
std::string placard_code(std::string_view survey_url);

// The host of a base URL ("https://survey.example.ir/S" -> "survey.example.ir"), the
// domain printed beside the placard code unless the template names a shorter one.
std::string short_domain(std::string_view base_url);

}  // namespace placard::sign
