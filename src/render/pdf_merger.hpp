#pragma once

#include "util/atomic_file.hpp"

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

namespace placard::render {

// Joins PDF files written by Cairo 1.16 (PDF 1.5, plain objects, one classic xref table,
// a flat page tree) into one PDF, in the order they are appended: the pages of the
// first file, then those of the second, and so on.
//
// Every object of a part is copied byte for byte under a new number; only the
// references in its dictionary (or value) are renumbered, never a stream's data. The
// parts' own catalogs and page trees are replaced by one of each, and the first part's
// document information (title, creator, date) becomes the merged file's. Memory does not
// grow with the number of parts or pages: the cross-reference entries and the page list
// go to anonymous temporary files until finish() writes them.
//
// Only what Cairo writes is understood. Anything else (object or xref streams, an
// incremental update, encryption, a catalog with more than its page tree) is refused
// with placard::Error naming the part and the byte offset.
class PdfMerger {
public:
    explicit PdfMerger(AtomicFile& out);
    ~PdfMerger();
    PdfMerger(const PdfMerger&) = delete;
    PdfMerger& operator=(const PdfMerger&) = delete;

    // Appends the pages of one complete PDF; `name` says which part an error is about.
    void append(std::string_view pdf, const std::string& name);

    // Writes the page tree, the catalog, the information dictionary, the cross-reference
    // table and the trailer. Nothing may be appended afterwards.
    void finish();

    long pages() const { return pages_; }

private:
    struct Part;

    void write(std::string_view bytes);
    void write_object(std::uint32_t number, std::string_view body);
    void copy_objects(const Part& part);
    void write_spill(std::FILE* spill);

    AtomicFile& out_;
    std::uint64_t offset_ = 0;       // bytes written so far: where the next object starts
    std::uint32_t next_number_ = 2;  // 1 is the merged page tree
    long pages_ = 0;
    std::uint64_t page_tree_offset_ = 0;
    std::string info_;  // the first part's information dictionary, renumbered
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> xref_spill_;  // entries 2, 3, ...
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> kids_spill_;  // "N 0 R " per page
    bool finished_ = false;
};

}  // namespace placard::render
