#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace placard {

// The small part of TOML that placard templates use: [section] headers and
// key = "string" | number | true | false, with # comments. A document outside that
// subset is refused with its line, never half-read.
class SimpleToml {
public:
    static SimpleToml parse_file(const std::filesystem::path& path);
    static SimpleToml parse(const std::string& text, const std::string& source_name);

    // Values by "section.key". The typed getters throw placard::Error naming the key and
    // the line when a value has the wrong type.
    std::optional<std::string> get_string(const std::string& key) const;
    std::optional<double> get_number(const std::string& key) const;
    std::optional<bool> get_bool(const std::string& key) const;

    // Every key not in `known` is an error: a misspelt key must not be ignored in silence.
    void reject_unknown_keys(const std::initializer_list<const char*>& known) const;

private:
    struct Value {
        std::string text;
        bool quoted = false;
        long line = 0;
    };

    const Value* find(const std::string& key) const;
    std::string source_;
    std::map<std::string, Value> values_;
};

}  // namespace placard
