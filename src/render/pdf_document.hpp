#pragma once

#include "util/atomic_file.hpp"

#include <cstddef>
#include <exception>
#include <functional>
#include <string>

typedef struct _cairo cairo_t;
typedef struct _cairo_surface cairo_surface_t;

namespace placard::render {

struct PdfMetadata {
    std::string title;
    std::string creator;
    std::string create_date;  // ISO 8601, e.g. 2026-12-04T10:00:00+03:30
};

// Takes the PDF's bytes as Cairo writes them; may throw.
using ByteSink = std::function<void(const unsigned char* data, std::size_t size)>;

// A Cairo PDF surface that streams its bytes into an AtomicFile, so the PDF reaches its
// final name only after finish() and the file's commit.
class PdfDocument {
public:
    PdfDocument(
        AtomicFile& file, double width_points, double height_points, const PdfMetadata& metadata);

    // Streams the bytes into `sink`; `target` names what they are for, in messages.
    PdfDocument(
        ByteSink sink,
        std::string target,
        double width_points,
        double height_points,
        const PdfMetadata& metadata);
    ~PdfDocument();
    PdfDocument(const PdfDocument&) = delete;
    PdfDocument& operator=(const PdfDocument&) = delete;

    cairo_t* context() const { return cr_; }

    // Ends the current page and starts the next one.
    void end_page();

    // Writes the fonts (embedded, subset) and the trailer. Throws on any Cairo error,
    // including a failed write to the file underneath.
    void finish();

    int pages() const { return pages_; }

private:
    void check_status(const char* step) const;

    ByteSink sink_;
    std::string target_;
    cairo_surface_t* surface_ = nullptr;
    cairo_t* cr_ = nullptr;
    int pages_ = 0;
    std::exception_ptr write_failure_;
};

}  // namespace placard::render
