#pragma once

#include "roster/columns.hpp"
#include "roster/field_issue.hpp"
#include "roster/line_index.hpp"
#include "roster/roster_reader.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace placard::roster {

// Longest value allowed for a field, in code points; 0 when the field has no limit of
// its own (the national code is checked digit by digit instead).
std::size_t field_length_limit(Field field);

// An employee code goes into URL paths and file names: 1 to 32 ASCII letters, digits
// and '-', starting with a letter or digit. Expects the normalised value.
std::optional<FieldIssue> check_employee_code(std::string_view code);

// male/m/مرد/آقا/1 and female/f/زن/خانم/2, any case; empty is unknown; nullopt when the
// value is none of these.
std::optional<Gender> parse_gender(std::string_view value);

// Whether a status value says active (true) or inactive (false); empty is active;
// nullopt when the value is not recognised.
std::optional<bool> parse_active(std::string_view value);

// Checks and normalises the rows of one roster, in order. Holds the employee and
// national codes seen so far (with the line of their first row) for the duplicate checks,
// and a hash of each full name to notice names that differ only by ZWNJ, in compact
// indexes: three tables of 16-byte slots, kept between three eighths and three quarters
// full, so 64 to 128 bytes a row in all. A row whose status says inactive, or that holds no value
// at all, is skipped: it prints nothing, so only its status is checked and it takes no part in the
// duplicate checks.
class RowValidator {
public:
    // `origin` names the source (and whether it counts lines or rows) for findings.
    RowValidator(
        SourceLocation origin,
        std::vector<std::string> header,
        ColumnMap columns,
        bool pad_national_code);

    // Fills row.employee, adds findings to those already in row.findings (decoding and
    // quoting problems), sorts them by column and sets the disposition.
    void validate(RosterRow& row);

private:
    struct RowState;

    static constexpr std::size_t no_column = static_cast<std::size_t>(-1);

    static bool has_error_at(const RosterRow& row, std::size_t column);
    static bool is_blank(const RosterRow& row);
    bool check_status(RosterRow& row, RowState& state);
    void skip(RosterRow& row, std::string code, std::string reason, std::size_t column) const;
    static std::optional<FieldIssue> check_size(Field field, const std::string& value);
    bool field_count_ok(RosterRow& row) const;
    void check_control_characters(RosterRow& row) const;
    void check_field(RosterRow& row, RowState& state, Field field, std::size_t column);
    void check_value(
        RosterRow& row, RowState& state, Field field, std::size_t column, const std::string& value);
    void check_choice(
        RosterRow& row, RowState& state, Field field, std::size_t column, const std::string& value);
    void check_duplicates(RosterRow& row, const RowState& state);
    std::optional<long> first_employee_code_line(const std::string& code, long line);
    void check_name_variants(RosterRow& row, const RowState& state);
    void add(RosterRow& row, std::size_t column, FieldIssue issue) const;
    void decide(RosterRow& row) const;

    SourceLocation origin_;
    std::vector<std::string> header_;
    ColumnMap columns_;
    bool pad_national_code_;
    LineIndex employee_codes_;
    std::unordered_map<std::string, long> long_employee_codes_;  // over 12 characters
    LineIndex national_codes_;
    LineIndex names_;
};

}  // namespace placard::roster
