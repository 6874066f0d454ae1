#include "util/simple_toml.hpp"

#include "util/error.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <sstream>

namespace placard {

namespace {

std::string trim(const std::string& text)
{
    std::size_t first = text.find_first_not_of(" \t\r");
    if (first == std::string::npos) {
        return "";
    }
    std::size_t last = text.find_last_not_of(" \t\r");
    return text.substr(first, last - first + 1);
}

// Drops a # comment that is not inside a quoted string.
std::string strip_comment(const std::string& line)
{
    bool in_string = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '"') {
            in_string = !in_string;
        } else if (line[i] == '#' && !in_string) {
            return line.substr(0, i);
        }
    }
    return line;
}

bool is_bare_key(const std::string& key)
{
    if (key.empty()) {
        return false;
    }
    for (char c : key) {
        bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                       || c == '_' || c == '-';
        if (!allowed) {
            return false;
        }
    }
    return true;
}

}  // namespace

SimpleToml SimpleToml::parse_file(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error(
            fmt::format("cannot read template {}: {}", path.string(), std::strerror(errno)));
    }
    std::ostringstream text;
    text << in.rdbuf();
    return parse(text.str(), path.string());
}

SimpleToml SimpleToml::parse(const std::string& text, const std::string& source_name)
{
    SimpleToml document;
    document.source_ = source_name;
    std::istringstream lines(text);
    std::string raw;
    std::string section;
    long number = 0;
    while (std::getline(lines, raw)) {
        ++number;
        SourceLocation where{source_name, number, 0, ""};
        std::string line = trim(strip_comment(raw));
        if (line.empty()) {
            continue;
        }
        if (line.front() == '[') {
            if (line.back() != ']' || !is_bare_key(trim(line.substr(1, line.size() - 2)))) {
                throw Error("malformed section header; expected [name]", where);
            }
            section = trim(line.substr(1, line.size() - 2));
            continue;
        }
        std::size_t equals = line.find('=');
        std::string key = equals == std::string::npos ? "" : trim(line.substr(0, equals));
        if (!is_bare_key(key)) {
            throw Error("malformed line; expected key = value", where);
        }
        std::string value = trim(line.substr(equals + 1));
        Value parsed{value, false, number};
        if (!value.empty() && value.front() == '"') {
            if (value.size() < 2 || value.back() != '"' || value.find('"', 1) != value.size() - 1) {
                throw Error(
                    fmt::format("value of \"{}\" is not a simple quoted string", key), where);
            }
            parsed = Value{value.substr(1, value.size() - 2), true, number};
        }
        std::string full_key = section.empty() ? key : fmt::format("{}.{}", section, key);
        if (!document.values_.emplace(full_key, parsed).second) {
            throw Error(fmt::format("key \"{}\" is set twice", full_key), where);
        }
    }
    return document;
}

const SimpleToml::Value* SimpleToml::find(const std::string& key) const
{
    auto found = values_.find(key);
    return found == values_.end() ? nullptr : &found->second;
}

std::optional<std::string> SimpleToml::get_string(const std::string& key) const
{
    const Value* value = find(key);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (!value->quoted) {
        throw Error(
            fmt::format("\"{}\" must be a quoted string", key),
            SourceLocation{source_, value->line, 0, ""});
    }
    return value->text;
}

std::optional<double> SimpleToml::get_number(const std::string& key) const
{
    const Value* value = find(key);
    if (value == nullptr) {
        return std::nullopt;
    }
    double number = 0;
    const char* end = value->text.data() + value->text.size();
    auto [stop, error] = std::from_chars(value->text.data(), end, number);
    if (value->quoted || error != std::errc() || stop != end) {
        throw Error(
            fmt::format("\"{}\" must be a number", key),
            SourceLocation{source_, value->line, 0, ""});
    }
    return number;
}

std::optional<bool> SimpleToml::get_bool(const std::string& key) const
{
    const Value* value = find(key);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (value->quoted || (value->text != "true" && value->text != "false")) {
        throw Error(
            fmt::format("\"{}\" must be true or false", key),
            SourceLocation{source_, value->line, 0, ""});
    }
    return value->text == "true";
}

void SimpleToml::reject_unknown_keys(const std::initializer_list<const char*>& known) const
{
    for (const auto& [key, value] : values_) {
        bool listed = false;
        for (const char* name : known) {
            listed = listed || key == name;
        }
        if (!listed) {
            throw Error(
                fmt::format("unknown template key \"{}\"", key),
                SourceLocation{source_, value.line, 0, ""});
        }
    }
}

}  // namespace placard
