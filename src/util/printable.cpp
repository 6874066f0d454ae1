#include "util/printable.hpp"

#include <fmt/format.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace placard {

namespace {

bool is_bidi_control(UChar32 c)
{
    return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E)
           || (c >= 0x2066 && c <= 0x2069);
}

}  // namespace

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
        } else if (u_charType(c) == U_CONTROL_CHAR || is_bidi_control(c)) {
            out += fmt::format("<U+{:04X}>", static_cast<unsigned>(c));
        } else {
            out.append(
                text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
        }
    }
    return out;
}

}  // namespace placard
