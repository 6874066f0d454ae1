#include "roster/row_validator.hpp"

#include "roster/national_code.hpp"
#include "roster/normalise.hpp"
#include "util/printable.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace placard::roster {

namespace {

bool is_printed_text(Field field)
{
    switch (field) {
    case Field::first_name:
    case Field::last_name:
    case Field::job_title:
    case Field::office:
    case Field::agency:
    case Field::city:
    case Field::province:
        return true;
    default:
        return false;
    }
}

bool is_required(Field field)
{
    return field == Field::employee_code || field == Field::national_code
           || field == Field::first_name || field == Field::last_name;
}

bool is_code(Field field)
{
    return field == Field::employee_code || field == Field::national_code;
}

std::string* text_slot(Employee& employee, Field field)
{
    switch (field) {
    case Field::first_name:
        return &employee.first_name;
    case Field::last_name:
        return &employee.last_name;
    case Field::job_title:
        return &employee.job_title;
    case Field::office:
        return &employee.office;
    case Field::agency:
        return &employee.agency;
    case Field::city:
        return &employee.city;
    case Field::province:
        return &employee.province;
    default:
        return nullptr;
    }
}

// Lower-case ASCII key of a normalised value, for matching words such as "Male".
std::string word_key(std::string_view value)
{
    std::string key = normalise_text(value).text;
    std::transform(key.begin(), key.end(), key.begin(), [](char c) {
        return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    });
    return key;
}

// The keys of a list of words, made once: normalising them for every row cost more than
// the rest of the row's checks.
using WordKeys = std::vector<std::string>;

WordKeys word_keys(std::initializer_list<const char*> words)
{
    WordKeys keys;
    for (const char* word : words) {
        keys.push_back(word_key(word));
    }
    return keys;
}

bool is_one_of(const std::string& key, const WordKeys& keys)
{
    return std::find(keys.begin(), keys.end(), key) != keys.end();
}

std::string describe_character(char32_t c)
{
    if (c > 0x20 && c < 0x7F) {
        return fmt::format("'{}'", static_cast<char>(c));
    }
    return fmt::format("U+{:04X}", static_cast<unsigned>(c));
}

FieldIssue error(std::string code, std::string message)
{
    return FieldIssue{Severity::error, std::move(code), std::move(message)};
}

std::string without_zwnj(const std::string& text)
{
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 3, "\u200C") == 0) {
            i += 2;
            continue;
        }
        out += text[i];
    }
    return out;
}

void sort_by_column(RosterRow& row)
{
    std::stable_sort(
        row.findings.begin(), row.findings.end(), [](const Finding& a, const Finding& b) {
            return a.where.column < b.where.column;
        });
}

}  // namespace

std::size_t field_length_limit(Field field)
{
    switch (field) {
    case Field::employee_code:
        return 32;
    case Field::first_name:
    case Field::last_name:
    case Field::city:
    case Field::province:
        return 60;
    case Field::job_title:
    case Field::office:
    case Field::agency:
        return 120;
    case Field::gender:
    case Field::status:
        return 32;
    case Field::national_code:
        return 0;
    }
    return 0;
}

std::optional<FieldIssue> check_employee_code(std::string_view code)
{
    auto is_alnum = [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    };

    std::size_t bad = 0;
    while (bad < code.size() && (is_alnum(code[bad]) || (bad > 0 && code[bad] == '-'))) {
        ++bad;
    }
    if (bad == code.size() && code.size() <= 32) {
        return std::nullopt;
    }

    std::string found = "a value longer than 32 characters";
    if (bad < code.size()) {
        auto lead = static_cast<unsigned char>(code[bad]);
        found = fmt::format(
            "{} at position {}",
            lead < 0x80 ? describe_character(lead) : "a character outside ASCII",
            code_point_count(code.substr(0, bad)) + 1);
    }
    return error(
        "employee-code-format",
        fmt::format(
            "employee code must be 1 to 32 Latin letters, digits or '-', starting with a "
            "letter or digit; found {}",
            found));
}

