#include "roster/csv_source.hpp"

#include "roster/csv_parser.hpp"
#include "roster/roster_reader.hpp"
#include "roster/text_decoder.hpp"
#include "util/error.hpp"
#include "util/printable.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string_view>

namespace placard::roster {

namespace {

// The 1-based field of `record` that holds the decoded text at `output_offset`.
long column_of(const CsvRecord& record, std::size_t output_offset)
{
    auto after =
        std::upper_bound(record.field_offsets.begin(), record.field_offsets.end(), output_offset);
    return static_cast<long>(std::max<std::ptrdiff_t>(after - record.field_offsets.begin(), 1));
}

// Files that are sent as rosters but are not text. Naming what the file really is tells
// HR what to do; decoding it would only report a missing column or a bad byte.
struct BinarySignature {
    std::string_view magic;
    const char* what;
};

constexpr BinarySignature binary_signatures[] = {
    {"PK\x03\x04", "a ZIP archive (an Excel .xlsx workbook?); save it as CSV UTF-8"},
    {"\xD0\xCF\x11\xE0", "an old Excel .xls workbook; save it as CSV UTF-8"},
    {"SQLite format 3", "an SQLite database; read it with --sqlite FILE --table NAME"},
    {"%PDF-", "a PDF document"},
    {"\x89PNG", "a PNG image"},
    {"\xFF\xD8\xFF", "a JPEG image"},
    {"GIF8", "a GIF image"},
};

void refuse_binary_file(std::istream& in, const SourceLocation& where)
{
    std::string head(16, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    in.clear();
    in.seekg(0);
    for (const BinarySignature& signature : binary_signatures) {
        if (head.starts_with(signature.magic)) {
            throw Error(fmt::format("this is {}, not a CSV roster", signature.what), where);
        }
    }
}

class CsvSource : public RecordSource {
public:
    CsvSource(const std::string& path, const ReadOptions& options);

    const std::vector<std::string>& header() const override { return header_; }

    const std::vector<Finding>& file_findings() const override { return file_findings_; }

    bool next(SourceRecord& record) override;

    SourceLocation location(long line, std::size_t column) const override;

    const std::string& name() const override { return path_; }

private:
    void open(const ReadOptions& options);
    void read_header();
    void attach_decode_errors(const CsvRecord& record, SourceRecord& out);
    void attach_syntax_error(const CsvRecord& record, SourceRecord& out) const;

    SourceLocation at(long line, long column = 0) const { return {path_, line, column, ""}; }

    std::string path_;
    std::ifstream in_;
    std::unique_ptr<TextDecoder> decoder_;
    std::unique_ptr<CsvParser> parser_;
    std::vector<std::string> header_;
    std::vector<Finding> file_findings_;
};

CsvSource::CsvSource(const std::string& path, const ReadOptions& options)
    : path_(path)
{
    open(options);
    read_header();
}

void CsvSource::open(const ReadOptions& options)
{
    std::error_code ignored;
    if (std::filesystem::is_directory(path_, ignored)) {
        throw Error("cannot read the roster: it is a folder, expected a CSV file", at(0));
    }
    in_.open(path_, std::ios::binary);
    if (!in_) {
        throw Error(fmt::format("cannot open the roster: {}", std::strerror(errno)), at(0));
    }
    char d = options.delimiter;
    if (d != 0 && d != ',' && d != ';' && d != '\t') {
        throw Error("unsupported delimiter; use ',', ';' or a tab", at(0));
    }

    refuse_binary_file(in_, at(0));
    EncodingChoice choice = choose_encoding(in_, options.encoding, path_);
    if (std::string note = detection_note(choice); !note.empty()) {
        long line = choice.detected_windows1256 ? choice.first_utf8_error.line : 1;
        file_findings_.push_back(
            Finding{Severity::info, "encoding-detected", std::move(note), at(line)});
    }

    decoder_ = std::make_unique<TextDecoder>(in_, choice.encoding, choice.bom, path_);
    TextDecoder* source = decoder_.get();
    parser_ = std::make_unique<CsvParser>(
        [source](std::string& out) { return source->read(out); }, d, path_);
}

void CsvSource::read_header()
{
    CsvRecord record;
    if (!parser_->next(record)) {
        throw Error(
            "roster is empty; expected a header row naming employee_code, national_code, "
            "first_name and last_name",
            at(0));
    }

    auto& errors = decoder_->errors();
    if (!errors.empty() && (record.last || errors.front().output_offset < record.end_offset)) {
        const DecodeError& error = errors.front();
        throw Error(
            describe_decode_error(decoder_->encoding(), error, 1),
            at(1, column_of(record, error.output_offset)));
    }
    if (record.error) {
        throw Error(record.error->message, at(record.line, record.error->column));
    }
    header_ = std::move(record.fields);
}

bool CsvSource::next(SourceRecord& out)
{
    CsvRecord record;
    if (!parser_->next(record)) {
        return false;
    }

    out = SourceRecord{};
    out.line = record.line;
    attach_decode_errors(record, out);
    attach_syntax_error(record, out);
    out.fields = std::move(record.fields);
    return true;
}

SourceLocation CsvSource::location(long line, std::size_t column) const
{
    SourceLocation where = at(line, static_cast<long>(column) + 1);
    if (column < header_.size()) {
        where.field = header_[column];
    }
    return where;
}

// Decoding errors are queued by text offset; the record's field offsets say which field
// the bad bytes were in. One finding per field is enough.
void CsvSource::attach_decode_errors(const CsvRecord& record, SourceRecord& out)
{
    auto& errors = decoder_->errors();
    while (!errors.empty() && (record.last || errors.front().output_offset < record.end_offset)) {
        DecodeError error = errors.front();
        errors.pop_front();

        long column = column_of(record, error.output_offset);
        SourceLocation where = location(record.line, static_cast<std::size_t>(column - 1));
        bool seen = std::any_of(out.findings.begin(), out.findings.end(), [&](const Finding& f) {
            return f.code == "invalid-encoding" && f.where.column == where.column;
        });
        if (seen) {
            continue;
        }

        out.findings.push_back(Finding{
            Severity::error,
            "invalid-encoding",
            describe_decode_error(decoder_->encoding(), error, record.line),
            where});
    }
}

void CsvSource::attach_syntax_error(const CsvRecord& record, SourceRecord& out) const
{
    if (!record.error) {
        return;
    }
    SourceLocation where = at(record.line);
    if (record.error->column > 0) {
        where = location(record.line, static_cast<std::size_t>(record.error->column - 1));
    }
    out.findings.push_back(
        Finding{Severity::error, record.error->code, record.error->message, where});
}

}  // namespace

std::unique_ptr<RecordSource> open_csv_source(const std::string& path, const ReadOptions& options)
{
    return std::make_unique<CsvSource>(path, options);
}

}  // namespace placard::roster
