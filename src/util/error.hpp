#pragma once

#include "util/finding.hpp"
#include "util/printable.hpp"

#include <stdexcept>
#include <string>

namespace placard {

std::string format_location(const SourceLocation& where);

// A condition that stops the run: an unreadable file, a missing column, a missing font,
// a bad key. It carries the location it is about so the message always names the file.
// Internal bugs use std::logic_error instead, never this type.
class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message, SourceLocation where = {})
        : std::runtime_error(with_location(message, where))
        , where_(std::move(where))
    {}

    const SourceLocation& where() const { return where_; }

private:
    static std::string with_location(const std::string& message, const SourceLocation& where)
    {
        std::string location = format_location(where);
        std::string text = location.empty() ? message : location + ": " + message;
        if (!where.field.empty()) {
            text += " (field \"" + printable(where.field) + "\")";
        }
        return text;
    }

    SourceLocation where_;
};

}  // namespace placard
