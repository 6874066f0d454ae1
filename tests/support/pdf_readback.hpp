#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace poppler {
class document;
}

namespace placard::test {

struct PageSize {
    double width = 0;  // points
    double height = 0;
};

struct FontReport {
    std::string name;
    bool embedded = false;
    bool subset = false;
};

// A greyscale rendering of one page (0 black .. 255 white), made by Poppler's Splash
// back end with anti-aliasing on, as a viewer would show it.
struct GreyImage {
    int width = 0;
    int height = 0;
    double dpi = 0;
    std::vector<std::uint8_t> pixels;

    std::uint8_t at(int x, int y) const
    {
        // Widened before multiplying, so the index is computed in the type it is used as.
        return pixels
            [static_cast<std::size_t>(y) * static_cast<std::size_t>(width)
             + static_cast<std::size_t>(x)];
    }
};

// One word as Poppler extracts it, with positions in PDF points from the page's top left.
struct CharBox {
    std::u32string text;         // the word's characters, in the order Poppler gives them
    std::vector<double> char_x;  // left edge of each character
    double top = 0;
    double bottom = 0;
    double left = 0;
    double right = 0;
};

// A PDF read back with the real Poppler.
class PdfReadback {
public:
    explicit PdfReadback(const std::filesystem::path& path);
    ~PdfReadback();

    int page_count() const;
    PageSize page_size(int page) const;
    std::string page_text(int page) const;  // UTF-8
    std::vector<CharBox> page_words(int page) const;
    std::vector<FontReport> fonts() const;
    GreyImage render(int page, double dpi) const;
    int image_count_hint() const;  // number of "/Subtype /Image" objects in the file bytes

private:
    std::filesystem::path path_;
    std::unique_ptr<poppler::document> document_;
};

// Every QR code zxing-cpp finds on the image, decoded to its text.
std::vector<std::string> decode_qr_codes(const GreyImage& image);

}  // namespace placard::test
