#pragma once

#include "check/name_match.hpp"

#include <string>

namespace placard::test {

// The tests compare roster values with the text Poppler extracts by the same folding
// that `placard check` uses (src/check/name_match): NFKC, no spaces, ZWNJ or bidi
// controls, lam-alef in one spelling. Its own unit tests pin that folding down, so the
// end-to-end tests do not need a second copy of it.
using check::fold_for_match;

// True if the page text holds the value in logical or in reversed (visual) order.
inline bool page_text_holds(const std::string& page_text, const std::string& value)
{
    return check::text_holds(page_text, value);
}

}  // namespace placard::test
