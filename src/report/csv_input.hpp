#pragma once

#include "util/finding.hpp"

#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace placard::roster {
class TextDecoder;
class CsvParser;
}  // namespace placard::roster

namespace placard::report {

// One data line of a side file, with what went wrong while reading it.
struct CsvLine {
    long line = 0;  // physical line where the record starts, 1-based
    std::vector<std::string> fields;
    std::optional<Finding> problem;  // bad bytes or broken quoting; the fields are unreliable
};

// A small CSV file with a header row (the scan log, the citizens' reports), read the way
// rosters are: encoding detected (UTF-8 with or without BOM, UTF-16, Windows-1256),
// delimiter detected from the header, RFC 4180 quoting, any line ending. Streams one
// record at a time. Throws placard::Error, naming the file, when it cannot be opened or
// has no header.
class CsvInput {
public:
    // `what` names the file's role in messages ("scan log").
    CsvInput(const std::filesystem::path& path, std::string what);
    ~CsvInput();
    CsvInput(const CsvInput&) = delete;
    CsvInput& operator=(const CsvInput&) = delete;

    // The column whose header matches one of `names`, ignoring case, spaces, underscores
    // and hyphens as roster headers do.
    std::optional<std::size_t> column(std::initializer_list<std::string_view> names) const;

    // The same, but a missing column stops the run with an error at line 1.
    std::size_t required_column(std::initializer_list<std::string_view> names) const;

    const std::vector<std::string>& header() const { return header_; }

    bool next(CsvLine& line);

    // "file:line:column" for findings; column is 0-based, or none for the whole line.
    SourceLocation at(long line, std::optional<std::size_t> column = std::nullopt) const;

private:
    void read_header();
    std::optional<Finding> read_problem(long line, bool last, std::size_t end_offset);

    std::string path_;
    std::string what_;
    std::ifstream in_;
    std::unique_ptr<roster::TextDecoder> decoder_;
    std::unique_ptr<roster::CsvParser> parser_;
    std::vector<std::string> header_;
};

}  // namespace placard::report
