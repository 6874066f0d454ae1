#include "render/placard_template.hpp"

#include "render/logo.hpp"
#include "util/error.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <initializer_list>
#include <optional>
#include <sstream>
#include <string_view>
#include <system_error>

namespace placard::render {

namespace {

// Every key a template may hold; anything else is refused, so a misspelt key is never
// ignored in silence.
constexpr std::string_view known_keys[] = {
    "page.orientation",
    "qr.size_mm",
    "qr.error_correction",
    "qr.max_version",
    "qr.min_module_mm",
    "font.family",
    "font.dir",
    "font.agency_pt",
    "font.name_pt",
    "font.detail_pt",
    "font.call_to_action_pt",
    "font.code_pt",
    "brand.colour",
    "brand.header_text_colour",
    "brand.text_colour",
    "logo.file",
    "logo.height_mm",
    "survey.short_domain",
    "text.header",
    "text.call_to_action",
    "text.employee_code_label",
    "text.placard_code_label",
    "text.batch_label",
    "text.date_label",
    "text.ruler_label",
    "text.language",
    "text.direction",
    "text.digits",
    "text.calendar",
    "honorifics.female",
    "honorifics.male"};

SourceLocation location_of(
    const std::string& source, const toml::source_region& region, std::string_view key)
{
    return SourceLocation{
        source,
        static_cast<long>(region.begin.line),
        static_cast<long>(region.begin.column),
        std::string(key),
        false};
}

const char* type_name(const toml::node& node)
{
    switch (node.type()) {
    case toml::node_type::string:
        return "a string";
    case toml::node_type::integer:
    case toml::node_type::floating_point:
        return "a number";
    case toml::node_type::boolean:
        return "a boolean";
    case toml::node_type::table:
        return "a table";
    case toml::node_type::array:
        return "an array";
    default:
        return "a date or time";
    }
}

// Reads typed values by "table.key", each error naming the file, line, column and key.
class TemplateReader {
public:
    TemplateReader(const toml::table& root, std::string source)
        : root_(root)
        , source_(std::move(source))
    {}

    void reject_unknown_keys() const;

    std::optional<std::string> text(std::string_view key) const;
    std::optional<double> number(std::string_view key, double low, double high) const;
    std::optional<int> integer(std::string_view key, int low, int high) const;
    std::optional<std::string> choice(
        std::string_view key, std::initializer_list<std::string_view> allowed) const;
    std::optional<Colour> colour(std::string_view key) const;

    [[noreturn]] void fail(std::string_view key, const std::string& message) const;

    SourceLocation where(std::string_view key) const
    {
        return location_of(source_, find(key)->source(), key);
    }

    const std::string& source() const { return source_; }

    const toml::table& root() const { return root_; }

private:
    const toml::node* find(std::string_view key) const { return toml::at_path(root_, key).node(); }

    [[noreturn]] void wrong_type(std::string_view key, const char* expected) const
    {
        const toml::node* node = find(key);
        throw Error(
            fmt::format("expected {}, found {}", expected, type_name(*node)),
            location_of(source_, node->source(), key));
    }