std::optional<Gender> parse_gender(std::string_view value)
{
    std::string key = word_key(value);
    if (key.empty()) {
        return Gender::unknown;
    }
    static const WordKeys male = word_keys({"male", "m", "man", "مرد", "آقا", "مذکر", "1"});
    static const WordKeys female =
        word_keys({"female", "f", "woman", "زن", "خانم", "مونث", "مؤنث", "2"});
    if (is_one_of(key, male)) {
        return Gender::male;
    }
    if (is_one_of(key, female)) {
        return Gender::female;
    }
    return std::nullopt;
}

std::optional<bool> parse_active(std::string_view value)
{
    static const WordKeys active = word_keys({"active", "1", "true", "yes", "y", "فعال", "شاغل"});
    static const WordKeys inactive = word_keys(
        {"inactive",
         "retired",
         "0",
         "false",
         "no",
         "n",
         "غیرفعال",
         "غیر فعال",
         "غیر\u200Cفعال",
         "بازنشسته"});
    std::string key = word_key(value);
    if (key.empty() || is_one_of(key, active)) {
        return true;
    }
    if (is_one_of(key, inactive)) {
        return false;
    }
    return std::nullopt;
}

struct RowValidator::RowState {
    bool inactive = false;
    std::array<bool, field_count> usable{};  // the field's value passed its own checks
};

RowValidator::RowValidator(
    SourceLocation origin,
    std::vector<std::string> header,
    ColumnMap columns,
    bool pad_national_code)
    : origin_(std::move(origin))
    , header_(std::move(header))
    , columns_(std::move(columns))
    , pad_national_code_(pad_national_code)
{}

void RowValidator::validate(RosterRow& row)
{
    RowState state;
    if (is_blank(row)) {
        skip(row, "empty-row", "row holds no value; skipped", no_column);
        return;
    }

    if (field_count_ok(row)) {
        check_control_characters(row);
        if (check_status(row, state)) {
            return;
        }
        for (std::size_t f = 0; f < field_count; ++f) {
            auto column = columns_.index[f];
            if (column && static_cast<Field>(f) != Field::status) {
                check_field(row, state, static_cast<Field>(f), *column);
            }
        }
        check_duplicates(row, state);
        check_name_variants(row, state);
    }
    decide(row);
}

// Spreadsheets export rows whose cells were only formatted as ",,,,"; they hold no
// employee. A row with decoding or quoting problems is not blank: bytes were there.
bool RowValidator::is_blank(const RosterRow& row)
{
    if (!row.findings.empty()) {
        return false;
    }
    return std::all_of(row.fields.begin(), row.fields.end(), [](const std::string& field) {
        return field.find_first_not_of(" \t\r\n") == std::string::npos;
    });
}

// The status is read first, so that an inactive row is skipped before anything else in
// it is judged. Returns true when the row was skipped.
bool RowValidator::check_status(RosterRow& row, RowState& state)
{
    std::optional<std::size_t> column = columns_.column(Field::status);
    if (!column) {
        return false;
    }
    check_field(row, state, Field::status, *column);
    if (!state.inactive) {
        return false;
    }
    std::string value = normalise_text(row.fields[*column]).text;
    std::string reason =
        fmt::format("status \"{}\" says the employee is not active; skipped", printable(value));
    skip(row, "status-inactive", std::move(reason), *column);
    return true;
}

void RowValidator::skip(
    RosterRow& row, std::string code, std::string reason, std::size_t column) const
{
    // A skipped row prints nothing, so its problems cannot spoil a placard; they stay
    // listed, as warnings, so that the source can still be corrected.
    for (Finding& finding : row.findings) {
        if (finding.severity == Severity::error) {
            finding.severity = Severity::warning;
        }
    }
    add(row, column, FieldIssue{Severity::info, code, reason});
    sort_by_column(row);

    row.disposition = Disposition::skipped;
    row.reason_code = std::move(code);
    row.reason = std::move(reason);
}

bool RowValidator::has_error_at(const RosterRow& row, std::size_t column)
{
    auto number = static_cast<long>(column) + 1;
    return std::any_of(row.findings.begin(), row.findings.end(), [&](const Finding& finding) {
        return finding.severity == Severity::error && finding.where.column == number;
    });
}

