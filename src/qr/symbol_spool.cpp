#include "qr/symbol_spool.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace placard::qr {

namespace {

// One record: text length (2 bytes, little end first), the text, the minimum version asked
// for, the version made, then the modules row by row, eight to a byte.
constexpr std::size_t max_text_length = 0xFFFF;

std::size_t packed_size(int width)
{
    return (static_cast<std::size_t>(width) * static_cast<std::size_t>(width) + 7) / 8;
}

void pack(const QrSymbol& symbol, std::vector<std::uint8_t>& bits)
{
    bits.assign(packed_size(symbol.width()), 0);
    std::size_t at = 0;
    for (int y = 0; y < symbol.width(); ++y) {
        for (int x = 0; x < symbol.width(); ++x, ++at) {
            if (symbol.is_dark(x, y)) {
                bits[at / 8] = static_cast<std::uint8_t>(bits[at / 8] | (1u << (at % 8)));
            }
        }
    }
}

QrSymbol unpack(int version, const std::vector<std::uint8_t>& bits)
{
    const int width = 17 + 4 * version;
    std::vector<std::uint8_t> dark(static_cast<std::size_t>(width * width));
    for (std::size_t at = 0; at < dark.size(); ++at) {
        dark[at] = static_cast<std::uint8_t>((bits[at / 8] >> (at % 8)) & 1u);
    }
    return QrSymbol(version, width, std::move(dark));
}

}  // namespace

SymbolSpool::SymbolSpool()
    : file_(std::tmpfile())
{}

SymbolSpool::~SymbolSpool()
{
    close();
}

void SymbolSpool::close()
{
    if (file_ != nullptr) {
        (void)std::fclose(file_);  // a scratch file: nothing in it is kept
        file_ = nullptr;
    }
}

void SymbolSpool::append(std::string_view text, int min_version, const QrSymbol& symbol)
{
    if (file_ == nullptr) {
        return;
    }
    if (text.size() > max_text_length) {
        close();
        return;
    }

    pack(symbol, bits_buffer_);
    const std::uint8_t header[2] = {
        static_cast<std::uint8_t>(text.size() & 0xFF), static_cast<std::uint8_t>(text.size() >> 8)};
    const std::uint8_t versions[2] = {
        static_cast<std::uint8_t>(min_version), static_cast<std::uint8_t>(symbol.version())};
    bool written =
        std::fwrite(header, 1, 2, file_) == 2
        && std::fwrite(text.data(), 1, text.size(), file_) == text.size()
        && std::fwrite(versions, 1, 2, file_) == 2
        && std::fwrite(bits_buffer_.data(), 1, bits_buffer_.size(), file_) == bits_buffer_.size();
    if (!written) {
        close();
    }
}

void SymbolSpool::rewind()
{
    if (file_ != nullptr && std::fseek(file_, 0, SEEK_SET) != 0) {
        close();
    }
}

std::optional<QrSymbol> SymbolSpool::take(std::string_view text, int version)
{
    if (file_ == nullptr) {
        return std::nullopt;
    }

    // A short read means the rows ran out of step with the first pass: the spool is of
    // no more use, and the caller encodes.
    std::uint8_t header[2] = {0, 0};
    std::uint8_t versions[2] = {0, 0};
    bool read = std::fread(header, 1, 2, file_) == 2;
    text_buffer_.resize(read ? static_cast<std::size_t>(header[0] | (header[1] << 8)) : 0);
    read = read
           && std::fread(text_buffer_.data(), 1, text_buffer_.size(), file_) == text_buffer_.size();
    read = read && std::fread(versions, 1, 2, file_) == 2 && versions[1] >= 1 && versions[1] <= 40;
    bits_buffer_.resize(read ? packed_size(17 + 4 * versions[1]) : 0);
    read = read
           && std::fread(bits_buffer_.data(), 1, bits_buffer_.size(), file_) == bits_buffer_.size();
    if (!read) {
        close();
        return std::nullopt;
    }

    if (text_buffer_ != text || versions[0] != version || versions[1] != version) {
        return std::nullopt;
    }
    return unpack(version, bits_buffer_);
}

}  // namespace placard::qr
