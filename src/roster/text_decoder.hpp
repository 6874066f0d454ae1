#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <istream>
#include <string>
#include <vector>

struct UConverter;

namespace placard::roster {

enum class Encoding { utf8, utf16le, utf16be, windows1256 };

// The name users write on the command line ("utf-8", "windows-1256", ...).
const char* encoding_name(Encoding encoding);

// Accepts utf-8/utf8, utf-16le, utf-16be, windows-1256/cp1256 in any case; throws
// placard::Error for anything else.
Encoding parse_encoding_name(const std::string& name);

// Bytes of the byte order mark at the start of `bytes` for `encoding`, or 0.
std::size_t bom_length(Encoding encoding, const std::string& bytes);

// A byte sequence the chosen encoding cannot decode. Offsets are absolute: `input_offset`
// counts bytes of the file, `output_offset` bytes of the UTF-8 text produced so far, so a
// reader can tell which field the bad bytes fell into.
struct DecodeError {
    std::size_t input_offset = 0;
    std::size_t output_offset = 0;
    long line = 0;  // physical line of the bad byte, 1-based
    unsigned first_byte = 0;
};

// "not valid UTF-8 at byte offset 83 (first bad byte 0xDA); try --encoding windows-1256".
// When the bad byte sits on a later line than `record_line` (inside a quoted field that
// spans lines), that line is named too.
std::string describe_decode_error(
    Encoding encoding, const DecodeError& error, long record_line = 0);

// Streams bytes of one encoding into UTF-8 with ICU. Invalid bytes are never replaced:
// they are dropped from the text and listed in errors() for the caller to report.
class TextDecoder {
public:
    static constexpr std::size_t chunk_size = std::size_t{64} * 1024;

    // `skip` bytes (a byte order mark) are read and discarded before decoding starts.
    // `source_name` names the file in the error thrown when reading fails.
    TextDecoder(
        std::istream& in, Encoding encoding, std::size_t skip, std::string source_name = {});
    ~TextDecoder();
    TextDecoder(const TextDecoder&) = delete;
    TextDecoder& operator=(const TextDecoder&) = delete;

    // Appends the next piece of UTF-8 text to `out`. False once the input is exhausted.
    bool read(std::string& out);

    Encoding encoding() const { return encoding_; }

    // Errors not yet taken by the caller, oldest first.
    std::deque<DecodeError>& errors() { return errors_; }

    // Counts over everything decoded so far, for encoding detection.
    std::size_t error_count() const { return error_count_; }

    std::size_t multibyte_count() const { return multibyte_count_; }

private:
    void convert(const char* data, std::size_t size, bool flush, std::string& out);
    void append_utf16(const char16_t* begin, const char16_t* end, std::string& out);
    void note_error(std::size_t input_offset);

    std::istream& in_;
    std::string source_name_;
    std::vector<char> chunk_;
    std::vector<char16_t> units_;
    Encoding encoding_;
    UConverter* converter_ = nullptr;
    std::size_t input_offset_ = 0;
    std::size_t output_offset_ = 0;
    long line_ = 1;
    char16_t pending_lead_ = 0;
    bool done_ = false;
    std::deque<DecodeError> errors_;
    std::size_t error_count_ = 0;
    std::size_t multibyte_count_ = 0;
};

// What was picked for a file and why.
struct EncodingChoice {
    Encoding encoding = Encoding::utf8;
    std::size_t bom = 0;  // bytes to skip at the start
    bool detected_windows1256 = false;
    DecodeError first_utf8_error;  // meaningful when detected_windows1256
    bool detected_utf16 = false;   // UTF-16 without a byte order mark, from its zero bytes
};

// What to tell the user about an encoding that was guessed rather than marked or forced;
// empty when there is nothing to say.
std::string detection_note(const EncodingChoice& choice);

// Picks the encoding of the stream and rewinds it. `forced` is ReadOptions::encoding.
// Without a forced name or a byte order mark the whole stream is pre-scanned as UTF-8:
// clean means UTF-8; at least as many invalid sequences as valid multi-byte ones means
// the Windows Arabic code page, where a valid UTF-8 pair now and then is chance (the
// Khorasan export has 370 of them among 29,575 bad bytes). An invalid byte here and
// there in a UTF-8 file is left as an error of its row. UTF-16 saved without a byte
// order mark is recognised by the zero (or 0x06, Arabic block) high byte of its first
// two characters, bytes that never start a UTF-8 or windows-1256 text file.
EncodingChoice choose_encoding(
    std::istream& in, const std::string& forced, const std::string& source_name = {});

}  // namespace placard::roster
