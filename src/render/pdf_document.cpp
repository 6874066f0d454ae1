#include "render/pdf_document.hpp"

#include "util/error.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fmt/format.h>

namespace placard::render {

PdfDocument::PdfDocument(
    AtomicFile& file, double width_points, double height_points, const PdfMetadata& metadata)
    : PdfDocument(
        [&file](const unsigned char* data, std::size_t size) { file.write(data, size); },
        file.final_path().string(),
        width_points,
        height_points,
        metadata)
{}

PdfDocument::PdfDocument(
    ByteSink sink,
    std::string target,
    double width_points,
    double height_points,
    const PdfMetadata& metadata)
    : sink_(std::move(sink))
    , target_(std::move(target))
{
    // Cairo is C: an exception must not cross it, so a failed write is stored, Cairo is
    // told the write failed, and check_status() rethrows the original error.
    surface_ = cairo_pdf_surface_create_for_stream(
        [](void* closure, const unsigned char* data, unsigned int length) {
            auto* self = static_cast<PdfDocument*>(closure);
            try {
                self->sink_(data, length);
                return CAIRO_STATUS_SUCCESS;
            } catch (...) {
                self->write_failure_ = std::current_exception();
                return CAIRO_STATUS_WRITE_ERROR;
            }
        },
        this,
        width_points,
        height_points);
    cairo_pdf_surface_restrict_to_version(surface_, CAIRO_PDF_VERSION_1_5);
    cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_TITLE, metadata.title.c_str());
    cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_CREATOR, metadata.creator.c_str());
    if (!metadata.create_date.empty()) {
        cairo_pdf_surface_set_metadata(
            surface_, CAIRO_PDF_METADATA_CREATE_DATE, metadata.create_date.c_str());
    }
    cr_ = cairo_create(surface_);
    check_status("create the PDF surface");
}

PdfDocument::~PdfDocument()
{
    cairo_destroy(cr_);
    cairo_surface_destroy(surface_);
}

void PdfDocument::end_page()
{
    cairo_show_page(cr_);
    ++pages_;
    check_status("write a page");
}

void PdfDocument::finish()
{
    cairo_surface_finish(surface_);
    check_status("finish the PDF");
}

void PdfDocument::check_status(const char* step) const
{
    if (write_failure_) {
        std::rethrow_exception(write_failure_);
    }
    cairo_status_t status = cairo_status(cr_ != nullptr ? cr_ : nullptr);
    if (cr_ == nullptr || status == CAIRO_STATUS_SUCCESS) {
        status = cairo_surface_status(surface_);
    }
    if (status != CAIRO_STATUS_SUCCESS) {
        throw Error(fmt::format(
            "cairo could not {} for {}: {}", step, target_, cairo_status_to_string(status)));
    }
}

}  // namespace placard::render
