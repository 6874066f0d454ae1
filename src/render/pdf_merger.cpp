#include "render/pdf_merger.hpp"

#include "render/pdf_syntax.hpp"
#include "util/error.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <optional>
#include <vector>

namespace placard::render {

namespace {

using pdf_syntax::find_entry;
using pdf_syntax::Value;

constexpr std::string_view pdf_header = "%PDF-1.5\n%\xb5\xed\xae\xfb\n";
constexpr std::size_t xref_entry_size = 20;
constexpr std::uint32_t dropped = 0;
constexpr std::uint32_t page_tree_number = 1;

// A page's content stream or a placeholder inflates to a few kilobytes; this bound keeps
// a hostile stream from taking the memory.
constexpr std::size_t largest_inflated_stream = 16U << 20U;

// How deep the references of an XObject may go for it to be folded (the image, its soft
// mask and their lengths are three levels); deeper ones are copied.
constexpr int deepest_folded_reference = 8;

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
struct pdf_merger_detail::Part {
    std::string_view pdf;
    std::string name;
    std::vector<std::uint64_t> offsets;  // by object number; 0 for a free entry
    std::vector<std::uint64_t> ends;     // where each object's bytes end
    std::uint64_t xref_offset = 0;
    std::uint32_t catalog = 0;
    std::uint32_t info = 0;
    std::uint32_t page_tree = 0;
    std::vector<std::uint32_t> kids;

    Part(std::string_view bytes, std::string part_name);

    // Object `number`, parsed once; `at` is where it is referred to, for errors.
    const pdf_syntax::IndirectObject& object(std::uint32_t number, std::size_t at);

    // `value` itself, or the object it refers to.
    const Value& resolve(const Value& value);

    // The bytes between "stream" and "endstream" of object `number`, checked against its
    // /Length.
    std::string_view stream_data(std::uint32_t number);

    // The /Length entry of a stream object if it is a reference, else nullptr.
    static const Value* length_reference(const pdf_syntax::IndirectObject& object);

    const pdf_syntax::Parser& parser() const { return parser_; }

private:
    void read_xref();
    void read_trailer(std::size_t at);
    void read_catalog();
    void read_page_tree();
    void compute_ends();

