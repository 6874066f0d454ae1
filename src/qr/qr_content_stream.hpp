#pragma once

#include "qr/qr_symbol.hpp"

#include <memory>
#include <string>
#include <string_view>

typedef struct z_stream_s z_stream;

namespace placard::qr {

// The PDF content stream of one symbol's dark modules, written by placard itself rather
// than by Cairo: Cairo formats every coordinate with snprintf, which made writing the QR
// path about three quarters of a placard's cost.
//
// The stream holds one path of closed outlines (the OutlineTracer's) in module units,
// y growing downwards as on the tracer's grid, filled once in black with the nonzero
// rule: "0 0 0 rg", then per outline "X Y m X Y l ... h", or "X Y W H re" for an outline
// of four corners (a rectangle, walked in the outline's own direction, so a hole stays a
// hole), then "f". These are the operators Cairo would write for the painter's QR form
// (drawn in module units, y down, and scaled into place by the page), less Cairo's number
// formatting: the stream stands in for the placeholder in a form with /BBox [0 0 W W], W
// the symbol's width in modules (see PdfMerger). It needs no resources.
struct QrContentStream {
    std::string content;   // the operators, plain text
    std::string deflated;  // the same, zlib-compressed, for /Filter /FlateDecode
};

// Writes content streams one symbol after another, keeping its buffers, its tracer and
// its compressor from one symbol to the next: after the first symbol of a version it
// allocates nothing. One writer serves one thread.
class QrStreamWriter {
public:
    // `deflate_level` is zlib's, 1 (fastest) to 9 (smallest).
    explicit QrStreamWriter(int deflate_level);
    ~QrStreamWriter();
    QrStreamWriter(const QrStreamWriter&) = delete;
    QrStreamWriter& operator=(const QrStreamWriter&) = delete;

    // The streams of `symbol`, valid until the next call. Throws placard::Error if zlib
    // fails (it cannot on memory it was given).
    const QrContentStream& write(const QrSymbol& symbol);

private:
    void write_content(const Outlines& outlines);
    void deflate_content();

    OutlineTracer tracer_;
    QrContentStream stream_;
    std::unique_ptr<z_stream> zlib_;
};

// The path operators of `outlines` alone, appended to `out` (no colour, no fill).
void append_outline_path(const Outlines& outlines, std::string& out);

}  // namespace placard::qr
