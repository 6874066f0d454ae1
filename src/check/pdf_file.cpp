#include "check/pdf_file.hpp"

#include "util/error.hpp"

#include <fmt/format.h>
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <cmath>
#include <mutex>

namespace placard::check {

namespace {

// Poppler writes its complaints about damaged files to stderr unless told otherwise;
// the library never prints, so they are dropped and the damage is reported per page.
void ignore_poppler_message(const std::string&, void*) {}

void silence_poppler()
{
    static std::once_flag once;
    std::call_once(
        once, [] { poppler::set_debug_error_function(ignore_poppler_message, nullptr); });
}

std::unique_ptr<poppler::page> open_page(const poppler::document& document, int index)
{
    std::unique_ptr<poppler::page> page(document.create_page(index));
    if (!page) {
        throw Error(fmt::format("Poppler cannot read page {}", index + 1));
    }
    return page;
}

int to_pixels(double points, double dpi)
{
    return static_cast<int>(std::lround(points * dpi / 72.0));
}

GreyImage copy_pixels(const poppler::image& image, double dpi)
{
    GreyImage grey{image.width(), image.height(), dpi, {}};
    grey.pixels.resize(
        static_cast<std::size_t>(grey.width) * static_cast<std::size_t>(grey.height));
    const auto* source = reinterpret_cast<const std::uint8_t*>(image.const_data());
    for (int y = 0; y < grey.height; ++y) {
        const std::uint8_t* row = source + static_cast<std::ptrdiff_t>(y) * image.bytes_per_row();
        std::copy(
            row,
            row + grey.width,
            grey.pixels.begin() + static_cast<std::ptrdiff_t>(y) * grey.width);
    }
    return grey;
}

}  // namespace

PdfFile::PdfFile(std::filesystem::path path)
    : path_(std::move(path))
{
    silence_poppler();
    document_.reset(poppler::document::load_from_file(path_.string()));
    if (!document_) {
        throw Error(fmt::format(
            "{}: not a PDF that Poppler can open (missing, damaged or not a PDF)", path_.string()));
    }
    if (document_->is_locked()) {
        throw Error(fmt::format("{}: the PDF is encrypted with a password", path_.string()));
    }
}

PdfFile::~PdfFile() = default;

int PdfFile::page_count() const
{
    return document_->pages();
}

std::vector<PageSlot> PdfFile::slots() const
{
    std::vector<PageSlot> all;
    for (int index = 0; index < page_count(); ++index) {
        std::unique_ptr<poppler::page> page = open_page(*document_, index);
        poppler::rectf box = page->page_rect();
        double width = box.width();
        double height = box.height();
        // A page turned by a quarter is shown, and rendered, with its sides swapped.
        poppler::page::orientation_enum turn = page->orientation();
        if (turn == poppler::page::landscape || turn == poppler::page::seascape) {
            std::swap(width, height);
        }
        std::vector<PageSlot> slots = slots_of_page(index, width, height);
        all.insert(all.end(), slots.begin(), slots.end());
    }
    return all;
}

GreyImage PdfFile::render(const PageSlot& slot, double dpi) const
{
    std::unique_ptr<poppler::page> page = open_page(*document_, slot.page);
    poppler::page_renderer renderer;
    renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
    renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
    renderer.set_image_format(poppler::image::format_gray8);
    poppler::image image = renderer.render_page(
        page.get(),
        dpi,
        dpi,
        to_pixels(slot.x, dpi),
        to_pixels(slot.y, dpi),
        to_pixels(slot.width, dpi),
        to_pixels(slot.height, dpi));
    if (!image.is_valid()) {
        throw Error(fmt::format("Poppler could not render {} at {} dpi", slot_label(slot), dpi));
    }
    return copy_pixels(image, dpi);
}

std::string PdfFile::text(const PageSlot& slot) const
{
    std::unique_ptr<poppler::page> page = open_page(*document_, slot.page);
    poppler::rectf area(slot.x, slot.y, slot.width, slot.height);
    poppler::byte_array bytes = page->text(area).to_utf8();
    return std::string(bytes.begin(), bytes.end());
}

}  // namespace placard::check