    pdf_syntax::Parser parser_;
    std::vector<std::optional<pdf_syntax::IndirectObject>> parsed_;
};

pdf_merger_detail::Part::Part(std::string_view bytes, std::string part_name)
    : pdf(bytes)
    , name(std::move(part_name))
    , parser_(bytes, name)
{
    if (pdf.substr(0, 7) != "%PDF-1." || pdf.size() < 9 || pdf[7] < '0' || pdf[7] > '5') {
        refuse(name, 0, "expected a PDF 1.0 to 1.5 header");
    }
    read_xref();
    compute_ends();
    read_catalog();
    read_page_tree();
}

void pdf_merger_detail::Part::read_xref()
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
    parsed_.resize(count);
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

void pdf_merger_detail::Part::read_trailer(std::size_t at)
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

void pdf_merger_detail::Part::compute_ends()
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

void pdf_merger_detail::Part::read_catalog()
{
    if (catalog >= offsets.size() || offsets[catalog] == 0) {
        refuse(name, xref_offset, "the trailer's /Root is not in the cross-reference table");
    }
    const pdf_syntax::IndirectObject& object = this->object(catalog, xref_offset);
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

void pdf_merger_detail::Part::read_page_tree()
{
    if (page_tree >= offsets.size() || offsets[page_tree] == 0) {
        refuse(name, offsets[catalog], "the catalog's /Pages is not in the cross-reference table");
    }
    const pdf_syntax::IndirectObject& object = this->object(page_tree, offsets[catalog]);
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

const pdf_syntax::IndirectObject& pdf_merger_detail::Part::object(
    std::uint32_t number, std::size_t at)
{
    if (number >= offsets.size() || offsets[number] == 0) {
        refuse(name, at, fmt::format("a reference to object {}, which is not in the file", number));
    }
    if (!parsed_[number]) {
        parsed_[number] = parser_.parse_object(number, offsets[number], ends[number]);
    }
    return *parsed_[number];
}

const Value& pdf_merger_detail::Part::resolve(const Value& value)
{
    if (value.kind != Value::Kind::reference) {
        return value;
    }
    return object(value.number, value.begin).value;
}

const Value* pdf_merger_detail::Part::length_reference(const pdf_syntax::IndirectObject& object)
{
    const Value* length = object.stream != 0 ? find_entry(object.value, "Length") : nullptr;
    return length != nullptr && length->kind == Value::Kind::reference ? length : nullptr;
}

std::string_view pdf_merger_detail::Part::stream_data(std::uint32_t number)
{
    const pdf_syntax::IndirectObject& stream = object(number, 0);
    const Value* length = find_entry(stream.value, "Length");
    if (stream.stream == 0 || length == nullptr) {
        refuse(name, offsets[number], "expected a stream with a /Length");
    }
    const Value& value = resolve(*length);
    const std::uint64_t size = parse_decimal(
        value.kind == Value::Kind::number ? pdf.substr(value.begin, value.end - value.begin) : "",
        name,
        value.begin);

    // "stream" and an end of line, the data, an optional end of line and "endstream".
    std::size_t begin = stream.stream + 6;
    begin += pdf.substr(begin, 2) == "\r\n" ? 2 : (pdf.substr(begin, 1) == "\n" ? 1 : 0);
    std::size_t after = begin + size;
    if (size > stream.end - begin) {
        refuse(name, begin, "a stream's /Length runs past the end of its object");
    }
    after += pdf.substr(after, 2) == "\r\n" ? 2 : (pdf.substr(after, 1) == "\n" ? 1 : 0);
    if (pdf.substr(after, 9) != "endstream") {
        refuse(name, after, "expected \"endstream\" where the stream's /Length ends it");
    }
    return pdf.substr(begin, size);
}

// What the merger does with each object of a part.
struct pdf_merger_detail::Plan {
    enum class Fate : std::uint8_t { unseen, copied, qr_form, folded };
    enum class KeyState : std::uint8_t { unknown, computing, none, known };
    using Digest = std::array<unsigned char, 32>;

    explicit Plan(std::size_t objects, QrStreamList* streams)
        : fates(objects, Fate::unseen)
        , new_numbers(objects, dropped)
        , qr_stream(objects, -1)
        , fold_target(objects, 0)
        , key_states(objects, KeyState::unknown)
        , keys(objects)
        , qr_streams(streams)
    {}

    std::vector<Fate> fates;
    std::vector<std::uint32_t> new_numbers;
    std::vector<std::int64_t> qr_stream;     // the QR stream that replaces a QR form, or -1
    std::vector<std::uint32_t> fold_target;  // folded into an object of this part: which
    std::vector<KeyState> key_states;
    std::vector<Digest> keys;
    std::map<Digest, std::uint32_t> first_in_part;  // keys of XObjects copied from this part
    QrStreamList* qr_streams;
};

namespace {

using pdf_merger_detail::Part;
using pdf_merger_detail::Plan;

using Digest = std::array<unsigned char, 32>;

std::string inflate_stream(std::string_view deflated, const std::string& part, std::size_t at)
{
    z_stream zlib{};
    if (inflateInit(&zlib) != Z_OK) {
        throw Error("zlib could not start a decompressor");
    }
    std::string out;
    std::array<char, 16384> buffer{};
    zlib.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(deflated.data()));
    zlib.avail_in = static_cast<uInt>(deflated.size());
    int status = Z_OK;
    while (status == Z_OK && out.size() <= largest_inflated_stream) {
        zlib.next_out = reinterpret_cast<Bytef*>(buffer.data());
        zlib.avail_out = static_cast<uInt>(buffer.size());
        status = inflate(&zlib, Z_NO_FLUSH);
        out.append(buffer.data(), buffer.size() - zlib.avail_out);
    }
    inflateEnd(&zlib);
    if (status != Z_STREAM_END) {
        refuse(part, at, "a stream that zlib cannot inflate, or larger than 16 MiB inflated");
    }
    return out;
}

std::string_view text_of(const Part& part, const Value& value)
{
    return part.pdf.substr(value.begin, value.end - value.begin);
}

// The name an entry holds ("Form" for /Form), or "" if it holds something else.
std::string_view name_entry(const Part& part, const Value& dictionary, std::string_view key)
{
    const Value* entry = find_entry(dictionary, key);
    if (entry == nullptr || entry->kind != Value::Kind::name) {
        return {};
    }
    return text_of(part, *entry).substr(1);
}

bool is_xobject(const Part& part, const pdf_syntax::IndirectObject& object)
{
    std::string_view subtype = name_entry(part, object.value, "Subtype");
    return object.stream != 0 && (subtype == "Form" || subtype == "Image")
           && name_entry(part, object.value, "Type") != "Font";
}

// Objects that make what refers to them part-specific: font subsets differ from part to
// part, and pages belong to one part.
bool stops_folding(const Part& part, const Value& value)
{
    std::string_view type = name_entry(part, value, "Type");
    return type == "Font" || type == "FontDescriptor" || type == "Page" || type == "Pages"
           || type == "Catalog";
}

// QR symbols are 21 to 177 modules wide, in steps of 4.
int qr_width(std::string_view text)
{
    if (text.empty() || text.size() > 3
        || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return 0;
    }
    int width = 0;
    for (char c : text) {
        width = width * 10 + (c - '0');
    }
    return width >= 21 && width <= 177 && (width - 21) % 4 == 0 ? width : 0;
}

// The W of a form whose /BBox is [ 0 0 W W ] with W a QR symbol's width; 0 for any other
// object.
int qr_form_width(const Part& part, const pdf_syntax::IndirectObject& object)
{
    const Value* box = find_entry(object.value, "BBox");
    if (object.stream == 0 || name_entry(part, object.value, "Subtype") != "Form" || box == nullptr
        || box->kind != Value::Kind::array || box->items.size() != 4) {
        return 0;
    }
    if (text_of(part, box->items[0]) != "0" || text_of(part, box->items[1]) != "0"
        || text_of(part, box->items[2]) != text_of(part, box->items[3])) {
        return 0;
    }
    return qr_width(text_of(part, box->items[2]));
}

std::string_view stream_filter(Part& part, const pdf_syntax::IndirectObject& object)
{
    return name_entry(part, object.value, "Filter");
}

// The placeholder the painter draws: the square 0 0 W W filled, and around it only what
// Cairo adds (q and Q, the black colour, the graphics state that sets full opacity).
bool is_placeholder(const std::vector<std::string_view>& tokens, int width)
{
    const std::string side = std::to_string(width);
    std::vector<std::string_view> drawn;
    for (std::size_t k = 0; k < tokens.size(); ++k) {
        if (tokens[k] == "q" || tokens[k] == "Q") {
            continue;
        }
        if (k + 3 < tokens.size() && tokens[k] == "0" && tokens[k + 1] == "0"
            && tokens[k + 2] == "0" && tokens[k + 3] == "rg") {
            k += 3;
            continue;
        }
        if (k + 1 < tokens.size() && tokens[k].substr(0, 1) == "/" && tokens[k + 1] == "gs") {
            ++k;
            continue;
        }
        drawn.push_back(tokens[k]);
    }
    const std::vector<std::string_view> square = {"0", "0", side, side, "re", "f"};
    return drawn == square;
}

Digest sha256(std::string_view bytes)
{
    Digest digest{};
    unsigned int size = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &size, EVP_sha256(), nullptr) != 1
        || size != digest.size()) {
        throw Error("OpenSSL could not compute a SHA-256 while merging PDF parts");
    }
    return digest;
}

}  // namespace

namespace {

// The object's key for folding (see PdfMerger), or nothing if it cannot be folded: it
// refers, at any depth, to a font or a page, or its references go deeper than
// deepest_folded_reference. Keys are kept for the part, so each object is hashed once.
std::optional<Digest> fold_key(Part& part, Plan& plan, std::uint32_t number, int depth)
{
    using KeyState = Plan::KeyState;
    if (depth > deepest_folded_reference || number >= plan.key_states.size()) {
        return std::nullopt;
    }
    KeyState& state = plan.key_states[number];
    if (state == KeyState::known) {
        return plan.keys[number];
    }
    if (state != KeyState::unknown || plan.qr_stream[number] >= 0) {
        return std::nullopt;  // no key, or a reference loop
    }
    state = KeyState::computing;
    const pdf_syntax::IndirectObject& object = part.object(number, 0);
    if (stops_folding(part, object.value)) {
        plan.key_states[number] = KeyState::none;
        return std::nullopt;
    }

    // The length as its value; any other reference as "#" and the key of its object,
    // which no PDF token can be mistaken for.
    const Value* length = Part::length_reference(object);
    const std::string length_value =
        length != nullptr ? std::to_string(part.stream_data(number).size()) : "";
    bool foldable = true;
    std::string canonical =
        part.parser().rewritten(object, [&](const Value& reference, std::string& out) {
            if (&reference == length) {
                out += length_value;
                return;
            }
            std::optional<Digest> key =
                foldable ? fold_key(part, plan, reference.number, depth + 1) : std::nullopt;
            foldable = foldable && key.has_value();
            out += '#';
            for (unsigned char byte : key.value_or(Digest{})) {
                out += fmt::format("{:02x}", byte);
            }
        });
    if (!foldable) {
        plan.key_states[number] = KeyState::none;
        return std::nullopt;
    }
    plan.keys[number] = sha256(canonical);
    plan.key_states[number] = KeyState::known;
    return plan.keys[number];
}

// The inflated data of a stream object that must have /Filter /FlateDecode.
std::string inflated_data(Part& part, std::uint32_t number, const char* what)
{
    const pdf_syntax::IndirectObject& object = part.object(number, 0);
    if (stream_filter(part, object) != "FlateDecode") {
        refuse(
            part.name,
            object.value.begin,
            fmt::format("expected {} with /Filter /FlateDecode", what));
    }
    return inflate_stream(part.stream_data(number), part.name, object.value.begin);
}

// The objects that page `page` paints with Do, in the order its content stream paints
// them.
std::vector<std::uint32_t> painted_xobjects(Part& part, std::uint32_t page)
{
    const pdf_syntax::IndirectObject& dictionary = part.object(part.kids[page], 0);
    const Value* resources = find_entry(dictionary.value, "Resources");
    const Value* contents = find_entry(dictionary.value, "Contents");
    if (resources == nullptr || contents == nullptr || contents->kind != Value::Kind::reference) {
        refuse(
            part.name,
            dictionary.value.begin,
            "expected a page with /Resources and one /Contents stream");
    }
    const Value* xobjects = find_entry(part.resolve(*resources), "XObject");
    const std::string content = inflated_data(part, contents->number, "a page content stream");
    const std::vector<std::string_view> tokens = pdf_syntax::content_tokens(content, part.name);

    std::vector<std::uint32_t> painted;
    for (std::size_t k = 1; k < tokens.size(); ++k) {
        if (tokens[k] != "Do") {
            continue;
        }
        const Value* entry = tokens[k - 1].substr(0, 1) == "/" && xobjects != nullptr
                                 ? find_entry(part.resolve(*xobjects), tokens[k - 1].substr(1))
                                 : nullptr;
        if (entry == nullptr || entry->kind != Value::Kind::reference) {
            refuse(
                part.name,
                dictionary.value.begin,
                fmt::format(
                    "page {} paints {}, which its resources do not hold", page + 1, tokens[k - 1]));
        }
        painted.push_back(entry->number);
    }
    return painted;
}

// Pairs QR form `form`, of `width` modules on page `page`, with stream `index`, after
// checking that they agree and that the form holds only the placeholder.
void pair_qr_form(
    Part& part, Plan& plan, std::uint32_t form, int width, std::uint32_t page, std::size_t index)
{
    const QrStreamList& streams = *plan.qr_streams;
    const std::size_t at = part.object(form, 0).value.begin;
    if (index >= streams.size()) {
        refuse(
            part.name,
            at,
            fmt::format(
                "page {} holds a QR placeholder beyond the {} QR streams drawn for this part",
                page + 1,
                streams.size()));
    }
    const QrStreamList::Entry& stream = streams.entry(index);
    if (stream.page != page || stream.width != width) {
        refuse(
            part.name,
            at,
            fmt::format(
                "QR placeholder {} ({} modules, page {}) does not match QR stream {} ({} modules, "
                "drawn for page {})",
                index + 1,
                width,
                page + 1,
                index + 1,
                stream.width,
                stream.page + 1));
    }
    if (plan.qr_stream[form] >= 0) {
        refuse(part.name, at, "a QR form painted twice; each must have its own stream");
    }
    const std::string content = inflated_data(part, form, "a QR form");
    if (!is_placeholder(pdf_syntax::content_tokens(content, part.name), width)) {
        refuse(
            part.name,
            at,
            fmt::format(
                "the QR form of page {} holds more than the placeholder square 0 0 {} {}; it is "
                "not replaced",
                page + 1,
                width,
                width));
    }
    plan.qr_stream[form] = static_cast<std::int64_t>(index);
}

// Pairs each QR form the part's pages paint with its stream, in page order and in the
// order each page paints them (see PdfMerger).
void pair_qr_forms(Part& part, Plan& plan)
{
    std::size_t paired = 0;
    for (std::uint32_t page = 0; page < part.kids.size(); ++page) {
        for (std::uint32_t form : painted_xobjects(part, page)) {
            const int width = qr_form_width(part, part.object(form, 0));
            if (width != 0) {
                pair_qr_form(part, plan, form, width, page, paired++);
            }
        }
    }
    if (paired != plan.qr_streams->size()) {
        refuse(
            part.name,
            part.xref_offset,
            fmt::format(
                "{} QR placeholders on its pages but {} QR streams drawn for it; they cannot be "
                "paired",
                paired,
                plan.qr_streams->size()));
    }
}

// The QR form with the stream in place of the placeholder. Its dictionary is written
// anew: the stream needs no resources, so the placeholder's graphics state goes.
std::string qr_form_text(int width, std::string_view deflated)
{
    std::string text = fmt::format(
        "<< /Type /XObject\n   /Subtype /Form\n   /BBox [ 0 0 {0} {0} ]\n   /Resources << >>\n"
        "   /Filter /FlateDecode\n   /Length {1}\n>>\nstream\n",
        width,
        deflated.size());
    text.append(deflated);
    text += "\nendstream\nendobj\n";
    return text;
}

}  // namespace

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

void PdfMerger::append(std::string_view pdf, const std::string& name, QrStreamList* qr_streams)
{
    if (finished_) {
        throw std::logic_error("PdfMerger::append after finish");
    }
    Part part(pdf, name);
    Plan plan(part.offsets.size(), qr_streams);
    if (qr_streams != nullptr) {
        pair_qr_forms(part, plan);
    }
    plan_part(part, plan);
    number_objects(plan);
    copy_objects(part, plan);

    for (std::uint32_t kid : part.kids) {
        spill(kids_spill_.get(), fmt::format("{} 0 R\n", plan.new_numbers[kid]));
    }
    pages_ += static_cast<long>(part.kids.size());
}

// Decides each object's fate, following references from the pages: what no page uses is
// left out, and so are the length objects, whose values are written in place.
void PdfMerger::plan_part(Part& part, Plan& plan)
{
    using Fate = Plan::Fate;
    std::vector<std::uint32_t> to_visit(part.kids.rbegin(), part.kids.rend());
    while (!to_visit.empty()) {
        const std::uint32_t number = to_visit.back();
        to_visit.pop_back();
        if (number == part.page_tree) {
            continue;
        }
        if (number == part.catalog || number == part.info) {
            refuse(
                part.name,
                0,
                fmt::format("a page refers to object {}, which is not copied", number));
        }
        const pdf_syntax::IndirectObject& object = part.object(number, 0);
        Fate& fate = plan.fates[number];
        if (fate != Fate::unseen) {
            continue;
        }
        if (plan.qr_stream[number] >= 0) {
            fate = Fate::qr_form;
            continue;
        }

        std::optional<Digest> key;
        if (is_xobject(part, object)) {
            key = fold_key(part, plan, number, 0);
        }
        if (key) {
            auto earlier = folded_.find(*key);
            auto in_part = plan.first_in_part.find(*key);
            if (earlier != folded_.end()) {
                fate = Fate::folded;
                plan.new_numbers[number] = earlier->second;
                continue;
            }
            if (in_part != plan.first_in_part.end()) {
                fate = Fate::folded;
                plan.fold_target[number] = in_part->second;
                continue;
            }
            plan.first_in_part.emplace(*key, number);
        }

        fate = Fate::copied;
        const Value* length = Part::length_reference(object);
        std::vector<const Value*> references;
        pdf_syntax::collect_references(object.value, references);
        for (auto reference = references.rbegin(); reference != references.rend(); ++reference) {
            if (*reference != length) {
                to_visit.push_back((*reference)->number);
            }
        }
    }
}

// Numbers follow the part's own order, so the cross-reference entries come out in the
// order the objects are written and can go straight to the spill file.
void PdfMerger::number_objects(Plan& plan)
{
    using Fate = Plan::Fate;
    for (std::uint32_t number = 1; number < plan.fates.size(); ++number) {
        if (plan.fates[number] == Fate::copied || plan.fates[number] == Fate::qr_form) {
            plan.new_numbers[number] = next_number_++;
        }
    }
    for (std::uint32_t number = 1; number < plan.fates.size(); ++number) {
        if (plan.fates[number] != Fate::folded) {
            continue;
        }
        ++folded_objects_;
        if (plan.new_numbers[number] == dropped) {
            plan.new_numbers[number] = plan.new_numbers[plan.fold_target[number]];
        }
    }
    for (const auto& [key, number] : plan.first_in_part) {
        if (folded_.size() < max_folded_keys) {
            folded_.emplace(key, plan.new_numbers[number]);
        }
    }
}

void PdfMerger::copy_objects(Part& part, const Plan& plan)
{
    using Fate = Plan::Fate;
    auto renumber = [&](std::uint32_t number, std::size_t at) {
        if (number == part.page_tree) {
            return page_tree_number;
        }
        if (number >= plan.new_numbers.size() || plan.new_numbers[number] == dropped) {
            refuse(
                part.name,
                at,
                fmt::format("a reference to object {}, which is not copied", number));
        }
        return plan.new_numbers[number];
    };

    if (info_.empty()) {
        info_ = part.parser().renumbered(part.object(part.info, 0), renumber);
    }
    for (std::uint32_t number = 1; number < plan.fates.size(); ++number) {
        if (plan.fates[number] == Fate::qr_form) {
            const auto stream = static_cast<std::size_t>(plan.qr_stream[number]);
            write_object(
                plan.new_numbers[number],
                qr_form_text(
                    plan.qr_streams->entry(stream).width, plan.qr_streams->deflated(stream)));
            continue;
        }
        if (plan.fates[number] != Fate::copied) {
            continue;
        }
        const pdf_syntax::IndirectObject& object = part.object(number, 0);
        // A length written in place is checked against where "endstream" is first.
        const Value* length = Part::length_reference(object);
        const std::string length_value =
            length != nullptr ? std::to_string(part.stream_data(number).size()) : "";
        write_object(
            plan.new_numbers[number],
            part.parser().rewritten(object, [&](const Value& reference, std::string& out) {
                if (&reference == length) {
                    out += length_value;
                } else {
                    out += fmt::format("{} 0 R", renumber(reference.number, reference.begin));
                }
            }));
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