// With the wrong number of fields the values are in the wrong columns, so nothing else
// is checked.
bool RowValidator::field_count_ok(RosterRow& row) const
{
    if (row.fields.size() == header_.size()) {
        return true;
    }

    // A quoting error already explains the count; reporting both would make the count
    // look like the cause.
    bool quoting = std::any_of(row.findings.begin(), row.findings.end(), [](const Finding& f) {
        return f.code.starts_with("csv-");
    });
    if (!quoting) {
        std::string message = fmt::format(
            "expected {} fields as in the header, found {}", header_.size(), row.fields.size());
        add(row, no_column, error("field-count", std::move(message)));
    }
    return false;
}

// Unused columns go to the rejects file as well, so they are checked too.
void RowValidator::check_control_characters(RosterRow& row) const
{
    for (std::size_t column = 0; column < row.fields.size(); ++column) {
        auto control = find_control_character(row.fields[column]);
        if (control && !has_error_at(row, column)) {
            std::string message = fmt::format(
                "control character {} in the value; remove it from the source",
                describe_character(*control));
            add(row, column, error("control-character", std::move(message)));
        }
    }
}

void RowValidator::check_field(RosterRow& row, RowState& state, Field field, std::size_t column)
{
    // A value that could not be decoded or holds a control character is not checked
    // further: its other findings would only repeat the same problem.
    if (has_error_at(row, column)) {
        return;
    }

    const std::string& raw = row.fields[column];
    NormalisedText value = is_code(field) ? normalise_code(raw) : normalise_text(raw);
    if (is_printed_text(field) && value.changes.worth_reporting()) {
        std::string message = fmt::format(
            "text changed: {}; correct the source roster to keep it as printed",
            describe_changes(value.changes));
        add(row, column, FieldIssue{Severity::warning, "text-normalised", std::move(message)});
    }

    if (auto issue = check_size(field, value.text)) {
        add(row, column, std::move(*issue));
        return;
    }
    if (field == Field::gender || field == Field::status) {
        check_choice(row, state, field, column, value.text);
    } else {
        check_value(row, state, field, column, value.text);
    }
}

std::optional<FieldIssue> RowValidator::check_size(Field field, const std::string& value)
{
    std::size_t limit = field_length_limit(field);
    std::size_t length = code_point_count(value);
    if (limit > 0 && length > limit) {
        return error(
            "field-too-long",
            fmt::format(
                "{} has {} characters, more than the limit of {}",
                field_name(field),
                length,
                limit));
    }
    if (value.empty() && is_required(field)) {
        return error(
            "required-field-empty", fmt::format("required field {} is empty", field_name(field)));
    }
    return std::nullopt;
}

void RowValidator::check_value(
    RosterRow& row, RowState& state, Field field, std::size_t column, const std::string& value)
{
    bool usable = true;
    if (field == Field::employee_code) {
        if (auto issue = check_employee_code(value)) {
            add(row, column, *issue);
            usable = false;
        }
        row.employee.employee_code = value;
    } else if (field == Field::national_code) {
        NationalCodeCheck check = check_national_code(value, pad_national_code_);
        for (FieldIssue& issue : check.issues) {
            usable = usable && issue.severity != Severity::error;
            add(row, column, std::move(issue));
        }
        row.employee.national_code = check.code;
    } else if (std::string* slot = text_slot(row.employee, field)) {
        *slot = value;
    }
    state.usable[static_cast<std::size_t>(field)] = usable;
}

void RowValidator::check_choice(
    RosterRow& row, RowState& state, Field field, std::size_t column, const std::string& value)
{
    if (field == Field::gender) {
        auto gender = parse_gender(value);
        if (!gender) {
            add(row,
                column,
                FieldIssue{
                    Severity::warning,
                    "gender-unknown",
                    "gender not recognised, treated as unknown; use male or female (مرد or زن)"});
        }
        row.employee.gender = gender.value_or(Gender::unknown);
        return;
    }

    auto active = parse_active(value);
    if (!active) {
        add(row,
            column,
            error(
                "status-unknown",
                "status not recognised; use active or inactive (فعال or غیرفعال)"));
    }
    state.inactive = active.has_value() && !*active;
}

