#include "report/csv_input.hpp"

#include "roster/columns.hpp"
#include "roster/csv_parser.hpp"
#include "roster/text_decoder.hpp"
#include "util/error.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>

namespace placard::report {

CsvInput::CsvInput(const std::filesystem::path& path, std::string what)
    : path_(path.string())
    , what_(std::move(what))
{
    std::error_code ignored;
    if (std::filesystem::is_directory(path, ignored)) {
        throw Error(fmt::format("cannot read the {}: it is a folder", what_), at(0));
    }
    in_.open(path, std::ios::binary);
    if (!in_) {
        throw Error(fmt::format("cannot open the {}: {}", what_, std::strerror(errno)), at(0));
    }

    roster::EncodingChoice choice = roster::choose_encoding(in_, "", path_);
    decoder_ = std::make_unique<roster::TextDecoder>(in_, choice.encoding, choice.bom, path_);
    roster::TextDecoder* source = decoder_.get();
    parser_ = std::make_unique<roster::CsvParser>(
        [source](std::string& out) { return source->read(out); }, '\0', path_);
    read_header();
}

CsvInput::~CsvInput() = default;

void CsvInput::read_header()
{
    roster::CsvRecord record;
    if (!parser_->next(record)) {
        throw Error(fmt::format("the {} is empty; expected a header row", what_), at(0));
    }
    if (std::optional<Finding> problem = read_problem(1, record.last, record.end_offset)) {
        throw Error(fmt::format("the {}'s header: {}", what_, problem->message), at(1));
    }
    if (record.error) {
        throw Error(record.error->message, at(record.line, record.error->column - 1));
    }
    header_ = std::move(record.fields);
}

std::optional<std::size_t> CsvInput::column(std::initializer_list<std::string_view> names) const
{
    for (std::size_t i = 0; i < header_.size(); ++i) {
        std::string key = roster::header_key(header_[i]);
        for (std::string_view name : names) {
            if (key == roster::header_key(name)) {
                return i;
            }
        }
    }
    return std::nullopt;
}

std::size_t CsvInput::required_column(std::initializer_list<std::string_view> names) const
{
    if (std::optional<std::size_t> found = column(names)) {
        return *found;
    }
    throw Error(
        fmt::format("the {} has no \"{}\" column in its header", what_, *names.begin()), at(1));
}

bool CsvInput::next(CsvLine& line)
{
    roster::CsvRecord record;
    if (!parser_->next(record)) {
        return false;
    }

    line = CsvLine{};
    line.line = record.line;
    line.problem = read_problem(record.line, record.last, record.end_offset);
    if (!line.problem && record.error) {
        line.problem = Finding{
            Severity::warning,
            record.error->code,
            record.error->message,
            at(record.line, static_cast<std::size_t>(std::max(record.error->column - 1, 0L)))};
    }
    line.fields = std::move(record.fields);
    return true;
}

// Bytes the encoding could not decode that fall inside the record: the text around
// them is not what the file says, so the line is not used.
std::optional<Finding> CsvInput::read_problem(long line, bool last, std::size_t end_offset)
{
    std::optional<Finding> problem;
    auto& errors = decoder_->errors();
    while (!errors.empty() && (last || errors.front().output_offset < end_offset)) {
        if (!problem) {
            problem = Finding{
                Severity::warning,
                "invalid-encoding",
                roster::describe_decode_error(decoder_->encoding(), errors.front(), line),
                at(line)};
        }
        errors.pop_front();
    }
    return problem;
}

SourceLocation CsvInput::at(long line, std::optional<std::size_t> column) const
{
    SourceLocation where{path_, line};
    if (column) {
        where.column = static_cast<long>(*column) + 1;
        if (*column < header_.size()) {
            where.field = header_[*column];
        }
    }
    return where;
}

}  // namespace placard::report
