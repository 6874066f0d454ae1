#include "util/json.hpp"

#include <fmt/format.h>
#include <unicode/utf8.h>

namespace placard {

namespace {

void append_escaped(std::string& quoted, char c)
{
    switch (c) {
    case '"':
        quoted += "\\\"";
        break;
    case '\\':
        quoted += "\\\\";
        break;
    case '\n':
        quoted += "\\n";
        break;
    case '\r':
        quoted += "\\r";
        break;
    case '\t':
        quoted += "\\t";
        break;
    default:
        if (static_cast<unsigned char>(c) < 0x20) {
            quoted += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        } else {
            quoted += c;
        }
    }
}

}  // namespace

std::string json_string(std::string_view text)
{
    std::string quoted = "\"";
    auto length = static_cast<int32_t>(text.size());
    const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
    for (int32_t i = 0; i < length;) {
        int32_t start = i;
        UChar32 c = 0;
        U8_NEXT(bytes, i, length, c);

        // JSON text must be Unicode; a byte that is not UTF-8 (only a file name can hold
        // one) is written as visible text rather than making the document invalid.
        if (c < 0) {
            quoted += fmt::format("<0x{:02X}>", static_cast<unsigned>(bytes[start]));
            i = start + 1;
        } else if (i - start == 1) {
            append_escaped(quoted, static_cast<char>(c));
        } else {
            quoted.append(
                text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
        }
    }
    return quoted + "\"";
}

}  // namespace placard
