#pragma once

#include <array>
#include <cstddef>
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

// The smallest version that holds `text` byte for byte at `level`, as libqrencode finds
// it, splitting the text into numeric, alphanumeric and 8-bit segments (case-sensitive).
// It plans the segments for the small versions' length fields, so a long text of many
// short segments may get a version one above what 8-bit mode alone would need (seen at
// version 14 with a 230-byte text; a survey URL of 70 bytes is far from it). Returns 0
// when the text does not fit even version 40.
int smallest_version(std::string_view text, ErrorCorrection level);

// Encodes at exactly `version` (all placards of a batch share one, so every module has
// the same printed size). Throws placard::Error when the text does not fit it.
QrSymbol encode(std::string_view text, ErrorCorrection level, int version);

// Encodes at the smallest version from `min_version` up that holds `text`; nullopt when
// not even version 40 does. Whenever the result has version `min_version`, it is the very
// symbol that encode() gives at that version: the same call is made to libqrencode.
std::optional<QrSymbol> encode_from(std::string_view text, ErrorCorrection level, int min_version);

// Bytes a version holds in 8-bit mode at a level.
int byte_capacity(int version, ErrorCorrection level);

// The QR version a batch prints at: the smallest that holds every text added so far, at
// least 1. It gives the same version as encoding every text with encode_from() from the
// batch version so far, without encoding most of them: a text that fits the batch
// version in 8-bit mode alone fits it in whatever segments libqrencode chooses when asked
// for that version (tested), and encoding, which tries all eight masks, is the costliest
// step of reading a roster. Only a text longer than that is
// encoded to find its version.
class BatchVersion {
public:
    // `first_version`: the batch version before any text is added.
    explicit BatchVersion(ErrorCorrection level, int first_version = 1);

    // Adds `text`. Returns the version it fits from the batch version up (the batch
    // version itself when it fits that), or 0 when not even version 40 holds it, which
    // leaves the batch version as it was.
    int add(std::string_view text);

    int version() const { return version_; }

private:
    ErrorCorrection level_;
    int version_ = 1;
    int capacity_;  // bytes of 8-bit text that version_ holds
};

struct Point {
    int x = 0;
    int y = 0;
};

// Closed outlines on the module grid, kept in one buffer: loop k is corners[begin, end)
// with begin = loop_ends[k - 1] (0 for the first loop) and end = loop_ends[k].
struct Outlines {
    std::vector<Point> corners;
    std::vector<std::size_t> loop_ends;

    std::size_t loop_count() const { return loop_ends.size(); }

    std::size_t loop_begin(std::size_t k) const { return k == 0 ? 0 : loop_ends[k - 1]; }
};

// Traces the dark modules as closed outlines (y grows downwards). Every outline keeps the
// dark side on its right, so filling them all at once with the nonzero rule paints
// exactly the dark modules, and holes stay light.
//
// The tracer keeps its working memory from one symbol to the next: a batch of symbols of
// one version allocates only for the first.
class OutlineTracer {
public:
    // The outlines of `symbol`, valid until the next call.
    const Outlines& trace(const QrSymbol& symbol);

private:
    void collect_edges(const QrSymbol& symbol);
    void chain_loops(int stride);

    std::vector<std::array<int, 2>> outgoing_;  // per grid vertex, up to two edge ends
    Outlines outlines_;
};

}  // namespace placard::qr
