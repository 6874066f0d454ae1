#pragma once

#include <string>
#include <string_view>

namespace placard::check {

// Folds text for comparing a roster value with the text Poppler extracts from a page:
// NFKC (presentation forms such as the lam-alef ligature become letters), ZWNJ, bidi
// controls and white space dropped, and the lam-alef pair in one order, because Poppler
// reverses the two letters of that ligature with the right-to-left run around it.
std::u32string fold_for_match(std::string_view utf8);

// Whether the extracted text holds the value, in logical order or reversed (visual
// order), once both are folded. An empty value is always held.
bool text_holds(std::string_view extracted, std::string_view value);

}  // namespace placard::check
