#include "qr/qr_content_stream.hpp"

#include "util/error.hpp"

#include <fmt/format.h>
#include <zlib.h>

#include <memory>

namespace placard::qr {

namespace {

// Appends a grid coordinate in decimal. Coordinates run from 0 to 177 (version 40 is
// 177 modules wide); std::to_chars would do, but GCC 12 cannot see that its result stays
// inside a small buffer and warns.
void append_coordinate(std::string& out, int value)
{
    char digits[8];
    int count = 0;
    do {
        digits[count++] = static_cast<char>('0' + value % 10);
        value /= 10;
    } while (value > 0 && count < 8);
    while (count > 0) {
        out += digits[--count];
    }
}

// Appends "X Y OP ".
void append_point(std::string& out, Point point, char op)
{
    append_coordinate(out, point.x);
    out += ' ';
    append_coordinate(out, point.y);
    out += ' ';
    out += op;
    out += ' ';
}

}  // namespace

void append_outline_path(const Outlines& outlines, std::string& out)
{
    for (std::size_t loop = 0; loop < outlines.loop_count(); ++loop) {
        const Point* corner = &outlines.corners[outlines.loop_begin(loop)];
        const Point* end = outlines.corners.data() + outlines.loop_ends[loop];
        append_point(out, *corner, 'm');
        for (++corner; corner != end; ++corner) {
            append_point(out, *corner, 'l');
        }
        out += "h\n";  // one outline a line, as Cairo writes a path
    }
}

QrStreamWriter::QrStreamWriter(int deflate_level)
    : zlib_(std::make_unique<z_stream>())
{
    if (deflateInit(zlib_.get(), deflate_level) != Z_OK) {
        throw Error(fmt::format("zlib could not start a compressor at level {}", deflate_level));
    }
}

QrStreamWriter::~QrStreamWriter()
{
    deflateEnd(zlib_.get());
}

const QrContentStream& QrStreamWriter::write(const QrSymbol& symbol)
{
    write_content(tracer_.trace(symbol));
    deflate_content();
    return stream_;
}

void QrStreamWriter::write_content(const Outlines& outlines)
{
    // About 10 bytes a corner; reserving it keeps the string from growing step by step.
    stream_.content.clear();
    stream_.content.reserve(16 + outlines.corners.size() * 10 + outlines.loop_count() * 2);
    stream_.content += "0 0 0 rg\n";  // black in the page group's RGB, as Cairo sets it
    append_outline_path(outlines, stream_.content);
    stream_.content += "f\n";
}

void QrStreamWriter::deflate_content()
{
    // Resetting keeps zlib's window and tables: deflateInit allocates about 256 KiB,
    // which would cost more than compressing one symbol.
    if (deflateReset(zlib_.get()) != Z_OK) {
        throw Error("zlib could not reset its compressor");
    }
    const auto input_size = static_cast<uLong>(stream_.content.size());
    stream_.deflated.resize(deflateBound(zlib_.get(), input_size));
    zlib_->next_in = reinterpret_cast<Bytef*>(stream_.content.data());
    zlib_->avail_in = static_cast<uInt>(input_size);
    zlib_->next_out = reinterpret_cast<Bytef*>(stream_.deflated.data());
    zlib_->avail_out = static_cast<uInt>(stream_.deflated.size());
    if (deflate(zlib_.get(), Z_FINISH) != Z_STREAM_END) {
        throw Error("zlib could not compress a QR content stream");
    }
    stream_.deflated.resize(zlib_->total_out);
}

}  // namespace placard::qr
