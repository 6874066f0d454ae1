#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace placard::roster {

// What normalisation did to a value, so a change HR should fix at the source can be
// reported. Only `trimmed` (leading or trailing white space) is too common to report.
struct TextChanges {
    bool composed = false;        // not in Unicode NFC
    bool arabic_letters = false;  // Arabic Yeh, Alef Maksura or Kaf in place of Persian
    bool invisible = false;       // bidi controls, zero-width space, U+FEFF
    bool zwnj = false;            // zero-width non-joiner at an end or beside a space
    bool spaces = false;          // inner white space other than one plain space
    bool line_breaks = false;     // line breaks inside the value
    bool digits = false;          // Persian or Arabic-Indic digits made ASCII
    bool trimmed = false;

    // True when the printed text differs by more than trimming.
    bool worth_reporting() const
    {
        return composed || arabic_letters || invisible || zwnj || spaces || line_breaks;
    }
};

struct NormalisedText {
    std::string text;
    TextChanges changes;
};

// NFC; Persian letter forms; stray bidi controls, zero-width spaces and U+FEFF removed;
// a zero-width non-joiner kept between letters but dropped at an end or beside a space;
// white space trimmed and inner runs collapsed to one space. Input must be valid UTF-8.
NormalisedText normalise_text(std::string_view utf8);

// normalise_text, then Persian and Arabic-Indic digits to ASCII: for code fields.
NormalisedText normalise_code(std::string_view utf8);

// "Arabic letters replaced with Persian forms, invisible characters removed"
std::string describe_changes(const TextChanges& changes);

// The first control character (C0, DEL, C1) other than tab, CR and LF, which are white
// space here.
std::optional<char32_t> find_control_character(std::string_view utf8);

std::size_t code_point_count(std::string_view utf8);

}  // namespace placard::roster
