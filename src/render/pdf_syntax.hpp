#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

// Just enough of the PDF object syntax to copy objects from one file into another:
// values are parsed to find their extent and their references, and copied back byte for
// byte with only the referenced object numbers changed. Used by the PDF merger.
namespace placard::render::pdf_syntax {

struct Value {
    enum class Kind { dictionary, array, reference, number, name, string, keyword };

    Kind kind = Kind::keyword;
    std::size_t begin = 0;  // offsets in the whole file
    std::size_t end = 0;
    std::uint32_t number = 0;  // a reference's object number
    std::string_view key;      // a dictionary entry's key, without the slash
    std::vector<Value> items;  // a dictionary's entries or an array's items
};

// Every reference in `value`, at any depth, in the order they appear.
void collect_references(const Value& value, std::vector<const Value*>& references);

// The entry `key` of a dictionary, or nullptr.
const Value* find_entry(const Value& dictionary, std::string_view key);

// "N 0 obj VALUE [stream ... endstream] endobj", as found between `begin` and `end`.
struct IndirectObject {
    Value value;
    std::size_t end = 0;     // the end of the object's bytes, "endobj" and its line end included
    std::size_t stream = 0;  // where the keyword "stream" starts; 0 if the object has none
};

// Gives the new number for an old one; `at` is where the reference is, for errors.
using Renumber = std::function<std::uint32_t(std::uint32_t number, std::size_t at)>;

// Appends to `out` what is to stand in the place of `reference`.
using ReferenceWriter = std::function<void(const Value& reference, std::string& out)>;

// The tokens of a content stream, in order: operators, numbers, names (with their
// slash), strings (whole, with their delimiters) and the delimiters << >> [ ] one each.
// A string's text is one token, so an operator inside it is never taken for one. Throws
// placard::Error naming `source` for an inline image (BI), which placard never draws,
// or an unterminated string.
std::vector<std::string_view> content_tokens(std::string_view content, const std::string& source);

// Throws placard::Error naming `source` and the byte offset for anything it does not
// understand.
class Parser {
public:
    Parser(std::string_view text, std::string source);

    // One value starting at (or after white space from) `at`.
    Value parse(std::size_t at);

    // Object `number`, which must start at `begin` and end before `end`.
    IndirectObject parse_object(std::uint32_t number, std::size_t begin, std::size_t end);

    // The object's value and everything after it up to its end (a stream's data copied
    // untouched), with every reference renumbered.
    std::string renumbered(const IndirectObject& object, const Renumber& renumber) const;

    // The same with each reference replaced by what `write` appends in its place.
    std::string rewritten(const IndirectObject& object, const ReferenceWriter& write) const;

private:
    Value parse_value(int depth);
    Value parse_dictionary(int depth);
    Value parse_array(int depth);
    Value parse_string();
    Value parse_hex_string();
    Value parse_name();
    Value parse_number_or_reference();
    Value parse_keyword();
    bool read_unsigned(std::uint64_t& value);
    void skip_space();
    char peek(std::size_t ahead = 0) const;
    void check_tail(std::size_t end);
    [[noreturn]] void refuse(const std::string& what) const;

    std::string_view text_;
    std::string source_;
    std::size_t at_ = 0;
    std::size_t limit_ = 0;
};

}  // namespace placard::render::pdf_syntax
