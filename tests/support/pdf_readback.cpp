#include "support/pdf_readback.hpp"

#include "support/temp_dir.hpp"

#define ZX_USE_UTF8 1
#include <ZXing/ReadBarcode.h>
#include <poppler-document.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <stdexcept>

namespace placard::test {

PdfReadback::PdfReadback(const std::filesystem::path& path)
    : path_(path)
    , document_(poppler::document::load_from_file(path.string()))
{
    if (!document_) {
        throw std::runtime_error("poppler cannot open " + path.string());
    }
}

PdfReadback::~PdfReadback() = default;

int PdfReadback::page_count() const
{
    return document_->pages();
}

PageSize PdfReadback::page_size(int page) const
{
    std::unique_ptr<poppler::page> p(document_->create_page(page));
    poppler::rectf box = p->page_rect(poppler::media_box);
    return {box.width(), box.height()};
}

std::string PdfReadback::page_text(int page) const
{
    std::unique_ptr<poppler::page> p(document_->create_page(page));
    poppler::byte_array bytes = p->text().to_utf8();
    return std::string(bytes.begin(), bytes.end());
}

std::vector<CharBox> PdfReadback::page_words(int page) const
{
    std::unique_ptr<poppler::page> p(document_->create_page(page));
    std::vector<CharBox> words;
    for (poppler::text_box& box : p->text_list()) {
        CharBox word;
        poppler::byte_array bytes = box.text().to_utf8();
        std::string utf8(bytes.begin(), bytes.end());
        // Decode UTF-8 to code points by hand; tests only need the letters.
        for (std::size_t i = 0; i < utf8.size();) {
            unsigned char lead = static_cast<unsigned char>(utf8[i]);
            int length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
            char32_t c = length == 1 ? lead : lead & (0xFF >> (length + 1));
            for (int k = 1; k < length && i + k < utf8.size(); ++k) {
                c = (c << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
            }
            word.text += c;
            i += static_cast<std::size_t>(length);
        }
        word.top = box.bbox().top();
        word.bottom = box.bbox().bottom();
        word.left = box.bbox().left();
        word.right = box.bbox().right();
        for (std::size_t i = 0; i < word.text.size(); ++i) {
            word.char_x.push_back(box.char_bbox(i).left());
        }
        words.push_back(std::move(word));
    }
    return words;
}

std::vector<FontReport> PdfReadback::fonts() const
{
    std::vector<FontReport> reports;
    for (const poppler::font_info& font : document_->fonts()) {
        reports.push_back({font.name(), font.is_embedded(), font.is_subset()});
    }
    return reports;
}

GreyImage PdfReadback::render(int page, double dpi) const
{
    std::unique_ptr<poppler::page> p(document_->create_page(page));
    poppler::page_renderer renderer;
    renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
    renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
    renderer.set_image_format(poppler::image::format_gray8);
    poppler::image image = renderer.render_page(p.get(), dpi, dpi);
    if (!image.is_valid()) {
        throw std::runtime_error("poppler could not render page " + std::to_string(page));
    }
    GreyImage grey{image.width(), image.height(), dpi, {}};
    grey.pixels.resize(static_cast<std::size_t>(grey.width * grey.height));
    for (int y = 0; y < grey.height; ++y) {
        const char* row =
            image.const_data() + static_cast<std::ptrdiff_t>(y) * image.bytes_per_row();
        for (int x = 0; x < grey.width; ++x) {
            grey.pixels[static_cast<std::size_t>(y * grey.width + x)] =
                static_cast<std::uint8_t>(row[x]);
        }
    }
    return grey;
}

int PdfReadback::image_count_hint() const
{
    std::string bytes = read_file(path_);
    int count = 0;
    for (std::size_t at = bytes.find("/Subtype /Image"); at != std::string::npos;
         at = bytes.find("/Subtype /Image", at + 1)) {
        ++count;
    }
    return count;
}

std::vector<std::string> decode_qr_codes(const GreyImage& image)
{
    ZXing::ImageView view(image.pixels.data(), image.width, image.height, ZXing::ImageFormat::Lum);
    ZXing::DecodeHints hints;
    hints.setFormats(ZXing::BarcodeFormat::QRCode);
    hints.setTryHarder(true);
    std::vector<std::string> texts;
    for (const ZXing::Result& result : ZXing::ReadBarcodes(view, hints)) {
        if (result.isValid()) {
            texts.push_back(result.text());
        }
    }
    return texts;
}

}  // namespace placard::test
