#include "roster/columns.hpp"

#include "roster/normalise.hpp"
#include "util/error.hpp"
#include "util/printable.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace placard::roster {

namespace {

struct Synonym {
    Field field;
    const char* name;
    bool weak;
};

// Bare "name" is left out on purpose: it may mean the first or the full name.
const Synonym synonyms[] = {
    {Field::employee_code, "employee_code", false},
    {Field::employee_code, "employee_id", false},
    {Field::employee_code, "employee_no", false},
    {Field::employee_code, "personnel_code", false},
    {Field::employee_code, "personnel_id", false},
    {Field::employee_code, "کد پرسنلی", false},
    {Field::employee_code, "شماره پرسنلی", false},
    {Field::employee_code, "personnel_no", true},
    {Field::national_code, "national_code", false},
    {Field::national_code, "national_id", false},
    {Field::national_code, "melli_code", false},
    {Field::national_code, "کد ملی", false},
    {Field::national_code, "شماره ملی", false},
    {Field::first_name, "first_name", false},
    {Field::first_name, "fname", false},
    {Field::first_name, "given_name", false},
    {Field::first_name, "نام", false},
    {Field::last_name, "last_name", false},
    {Field::last_name, "lname", false},
    {Field::last_name, "surname", false},
    {Field::last_name, "family_name", false},
    {Field::last_name, "نام خانوادگی", false},
    {Field::job_title, "job_title", false},
    {Field::job_title, "title", false},
    {Field::job_title, "post", false},
    {Field::job_title, "position", false},
    {Field::job_title, "سمت", false},
    {Field::job_title, "عنوان شغلی", false},
    {Field::office, "office", false},
    {Field::office, "unit", false},
    {Field::office, "department", false},
    {Field::office, "واحد", false},
    {Field::office, "اداره", false},
    {Field::agency, "agency", false},
    {Field::agency, "org", false},
    {Field::agency, "organization", false},
    {Field::agency, "organisation", false},
    {Field::agency, "دستگاه", false},
    {Field::agency, "سازمان", false},
    {Field::city, "city", false},
    {Field::city, "شهر", false},
    {Field::city, "شهرستان", false},
    {Field::province, "province", false},
    {Field::province, "استان", false},
    {Field::gender, "gender", false},
    {Field::gender, "sex", false},
    {Field::gender, "جنسیت", false},
    {Field::status, "status", false},
    {Field::status, "active", false},
    {Field::status, "وضعیت", false},
};

constexpr Field required_fields[] = {
    Field::employee_code, Field::national_code, Field::first_name, Field::last_name};

std::string quoted_list(const std::vector<std::string>& header)
{
    std::string text;
    for (std::size_t i = 0; i < header.size(); ++i) {
        text += i == 0 ? "" : ", ";
        text += header[i].empty() ? fmt::format("(column {}, no name)", i + 1)
                                  : fmt::format("\"{}\"", printable(header[i]));
    }
    return text;
}

SourceLocation header_location(const std::string& source)
{
    return SourceLocation{source, 1, 0, ""};
}

void claim(
    ColumnMap& map,
    Field field,
    std::size_t column,
    const std::vector<std::string>& header,
    const std::string& source)
{
    auto& slot = map.index[static_cast<std::size_t>(field)];
    if (slot && *slot != column) {
        throw Error(
            fmt::format(
                "columns \"{}\" and \"{}\" both hold {}; rename one or choose with --column "
                "{}=HEADER",
                printable(header[*slot]),
                printable(header[column]),
                field_name(field),
                field_name(field)),
            header_location(source));
    }
    slot = column;
}

void apply_overrides(
    ColumnMap& map,
    std::vector<bool>& taken,
    const std::vector<std::string>& header,
    const std::vector<std::pair<Field, std::string>>& overrides,
    const std::string& source)
{
    for (const auto& [field, name] : overrides) {
        std::string key = header_key(name);
        auto found = std::find_if(header.begin(), header.end(), [&](const std::string& h) {
            return header_key(h) == key;
        });
        if (found == header.end()) {
            throw Error(
                fmt::format(
                    "--column {}={} names no column of the roster; found columns: {}",
                    field_name(field),
                    printable(name),
                    quoted_list(header)),
                header_location(source));
        }
        auto column = static_cast<std::size_t>(found - header.begin());
        claim(map, field, column, header, source);
        taken[column] = true;
    }
}

void apply_synonyms(
    ColumnMap& map,
    std::vector<bool>& taken,
    const std::vector<std::string>& header,
    const std::string& source,
    bool weak)
{
    std::array<bool, field_count> preset{};
    for (std::size_t f = 0; f < field_count; ++f) {
        preset[f] = map.index[f].has_value();
    }

    for (std::size_t column = 0; column < header.size(); ++column) {
        auto match = match_header(header[column]);
        if (taken[column] || !match || match->weak != weak) {
            continue;
        }
        if (preset[static_cast<std::size_t>(match->field)]) {
            continue;  // an override or a stronger synonym already holds this field
        }
        claim(map, match->field, column, header, source);
        taken[column] = true;
    }
}

void require_columns(
    const ColumnMap& map, const std::vector<std::string>& header, const std::string& source)
{
    std::string missing;
    for (Field field : required_fields) {
        if (!map.column(field)) {
            missing += missing.empty() ? "" : ", ";
            missing += field_name(field);
        }
    }
    if (missing.empty()) {
        return;
    }
    // A header read as one column usually means the delimiter was not the one in use.
    std::string hint = header.size() == 1
                           ? "check the delimiter (--delimiter ',', ';' or 'tab')"
                           : "rename the headers or map them with --column FIELD=HEADER";
    throw Error(
        fmt::format(
            "missing required column{} {}; found columns: {}; {}",
            missing.find(',') == std::string::npos ? "" : "s",
            missing,
            quoted_list(header),
            hint),
        header_location(source));
}

}  // namespace

