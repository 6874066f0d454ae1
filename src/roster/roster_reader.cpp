#include "roster/roster_reader.hpp"

#include "roster/columns.hpp"
#include "roster/csv_parser.hpp"
#include "roster/row_validator.hpp"
#include "roster/text_decoder.hpp"
#include "util/error.hpp"
#include "util/printable.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace placard::roster {

namespace {

// The 1-based field of `record` that holds the decoded text at `output_offset`.
long column_of(const CsvRecord& record, std::size_t output_offset)
{
    auto after =
        std::upper_bound(record.field_offsets.begin(), record.field_offsets.end(), output_offset);
    return static_cast<long>(std::max<std::ptrdiff_t>(after - record.field_offsets.begin(), 1));
}

}  // namespace

struct RosterReader::Impl {
    std::string path;
    ReadOptions options;
    std::ifstream in;
    std::unique_ptr<TextDecoder> decoder;
    std::unique_ptr<CsvParser> parser;
    std::vector<std::string> header;
    std::vector<Finding> file_findings;
    std::unique_ptr<RowValidator> validator;
    ColumnMap columns;
    std::optional<CsvRecord> pending;
    long rows_read = 0;

    void open();
    void read_header();
    void note_unused_columns(const ColumnMap& column_map);
    void attach_decode_errors(const CsvRecord& record, RosterRow& row);
    void attach_syntax_error(const CsvRecord& record, RosterRow& row);

    SourceLocation at(long line, long column = 0) const { return {path, line, column, ""}; }
};

void RosterReader::Impl::open()
{
    std::error_code ignored;
    if (std::filesystem::is_directory(path, ignored)) {
        throw Error("cannot read the roster: it is a folder, expected a CSV file", at(0));
    }
    in.open(path, std::ios::binary);
    if (!in) {
        throw Error(fmt::format("cannot open the roster: {}", std::strerror(errno)), at(0));
    }
    char d = options.delimiter;
    if (d != 0 && d != ',' && d != ';' && d != '\t') {
        throw Error("unsupported delimiter; use ',', ';' or a tab", at(0));
    }

    EncodingChoice choice = choose_encoding(in, options.encoding, path);
    if (std::string note = detection_note(choice); !note.empty()) {
        long line = choice.detected_windows1256 ? choice.first_utf8_error.line : 1;
        file_findings.push_back(
            Finding{Severity::info, "encoding-detected", std::move(note), at(line)});
    }

    decoder = std::make_unique<TextDecoder>(in, choice.encoding, choice.bom, path);
    TextDecoder* source = decoder.get();
    parser = std::make_unique<CsvParser>(
        [source](std::string& out) { return source->read(out); }, d, path);
}

void RosterReader::Impl::read_header()
{
    CsvRecord record;
    if (!parser->next(record)) {
        throw Error(
            "roster is empty; expected a header row naming employee_code, national_code, "
            "first_name and last_name",
            at(0));
    }

    auto& errors = decoder->errors();
    if (!errors.empty() && (record.last || errors.front().output_offset < record.end_offset)) {
        const DecodeError& error = errors.front();
        throw Error(
            describe_decode_error(decoder->encoding(), error, 1),
            at(1, column_of(record, error.output_offset)));
    }
    if (record.error) {
        throw Error(record.error->message, at(record.line, record.error->column));
    }
    header = std::move(record.fields);
}

void RosterReader::Impl::note_unused_columns(const ColumnMap& column_map)
{
    if (column_map.unused.empty()) {
        return;
    }
    std::string names;
    for (std::size_t column : column_map.unused) {
        names += names.empty() ? "" : ", ";
        names += header[column].empty() ? fmt::format("(column {}, no name)", column + 1)
                                        : fmt::format("\"{}\"", printable(header[column]));
    }
    file_findings.push_back(Finding{
        Severity::warning,
        "unknown-columns",
        fmt::format(
            "columns not used: {}; map one with --column FIELD=HEADER if it holds a known field",
            names),
        at(1)});
}

// Decoding errors are queued by text offset; the record's field offsets say which field
// the bad bytes were in. One finding per field is enough.
void RosterReader::Impl::attach_decode_errors(const CsvRecord& record, RosterRow& row)
{
    auto& errors = decoder->errors();
    while (!errors.empty() && (record.last || errors.front().output_offset < record.end_offset)) {
        DecodeError error = errors.front();
        errors.pop_front();

        long column = column_of(record, error.output_offset);
        bool seen = std::any_of(row.findings.begin(), row.findings.end(), [&](const Finding& f) {
            return f.code == "invalid-encoding" && f.where.column == column;
        });
        if (seen) {
            continue;
        }

        SourceLocation where = at(record.line, column);
        if (static_cast<std::size_t>(column) <= header.size()) {
            where.field = header[static_cast<std::size_t>(column) - 1];
        }
        row.findings.push_back(Finding{
            Severity::error,
            "invalid-encoding",
            describe_decode_error(decoder->encoding(), error, record.line),
            where});
    }
}

void RosterReader::Impl::attach_syntax_error(const CsvRecord& record, RosterRow& row)
{
    if (!record.error) {
        return;
    }
    SourceLocation where = at(record.line, record.error->column);
    if (static_cast<std::size_t>(record.error->column) <= header.size()) {
        where.field = header[static_cast<std::size_t>(record.error->column) - 1];
    }
    row.findings.push_back(
        Finding{Severity::error, record.error->code, record.error->message, where});
}

RosterReader::RosterReader(const std::string& path, const ReadOptions& options)
    : impl_(std::make_unique<Impl>())
{
    impl_->path = path;
    impl_->options = options;
    impl_->open();
    impl_->read_header();

    impl_->columns = map_columns(impl_->header, options.column_overrides, path);
    impl_->note_unused_columns(impl_->columns);
    impl_->validator = std::make_unique<RowValidator>(
        path, impl_->header, impl_->columns, options.pad_national_code);

    // Read one record ahead so that a roster without rows stops the run here.
    CsvRecord first;
    if (!impl_->parser->next(first)) {
        throw Error("roster has no rows; the file holds only the header", impl_->at(1));
    }
    impl_->pending = std::move(first);
}

RosterReader::~RosterReader() = default;

const std::vector<Finding>& RosterReader::file_findings() const
{
    return impl_->file_findings;
}

const std::vector<std::string>& RosterReader::header() const
{
    return impl_->header;
}

bool RosterReader::next(RosterRow& row)
{
    CsvRecord record;
    if (impl_->pending) {
        record = std::move(*impl_->pending);
        impl_->pending.reset();
    } else if (!impl_->parser->next(record)) {
        return false;
    }

    row = RosterRow{};
    row.line = record.line;
    impl_->attach_decode_errors(record, row);
    impl_->attach_syntax_error(record, row);
    row.fields = std::move(record.fields);
    impl_->validator->validate(row);

    ++impl_->rows_read;
    return true;
}

long RosterReader::rows_read() const
{
    return impl_->rows_read;
}

}  // namespace placard::roster

namespace placard::roster {

SourceLocation RosterReader::location_of(const RosterRow& row, Field field) const
{
    SourceLocation where{impl_->path, row.line, 0, field_name(field)};
    if (std::optional<std::size_t> column = impl_->columns.column(field)) {
        where.column = static_cast<long>(*column) + 1;
        where.field = impl_->header[*column];
    }
    return where;
}

}  // namespace placard::roster