    const toml::table& root_;
    std::string source_;
};

void TemplateReader::reject_unknown_keys() const
{
    auto is_known = [](const std::string& key) {
        return std::find(std::begin(known_keys), std::end(known_keys), key) != std::end(known_keys);
    };
    for (const auto& [section, node] : root_) {
        const toml::table* table = node.as_table();
        if (table == nullptr) {
            throw Error(
                fmt::format(
                    "unknown key \"{}\" outside any table; every key belongs to a table such as "
                    "[qr] or [text]",
                    section.str()),
                location_of(source_, section.source(), section.str()));
        }
        for (const auto& [name, value] : *table) {
            std::string key = fmt::format("{}.{}", section.str(), name.str());
            if (!is_known(key)) {
                throw Error(
                    "unknown key; docs/templates.md lists every key",
                    location_of(source_, name.source(), key));
            }
        }
    }
}

void TemplateReader::fail(std::string_view key, const std::string& message) const
{
    throw Error(message, location_of(source_, find(key)->source(), key));
}

std::optional<std::string> TemplateReader::text(std::string_view key) const
{
    const toml::node* node = find(key);
    if (node == nullptr) {
        return std::nullopt;
    }
    if (!node->is_string()) {
        wrong_type(key, "a string");
    }
    // TOML allows "\u0000"; C APIs (Pango, file names) would stop at it and drop the rest
    // without a word.
    const std::string& value = node->as_string()->get();
    if (value.find('\0') != std::string::npos) {
        fail(key, "the text holds the character U+0000, which cannot be printed or opened");
    }
    return value;
}

std::optional<double> TemplateReader::number(std::string_view key, double low, double high) const
{
    const toml::node* node = find(key);
    if (node == nullptr) {
        return std::nullopt;
    }
    if (!node->is_number()) {
        wrong_type(key, "a number");
    }
    double value = node->value<double>().value_or(0);
    if (!(value >= low && value <= high)) {
        fail(key, fmt::format("{} is out of range; expected {} to {}", value, low, high));
    }
    return value;
}

// A count such as a QR version: a TOML integer, never a fraction rounded behind the
// user's back (1.5 read as 2 would print a larger code than the template says).
std::optional<int> TemplateReader::integer(std::string_view key, int low, int high) const
{
    const toml::node* node = find(key);
    if (node == nullptr) {
        return std::nullopt;
    }
    if (node->is_floating_point()) {
        fail(
            key,
            fmt::format(
                "{} is not a whole number; expected an integer from {} to {}",
                node->as_floating_point()->get(),
                low,
                high));
    }
    if (!node->is_integer()) {
        wrong_type(key, fmt::format("an integer from {} to {}", low, high).c_str());
    }
    std::int64_t value = node->as_integer()->get();
    if (value < low || value > high) {
        fail(
            key,
            fmt::format("{} is out of range; expected an integer from {} to {}", value, low, high));
    }
    return static_cast<int>(value);
}

std::optional<std::string> TemplateReader::choice(
    std::string_view key, std::initializer_list<std::string_view> allowed) const
{
    std::optional<std::string> value = text(key);
    if (value && std::find(allowed.begin(), allowed.end(), *value) == allowed.end()) {
        std::string names;
        for (std::string_view name : allowed) {
            names += fmt::format("{}\"{}\"", names.empty() ? "" : " or ", name);
        }
        fail(key, fmt::format("\"{}\" is not allowed; expected {}", *value, names));
    }
    return value;
}

std::optional<Colour> TemplateReader::colour(std::string_view key) const
{
    std::optional<std::string> value = text(key);
    if (!value) {
        return std::nullopt;
    }
    bool shaped = value->size() == 7 && (*value)[0] == '#'
                  && value->find_first_not_of("0123456789abcdefABCDEF", 1) == std::string::npos;
    if (!shaped) {
        fail(key, fmt::format("\"{}\" is not a colour; expected the form #RRGGBB", *value));
    }
    auto channel = [&value](std::size_t at) {
        return std::stoi(value->substr(at, 2), nullptr, 16) / 255.0;
    };
    return Colour{channel(1), channel(3), channel(5)};
}

// The top of qr.size_mm is what the largest symbol (version 40) leaves room for, in
// whole mm; a smaller version has a wider quiet zone, checked once the batch's version is
// known (check_qr_fits).
void read_qr_size(const TemplateReader& reader, PlacardTemplate& look)
{
    const double largest =
        std::floor(largest_qr_size_mm(look.landscape, modules_of_version(qr::max_qr_version)));
    if (auto size = reader.number("qr.size_mm", smallest_qr_size_mm, largest)) {
        look.qr_size_mm = *size;
        look.qr_size_source = reader.where("qr.size_mm");
    }
}

// A minimum module that no QR version could reach at this size would refuse every batch;
// version 1, the fewest modules, gives the largest.
void read_min_module(const TemplateReader& reader, PlacardTemplate& look)
{
    std::optional<double> minimum = reader.number("qr.min_module_mm", 0.1, 3);
    if (!minimum) {
        look.min_module_source = look.qr_size_source;
        return;
    }
    const double largest_module = look.qr_size_mm / modules_of_version(1);
    if (*minimum > largest_module) {
        reader.fail(
            "qr.min_module_mm",
            fmt::format(
                "{} mm cannot be met: a {} mm QR code has modules of at most {:.2f} mm (version "
                "1); expected 0.1 to {:.2f} with this qr.size_mm",
                *minimum,
                look.qr_size_mm,
                largest_module,
                std::floor(largest_module * 100) / 100));
    }
    look.min_module_mm = *minimum;
    look.min_module_source = reader.where("qr.min_module_mm");
}

void read_page_and_qr(const TemplateReader& reader, PlacardTemplate& look)
{
    look.landscape =
        reader.choice("page.orientation", {"portrait", "landscape"}).value_or("portrait")
        == "landscape";
    if (auto level = reader.choice("qr.error_correction", {"L", "M", "Q", "H"})) {
        look.error_correction = qr::parse_error_correction(*level);
    }
    look.max_version =
        reader.integer("qr.max_version", 1, qr::max_qr_version).value_or(look.max_version);
    read_qr_size(reader, look);
    read_min_module(reader, look);
}

void read_font(
    const TemplateReader& reader, const std::filesystem::path& base_dir, PlacardTemplate& look)
{
    if (auto family = reader.text("font.family")) {
        if (family->empty()) {
            reader.fail("font.family", "is empty; expected a font family name such as Vazirmatn");
        }
        look.font_family = *family;
    }
    if (auto dir = reader.text("font.dir")) {
        // A relative font folder is taken from the template's own folder, never from the
        // working directory, so a cron job finds the same fonts as an interactive run.
        look.font_dir = base_dir / *dir;
        std::error_code error;
        if (!std::filesystem::is_directory(look.font_dir, error)) {
            reader.fail(
                "font.dir",
                fmt::format(
                    "{} is not a folder; expected the folder that holds the template's fonts",
                    look.font_dir.string()));
        }
    }
    FontSizes& sizes = look.font_sizes;
    sizes.agency = reader.number("font.agency_pt", 6, 40).value_or(sizes.agency);
    sizes.name = reader.number("font.name_pt", 8, 48).value_or(sizes.name);
    sizes.detail = reader.number("font.detail_pt", 6, 30).value_or(sizes.detail);
    sizes.call_to_action =
        reader.number("font.call_to_action_pt", 6, 30).value_or(sizes.call_to_action);
    sizes.code = reader.number("font.code_pt", 6, 20).value_or(sizes.code);
}

void read_brand_and_logo(
    const TemplateReader& reader, const std::filesystem::path& base_dir, PlacardTemplate& look)
{
    look.brand = reader.colour("brand.colour").value_or(look.brand);
    look.header_text = reader.colour("brand.header_text_colour").value_or(look.header_text);
    look.body_text = reader.colour("brand.text_colour").value_or(look.body_text);

    const toml::node* logo = reader.root().get("logo");
    if (logo == nullptr) {
        return;
    }
    std::optional<std::string> file = reader.text("logo.file");
    if (!file) {
        throw Error(
            "[logo] has no key \"file\"; expected the path of an .svg or .png logo",
            location_of(reader.source(), logo->source(), "logo.file"));
    }
    look.logo_height_mm = reader.number("logo.height_mm", 5, 20).value_or(look.logo_height_mm);
    try {
        look.logo = Logo::load(base_dir / *file);
    } catch (const Error& error) {
        reader.fail("logo.file", error.what());
    }
}

// Reads a printed string, and remembers where it was set for the glyph check.
void read_printed_text(
    const TemplateReader& reader, std::string_view key, PlacardWording& words, std::string& value)
{
    if (std::optional<std::string> text = reader.text(key)) {
        value = *text;
        words.set_by_template.push_back(TemplateText{value, reader.where(key)});
    }
}

bool is_ascii_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Why `tag` is not a well-formed BCP 47 language tag, or "" if it is: parts of 1 to 8
// ASCII letters and digits joined by '-', the first a language of 2 to 3 (or 5 to 8)
// letters. Only the form is checked, not the registry: Pango takes any tag, and a
// malformed one (an empty tag, "fa_IR") would shape and break lines with no language.
std::string language_tag_problem(std::string_view tag)
{
    constexpr std::size_t longest_part = 8;
    std::size_t start = 0;
    while (start <= tag.size()) {
        std::size_t dash = std::min(tag.find('-', start), tag.size());
        std::string_view part = tag.substr(start, dash - start);
        bool alphanumeric = std::all_of(part.begin(), part.end(), [](char c) {
            return is_ascii_letter(c) || (c >= '0' && c <= '9');
        });
        if (part.empty() || part.size() > longest_part || !alphanumeric) {
            return "every part between '-' has 1 to 8 ASCII letters or digits";
        }
        start = dash + 1;
    }
    std::string_view language = tag.substr(0, tag.find('-'));
    bool language_letters = std::all_of(language.begin(), language.end(), is_ascii_letter);
    if (!language_letters || language.size() < 2 || language.size() == 4) {
        return "the first part is a language code of 2 or 3 (or 5 to 8) letters";
    }
    return {};
}

void read_language(const TemplateReader& reader, PlacardWording& words)
{
    std::optional<std::string> tag = reader.text("text.language");
    if (!tag) {
        return;
    }
    const std::string expected = "expected a BCP 47 language tag such as \"fa\" or \"fa-IR\"";
    if (tag->empty()) {
        reader.fail("text.language", "is empty; " + expected);
    }
    if (std::string problem = language_tag_problem(*tag); !problem.empty()) {
        reader.fail(
            "text.language",
            fmt::format(
                "\"{}\" is not a language tag: {}; {}", printable(*tag), problem, expected));
    }
    words.language = *tag;
}

void read_wording(const TemplateReader& reader, PlacardWording& words)
{
    read_printed_text(reader, "text.header", words, words.header);
    read_printed_text(reader, "text.call_to_action", words, words.call_to_action);
    read_printed_text(reader, "text.employee_code_label", words, words.employee_code_label);
    read_printed_text(reader, "text.placard_code_label", words, words.placard_code_label);
    read_printed_text(reader, "text.batch_label", words, words.batch_label);
    read_printed_text(reader, "text.date_label", words, words.date_label);
    read_printed_text(reader, "text.ruler_label", words, words.ruler_label);
    read_printed_text(reader, "honorifics.female", words, words.honorific_female);
    read_printed_text(reader, "honorifics.male", words, words.honorific_male);
    read_language(reader, words);

    if (auto direction = reader.choice("text.direction", {"rtl", "ltr"})) {
        words.direction =
            *direction == "ltr" ? TextDirection::left_to_right : TextDirection::right_to_left;
    }
    if (auto digits = reader.choice("text.digits", {"persian", "latin"})) {
        words.digits = *digits == "latin" ? Digits::latin : Digits::persian;
    }
    if (auto calendar = reader.choice("text.calendar", {"persian", "gregorian"})) {
        words.calendar = *calendar == "gregorian" ? Calendar::gregorian : Calendar::persian;
    }
}

// Why `name` is not a plain ASCII host name, or "" if it is: dot-separated labels of 1 to
// 63 letters, digits and hyphens, no hyphen at either end of a label, 253 characters in
// all. A citizen types it from the placard, so an internationalised name goes in its
// punycode form, which every keyboard can type.
std::string host_name_problem(std::string_view name)
{
    constexpr std::size_t longest_name = 253;
    constexpr std::size_t longest_label = 63;
    if (name.empty() || name.size() > longest_name) {
        return fmt::format("a host name has 1 to {} characters", longest_name);
    }
    for (char c : name) {
        bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                       || c == '-' || c == '.';
        if (!allowed) {
            return "a host name holds only ASCII letters, digits, hyphens and dots; give an "
                   "internationalised (Persian) name in its punycode form, xn--...";
        }
    }
    std::size_t start = 0;
    while (start <= name.size()) {
        std::size_t dot = std::min(name.find('.', start), name.size());
        std::string_view label = name.substr(start, dot - start);
        if (label.empty() || label.size() > longest_label) {
            return fmt::format(
                "every dot-separated part of a host name has 1 to {} characters", longest_label);
        }
        if (label.front() == '-' || label.back() == '-') {
            return "no part of a host name starts or ends with a hyphen";
        }
        start = dot + 1;
    }
    return {};
}

void read_short_domain(const TemplateReader& reader, PlacardTemplate& look)
{
    std::optional<std::string> domain = reader.text("survey.short_domain");
    if (!domain) {
        return;
    }
    if (std::string problem = host_name_problem(*domain); !problem.empty()) {
        reader.fail(
            "survey.short_domain",
            fmt::format(
                "\"{}\" is not a plain host name: {}; leave the key out to print the host of "
                "--base-url",
                printable(*domain),
                problem));
    }
    look.short_domain = *domain;
}

toml::table parse_document(const std::string& text, const std::string& source_name)
{
    try {
        return toml::parse(text, source_name);
    } catch (const toml::parse_error& error) {
        throw Error(
            fmt::format("not a valid TOML document: {}", error.description()),
            location_of(source_name, error.source(), ""));
    }
}

}  // namespace

PlacardTemplate parse_template(
    const std::string& text, const std::string& source_name, const std::filesystem::path& base_dir)
{
    const toml::table root = parse_document(text, source_name);
    TemplateReader reader(root, source_name);
    reader.reject_unknown_keys();

    PlacardTemplate look;
    read_page_and_qr(reader, look);
    read_font(reader, base_dir, look);
    read_brand_and_logo(reader, base_dir, look);
    read_short_domain(reader, look);
    read_wording(reader, look.wording);
    return look;
}

double largest_qr_size_mm(bool landscape, int modules)
{
    const double room = landscape ? landscape_qr_room_mm : portrait_qr_room_mm;
    return room * modules / (modules + 2.0 * qr_quiet_zone_modules);
}

void check_qr_fits(const PlacardTemplate& look, int version)
{
    const int modules = modules_of_version(version);
    const double largest = largest_qr_size_mm(look.landscape, modules);
    if (look.qr_size_mm <= largest) {
        return;
    }
    const double room = look.landscape ? landscape_qr_room_mm : portrait_qr_room_mm;
    const double with_quiet_zone =
        look.qr_size_mm * (modules + 2.0 * qr_quiet_zone_modules) / modules;
    throw Error(
        fmt::format(
            "a {} mm QR code of version {} ({} modules) takes {:.1f} mm with its quiet zone of "
            "{} modules a side, more than the {} mm a {} page has for it; expected {} to {:.1f} "
            "for version {}",
            look.qr_size_mm,
            version,
            modules,
            with_quiet_zone,
            qr_quiet_zone_modules,
            room,
            look.landscape ? "landscape" : "portrait",
            smallest_qr_size_mm,
            std::floor(largest * 10) / 10,
            version),
        look.qr_size_source);
}

PlacardTemplate load_template(const std::filesystem::path& path)
{
    // A folder opens and reads as no text at all, which is a valid template of every
    // default: without this check the run would print the default look silently.
    std::error_code ignored;
    if (std::filesystem::is_directory(path, ignored)) {
        throw Error(
            fmt::format("template {} is a folder; give the template's .toml file", path.string()));
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error(
            fmt::format("cannot read template {}: {}", path.string(), std::strerror(errno)));
    }
    std::ostringstream text;
    text << in.rdbuf();
    return parse_template(text.str(), path.string(), path.parent_path());
}

}  // namespace placard::render
