#pragma once

#include <string>
#include <string_view>

namespace placard {

// Text from a roster or the command line made safe to put in a one-line message: control
// characters (C0, DEL, C1) and bidi controls become "<U+XXXX>" and bytes that are not
// UTF-8 become "<0xFF>", so a header name can neither cut a message short, break it over
// lines, nor reorder it on a terminal. Everything else passes through unchanged.
std::string printable(std::string_view text);

// A library's message (librsvg passes on libxml's, which ends in a line break and may
// span lines) made to fit one line of placard's own: each line trimmed, empty lines
// dropped, the rest joined by "; ", tabs made spaces, then printable().
std::string one_line(std::string_view text);

}  // namespace placard