const char* field_name(Field field)
{
    static const char* const names[] = {
        "employee_code",
        "national_code",
        "first_name",
        "last_name",
        "job_title",
        "office",
        "agency",
        "city",
        "province",
        "gender",
        "status",
    };
    return names[static_cast<std::size_t>(field)];
}

std::string header_key(std::string_view name)
{
    std::string text = normalise_text(name).text;
    std::string key;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == ' ' || c == '_' || c == '-') {
            continue;
        }
        if (text.compare(i, 3, "\u200C") == 0) {
            i += 2;
            continue;
        }
        key += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return key;
}

std::optional<HeaderMatch> match_header(std::string_view name)
{
    // The synonyms' keys are normalised once: normalising all of them again for every
    // column made a header of many thousand columns take minutes.
    static const std::vector<std::string> synonym_keys = [] {
        std::vector<std::string> keys;
        for (const Synonym& synonym : synonyms) {
            keys.push_back(header_key(synonym.name));
        }
        return keys;
    }();

    std::string key = header_key(name);
    for (std::size_t i = 0; i < synonym_keys.size(); ++i) {
        if (synonym_keys[i] == key) {
            return HeaderMatch{synonyms[i].field, synonyms[i].weak};
        }
    }
    return std::nullopt;
}

ColumnMap map_columns(
    const std::vector<std::string>& header,
    const std::vector<std::pair<Field, std::string>>& overrides,
    const std::string& source)
{
    ColumnMap map;
    std::vector<bool> taken(header.size(), false);

    apply_overrides(map, taken, header, overrides, source);
    apply_synonyms(map, taken, header, source, false);
    apply_synonyms(map, taken, header, source, true);
    require_columns(map, header, source);

    for (std::size_t column = 0; column < header.size(); ++column) {
        if (!taken[column]) {
            map.unused.push_back(column);
        }
    }
    return map;
}

std::size_t filter_column(const ColumnMap& columns, Field field, const std::string& source)
{
    std::optional<std::size_t> column = columns.column(field);
    if (!column) {
        throw Error(
            fmt::format(
                "cannot filter by {}: no column holds it; map one with --column {}=HEADER",
                field_name(field),
                field_name(field)),
            SourceLocation{source});
    }
    return *column;
}

}  // namespace placard::roster
