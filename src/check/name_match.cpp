#include "check/name_match.hpp"

#include "util/invisible.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <stdexcept>

namespace placard::check {

namespace {

bool is_dropped(UChar32 c)
{
    return c == 0x200C || is_bidi_control(static_cast<char32_t>(c)) || u_isUWhiteSpace(c) != 0;
}

// Alef + lam becomes lam + alef, whichever order the extraction used.
std::u32string with_lam_alef_ordered(std::u32string text)
{
    const std::u32string alef_lam = U"\u0627\u0644";
    for (std::size_t at = text.find(alef_lam); at != std::u32string::npos;
         at = text.find(alef_lam, at + 2)) {
        text.replace(at, 2, U"\u0644\u0627");
    }
    return text;
}

}  // namespace

std::u32string fold_for_match(std::string_view utf8)
{
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status) != 0) {
        throw std::logic_error("ICU has no NFKC data");
    }
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(
        icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    icu::UnicodeString folded = nfkc->normalize(text, status);

    std::u32string result;
    for (int32_t i = 0; i < folded.length(); i = folded.moveIndex32(i, 1)) {
        UChar32 c = folded.char32At(i);
        if (!is_dropped(c)) {
            result += static_cast<char32_t>(c);
        }
    }

    return with_lam_alef_ordered(std::move(result));
}

bool text_holds(std::string_view extracted, std::string_view value)
{
    std::u32string wanted = fold_for_match(value);
    if (wanted.empty()) {
        return true;
    }
    std::u32string text = fold_for_match(extracted);
    // Reversing breaks the pair's fixed order, so it is fixed again.
    std::u32string reversed = with_lam_alef_ordered({wanted.rbegin(), wanted.rend()});
    return text.find(wanted) != std::u32string::npos || text.find(reversed) != std::u32string::npos;
}

}  // namespace placard::check
