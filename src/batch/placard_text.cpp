#include "batch/placard_text.hpp"

#include "render/font_setup.hpp"
#include "sign/placard_code.hpp"
#include "util/error.hpp"
#include "util/persian.hpp"

#include <fmt/format.h>

#include <cstdint>

namespace placard::batch {

namespace {

std::string in_digits(const render::PlacardTemplate& look, const std::string& text)
{
    return look.wording.digits == render::Digits::persian ? to_persian_digits(text) : text;
}

// Codes (the employee code, the placard code, the batch id, the domain) are printed in
// ASCII whatever the template's digits, since people type them, and in a right-to-left
// line each is isolated as a left-to-right run: otherwise the bidi algorithm shows their
// hyphen-separated parts in reverse order (20261205-010913-1C45 as 1C45-010913-20261205),
// and Persian digits around a hyphen would be reversed even inside an isolate.
std::string typed_code(const render::PlacardWording& words, const std::string& code)
{
    if (words.direction != render::TextDirection::right_to_left) {
        return code;
    }
    return "\u2066" + code + "\u2069";
}

std::string honorific(const render::PlacardWording& words, roster::Gender gender)
{
    const std::string& word = gender == roster::Gender::female ? words.honorific_female
                              : gender == roster::Gender::male ? words.honorific_male
                                                               : std::string();
    return word.empty() ? word : word + " ";
}

}  // namespace

render::PlacardText compose_text(
    const roster::Employee& employee,
    const render::PlacardTemplate& look,
    const std::string& survey_url,
    const std::string& base_url)
{
    const render::PlacardWording& words = look.wording;
    render::PlacardText text;
    text.agency = employee.agency;
    text.full_name = fmt::format(
        "{}{} {}", honorific(words, employee.gender), employee.first_name, employee.last_name);
    text.job_title = employee.job_title;
    text.office = employee.office;
    text.employee_code_line =
        fmt::format("{}: {}", words.employee_code_label, typed_code(words, employee.employee_code));

    std::string domain =
        look.short_domain.empty() ? sign::short_domain(base_url) : look.short_domain;
    text.placard_code_line = fmt::format(
        "{}: {}  ·  {}",
        words.placard_code_label,
        typed_code(words, sign::placard_code(survey_url)),
        typed_code(words, domain));
    return text;
}

std::string footer_line(
    const render::PlacardTemplate& look, const std::string& batch_id, std::time_t print_time)
{
    const render::PlacardWording& words = look.wording;
    std::string date = calendar_date(print_time, words.calendar == render::Calendar::persian);
    return fmt::format(
        "{} {} · {} {}",
        words.batch_label,
        typed_code(words, batch_id),
        words.date_label,
        in_digits(look, date));
}

const std::string& printed_value(const roster::Employee& employee, roster::Field field)
{
    switch (field) {
    case roster::Field::first_name:
        return employee.first_name;
    case roster::Field::last_name:
        return employee.last_name;
    case roster::Field::job_title:
        return employee.job_title;
    case roster::Field::office:
        return employee.office;
    default:
        return employee.agency;
    }
}

void check_template_glyphs(const render::FontSetup& fonts, const render::PlacardTemplate& look)
{
    for (const render::TemplateText& text : look.wording.set_by_template) {
        char32_t missing = fonts.first_missing_character(text.value);
        if (missing != 0) {
            throw Error(
                fmt::format(
                    "character U+{:04X} has no glyph in the placard font '{}'; a substitute "
                    "font is never used",
                    static_cast<std::uint32_t>(missing),
                    look.font_family),
                text.source);
        }
    }
}

void check_glyphs(
    const render::FontSetup& fonts,
    const std::string& font_family,
    const roster::RosterReader& reader,
    roster::RosterRow& row)
{
    for (roster::Field field : printed_fields) {
        const std::string& value = printed_value(row.employee, field);
        char32_t missing = fonts.first_missing_character(value);
        if (missing == 0) {
            continue;
        }
        Finding finding{
            Severity::error,
            "glyph-missing",
            fmt::format(
                "character U+{:04X} has no glyph in the placard font '{}'; remove it "
                "from the source data",
                static_cast<std::uint32_t>(missing),
                font_family),
            reader.location_of(row, field)};
        row.findings.push_back(finding);
        if (row.disposition == roster::Disposition::accepted) {
            row.disposition = roster::Disposition::rejected;
            row.reason_code = finding.code;
            row.reason = finding.message;
        }
        return;
    }
}

}  // namespace placard::batch
