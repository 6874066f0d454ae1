#include "sign/base32.hpp"

namespace placard::sign {

namespace {

constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

int symbol_value(char symbol)
{
    if (symbol >= 'A' && symbol <= 'Z') {
        return symbol - 'A';
    }
    if (symbol >= '2' && symbol <= '7') {
        return symbol - '2' + 26;
    }
    return -1;
}

}  // namespace

std::string base32_encode(std::span<const std::uint8_t> bytes)
{
    std::string text;
    text.reserve((bytes.size() * 8 + 4) / 5);
    unsigned buffer = 0;
    int bits = 0;
    for (std::uint8_t byte : bytes) {
        buffer = (buffer << 8) | byte;
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            text += alphabet[(buffer >> bits) & 0x1f];
        }
    }
    if (bits > 0) {
        text += alphabet[(buffer << (5 - bits)) & 0x1f];
    }
    return text;
}

std::optional<std::vector<std::uint8_t>> base32_decode_canonical(std::string_view text)
{
    std::vector<std::uint8_t> bytes;
    unsigned buffer = 0;
    int bits = 0;
    for (char symbol : text) {
        int value = symbol_value(symbol);
        if (value < 0) {
            return std::nullopt;
        }
        buffer = (buffer << 5) | static_cast<unsigned>(value);
        bits += 5;
        if (bits >= 8) {
            bits -= 8;
            bytes.push_back(static_cast<std::uint8_t>((buffer >> bits) & 0xff));
        }
    }

    // Leftover bits must be fewer than a whole symbol's worth and all zero; otherwise
    // the text is not what base32_encode would have written for these bytes.
    bool leftover_is_padding = bits < 5 && (buffer & ((1u << bits) - 1)) == 0;
    if (!leftover_is_padding || base32_encode(bytes).size() != text.size()) {
        return std::nullopt;
    }
    return bytes;
}

}  // namespace placard::sign
