#include "check/name_match.hpp"

#include <doctest/doctest.h>

using namespace placard::check;

TEST_CASE("NFKC folds the lam-alef ligature back to its letters")
{
    CHECK(fold_for_match("\uFEFB") == fold_for_match("\u0644\u0627"));
    CHECK(text_holds("ژی\uFEFB مثالی", "ژیلا"));
}

TEST_CASE("ZWNJ, spaces and bidi controls are ignored on both sides")
{
    CHECK(text_holds("مهدی فرضی پور", "فرضی\u200Cپور"));
    CHECK(text_holds("\u200Fفرضی\u200Cپور\u200E", "فرضی پور"));
    CHECK(fold_for_match("a b\u200Cc\n") == U"abc");
}

TEST_CASE("extracted text in visual (reversed) order still holds the name")
{
    std::string name = "مثالی";
    std::u32string folded = fold_for_match(name);
    std::u32string reversed(folded.rbegin(), folded.rend());
    std::string visual;
    for (char32_t c : reversed) {
        // Encode the reversed letters (all two-byte UTF-8 in this range) back to UTF-8.
        visual += static_cast<char>(0xC0 | (c >> 6));
        visual += static_cast<char>(0x80 | (c & 0x3F));
    }
    CHECK(text_holds("کد کارمند " + visual, name));
}

TEST_CASE("lam-alef extracted with its letters swapped matches either reading order")
{
    // Poppler gives the ligature of ژیلا as alef + lam in logical order.
    CHECK(text_holds("ژیال", "ژیلا"));
    CHECK(text_holds("الیژ", "ژیلا"));
}

TEST_CASE("another name is not held")
{
    CHECK_FALSE(text_holds("آقای رضا خیالی", "فرضی‌پور"));
    CHECK_FALSE(text_holds("", "رضا"));
    CHECK(text_holds("anything", ""));
}
