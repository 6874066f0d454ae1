#pragma once

#include "roster/roster_reader.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace placard::roster {

inline constexpr std::size_t field_count = 11;

// A header name reduced for matching: normalised like a name, ASCII lower case, with
// spaces, underscores, hyphens and ZWNJ removed ("Employee ID" and "employee_id" agree,
// as do "کد پرسنلي" with Arabic Yeh and "کد پرسنلی").
std::string header_key(std::string_view name);

struct HeaderMatch {
    Field field;
    bool weak;  // used only if no other column names the field ("personnel_no")
};

// The field a header names by one of its English or Persian synonyms.
std::optional<HeaderMatch> match_header(std::string_view name);

// Which column holds each field, and which columns nothing uses.
struct ColumnMap {
    std::array<std::optional<std::size_t>, field_count> index;  // 0-based, by Field
    std::vector<std::size_t> unused;

    std::optional<std::size_t> column(Field field) const
    {
        return index[static_cast<std::size_t>(field)];
    }
};

// Maps the header to fields, overrides first. Throws placard::Error (at `source` line 1)
// when a required column is missing, two columns claim one field, or an override names a
// header that is not there.
ColumnMap map_columns(
    const std::vector<std::string>& header,
    const std::vector<std::pair<Field, std::string>>& overrides,
    const std::string& source);

// The column a --province/--city/--agency filter compares; throws placard::Error naming
// `source` when no column holds the field.
std::size_t filter_column(const ColumnMap& columns, Field field, const std::string& source);

}  // namespace placard::roster
