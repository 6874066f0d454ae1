#pragma once

#include <string>

namespace placard::test {

// Folds text for comparing a roster value with what Poppler extracts from a page:
// NFKC (presentation forms such as the lam-alef ligature back to letters), then
// spaces and ZWNJ removed, lam-alef in one spelling. Returned as UTF-32 so it can be
// reversed by code point.
std::u32string fold_for_match(const std::string& utf8);

// True if the page text holds the value in logical or in reversed (visual) order.
bool page_text_holds(const std::string& page_text, const std::string& value);

}  // namespace placard::test
