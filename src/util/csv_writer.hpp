#pragma once

#include <string>
#include <vector>

namespace placard {

// One CSV record in RFC 4180 form, ending in CRLF. A cell that a spreadsheet would run
// as a formula (starting with = + - @, a tab or a carriage return) gets a leading
// apostrophe, so a roster value can never execute in the HR officer's Excel.
std::string csv_record(const std::vector<std::string>& cells);

// The UTF-8 byte order mark, which Excel needs to show Persian in a CSV file.
inline constexpr const char* utf8_bom = "\xEF\xBB\xBF";

}  // namespace placard
