#pragma once

#include "qr/qr_symbol.hpp"

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace placard::qr {

// The QR symbols a batch's first pass encoded, kept for its second pass so that most
// URLs are encoded once per run rather than twice (encoding tries all eight masks and is
// the costliest step of the first pass).
//
// Symbols go to an anonymous temporary file, written and read back in roster order, so
// memory stays flat however long the roster; the file is about 200 bytes a row and
// vanishes when the spool is closed or the process ends. The spool is only an
// optimisation: if the file cannot be made or written, it keeps nothing and every symbol
// is simply encoded again.
class SymbolSpool {
public:
    SymbolSpool();
    ~SymbolSpool();
    SymbolSpool(const SymbolSpool&) = delete;
    SymbolSpool& operator=(const SymbolSpool&) = delete;

    // Keeps `symbol`, which encode_from(text, level, min_version) made at the batch's level.
    void append(std::string_view text, int min_version, const QrSymbol& symbol);

    // Ends the writing; the reading starts from the first symbol kept.
    void rewind();

    // Reads the next symbol kept and returns it if it is exactly what encode(text, level,
    // version) would give: made from the same text at a minimum version of `version`, and
    // of that version. Otherwise (another row, another version, or nothing kept) nullopt.
    std::optional<QrSymbol> take(std::string_view text, int version);

private:
    void close();

    std::FILE* file_ = nullptr;  // nullptr: the spool keeps nothing
    std::string text_buffer_;
    std::vector<std::uint8_t> bits_buffer_;
};

}  // namespace placard::qr
