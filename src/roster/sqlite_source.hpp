#pragma once

#include "roster/record_source.hpp"

#include <memory>
#include <string>

namespace placard::roster {

// A roster in a SQLite database, opened read-only: every row of a table or view
// (options.sqlite_table) or of a SELECT (options.sqlite_query). Values are read by their
// storage class: INTEGER and REAL become decimal text (so a national code stored as a
// number arrives without its leading zeros and is caught like a spreadsheet value),
// NULL is empty, a BLOB or text that is not UTF-8 is an error on its row and field. ID
// columns declared with a type SQLite gives numeric affinity get one warning, because
// such columns turn digit-only text into numbers before any reader sees it.
std::unique_ptr<RecordSource> open_sqlite_source(
    const std::string& path, const ReadOptions& options);

// The key that row filters compare: the value normalised as a printed name (Persian
// letter forms, NFC, spaces) and ASCII letters lower-cased.
std::string filter_key(std::string_view value);

}  // namespace placard::roster
