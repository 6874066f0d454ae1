#include "support/text_match.hpp"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>

namespace placard::test {

std::u32string fold_for_match(const std::string& utf8)
{
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
    icu::UnicodeString folded = nfkc->normalize(icu::UnicodeString::fromUTF8(utf8), status);
    std::u32string result;
    for (int32_t i = 0; i < folded.length(); i = folded.moveIndex32(i, 1)) {
        UChar32 c = folded.char32At(i);
        if (c != 0x200C && c != ' ' && c != '\n' && c != '\r' && c != '\t') {
            result += static_cast<char32_t>(c);
        }
    }
    // Poppler extracts the lam-alef ligature of a right-to-left run with its two letters
    // swapped ("ال" for "لا"): the ligature is one glyph mapped to two characters, and
    // Poppler reverses them with the run. Both spellings fold to one, on both sides.
    for (std::size_t at = result.find(U"\u0627\u0644"); at != std::u32string::npos;
         at = result.find(U"\u0627\u0644", at + 2)) {
        result.replace(at, 2, U"\u0644\u0627");
    }
    return result;
}

bool page_text_holds(const std::string& page_text, const std::string& value)
{
    std::u32string page = fold_for_match(page_text);
    std::u32string wanted = fold_for_match(value);
    std::u32string reversed(wanted.rbegin(), wanted.rend());
    return page.find(wanted) != std::u32string::npos || page.find(reversed) != std::u32string::npos;
}

}  // namespace placard::test
