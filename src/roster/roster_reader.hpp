#pragma once

#include "roster/employee.hpp"
#include "roster/shard.hpp"
#include "util/finding.hpp"

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace placard::roster {

// The columns placard understands. Each has English and Persian header synonyms.
enum class Field {
    employee_code,
    national_code,
    first_name,
    last_name,
    job_title,
    office,
    agency,
    city,
    province,
    gender,
    status,
};

const char* field_name(Field field);  // "employee_code", ...

struct ReadOptions {
    std::string encoding;  // empty: detect; else "utf-8", "utf-16le", "utf-16be", "windows-1256"
    char delimiter = 0;    // 0: detect from the header line; else ',', ';' or '\t'
    std::vector<std::pair<Field, std::string>> column_overrides;  // --column field=HEADER
    bool pad_national_code = false;

    // A SQLite roster: the table (or view) to read, or a SELECT. Both empty: CSV.
    std::string sqlite_table;
    std::string sqlite_query;

    // Only rows whose field equals the value (normalised, as names are) are read; the
    // others are skipped with the reason "outside-filter". SQLite applies them in the
    // query with bound values, so rows outside them are not read at all.
    std::vector<std::pair<Field, std::string>> filters;

    // Only the rows of this shard are kept; the others are validated (so duplicates are
    // found across the whole roster, as in a run without shards) and then skipped with
    // the reason "outside-shard", whether valid or not.
    Shard shard;

    bool is_sqlite() const { return !sqlite_table.empty() || !sqlite_query.empty(); }
};

// What became of one input row.
enum class Disposition { accepted, rejected, skipped };

struct RosterRow {
    long line = 0;                    // physical line where the record starts (1-based)
    std::vector<std::string> fields;  // the row's fields as decoded, for the rejects file
    Disposition disposition = Disposition::accepted;
    Employee employee;              // meaningful when accepted
    std::vector<Finding> findings;  // everything found in this row, in column order
    std::string reason_code;        // first error's code when rejected, skip reason when skipped
    std::string reason;             // first error's message when rejected or skipped
};

// Streams a roster, CSV or SQLite: one row at a time, memory flat in the number of rows (only the
// codes needed for the duplicate checks are kept). Throws placard::Error for conditions that stop
// the run: unreadable file, missing required column, empty roster.
class RosterReader {
public:
    RosterReader(const std::string& path, const ReadOptions& options);
    ~RosterReader();
    RosterReader(const RosterReader&) = delete;
    RosterReader& operator=(const RosterReader&) = delete;

    // Findings about the file as a whole (encoding picked, unknown columns ignored).
    const std::vector<Finding>& file_findings() const;

    // The header names as found in the file (decoded, BOM removed).
    const std::vector<std::string>& header() const;

    // What findings name as the source: the file, or the database and its table.
    const std::string& source_name() const;

    // Reads, decodes, normalises and validates the next row. False at end of input.
    bool next(RosterRow& row);

    // Counts of rows read so far, for the summary line.
    long rows_read() const;

    // Where `field` of `row` sits in the input (source, line, column number, header name),
    // for findings that later stages (such as the font coverage check) add to a row.
    SourceLocation location_of(const RosterRow& row, Field field) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace placard::roster
