#include "render/pdf_syntax.hpp"

#include "util/error.hpp"

#include <fmt/format.h>

#include <cstring>

namespace placard::render::pdf_syntax {

namespace {

// Deep enough for anything Cairo writes; a bound so that hostile nesting cannot exhaust
// the stack.
constexpr int max_depth = 32;

bool is_space(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

bool is_delimiter(char c)
{
    return std::strchr("()<>[]{}/%", c) != nullptr;
}

bool is_regular(char c)
{
    return !is_space(c) && !is_delimiter(c);
}

bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

// The end of the string that starts with "(" at `at`, or npos if `text` ends first:
// parentheses nest, a backslash escapes the next byte.
std::size_t literal_string_end(std::string_view text, std::size_t at)
{
    int open = 0;
    for (; at < text.size(); ++at) {
        char c = text[at];
        if (c == '\\') {
            ++at;
        } else if (c == '(') {
            ++open;
        } else if (c == ')' && --open == 0) {
            return at + 1;
        }
    }
    return std::string_view::npos;
}

}  // namespace

void collect_references(const Value& value, std::vector<const Value*>& references)
{
    if (value.kind == Value::Kind::reference) {
        references.push_back(&value);
    }
    for (const Value& item : value.items) {
        collect_references(item, references);
    }
}

const Value* find_entry(const Value& dictionary, std::string_view key)
{
    for (const Value& entry : dictionary.items) {
        if (entry.key == key) {
            return &entry;
        }
    }
    return nullptr;
}

Parser::Parser(std::string_view text, std::string source)
    : text_(text)
    , source_(std::move(source))
    , limit_(text.size())
{}

void Parser::refuse(const std::string& what) const
{
    throw Error(fmt::format(
        "{}: byte {}: {}; only PDF files as Cairo writes them can be merged", source_, at_, what));
}

char Parser::peek(std::size_t ahead) const
{
    return at_ + ahead < limit_ ? text_[at_ + ahead] : '\0';
}

void Parser::skip_space()
{
    while (at_ < limit_) {
        if (text_[at_] == '%') {
            while (at_ < limit_ && text_[at_] != '\n' && text_[at_] != '\r') {
                ++at_;
            }
        } else if (is_space(text_[at_])) {
            ++at_;
        } else {
            return;
        }
    }
}

Value Parser::parse(std::size_t at)
{
    at_ = at;
    limit_ = text_.size();
    return parse_value(0);
}

Value Parser::parse_value(int depth)
{
    skip_space();
    if (at_ >= limit_) {
        refuse("expected a value, found the end of the object");
    }
    if (depth > max_depth) {
        refuse(fmt::format("values nested deeper than {}", max_depth));
    }
    char c = peek();
    if (c == '<' && peek(1) == '<') {
        return parse_dictionary(depth);
    }
    if (c == '[') {
        return parse_array(depth);
    }
    if (c == '(') {
        return parse_string();
    }
    if (c == '<') {
        return parse_hex_string();
    }
    if (c == '/') {
        return parse_name();
    }
    if (is_digit(c) || c == '-' || c == '+' || c == '.') {
        return parse_number_or_reference();
    }
    return parse_keyword();
}

Value Parser::parse_dictionary(int depth)
{
    Value dictionary{Value::Kind::dictionary, at_, 0, 0, {}, {}};
    at_ += 2;
    for (skip_space(); !(peek() == '>' && peek(1) == '>'); skip_space()) {
        if (peek() != '/') {
            refuse("expected a name as dictionary key or \">>\"");
        }
        Value key = parse_name();
        Value entry = parse_value(depth + 1);
        entry.key = text_.substr(key.begin + 1, key.end - key.begin - 1);
        dictionary.items.push_back(std::move(entry));
    }
    at_ += 2;
    dictionary.end = at_;
    return dictionary;
}

Value Parser::parse_array(int depth)
{
    Value array{Value::Kind::array, at_, 0, 0, {}, {}};
    ++at_;
    for (skip_space(); peek() != ']'; skip_space()) {
        if (at_ >= limit_) {
            refuse("expected \"]\" to end the array");
        }
        array.items.push_back(parse_value(depth + 1));
    }
    ++at_;
    array.end = at_;
    return array;
}

Value Parser::parse_string()
{
    Value string{Value::Kind::string, at_, 0, 0, {}, {}};
    string.end = literal_string_end(text_.substr(0, limit_), at_);
    if (string.end == std::string_view::npos) {
        at_ = limit_;
        refuse("expected \")\" to end the string");
    }
    at_ = string.end;
    return string;
}

Value Parser::parse_hex_string()
{
    Value string{Value::Kind::string, at_, 0, 0, {}, {}};
    std::size_t close = text_.find('>', at_);
    if (close == std::string_view::npos || close >= limit_) {
        refuse("expected \">\" to end the hex string");
    }
    at_ = close + 1;
    string.end = at_;
    return string;
}

Value Parser::parse_name()
{
    Value name{Value::Kind::name, at_, 0, 0, {}, {}};
    ++at_;
    while (at_ < limit_ && is_regular(text_[at_])) {
        ++at_;
    }
    name.end = at_;
    return name;
}

bool Parser::read_unsigned(std::uint64_t& value)
{
    std::size_t start = at_;
    value = 0;
    while (at_ < limit_ && is_digit(text_[at_]) && at_ - start < 10) {
        value = value * 10 + static_cast<std::uint64_t>(text_[at_] - '0');
        ++at_;
    }
    return at_ > start && (at_ >= limit_ || !is_regular(text_[at_]));
}

// "12 0 R" is a reference; "12" alone, or "12 0" followed by anything else, is a number.
Value Parser::parse_number_or_reference()
{
    Value value{Value::Kind::number, at_, 0, 0, {}, {}};
    std::uint64_t number = 0;
    std::uint64_t generation = 0;
    if (read_unsigned(number)) {
        std::size_t after_number = at_;
        skip_space();
        if (is_digit(peek()) && read_unsigned(generation)) {
            skip_space();
            if (peek() == 'R' && (at_ + 1 >= limit_ || !is_regular(text_[at_ + 1]))) {
                value.kind = Value::Kind::reference;
                value.number = static_cast<std::uint32_t>(number);
                value.end = ++at_;
                return value;
            }
        }
        at_ = after_number;
    }
    while (at_ < limit_ && is_regular(text_[at_])) {
        ++at_;
    }
    value.end = at_;
    return value;
}

Value Parser::parse_keyword()
{
    Value keyword{Value::Kind::keyword, at_, 0, 0, {}, {}};
    while (at_ < limit_ && is_regular(text_[at_])) {
        ++at_;
    }
    keyword.end = at_;
    std::string_view word = text_.substr(keyword.begin, keyword.end - keyword.begin);
    if (word != "true" && word != "false" && word != "null") {
        at_ = keyword.begin;
        refuse(fmt::format("expected a value, found \"{}\"", word.substr(0, 20)));
    }
    return keyword;
}

IndirectObject Parser::parse_object(std::uint32_t number, std::size_t begin, std::size_t end)
{
    at_ = begin;
    limit_ = end;
    std::uint64_t found = 0;
    std::uint64_t generation = 0;
    bool header = read_unsigned(found);
    skip_space();
    header = header && read_unsigned(generation);
    skip_space();
    if (!header || found != number || generation != 0 || text_.substr(at_, 3) != "obj") {
        at_ = begin;
        refuse(fmt::format("expected \"{} 0 obj\" where the cross-reference table points", number));
    }
    at_ += 3;
    IndirectObject object{parse_value(0), end, 0};
    check_tail(end);
    if (text_.substr(at_, 6) == "stream") {
        object.stream = at_;
    }
    limit_ = text_.size();
    return object;
}

// After the value: "endobj", or a stream whose data runs to "endstream" just before it.
void Parser::check_tail(std::size_t end)
{
    skip_space();
    std::string_view rest = text_.substr(at_, end - at_);
    while (!rest.empty() && is_space(rest.back())) {
        rest.remove_suffix(1);
    }
    bool ends_object = rest.size() >= 6 && rest.substr(rest.size() - 6) == "endobj";
    bool plain = rest == "endobj";
    bool stream = rest.substr(0, 6) == "stream" && ends_object
                  && rest.find("endstream", rest.size() < 30 ? 0 : rest.size() - 30)
                         != std::string_view::npos;
    if (!plain && !stream) {
        refuse("expected \"endobj\" or a stream after the object's value");
    }
}

std::string Parser::renumbered(const IndirectObject& object, const Renumber& renumber) const
{
    return rewritten(object, [&renumber](const Value& reference, std::string& out) {
        out += fmt::format("{} 0 R", renumber(reference.number, reference.begin));
    });
}

std::string Parser::rewritten(const IndirectObject& object, const ReferenceWriter& write) const
{
    std::vector<const Value*> references;
    collect_references(object.value, references);

    std::string text;
    std::size_t copied = object.value.begin;
    for (const Value* reference : references) {
        text.append(text_.substr(copied, reference->begin - copied));
        write(*reference, text);
        copied = reference->end;
    }
    text.append(text_.substr(copied, object.end - copied));
    return text;
}

std::vector<std::string_view> content_tokens(std::string_view content, const std::string& source)
{
    std::vector<std::string_view> tokens;
    std::size_t at = 0;
    while (at < content.size()) {
        const char c = content[at];
        std::size_t end = at + 1;
        if (is_space(c)) {
            ++at;
            continue;
        }
        if (c == '%') {
            at = content.find_first_of("\r\n", at);
            at = at == std::string_view::npos ? content.size() : at;
            continue;
        }
        if (c == '(') {
            end = literal_string_end(content, at);
            if (end == std::string_view::npos) {
                throw Error(fmt::format("{}: a content stream ends inside a string", source));
            }
        } else if ((c == '<' || c == '>') && at + 1 < content.size() && content[at + 1] == c) {
            end = at + 2;
        } else if (c == '<') {
            end = content.find('>', at);
            if (end == std::string_view::npos) {
                throw Error(fmt::format("{}: a content stream ends inside a hex string", source));
            }
            ++end;
        } else if (!is_delimiter(c) || c == '/') {
            while (end < content.size() && is_regular(content[end])) {
                ++end;
            }
        }
        tokens.push_back(content.substr(at, end - at));
        if (tokens.back() == "BI") {
            throw Error(fmt::format(
                "{}: an inline image in a content stream, which placard never draws", source));
        }
        at = end;
    }
    return tokens;
}

}  // namespace placard::render::pdf_syntax
