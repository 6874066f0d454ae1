#include "qr/qr_symbol.hpp"

#include "util/error.hpp"

#include <fmt/format.h>
#include <qrencode.h>

#include <array>
#include <atomic>
#include <memory>
#include <stdexcept>
#include <string>

namespace placard::qr {

namespace {

QRecLevel to_qrencode(ErrorCorrection level)
{
    switch (level) {
    case ErrorCorrection::low:
        return QR_ECLEVEL_L;
    case ErrorCorrection::medium:
        return QR_ECLEVEL_M;
    case ErrorCorrection::quartile:
        return QR_ECLEVEL_Q;
    case ErrorCorrection::high:
        return QR_ECLEVEL_H;
    }
    return QR_ECLEVEL_M;
}

struct QrcodeDeleter {
    void operator()(QRcode* code) const { QRcode_free(code); }
};

using QrcodePtr = std::unique_ptr<QRcode, QrcodeDeleter>;

QrcodePtr encode_raw(std::string_view text, ErrorCorrection level, int version)
{
    std::string copy(text);  // libqrencode wants a NUL-terminated string
    return QrcodePtr(QRcode_encodeString(copy.c_str(), version, to_qrencode(level), QR_MODE_8, 1));
}

QrSymbol symbol_of(const QRcode& code)
{
    std::vector<std::uint8_t> dark(static_cast<std::size_t>(code.width * code.width));
    for (std::size_t i = 0; i < dark.size(); ++i) {
        dark[i] = code.data[i] & 1;  // bit 0 is "dark"; the other bits describe the module
    }
    return QrSymbol(code.version, code.width, std::move(dark));
}

}  // namespace

ErrorCorrection parse_error_correction(std::string_view letter)
{
    if (letter == "L") {
        return ErrorCorrection::low;
    }
    if (letter == "M") {
        return ErrorCorrection::medium;
    }
    if (letter == "Q") {
        return ErrorCorrection::quartile;
    }
    if (letter == "H") {
        return ErrorCorrection::high;
    }
    throw Error(
        fmt::format("QR error correction \"{}\" is unknown; expected L, M, Q or H", letter));
}

char error_correction_letter(ErrorCorrection level)
{
    return std::array<char, 4>{'L', 'M', 'Q', 'H'}[static_cast<std::size_t>(level)];
}

QrSymbol::QrSymbol(int version, int width, std::vector<std::uint8_t> dark)
    : version_(version)
    , width_(width)
    , dark_(std::move(dark))
{}

bool QrSymbol::is_dark(int x, int y) const
{
    if (x < 0 || y < 0 || x >= width_ || y >= width_) {
        return false;
    }
    return dark_
               [static_cast<std::size_t>(y) * static_cast<std::size_t>(width_)
                + static_cast<std::size_t>(x)]
           != 0;
}

int smallest_version(std::string_view text, ErrorCorrection level)
{
    QrcodePtr code = encode_raw(text, level, 0);
    return code ? code->version : 0;
}

namespace {

int measured_byte_capacity(int version, ErrorCorrection level)
{
    // libqrencode has no public capacity table, so ask it by bisection: the longest run
    // of a non-alphanumeric byte that still fits this version in 8-bit mode.
    int low = 0;
    int high = 3000;
    while (low < high) {
        int middle = (low + high + 1) / 2;
        QrcodePtr code = encode_raw(std::string(static_cast<std::size_t>(middle), 'a'), level, 0);
        if (code && code->version <= version) {
            low = middle;
        } else {
            high = middle - 1;
        }
    }
    return low;
}

}  // namespace

int byte_capacity(int version, ErrorCorrection level)
{
    // Measuring takes a dozen encodings of up to 1,500 bytes, so each answer is kept: a
    // batch asks again whenever its version rises, and from several threads.
    constexpr std::size_t versions = max_qr_version + 1;
    static std::array<std::atomic<int>, 4 * versions> known{};
    if (version < 1 || version > max_qr_version) {
        return 0;
    }
    std::atomic<int>& slot =
        known[static_cast<std::size_t>(level) * versions + static_cast<std::size_t>(version)];
    int capacity = slot.load(std::memory_order_relaxed);
    if (capacity == 0) {
        capacity = measured_byte_capacity(version, level);  // two threads may both measure
        slot.store(capacity, std::memory_order_relaxed);
    }
    return capacity;
}

QrSymbol encode(std::string_view text, ErrorCorrection level, int version)
{
    QrcodePtr code = encode_raw(text, level, version);
    if (!code || code->version != version) {
        throw Error(fmt::format(
            "a {}-byte URL does not fit a version {} QR code at level {}",
            text.size(),
            version,
            error_correction_letter(level)));
    }
    return symbol_of(*code);
}

std::optional<QrSymbol> encode_from(std::string_view text, ErrorCorrection level, int min_version)
{
    QrcodePtr code = encode_raw(text, level, min_version);
    if (!code) {
        return std::nullopt;
    }
    return symbol_of(*code);
}

BatchVersion::BatchVersion(ErrorCorrection level, int first_version)
    : level_(level)
    , version_(first_version)
    , capacity_(byte_capacity(first_version, level))
{}

int BatchVersion::add(std::string_view text)
{
    if (text.size() <= static_cast<std::size_t>(capacity_)) {
        return version_;
    }
    QrcodePtr code = encode_raw(text, level_, version_);
    if (!code) {
        return 0;
    }
    if (code->version > version_) {
        version_ = code->version;
        capacity_ = byte_capacity(version_, level_);
    }
    return code->version;
}

const Outlines& OutlineTracer::trace(const QrSymbol& symbol)
{
    collect_edges(symbol);
    chain_loops(symbol.width() + 1);
    return outlines_;
}

void OutlineTracer::collect_edges(const QrSymbol& symbol)
{
    // Every boundary edge of a dark module, directed so the dark module is on its right
    // (clockwise on screen). A grid vertex has at most two outgoing edges, where two dark
    // modules touch only at a corner.
    const int stride = symbol.width() + 1;
    outgoing_.assign(static_cast<std::size_t>(stride) * static_cast<std::size_t>(stride), {-1, -1});
    auto vertex = [stride](int x, int y) {
        return y * stride + x;
    };
    auto add_edge = [this](int from, int to) {
        auto& slots = outgoing_[static_cast<std::size_t>(from)];
        slots[slots[0] < 0 ? 0 : 1] = to;
    };
    for (int y = 0; y < symbol.width(); ++y) {
        for (int x = 0; x < symbol.width(); ++x) {
            if (!symbol.is_dark(x, y)) {
                continue;
            }
            if (!symbol.is_dark(x, y - 1)) {
                add_edge(vertex(x, y), vertex(x + 1, y));
            }
            if (!symbol.is_dark(x + 1, y)) {
                add_edge(vertex(x + 1, y), vertex(x + 1, y + 1));
            }
            if (!symbol.is_dark(x, y + 1)) {
                add_edge(vertex(x + 1, y + 1), vertex(x, y + 1));
            }
            if (!symbol.is_dark(x - 1, y)) {
                add_edge(vertex(x, y + 1), vertex(x, y));
            }
        }
    }
}

void OutlineTracer::chain_loops(int stride)
{
    // Chain the edges into closed loops. The winding number of every point depends only
    // on the set of directed edges, so how loops are joined at corner-touching vertices
    // does not change what the nonzero rule fills.
    outlines_.corners.clear();
    outlines_.loop_ends.clear();
    for (int start = 0; start < static_cast<int>(outgoing_.size()); ++start) {
        while (outgoing_[static_cast<std::size_t>(start)][0] >= 0) {
            int at = start;
            int previous_dx = 0;
            int previous_dy = 0;
            do {
                auto& slots = outgoing_[static_cast<std::size_t>(at)];
                int& taken = slots[1] >= 0 ? slots[1] : slots[0];
                int next = taken;
                taken = -1;
                int dx = next % stride - at % stride;
                int dy = next / stride - at / stride;
                if (dx != previous_dx || dy != previous_dy) {
                    outlines_.corners.push_back(Point{at % stride, at / stride});  // a corner
                }
                previous_dx = dx;
                previous_dy = dy;
                at = next;
            } while (at != start);
            outlines_.loop_ends.push_back(outlines_.corners.size());
        }
    }
}

}  // namespace placard::qr
