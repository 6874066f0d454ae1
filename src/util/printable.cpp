#include "util/printable.hpp"

#include "util/invisible.hpp"

#include <fmt/format.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>

namespace placard {

std::string printable(std::string_view text)
{
    std::string out;
    auto length = static_cast<int32_t>(text.size());
    const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
    for (int32_t i = 0; i < length;) {
        int32_t start = i;
        UChar32 c = 0;
        U8_NEXT(bytes, i, length, c);

        if (c < 0) {
            out += fmt::format("<0x{:02X}>", static_cast<unsigned>(bytes[start]));
            i = start + 1;
        } else if (u_charType(c) == U_CONTROL_CHAR || is_bidi_control(static_cast<char32_t>(c))) {
            out += fmt::format("<U+{:04X}>", static_cast<unsigned>(c));
        } else {
            out.append(
                text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
        }
    }
    return out;
}

std::string one_line(std::string_view text)
{
    constexpr std::string_view blank = " \t";
    std::string joined;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = std::min(text.find_first_of("\r\n", start), text.size());
        std::string_view line = text.substr(start, end - start);
        start = end + 1;

        std::size_t first = line.find_first_not_of(blank);
        if (first == std::string_view::npos) {
            continue;
        }
        line = line.substr(first, line.find_last_not_of(blank) - first + 1);
        joined += joined.empty() ? "" : "; ";
        joined += line;
    }
    std::replace(joined.begin(), joined.end(), '\t', ' ');
    return printable(joined);
}

}  // namespace placard
