#include "roster/text_decoder.hpp"

#include "util/error.hpp"

#include <fmt/format.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>
#include <unicode/utypes.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <stdexcept>
#include <vector>

namespace placard::roster {

namespace {

const char* icu_name(Encoding encoding)
{
    switch (encoding) {
    case Encoding::utf8:
        return "UTF-8";
    case Encoding::utf16le:
        return "UTF-16LE";
    case Encoding::utf16be:
        return "UTF-16BE";
    case Encoding::windows1256:
        return "windows-1256";
    }
    return "UTF-8";
}

bool starts_with_bytes(const std::string& bytes, std::string_view prefix)
{
    return bytes.size() >= prefix.size() && bytes.compare(0, prefix.size(), prefix) == 0;
}

// The high byte of a header character in UTF-16: 0x00 for ASCII, 0x06 for Persian.
bool is_high_byte(char byte)
{
    return byte == 0x00 || byte == 0x06;
}

std::optional<Encoding> utf16_without_bom(const std::string& head)
{
    if (head.size() < 4) {
        return std::nullopt;
    }
    if (!is_high_byte(head[0]) && is_high_byte(head[1]) && is_high_byte(head[3])) {
        return Encoding::utf16le;
    }
    if (is_high_byte(head[0]) && !is_high_byte(head[1]) && is_high_byte(head[2])) {
        return Encoding::utf16be;
    }
    return std::nullopt;
}

}  // namespace

const char* encoding_name(Encoding encoding)
{
    switch (encoding) {
    case Encoding::utf8:
        return "utf-8";
    case Encoding::utf16le:
        return "utf-16le";
    case Encoding::utf16be:
        return "utf-16be";
    case Encoding::windows1256:
        return "windows-1256";
    }
    return "utf-8";
}

Encoding parse_encoding_name(const std::string& name)
{
    std::string key;
    for (char c : name) {
        key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }

    if (key == "utf-8" || key == "utf8") {
        return Encoding::utf8;
    }
    if (key == "utf-16le" || key == "utf16le") {
        return Encoding::utf16le;
    }
    if (key == "utf-16be" || key == "utf16be") {
        return Encoding::utf16be;
    }
    if (key == "windows-1256" || key == "cp1256") {
        return Encoding::windows1256;
    }
    throw Error(fmt::format(
        "unknown encoding \"{}\"; use utf-8, utf-16le, utf-16be or windows-1256", name));
}

std::size_t bom_length(Encoding encoding, const std::string& bytes)
{
    switch (encoding) {
    case Encoding::utf8:
        return starts_with_bytes(bytes, "\xEF\xBB\xBF") ? 3 : 0;
    case Encoding::utf16le:
        return starts_with_bytes(bytes, "\xFF\xFE") ? 2 : 0;
    case Encoding::utf16be:
        return starts_with_bytes(bytes, "\xFE\xFF") ? 2 : 0;
    case Encoding::windows1256:
        return 0;
    }
    return 0;
}

std::string describe_decode_error(Encoding encoding, const DecodeError& error, long record_line)
{
    std::string hint = encoding == Encoding::utf8 ? "try --encoding windows-1256"
                                                  : "check the encoding the file was saved in";
    std::string where = record_line > 0 && error.line != record_line
                            ? fmt::format(" on line {}", error.line)
                            : std::string();
    return fmt::format(
        "not valid {}{} at byte offset {} (first bad byte 0x{:02X}); {}",
        icu_name(encoding),
        where,
        error.input_offset,
        error.first_byte,
        hint);
}

std::string detection_note(const EncodingChoice& choice)
{
    if (choice.detected_utf16) {
        return fmt::format(
            "no byte order mark, but the zero bytes say {}; read as such, use --encoding to "
            "choose another",
            encoding_name(choice.encoding));
    }
    if (!choice.detected_windows1256) {
        return {};
    }
    const DecodeError& first = choice.first_utf8_error;
    return fmt::format(
        "not valid UTF-8 at line {}, byte offset {} (first bad byte 0x{:02X}); read as "
        "windows-1256, use --encoding to choose another",
        first.line,
        first.input_offset,
        first.first_byte);
}

TextDecoder::TextDecoder(
    std::istream& in, Encoding encoding, std::size_t skip, std::string source_name)
    : in_(in)
    , source_name_(std::move(source_name))
    , encoding_(encoding)
{
    UErrorCode status = U_ZERO_ERROR;
    converter_ = ucnv_open(icu_name(encoding), &status);
    if (U_FAILURE(status)) {
        throw std::logic_error(fmt::format("ICU has no converter for {}", icu_name(encoding)));
    }

    // Stop at every invalid sequence instead of substituting U+FFFD, so each one can be
    // reported at its row and field.
    ucnv_setToUCallBack(converter_, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);

    in_.ignore(static_cast<std::streamsize>(skip));
    input_offset_ = static_cast<std::size_t>(in_.gcount());
}

TextDecoder::~TextDecoder()
{
    ucnv_close(converter_);
}

bool TextDecoder::read(std::string& out)
{
    if (done_) {
        return false;
    }

    chunk_.resize(chunk_size);
    in_.read(chunk_.data(), static_cast<std::streamsize>(chunk_.size()));
    auto got = static_cast<std::size_t>(in_.gcount());
    if (in_.bad()) {
        throw Error(
            "cannot read the file; the read failed part way",
            SourceLocation{source_name_, 0, 0, ""});
    }

    done_ = got < chunk_.size();
    convert(chunk_.data(), got, done_, out);
    input_offset_ += got;
    return true;
}

void TextDecoder::convert(const char* data, std::size_t size, bool flush, std::string& out)
{
    // One byte never makes more than one UTF-16 unit, so the buffer rarely overflows.
    std::vector<char16_t>& buffer = units_;
    buffer.resize(size + 64);
    const char* source = data;
    const char* limit = data + size;

    for (;;) {
        char16_t* target = buffer.data();
        UErrorCode status = U_ZERO_ERROR;
        ucnv_toUnicode(
            converter_,
            &target,
            buffer.data() + buffer.size(),
            &source,
            limit,
            nullptr,
            static_cast<UBool>(flush),
            &status);
        append_utf16(buffer.data(), target, out);

        if (status == U_BUFFER_OVERFLOW_ERROR) {
            continue;
        }
        bool bad_bytes = status == U_ILLEGAL_CHAR_FOUND || status == U_INVALID_CHAR_FOUND
                         || status == U_TRUNCATED_CHAR_FOUND;
        if (U_FAILURE(status) && !bad_bytes) {
            throw std::logic_error(fmt::format("ICU conversion failed: {}", u_errorName(status)));
        }
        if (bad_bytes) {
            note_error(input_offset_ + static_cast<std::size_t>(source - data));
            if (source < limit) {
                continue;
            }
        }
        return;
    }
}

void TextDecoder::append_utf16(const char16_t* begin, const char16_t* end, std::string& out)
{
    std::u16string units;
    if (pending_lead_ != 0) {
        units += pending_lead_;
        pending_lead_ = 0;
    }
    units.append(begin, end);

    // A surrogate pair may be split between two conversion calls; keep the lead for the
    // next call rather than writing half a character.
    if (!units.empty() && U16_IS_LEAD(units.back())) {
        pending_lead_ = units.back();
        units.pop_back();
    }

    auto count = static_cast<int32_t>(units.size());
    for (int32_t i = 0; i < count;) {
        UChar32 c = 0;
        U16_NEXT(units.data(), i, count, c);
        if (c >= 0x80) {
            ++multibyte_count_;
        }
        if (c == '\n') {
            ++line_;
        }

        uint8_t bytes[U8_MAX_LENGTH];
        int32_t length = 0;
        U8_APPEND_UNSAFE(bytes, length, static_cast<uint32_t>(c));
        out.append(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(length));
        output_offset_ += static_cast<std::size_t>(length);
    }
}

void TextDecoder::note_error(std::size_t consumed)
{
    char bad[32];
    int8_t length = sizeof bad;
    UErrorCode status = U_ZERO_ERROR;
    ucnv_getInvalidChars(converter_, bad, &length, &status);
    if (U_FAILURE(status) || length <= 0) {
        length = 0;
    }

    DecodeError error;
    error.input_offset = consumed - static_cast<std::size_t>(length);
    error.output_offset = output_offset_;
    error.line = line_;
    error.first_byte = length > 0 ? static_cast<unsigned char>(bad[0]) : 0;
    errors_.push_back(error);
    ++error_count_;
}

EncodingChoice choose_encoding(
    std::istream& in, const std::string& forced, const std::string& source_name)
{
    std::string head(4, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    in.clear();
    in.seekg(0);

    EncodingChoice choice;
    if (!forced.empty()) {
        choice.encoding = parse_encoding_name(forced);
        choice.bom = bom_length(choice.encoding, head);
        return choice;
    }
    for (Encoding encoding : {Encoding::utf8, Encoding::utf16le, Encoding::utf16be}) {
        if (std::size_t bom = bom_length(encoding, head); bom > 0) {
            choice.encoding = encoding;
            choice.bom = bom;
            return choice;
        }
    }

    if (std::optional<Encoding> utf16 = utf16_without_bom(head)) {
        choice.encoding = *utf16;
        choice.detected_utf16 = true;
        return choice;
    }

    // Pre-scan as UTF-8, keeping only counts and the first error so memory stays flat.
    TextDecoder scan(in, Encoding::utf8, 0, source_name);
    std::string sink;
    bool have_first = false;
    while (scan.read(sink)) {
        sink.clear();
        if (!have_first && !scan.errors().empty()) {
            choice.first_utf8_error = scan.errors().front();
            have_first = true;
        }
        scan.errors().clear();
    }
    in.clear();
    in.seekg(0);

    choice.detected_windows1256 =
        scan.error_count() > 0 && scan.error_count() >= scan.multibyte_count();
    choice.encoding = choice.detected_windows1256 ? Encoding::windows1256 : Encoding::utf8;
    return choice;
}

}  // namespace placard::roster
