#include "batch/split_output.hpp"

#include "util/csv_writer.hpp"
#include "util/error.hpp"
#include "util/invisible.hpp"
#include "util/json.hpp"

#include <fmt/format.h>
#include <unicode/utf8.h>

#include <system_error>

namespace placard::batch {

namespace {

// Bytes of the UTF-8 sequence that `lead` starts; 0 for a byte that cannot start one.
std::size_t sequence_length(unsigned char lead)
{
    if (lead < 0x80) {
        return 1;
    }
    if (lead >= 0xC2 && lead <= 0xDF) {
        return 2;
    }
    if (lead >= 0xE0 && lead <= 0xEF) {
        return 3;
    }
    return lead >= 0xF0 && lead <= 0xF4 ? 4 : 0;
}

// Characters that make a name hard to type or read, or are invisible: separators, the
// characters Windows refuses, C0 and C1 controls, and the marks the roster drops too
// (is_invisible_mark): bidirectional controls, which could make a name display as
// another, the zero-width space and U+FEFF.
bool unsafe(std::string_view character)
{
    if (character.size() == 1) {
        auto byte = static_cast<unsigned char>(character[0]);
        return byte < 0x20 || byte == 0x7F
               || std::string_view("/\\:*?\"<>|").find(character[0]) != std::string_view::npos;
    }
    if (character.size() == 2 && static_cast<unsigned char>(character[0]) == 0xC2
        && static_cast<unsigned char>(character[1]) < 0xA0) {
        return true;  // C1 controls
    }
    const auto* bytes = reinterpret_cast<const uint8_t*>(character.data());
    auto length = static_cast<int32_t>(character.size());
    int32_t at = 0;
    UChar32 code_point = 0;
    U8_NEXT(bytes, at, length, code_point);
    return code_point >= 0 && is_invisible_mark(static_cast<char32_t>(code_point));
}

// The value with every unsafe character (or broken byte) replaced by '_', runs of '_'
// and spaces squeezed, cut to `limit` bytes on a character boundary.
std::string safe_stem(const std::string& value, std::size_t limit)
{
    std::string stem;
    for (std::size_t at = 0; at < value.size();) {
        std::size_t length = sequence_length(static_cast<unsigned char>(value[at]));
        if (length == 0 || at + length > value.size()) {
            length = 1;
        }
        std::string_view character(value.data() + at, length);
        at += length;
        bool replace = unsafe(character) || character == " " || character == ".";
        if (replace && (stem.empty() || stem.back() == '_')) {
            continue;
        }
        if (stem.size() + character.size() > limit) {
            break;
        }
        stem += replace ? std::string_view("_") : character;
    }
    while (!stem.empty() && stem.back() == '_') {
        stem.pop_back();
    }
    return stem.empty() ? "no-value" : stem;
}

}  // namespace

std::vector<std::string> split_file_names(const std::vector<std::string>& group_values)
{
    const int digits = static_cast<int>(std::to_string(group_values.size()).size());
    const int width = std::max(3, digits);
    std::vector<std::string> names;
    names.reserve(group_values.size());
    for (std::size_t at = 0; at < group_values.size(); ++at) {
        std::string number = fmt::format("{:0{}}-", at + 1, width);
        std::size_t room = max_file_name_bytes - number.size() - 4;
        names.push_back(number + safe_stem(group_values[at], room) + ".pdf");
    }
    return names;
}

std::string manifest_csv(const std::vector<ManifestEntry>& entries)
{
    std::string text =
        std::string(utf8_bom) + csv_record({"file", "group", "placards", "pages", "sha256"});
    for (const ManifestEntry& entry : entries) {
        text += csv_record(
            {entry.file,
             entry.group,
             std::to_string(entry.placards),
             std::to_string(entry.pages),
             entry.sha256});
    }
    return text;
}

ManifestRejects manifest_rejects(
    const std::filesystem::path& folder, const std::filesystem::path& rejects, long rows)
{
    const std::filesystem::path where = std::filesystem::absolute(rejects).lexically_normal();
    std::filesystem::path output = std::filesystem::absolute(folder).lexically_normal();
    if (!output.has_filename()) {
        output = output.parent_path();  // "out/" names the same folder as "out"
    }
    const bool in_folder = where.parent_path() == output;
    return ManifestRejects{in_folder ? where.filename().string() : where.string(), rows};
}

std::string manifest_json(
    const std::vector<ManifestEntry>& entries,
    const std::string& batch_id,
    const std::string& split_field,
    const std::optional<ManifestRejects>& rejects)
{
    std::string files;
    for (const ManifestEntry& entry : entries) {
        files += fmt::format(
            "{}\n    {{\"file\":{},\"group\":{},\"placards\":{},\"pages\":{},\"sha256\":{}}}",
            files.empty() ? "" : ",",
            json_string(entry.file),
            json_string(entry.group),
            entry.placards,
            entry.pages,
            json_string(entry.sha256));
    }
    const std::string rejects_member =
        rejects
            ? fmt::format("{{\"file\":{},\"rows\":{}}}", json_string(rejects->file), rejects->rows)
            : "null";
    return fmt::format(
        "{{\n  \"batch_id\":{},\n  \"split_by\":{},\n  \"files\":[{}\n  ],\n  \"rejects\":{}\n}}\n",
        json_string(batch_id),
        json_string(split_field),
        files,
        rejects_member);
}

namespace {

// The first PDF, manifest or rejects list found in the folder, or an empty path.
std::filesystem::path earlier_output(const std::filesystem::path& folder)
{
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        std::string name = entry.path().filename().string();
        if (entry.path().extension() == ".pdf" || name == "manifest.csv" || name == "manifest.json"
            || name == split_rejects_name) {
            return entry.path();
        }
    }
    return {};
}

}  // namespace

