#pragma once

namespace placard {

// The bidirectional controls (ALM, LRM, RLM, the embeddings and overrides, the isolates):
// they print nothing, yet can make text display in another order than it is stored.
constexpr bool is_bidi_control(char32_t c)
{
    return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E)
           || (c >= 0x2066 && c <= 0x2069);
}

// Characters that print nothing and mean nothing in a name, an office or a file name:
// the bidi controls, the zero-width space and U+FEFF (a byte order mark inside text).
// The roster drops them from values and split file names replace them, from this one
// list. The zero-width non-joiner (U+200C) is not among them: Persian spelling needs it.
constexpr bool is_invisible_mark(char32_t c)
{
    return is_bidi_control(c) || c == 0x200B || c == 0xFEFF;
}

}  // namespace placard
