#pragma once

#include "util/finding.hpp"

#include <memory>
#include <string>
#include <vector>

namespace placard::roster {

struct ReadOptions;

// One record as a source delivers it, before any validation: the raw field values as
// UTF-8 text, and what went wrong while reading them (bad bytes, broken quoting).
struct SourceRecord {
    long line = 0;  // CSV: physical line where the record starts; SQLite: row ordinal
    std::vector<std::string> fields;
    std::vector<Finding> findings;
};

// Where roster records come from: a CSV file or a SQLite table or query. The reader
// above it maps columns, validates and counts; a source only delivers records.
class RecordSource {
public:
    virtual ~RecordSource() = default;

    // The column names, in order.
    virtual const std::vector<std::string>& header() const = 0;

    // Findings about the input as a whole (encoding detected, column types).
    virtual const std::vector<Finding>& file_findings() const = 0;

    // The next record; false at the end of input.
    virtual bool next(SourceRecord& record) = 0;

    // Where a record's field sits, for findings: file, line or row, column, header name.
    virtual SourceLocation location(long line, std::size_t column) const = 0;

    // What findings name as the source ("roster.csv", "hr.sqlite (table staff)").
    virtual const std::string& name() const = 0;
};

// Opens the source that `options` asks for: SQLite when a table or query is given,
// CSV otherwise. Throws placard::Error when the input cannot be opened or has no header.
std::unique_ptr<RecordSource> open_record_source(
    const std::string& path, const ReadOptions& options);

}  // namespace placard::roster