std::string batch_id_problem(std::string_view id)
{
    constexpr std::size_t longest = 64;
    if (id.empty() || id.size() > longest) {
        return fmt::format("a batch id has 1 to {} characters, this one {}", longest, id.size());
    }
    if (id.front() == '.') {
        return "a batch id cannot start with a dot";
    }
    for (char c : id) {
        bool allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                       || c == '.' || c == '_' || c == '-';
        if (!allowed) {
            return "a batch id goes into file names, so it holds only A-Z, a-z, 0-9, '.', '_' "
                   "and '-'";
        }
    }
    return {};
}

bool prepare_split_folder(const std::filesystem::path& folder)
{
    if (folder.empty()) {
        throw Error("--split-by needs an output folder (-o DIR)");
    }
    std::error_code error;
    std::filesystem::file_status status = std::filesystem::symlink_status(folder, error);
    if (std::filesystem::is_symlink(status)) {
        throw Error(fmt::format(
            "{} is a symbolic link; placard writes a split batch only into a real folder",
            folder.string()));
    }
    if (std::filesystem::exists(status) && !std::filesystem::is_directory(status)) {
        throw Error(fmt::format(
            "{} exists and is not a folder; --split-by writes one PDF per group into a "
            "folder",
            folder.string()));
    }
    if (!std::filesystem::exists(status)) {
        if (!std::filesystem::create_directories(folder, error) && error) {
            throw Error(
                fmt::format("cannot make the folder {}: {}", folder.string(), error.message()));
        }
        return true;
    }
    std::filesystem::path earlier = earlier_output(folder);
    if (!earlier.empty()) {
        throw Error(fmt::format(
            "{} already holds {}: a split batch goes into a folder of its own, so that "
            "printing every PDF in it never prints an earlier run's placards; give a new "
            "folder, for instance with {{batch}} in its name",
            folder.string(),
            earlier.filename().string()));
    }
    return false;
}

SplitFolder::SplitFolder(std::filesystem::path folder)
    : folder_(std::move(folder))
    , made_(prepare_split_folder(folder_))
{}

SplitFolder::~SplitFolder()
{
    if (made_) {
        std::error_code ignored;  // not empty, or already gone: either way nothing to undo
        std::filesystem::remove(folder_, ignored);
    }
}

}  // namespace placard::batch
