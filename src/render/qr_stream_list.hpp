#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace placard::render {

// The QR content streams of one part of a batch, in the order the painter drew the
// symbols, each with the page (of the part, from 0) it was drawn on and the symbol's width
// in modules. The part's PDF holds a placeholder square in each QR form; PdfMerger puts
// these streams in their place and checks, form by form, that page and width agree.
//
// The streams are kept in one buffer (about 1.4 KB a symbol), not one string each.
class QrStreamList {
public:
    struct Entry {
        std::uint32_t page = 0;
        int width = 0;
        std::size_t offset = 0;
        std::size_t size = 0;
    };

    // The page that add() files streams under until the next call.
    void set_page(std::uint32_t page) { page_ = page; }

    void add(int width, std::string_view deflated);

    std::size_t size() const { return entries_.size(); }

    const Entry& entry(std::size_t index) const { return entries_[index]; }

    std::string_view deflated(std::size_t index) const;

private:
    std::uint32_t page_ = 0;
    std::vector<Entry> entries_;
    std::string bytes_;
};

}  // namespace placard::render
