#include "roster/normalise.hpp"

#include "util/invisible.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <stdexcept>
#include <vector>

namespace placard::roster {

namespace {

constexpr char32_t zwnj = 0x200C;

bool is_space(char32_t c)
{
    return u_isUWhiteSpace(static_cast<UChar32>(c)) != 0;
}

std::u32string to_code_points(std::string_view utf8)
{
    std::u32string out;
    auto length = static_cast<int32_t>(utf8.size());
    const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
    for (int32_t i = 0; i < length;) {
        UChar32 c = 0;
        U8_NEXT(bytes, i, length, c);
        if (c < 0) {
            throw std::logic_error("normalise_text was given invalid UTF-8");
        }
        out += static_cast<char32_t>(c);
    }
    return out;
}

std::u32string to_nfc(std::string_view utf8, TextChanges& changes)
{
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(
        icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    icu::UnicodeString composed = nfc->normalize(text, status);
    if (U_FAILURE(status)) {
        throw std::logic_error("ICU NFC normalisation failed");
    }
    changes.composed = composed != text;

    std::string bytes;
    composed.toUTF8String(bytes);
    return to_code_points(bytes);
}

// Removes invisible marks and maps Arabic letter forms (and, for codes, digits).
std::u32string map_characters(const std::u32string& in, bool ascii_digits, TextChanges& changes)
{
    std::u32string out;
    for (char32_t c : in) {
        if (is_invisible_mark(c)) {
            changes.invisible = true;
            continue;
        }
        if (c == 0x064A || c == 0x0649) {
            c = 0x06CC;
            changes.arabic_letters = true;
        } else if (c == 0x0643) {
            c = 0x06A9;
            changes.arabic_letters = true;
        } else if (ascii_digits && c >= 0x0660 && c <= 0x0669) {
            c = U'0' + (c - 0x0660);
            changes.digits = true;
        } else if (ascii_digits && c >= 0x06F0 && c <= 0x06F9) {
            c = U'0' + (c - 0x06F0);
            changes.digits = true;
        }
        out += c;
    }
    return out;
}

// A ZWNJ only means something between two visible characters.
std::u32string drop_loose_zwnj(const std::u32string& in, TextChanges& changes)
{
    std::u32string out;
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (in[i] != zwnj) {
            out += in[i];
            continue;
        }
        bool after_text = !out.empty() && !is_space(out.back()) && out.back() != zwnj;
        bool before_text = i + 1 < in.size() && !is_space(in[i + 1]) && in[i + 1] != zwnj;
        if (after_text && before_text) {
            out += in[i];
        } else {
            changes.zwnj = true;
        }
    }
    return out;
}

std::u32string collapse_spaces(const std::u32string& in, TextChanges& changes)
{
    std::u32string out;
    std::u32string run;
    for (char32_t c : in) {
        if (is_space(c)) {
            run += c;
            continue;
        }
        if (!run.empty()) {
            if (out.empty()) {
                changes.trimmed = true;
            } else {
                out += U' ';
                bool has_break = run.find_first_of(U"\r\n\u2028\u2029") != std::u32string::npos;
                changes.line_breaks = changes.line_breaks || has_break;
                changes.spaces = changes.spaces || (!has_break && run != U" ");
            }
            run.clear();
        }
        out += c;
    }
    changes.trimmed = changes.trimmed || !run.empty();
    return out;
}

std::string to_utf8(const std::u32string& in)
{
    std::string out;
    for (char32_t c : in) {
        uint8_t bytes[U8_MAX_LENGTH];
        int32_t length = 0;
        U8_APPEND_UNSAFE(bytes, length, static_cast<uint32_t>(c));
        out.append(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(length));
    }
    return out;
}

NormalisedText normalise(std::string_view utf8, bool ascii_digits)
{
    NormalisedText result;
    std::u32string text = to_nfc(utf8, result.changes);

    text = map_characters(text, ascii_digits, result.changes);
    text = drop_loose_zwnj(text, result.changes);
    text = collapse_spaces(text, result.changes);

    result.text = to_utf8(text);
    return result;
}

}  // namespace

NormalisedText normalise_text(std::string_view utf8)
{
    return normalise(utf8, false);
}

NormalisedText normalise_code(std::string_view utf8)
{
    return normalise(utf8, true);
}

std::string describe_changes(const TextChanges& changes)
{
    std::vector<const char*> parts;
    if (changes.arabic_letters) {
        parts.push_back("Arabic letters replaced with Persian forms");
    }
    if (changes.invisible) {
        parts.push_back("invisible direction marks or zero-width spaces removed");
    }
    if (changes.zwnj) {
        parts.push_back("zero-width non-joiners at an end or beside a space removed");
    }
    if (changes.line_breaks) {
        parts.push_back("line breaks replaced with spaces");
    }
    if (changes.spaces) {
        parts.push_back("repeated or unusual spaces replaced with one space");
    }
    if (changes.composed) {
        parts.push_back("characters composed to Unicode NFC");
    }

    std::string text;
    for (const char* part : parts) {
        text += text.empty() ? "" : ", ";
        text += part;
    }
    return text;
}

std::optional<char32_t> find_control_character(std::string_view utf8)
{
    for (char32_t c : to_code_points(utf8)) {
        bool white = c == '\t' || c == '\n' || c == '\r';
        if (!white && u_charType(static_cast<UChar32>(c)) == U_CONTROL_CHAR) {
            return c;
        }
    }
    return std::nullopt;
}

std::size_t code_point_count(std::string_view utf8)
{
    return to_code_points(utf8).size();
}

}  // namespace placard::roster
