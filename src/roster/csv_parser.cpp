#include "roster/csv_parser.hpp"

#include "util/error.hpp"

#include <fmt/format.h>

#include <array>
#include <cstdio>

namespace placard::roster {

char detect_delimiter(std::string_view text)
{
    std::array<char, 3> candidates = {',', ';', '\t'};
    std::array<long, 3> counts = {0, 0, 0};
    bool quoted = false;

    for (char c : text) {
        if (c == '"') {
            quoted = !quoted;
        } else if (!quoted && (c == '\n' || c == '\r')) {
            break;
        } else if (!quoted) {
            for (std::size_t i = 0; i < candidates.size(); ++i) {
                counts[i] += c == candidates[i] ? 1 : 0;
            }
        }
    }

    std::size_t best = 0;
    for (std::size_t i = 1; i < candidates.size(); ++i) {
        if (counts[i] > counts[best]) {
            best = i;
        }
    }
    return candidates[best];
}

CsvParser::CsvParser(Source source, char delimiter, std::string source_name)
    : source_(std::move(source))
    , delimiter_(delimiter)
    , source_name_(std::move(source_name))
{}

char CsvParser::delimiter()
{
    if (delimiter_ != 0) {
        return delimiter_;
    }

    // Read ahead, without dropping what was read, until the first line end outside
    // quotes is in the buffer.
    bool quoted = false;
    std::size_t scanned = pos_;
    for (;;) {
        for (; scanned < buffer_.size(); ++scanned) {
            char c = buffer_[scanned];
            quoted = c == '"' ? !quoted : quoted;
            if (!quoted && (c == '\n' || c == '\r')) {
                break;
            }
        }
        bool found = scanned < buffer_.size();
        if (found || exhausted_ || buffer_.size() - pos_ > max_record_bytes) {
            break;
        }
        exhausted_ = !source_(buffer_);
    }

    delimiter_ = detect_delimiter(std::string_view(buffer_).substr(pos_));
    return delimiter_;
}

bool CsvParser::refill()
{
    base_offset_ += buffer_.size();
    buffer_.clear();
    pos_ = 0;
    while (buffer_.empty() && !exhausted_) {
        exhausted_ = !source_(buffer_);
    }
    return !buffer_.empty();
}

int CsvParser::peek()
{
    if (pos_ >= buffer_.size() && !refill()) {
        return EOF;
    }
    return static_cast<unsigned char>(buffer_[pos_]);
}

int CsvParser::get()
{
    int c = peek();
    if (c != EOF) {
        ++pos_;
    }
    return c;
}

// Consumes a line end that starts with `c` (already read); true if it was one.
bool CsvParser::skip_line_end(int c)
{
    if (c == '\r') {
        if (peek() == '\n') {
            get();
        }
        ++line_;
        return true;
    }
    if (c == '\n') {
        ++line_;
        return true;
    }
    return false;
}

bool CsvParser::next(CsvRecord& record)
{
    delimiter();
    record = CsvRecord{};
    record_bytes_ = 0;

    // Empty lines between or after records are not rows.
    for (int c = peek(); c == '\n' || c == '\r'; c = peek()) {
        skip_line_end(get());
    }
    if (peek() == EOF) {
        return false;
    }

    record.line = line_;
    End end = End::delimiter;
    while (end == End::delimiter) {
        std::string field;
        record.field_offsets.push_back(offset());
        end = read_field(record, field);
        record.fields.push_back(std::move(field));
    }

    record.end_offset = offset();
    record.end_line = end == End::line ? line_ - 1 : line_;
    record.last = end == End::input;
    return true;
}

CsvParser::End CsvParser::read_field(CsvRecord& record, std::string& field)
{
    if (peek() == '"') {
        get();
        return read_quoted(record, field);
    }
    return read_unquoted(record, field, false);
}

CsvParser::End CsvParser::read_unquoted(CsvRecord& record, std::string& field, bool after_quote)
{
    for (;;) {
        int c = get();
        if (c == EOF) {
            return End::input;
        }
        if (c == delimiter_) {
            return End::delimiter;
        }
        if (skip_line_end(c)) {
            return End::line;
        }

        if (after_quote) {
            set_error(
                record,
                "csv-text-after-quote",
                fmt::format(
                    "text after the closing quote of a field on line {} (record starts on line "
                    "{}); quote the whole field and double the quotes inside it",
                    line_,
                    record.line));
        } else if (c == '"') {
            set_error(
                record,
                "csv-bare-quote",
                fmt::format(
                    "quote character inside an unquoted field on line {} (record starts on "
                    "line {}); quote the whole field and double the quotes inside it",
                    line_,
                    record.line));
        }
        append(record, field, static_cast<char>(c));
    }
}

CsvParser::End CsvParser::read_quoted(CsvRecord& record, std::string& field)
{
    long opened_on = line_;
    in_quotes_ = true;
    for (;;) {
        int c = get();
        if (c == EOF) {
            in_quotes_ = false;
            set_error(
                record,
                "csv-unterminated-quote",
                fmt::format(
                    "quoted field opened on line {} is not closed before the end of the file "
                    "(record starts on line {}); add the missing closing quote",
                    opened_on,
                    record.line));
            return End::input;
        }
        if (c == '"' && peek() == '"') {
            get();
        } else if (c == '"') {
            in_quotes_ = false;
            return read_unquoted(record, field, true);
        } else if (c == '\r' || c == '\n') {
            // A line break inside quotes is part of the value, but still a physical line.
            if (c == '\r' && peek() == '\n') {
                append(record, field, '\r');
                c = get();
            }
            ++line_;
        }
        append(record, field, static_cast<char>(c));
    }
}

void CsvParser::append(CsvRecord& record, std::string& field, char c)
{
    if (++record_bytes_ > max_record_bytes) {
        SourceLocation where{source_name_, record.line, 0, ""};
        // Inside quotes the usual cause is a quote never closed; outside them, a file
        // that is not a roster at all (a line that never ends).
        const char* hint = in_quotes_ ? "check for a quote that is never closed"
                                      : "no roster line is this long; check that this is the "
                                        "CSV export";
        throw Error(
            fmt::format("record is longer than {} bytes; {}", max_record_bytes, hint), where);
    }
    field += c;
}

void CsvParser::set_error(CsvRecord& record, std::string code, std::string message)
{
    if (record.error) {
        return;
    }
    CsvSyntaxError error;
    error.code = std::move(code);
    error.message = std::move(message);
    error.found_line = line_;
    error.column = static_cast<long>(record.fields.size()) + 1;
    record.error = std::move(error);
}

}  // namespace placard::roster
