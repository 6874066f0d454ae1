#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace placard::roster {

// A quoting problem found while splitting a record. The record is still returned, with
// its fields as well as they could be read, so the row can be rejected and listed.
struct CsvSyntaxError {
    std::string code;  // csv-bare-quote, csv-text-after-quote, csv-unterminated-quote
    std::string message;
    long found_line = 0;  // physical line where the problem was seen
    long column = 0;      // 1-based field number
};

struct CsvRecord {
    long line = 0;      // physical line where the record starts, 1-based
    long end_line = 0;  // physical line where it ends (differs for embedded newlines)
    std::vector<std::string> fields;
    std::vector<std::size_t> field_offsets;  // offset of each field's first byte in the text
    std::size_t end_offset = 0;              // offset just past the record and its line end
    bool last = false;                       // ends at the end of the input, not a line end
    std::optional<CsvSyntaxError> error;     // the first quoting problem, if any
};

// Picks the delimiter from the header line: the most frequent of ',' ';' and tab outside
// quotes, ',' on a tie or when there is none. Reads up to the first unquoted line end.
char detect_delimiter(std::string_view text);

// An RFC 4180 record reader over UTF-8 text that arrives in pieces: quoted fields may
// hold delimiters, doubled quotes and line breaks; lines end in LF, CR LF or CR; empty
// lines are not records. Only the current record is held in memory.
class CsvParser {
public:
    // Appends the next piece of text to its argument; false when there is no more.
    using Source = std::function<bool(std::string&)>;

    // A record longer than this stops the run: past it the quoting is surely broken.
    static constexpr std::size_t max_record_bytes = std::size_t{1024} * 1024;

    // `delimiter` 0 detects it from the first line. `source_name` goes into errors.
    CsvParser(Source source, char delimiter, std::string source_name);

    // The delimiter in use; detecting it reads ahead to the end of the first line.
    char delimiter();

    // Reads the next record; false at end of input.
    bool next(CsvRecord& record);

private:
    enum class End { delimiter, line, input };

    int peek();
    int get();
    bool refill();

    std::size_t offset() const { return base_offset_ + pos_; }

    bool skip_line_end(int c);
    End read_field(CsvRecord& record, std::string& field);
    End read_unquoted(CsvRecord& record, std::string& field, bool after_quote);
    End read_quoted(CsvRecord& record, std::string& field);
    void append(CsvRecord& record, std::string& field, char c);
    void set_error(CsvRecord& record, std::string code, std::string message);

    Source source_;
    char delimiter_;
    std::string source_name_;
    std::string buffer_;
    std::size_t pos_ = 0;
    std::size_t base_offset_ = 0;
    long line_ = 1;
    std::size_t record_bytes_ = 0;
    bool exhausted_ = false;
    bool in_quotes_ = false;  // for the hint when a record grows too long
};

}  // namespace placard::roster
