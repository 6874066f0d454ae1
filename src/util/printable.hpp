#pragma once

#include <string>
#include <string_view>

namespace placard {

// Text from a roster or the command line made safe to put in a one-line message: control
// characters (C0, DEL, C1) and bidi controls become "<U+XXXX>" and bytes that are not
// UTF-8 become "<0xFF>", so a header name can neither cut a message short, break it over
// lines, nor reorder it on a terminal. Everything else passes through unchanged.
std::string printable(std::string_view text);

}  // namespace placard
