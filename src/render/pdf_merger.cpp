#include "render/pdf_merger.hpp"

#include "render/pdf_syntax.hpp"
#include "util/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <vector>

namespace placard::render {

namespace {

using pdf_syntax::find_entry;
using pdf_syntax::Value;

constexpr std::string_view pdf_header = "%PDF-1.5\n%\xb5\xed\xae\xfb\n";
constexpr std::size_t xref_entry_size = 20;
constexpr std::uint32_t dropped = 0;
constexpr std::uint32_t page_tree_number = 1;

std::FILE* open_spill()
{
    std::FILE* file = std::tmpfile();
    if (file == nullptr) {
        throw Error(fmt::format(
            "could not create a temporary file for merging PDF parts: {}", std::strerror(errno)));
    }
    return file;
}

void spill(std::FILE* file, std::string_view bytes)
{
    if (std::fwrite(bytes.data(), 1, bytes.size(), file) != bytes.size()) {
        throw Error(fmt::format(
            "could not write a temporary file while merging PDF parts: {}", std::strerror(errno)));
    }
}

[[noreturn]] void refuse(const std::string& part, std::size_t at, const std::string& what)
{
    throw Error(fmt::format(
        "{}: byte {}: {}; only PDF files as Cairo writes them can be merged", part, at, what));
}

std::uint64_t parse_decimal(std::string_view digits, const std::string& part, std::size_t at)
{
    if (digits.empty() || digits.size() > 19
        || !std::all_of(
            digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        refuse(part, at, fmt::format("expected a number, found \"{}\"", digits.substr(0, 20)));
    }
    std::uint64_t value = 0;
    for (char c : digits) {
        value = value * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return value;
}

}  // namespace

// One part, parsed just enough to copy it: where each object starts and ends, which
// objects are its catalog, information dictionary and page tree, and its pages in order.
struct PdfMerger::Part {
    std::string_view pdf;
    std::string name;
    std::vector<std::uint64_t> offsets;  // by object number; 0 for a free entry
    std::vector<std::uint64_t> ends;     // where each object's bytes end
    std::uint64_t xref_offset = 0;
    std::uint32_t catalog = 0;
    std::uint32_t info = 0;
    std::uint32_t page_tree = 0;
    std::vector<std::uint32_t> kids;
    std::vector<std::uint32_t> new_numbers;  // by object number; dropped (0) if not copied

    Part(std::string_view bytes, std::string part_name);

    std::string_view object_text(std::uint32_t number) const
    {
        return pdf.substr(offsets[number], ends[number] - offsets[number]);
    }

private:
    void read_xref();
    void read_trailer(std::size_t at);
    void read_catalog();
    void read_page_tree();
    void compute_ends();
};

PdfMerger::Part::Part(std::string_view bytes, std::string part_name)
    : pdf(bytes)
    , name(std::move(part_name))
{
    if (pdf.substr(0, 7) != "%PDF-1." || pdf.size() < 9 || pdf[7] < '0' || pdf[7] > '5') {
        refuse(name, 0, "expected a PDF 1.0 to 1.5 header");
    }
    read_xref();
    compute_ends();
    read_catalog();
    read_page_tree();
}

void PdfMerger::Part::read_xref()
{
    std::size_t keyword = pdf.rfind("startxref");
    if (keyword == std::string_view::npos || pdf.size() - keyword > 64) {
        refuse(name, pdf.size(), "no startxref near the end of the file");
    }
    std::size_t digits = pdf.find_first_not_of(" \r\n", keyword + 9);
    std::size_t digits_end = pdf.find_first_of("\r\n", digits);
    xref_offset = parse_decimal(pdf.substr(digits, digits_end - digits), name, digits);
    if (xref_offset >= pdf.size() || pdf.substr(xref_offset, 5) != "xref\n") {
        refuse(name, xref_offset, "expected a classic cross-reference table (\"xref\")");
    }

    std::size_t at = xref_offset + 5;
    std::size_t line_end = pdf.find('\n', at);
    std::string_view subsection = pdf.substr(at, line_end - at);
    if (subsection.substr(0, 2) != "0 ") {
        refuse(name, at, "expected one cross-reference section starting at object 0");
    }
    std::uint64_t count = parse_decimal(subsection.substr(2), name, at + 2);
    at = line_end + 1;
    if (count < 2 || count > (pdf.size() - at) / xref_entry_size) {
        refuse(name, at, fmt::format("a cross-reference table of {} entries does not fit", count));
    }
    offsets.assign(count, 0);
    for (std::size_t number = 1; number < count; ++number) {
        std::string_view entry = pdf.substr(at + number * xref_entry_size, xref_entry_size);
        if (entry[17] == 'n') {
            offsets[number] =
                parse_decimal(entry.substr(0, 10), name, at + number * xref_entry_size);
        } else if (entry[17] != 'f') {
            refuse(name, at + number * xref_entry_size, "expected a cross-reference entry");
        }
    }
    read_trailer(at + count * xref_entry_size);
}

void PdfMerger::Part::read_trailer(std::size_t at)
{
    if (pdf.substr(at, 8) != "trailer\n") {
        refuse(name, at, "expected the trailer after the cross-reference table");
    }
    pdf_syntax::Parser parser(pdf, name);
    Value trailer = parser.parse(at + 8);
    for (const char* key : {"Prev", "Encrypt", "XRefStm"}) {
        if (find_entry(trailer, key) != nullptr) {
            refuse(name, at, fmt::format("the trailer has /{}, which Cairo never writes", key));
        }
    }
    const Value* root = find_entry(trailer, "Root");
    const Value* information = find_entry(trailer, "Info");
    if (root == nullptr || root->kind != Value::Kind::reference || information == nullptr
        || information->kind != Value::Kind::reference) {
        refuse(name, at, "expected /Root and /Info references in the trailer");
    }
    catalog = root->number;
    info = information->number;
}

void PdfMerger::Part::compute_ends()
{
    std::vector<std::pair<std::uint64_t, std::uint32_t>> starts;
    for (std::uint32_t number = 1; number < offsets.size(); ++number) {
        if (offsets[number] != 0) {
            starts.emplace_back(offsets[number], number);
        }
    }
    std::sort(starts.begin(), starts.end());
    ends.assign(offsets.size(), 0);
    for (std::size_t k = 0; k < starts.size(); ++k) {
        std::uint64_t end = k + 1 < starts.size() ? starts[k + 1].first : xref_offset;
        if (starts[k].first >= xref_offset) {
            refuse(name, starts[k].first, "an object starts after the cross-reference table");
        }
        ends[starts[k].second] = end;
    }
}

void PdfMerger::Part::read_catalog()
{
    if (catalog >= offsets.size() || offsets[catalog] == 0) {
        refuse(name, xref_offset, "the trailer's /Root is not in the cross-reference table");
    }
    pdf_syntax::Parser parser(pdf, name);
    pdf_syntax::IndirectObject object =
        parser.parse_object(catalog, offsets[catalog], ends[catalog]);
    const Value* pages = find_entry(object.value, "Pages");
    if (object.value.items.size() != 2 || find_entry(object.value, "Type") == nullptr
        || pages == nullptr || pages->kind != Value::Kind::reference) {
        refuse(
            name,
            offsets[catalog],
            "expected a catalog with only /Type and /Pages (no outlines, names or page labels)");
    }
    page_tree = pages->number;
}

void PdfMerger::Part::read_page_tree()
{
    if (page_tree >= offsets.size() || offsets[page_tree] == 0) {
        refuse(name, offsets[catalog], "the catalog's /Pages is not in the cross-reference table");
    }
    pdf_syntax::Parser parser(pdf, name);
    pdf_syntax::IndirectObject object =
        parser.parse_object(page_tree, offsets[page_tree], ends[page_tree]);
    const Value* list = find_entry(object.value, "Kids");
    if (list == nullptr || list->kind != Value::Kind::array) {
        refuse(name, offsets[page_tree], "expected a page tree with a /Kids array");
    }
    for (const Value& kid : list->items) {
        if (kid.kind != Value::Kind::reference || kid.number >= offsets.size()
            || offsets[kid.number] == 0) {
            refuse(name, offsets[page_tree], "expected /Kids to list page objects of this file");
        }
        kids.push_back(kid.number);
    }
}

PdfMerger::PdfMerger(AtomicFile& out)
    : out_(out)
    , xref_spill_(open_spill(), &std::fclose)
    , kids_spill_(open_spill(), &std::fclose)
{
    write(pdf_header);
}

PdfMerger::~PdfMerger() = default;

void PdfMerger::write(std::string_view bytes)
{
    out_.write(bytes.data(), bytes.size());
    offset_ += bytes.size();
}

void PdfMerger::write_object(std::uint32_t number, std::string_view body)
{
    if (number != page_tree_number) {
        spill(xref_spill_.get(), fmt::format("{:010} 00000 n \n", offset_));
    }
    write(fmt::format("{} 0 obj\n", number));
    write(body);
}

void PdfMerger::append(std::string_view pdf, const std::string& name)
{
    if (finished_) {
        throw std::logic_error("PdfMerger::append after finish");
    }
    Part part(pdf, name);

    // Numbers follow the part's own order, so the cross-reference entries come out in
    // the order the objects are written and can go straight to the spill file.
    part.new_numbers.assign(part.offsets.size(), dropped);
    for (std::uint32_t number = 1; number < part.offsets.size(); ++number) {
        if (number == part.page_tree) {
            part.new_numbers[number] = page_tree_number;
        } else if (part.offsets[number] != 0 && number != part.catalog && number != part.info) {
            part.new_numbers[number] = next_number_++;
        }
    }
    copy_objects(part);

    for (std::uint32_t kid : part.kids) {
        spill(kids_spill_.get(), fmt::format("{} 0 R\n", part.new_numbers[kid]));
    }
    pages_ += static_cast<long>(part.kids.size());
}

void PdfMerger::copy_objects(const Part& part)
{
    pdf_syntax::Parser parser(part.pdf, part.name);
    auto renumber = [&](std::uint32_t number, std::size_t at) {
        if (number >= part.new_numbers.size() || part.new_numbers[number] == dropped) {
            refuse(
                part.name,
                at,
                fmt::format("a reference to object {}, which is not copied", number));
        }
        return part.new_numbers[number];
    };

    if (info_.empty()) {
        pdf_syntax::IndirectObject info =
            parser.parse_object(part.info, part.offsets[part.info], part.ends[part.info]);
        info_ = parser.renumbered(info, renumber);
    }
    for (std::uint32_t number = 1; number < part.offsets.size(); ++number) {
        std::uint32_t new_number = part.new_numbers[number];
        if (new_number == dropped || new_number == page_tree_number) {
            continue;
        }
        pdf_syntax::IndirectObject object =
            parser.parse_object(number, part.offsets[number], part.ends[number]);
        write_object(new_number, parser.renumbered(object, renumber));
    }
}

void PdfMerger::write_spill(std::FILE* file)
{
    if (std::fflush(file) != 0 || std::fseek(file, 0, SEEK_SET) != 0) {
        throw Error(fmt::format(
            "could not read back a temporary file while merging PDF parts: {}",
            std::strerror(errno)));
    }
    std::array<char, 65536> buffer{};
    std::size_t got = 0;
    while ((got = std::fread(buffer.data(), 1, buffer.size(), file)) > 0) {
        write(std::string_view(buffer.data(), got));
    }
    if (std::ferror(file) != 0) {
        throw Error("could not read back a temporary file while merging PDF parts");
    }
}

void PdfMerger::finish()
{
    if (finished_ || pages_ == 0) {
        throw std::logic_error("PdfMerger::finish twice or with no pages");
    }
    finished_ = true;

    page_tree_offset_ = offset_;
    write(fmt::format("{} 0 obj\n<< /Type /Pages\n   /Kids [\n", page_tree_number));
    write_spill(kids_spill_.get());
    write(fmt::format("   ]\n   /Count {}\n>>\nendobj\n", pages_));

    const std::uint32_t info_number = next_number_++;
    write_object(info_number, info_);
    const std::uint32_t catalog_number = next_number_++;
    write_object(catalog_number, "<< /Type /Catalog\n   /Pages 1 0 R\n>>\nendobj\n");

    const std::uint64_t xref_offset = offset_;
    write(fmt::format("xref\n0 {}\n0000000000 65535 f \n", next_number_));
    write(fmt::format("{:010} 00000 n \n", page_tree_offset_));
    write_spill(xref_spill_.get());
    write(fmt::format(
        "trailer\n<< /Size {}\n   /Root {} 0 R\n   /Info {} 0 R\n>>\nstartxref\n{}\n%%EOF\n",
        next_number_,
        catalog_number,
        info_number,
        xref_offset));
}

}  // namespace placard::render
