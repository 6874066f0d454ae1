#pragma once

#include "util/scratch_file.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace placard::render {

// The QR content streams of one part of a batch, in the order the painter drew the
// symbols, each with the page (of the part, from 0) it was drawn on and the symbol's width
// in modules. The part's PDF holds a placeholder square in each QR form; PdfMerger puts
// these streams in their place and checks, form by form, that page and width agree.
//
// The streams (about 1.4 KB a symbol) go to an unnamed temporary file in the output's
// folder, not to memory: a part's streams wait there until the part is merged, and with
// several parts in flight they were the largest thing held (several megabytes).
class QrStreamList {
public:
    // The file goes into `folder` (the output's, so that it is on the disk the output
    // goes to); the system's temporary folder when none is given.
    explicit QrStreamList(
        const std::filesystem::path& folder = std::filesystem::temp_directory_path());

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

    // The stream `index`, read back; valid until the next call.
    std::string_view deflated(std::size_t index);

private:
    std::uint32_t page_ = 0;
    std::vector<Entry> entries_;
    ScratchFile file_;
    std::string read_back_;
};

}  // namespace placard::render
