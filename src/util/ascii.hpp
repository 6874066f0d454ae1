#pragma once

#include <string>
#include <string_view>

namespace placard {

// ASCII letters upper-cased, every other byte kept: employee codes compare this way, so
// "e00061" and "E00061" are one employee in URLs, file names and reprint lists.
inline std::string ascii_upper(std::string_view text)
{
    std::string upper(text);
    for (char& c : upper) {
        if (c >= 'a' && c <= 'z') {
            c = static_cast<char>(c - 'a' + 'A');
        }
    }
    return upper;
}

}  // namespace placard
