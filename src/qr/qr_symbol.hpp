#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace placard::qr {

enum class ErrorCorrection { low, medium, quartile, high };

// Parses "L", "M", "Q" or "H"; throws placard::Error otherwise.
ErrorCorrection parse_error_correction(std::string_view letter);
char error_correction_letter(ErrorCorrection level);

inline constexpr int max_qr_version = 40;

// A QR symbol's module matrix, without the quiet zone.
class QrSymbol {
public:
    QrSymbol(int version, int width, std::vector<std::uint8_t> dark);

    int version() const { return version_; }

    int width() const { return width_; }  // modules per side: 17 + 4 * version

    bool is_dark(int x, int y) const;

private:
    int version_;
    int width_;
    std::vector<std::uint8_t> dark_;  // row-major, 1 for a dark module
};

// The smallest version that holds `text` byte for byte at `level`, letting libqrencode
// split the text into alphanumeric and 8-bit segments (case-sensitive). Returns 0 when
// the text does not fit even version 40.
int smallest_version(std::string_view text, ErrorCorrection level);

// Encodes at exactly `version` (all placards of a batch share one, so every module has
// the same printed size). Throws placard::Error when the text does not fit it.
QrSymbol encode(std::string_view text, ErrorCorrection level, int version);

// Encodes at the smallest version from `min_version` up that holds `text`; nullopt when
// not even version 40 does. Whenever the result has version `min_version`, it is the very
// symbol that encode() gives at that version: the same call is made to libqrencode.
std::optional<QrSymbol> encode_from(std::string_view text, ErrorCorrection level, int min_version);

// Bytes a version holds in 8-bit mode at a level, for messages that explain a refusal.
int byte_capacity(int version, ErrorCorrection level);

struct Point {
    int x = 0;
    int y = 0;
};

// The dark modules as closed outlines on the module grid (y grows downwards). Every
// outline keeps the dark side on its right, so filling them all at once with the nonzero
// rule paints exactly the dark modules, and holes stay light.
std::vector<std::vector<Point>> trace_outlines(const QrSymbol& symbol);

}  // namespace placard::qr
