#pragma once

#include "render/qr_stream_list.hpp"
#include "util/atomic_file.hpp"

#include <array>
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace placard::render {

namespace pdf_merger_detail {
struct Part;
struct Plan;
}  // namespace pdf_merger_detail

// Joins PDF files written by Cairo 1.16 (PDF 1.5, plain objects, one classic xref table,
// a flat page tree) into one PDF, in the order they are appended: the pages of the
// first file, then those of the second, and so on.
//
// The objects that a part's pages use are copied under new numbers, their bytes
// unchanged but for three things: references are renumbered; a stream's /Length, which
// Cairo writes as a reference to an object of its own, is written as the number (the
// length objects, and anything else no page uses, are left out); and what the
// merger replaces or folds, below. The parts' own catalogs and page trees are replaced
// by one of each, and the first part's document information (title, creator, date)
// becomes the merged file's.
//
// QR forms: a part drawn with a QrStreamList holds a placeholder square in each QR form
// (see PlacardPainter). Each page's content stream is read for the forms it paints, in
// order; a form whose /BBox is [ 0 0 W W ], W a QR symbol's width, is a QR form and is
// paired with the next stream of the list, which must have been drawn for the same page
// and width. The placeholder must hold nothing but the square; the form is then written
// with the stream in its place. Any disagreement (a count, a page, a width, a form used
// twice, a placeholder with anything else in it) is refused: a placeholder left in
// place would print a black square.
//
// Folding: an image or form XObject that is not a QR form, whose references lead only to
// objects of the same kind and their resources (no font, no page), is keyed by the
// SHA-256 of its bytes with each reference replaced by the key of what it refers to.
// When a later part holds one with a key already written, the later copy is left out
// and its users refer to the first: a logo is stored once per file, not once per part.
// At most max_folded_keys keys are kept (32 bytes and a number each), so memory does not
// grow with the number of parts; past that, XObjects are simply copied.
//
// Memory does not grow with the number of parts or pages either: the cross-reference
// entries and the page list go to anonymous temporary files until finish() writes them.
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
    // With `qr_streams`, the part's QR forms hold placeholders, to be replaced by these
    // streams (see above); without, no form is taken for a QR form.
    void append(std::string_view pdf, const std::string& name, QrStreamList* qr_streams = nullptr);

    // Writes the page tree, the catalog, the information dictionary, the cross-reference
    // table and the trailer. Nothing may be appended afterwards.
    void finish();

    long pages() const { return pages_; }

    // How many XObjects of later parts were left out as copies of earlier ones.
    long folded_objects() const { return folded_objects_; }

    static constexpr std::size_t max_folded_keys = 4096;

private:
    using Part = pdf_merger_detail::Part;
    using Plan = pdf_merger_detail::Plan;
    using Digest = std::array<unsigned char, 32>;

    void write(std::string_view bytes);
    void write_object(std::uint32_t number, std::string_view body);
    void plan_part(Part& part, Plan& plan);
    void number_objects(Plan& plan);
    void copy_objects(Part& part, const Plan& plan);
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
    std::map<Digest, std::uint32_t> folded_;  // key of an XObject written: its number
    long folded_objects_ = 0;
};

}  // namespace placard::render
