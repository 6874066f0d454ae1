#pragma once

#include <string>
#include <string_view>

namespace placard {

// The text as a JSON string literal, quotes included. Non-ASCII UTF-8 passes through;
// bytes that are not UTF-8 are written as "<0xFF>" so the document stays valid.
std::string json_string(std::string_view text);

}  // namespace placard