void RowValidator::check_duplicates(RosterRow& row, const RowState& state)
{
    auto report = [&](Field field, long first_line, const char* label) {
        std::string code = fmt::format("duplicate-{}", field_name(field));
        std::replace(code.begin(), code.end(), '_', '-');
        std::string message = fmt::format(
            "{} already used on {} {}; the first row with it is kept",
            label,
            line_word(origin_),
            first_line);
        add(row, *columns_.column(field), error(std::move(code), std::move(message)));
    };

    if (state.usable[static_cast<std::size_t>(Field::employee_code)]) {
        if (auto first = first_employee_code_line(row.employee.employee_code, row.line)) {
            report(Field::employee_code, *first, "employee code");
        }
    }
    if (state.usable[static_cast<std::size_t>(Field::national_code)]) {
        std::uint64_t key = national_code_key(row.employee.national_code);
        if (auto first = national_codes_.insert(key, row.line)) {
            report(Field::national_code, first->line, "national code");
        }
    }
}

// Codes differing only in letter case would collide in file names and URLs, so both
// forms of key ignore case. Codes of up to 12 characters, nearly all of them, are kept
// as exact numbers; longer ones as strings.
std::optional<long> RowValidator::first_employee_code_line(const std::string& code, long line)
{
    if (std::optional<std::uint64_t> key = employee_code_key(code)) {
        std::optional<LineIndex::Seen> first = employee_codes_.insert(*key, line);
        return first ? std::optional<long>(first->line) : std::nullopt;
    }

    std::string upper = code;
    std::transform(upper.begin(), upper.end(), upper.begin(), [](char c) {
        return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    });
    auto [first, inserted] = long_employee_codes_.emplace(std::move(upper), line);
    return inserted ? std::nullopt : std::optional<long>(first->second);
}

// Two rows whose names differ only by ZWNJ are most likely one person typed twice. Both
// are kept, since the spelling may be right in each, but HR is told. The index keeps a
// hash of the name without ZWNJ and, as its tag, 16 bits of each exact spelling.
void RowValidator::check_name_variants(RosterRow& row, const RowState& state)
{
    bool names_usable = state.usable[static_cast<std::size_t>(Field::first_name)]
                        && state.usable[static_cast<std::size_t>(Field::last_name)];
    if (!names_usable) {
        return;
    }

    const Employee& employee = row.employee;
    std::hash<std::string> hash;
    std::string loose = without_zwnj(employee.first_name) + '\n' + without_zwnj(employee.last_name);
    auto first_tag = static_cast<std::uint32_t>(hash(employee.first_name) & 0xFFFF);
    auto last_tag = static_cast<std::uint32_t>(hash(employee.last_name) & 0xFFFF);
    std::optional<LineIndex::Seen> first =
        names_.insert(hash(loose), row.line, first_tag << 16 | last_tag);
    if (!first || first->tag == (first_tag << 16 | last_tag)) {
        return;
    }

    Field differs = first->tag >> 16 != first_tag ? Field::first_name : Field::last_name;
    std::string message = fmt::format(
        "name differs from the one on line {} only by zero-width non-joiners; if both rows "
        "are one person, use one spelling in the source",
        first->line);
    add(row,
        *columns_.column(differs),
        FieldIssue{Severity::warning, "name-zwnj-variant", std::move(message)});
}

void RowValidator::add(RosterRow& row, std::size_t column, FieldIssue issue) const
{
    Finding finding;
    finding.severity = issue.severity;
    finding.code = std::move(issue.code);
    finding.message = std::move(issue.message);
    finding.where = origin_;
    finding.where.line = row.line;
    if (column < header_.size()) {
        finding.where.column = static_cast<long>(column) + 1;
        finding.where.field = header_[column];
    }
    row.findings.push_back(std::move(finding));
}

void RowValidator::decide(RosterRow& row) const
{
    sort_by_column(row);

    auto first_error = std::find_if(row.findings.begin(), row.findings.end(), [](const Finding& f) {
        return f.severity == Severity::error;
    });
    if (first_error != row.findings.end()) {
        row.disposition = Disposition::rejected;
        row.reason_code = first_error->code;
        row.reason = first_error->message;
    } else {
        row.disposition = Disposition::accepted;
    }
}

}  // namespace placard::roster
