#pragma once

#include "check/grey_image.hpp"
#include "check/page_slots.hpp"

#include <filesystem>
#include <memory>
#include <string>

namespace poppler {
class document;
}

namespace placard::check {

// A PDF opened with Poppler, for reading placards back. One PdfFile is used by one
// thread at a time: workers that read the same file in parallel each open their own.
class PdfFile {
public:
    // Throws placard::Error naming the file when Poppler cannot open it.
    explicit PdfFile(std::filesystem::path path);
    ~PdfFile();
    PdfFile(const PdfFile&) = delete;
    PdfFile& operator=(const PdfFile&) = delete;

    const std::filesystem::path& path() const { return path_; }

    int page_count() const;

    // Every placard place of every page, in page order (see slots_of_page).
    std::vector<PageSlot> slots() const;

    // Renders the slot's part of its page at `dpi`, anti-aliased, as a viewer shows it.
    // Throws placard::Error if Poppler cannot render the page.
    GreyImage render(const PageSlot& slot, double dpi) const;

    // The text Poppler extracts from the slot's part of its page, in UTF-8.
    std::string text(const PageSlot& slot) const;

private:
    std::filesystem::path path_;
    std::unique_ptr<poppler::document> document_;
};

}  // namespace placard::check
