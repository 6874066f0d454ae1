#include "roster/sqlite_source.hpp"

#include "roster/columns.hpp"
#include "roster/normalise.hpp"
#include "roster/roster_reader.hpp"
#include "util/error.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <optional>

namespace placard::roster {

namespace {

constexpr const char* filter_function = "placard_filter_key";

std::string quote_identifier(std::string_view name)
{
    std::string quoted = "\"";
    for (char c : name) {
        quoted += c;
        if (c == '"') {
            quoted += '"';
        }
    }
    return quoted + "\"";
}

// SQLite's own rule for the affinity of a declared column type (section 3.1 of its
// datatype documentation), in the order SQLite applies it.
std::string affinity_of(std::string declared)
{
    std::transform(declared.begin(), declared.end(), declared.begin(), [](char c) {
        return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    });
    auto has = [&declared](const char* part) {
        return declared.find(part) != std::string::npos;
    };
    if (has("INT")) {
        return "INTEGER";
    }
    if (has("CHAR") || has("CLOB") || has("TEXT")) {
        return "TEXT";
    }
    if (declared.empty() || has("BLOB")) {
        return "BLOB";
    }
    if (has("REAL") || has("FLOA") || has("DOUB")) {
        return "REAL";
    }
    return "NUMERIC";
}

std::optional<std::size_t> first_invalid_utf8(std::string_view text)
{
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
    auto length = static_cast<std::int32_t>(text.size());
    std::int32_t offset = 0;
    while (offset < length) {
        std::int32_t start = offset;
        UChar32 c = 0;
        U8_NEXT(bytes, offset, length, c);
        if (c < 0) {
            return static_cast<std::size_t>(start);
        }
    }
    return std::nullopt;
}

// A whole REAL is written as an integer, as a spreadsheet shows it: 3141590000, not
// 3141590000.0. Anything else keeps its shortest exact decimal form.
std::string real_text(double value)
{
    if (std::isfinite(value) && std::trunc(value) == value && std::fabs(value) < 1e18) {
        return fmt::format("{}", static_cast<long long>(value));
    }
    return fmt::format("{}", value);
}

void filter_key_function(sqlite3_context* context, int, sqlite3_value** arguments)
{
    const unsigned char* text = sqlite3_value_text(arguments[0]);
    if (text == nullptr) {
        sqlite3_result_null(context);
        return;
    }
    std::string_view value(reinterpret_cast<const char*>(text));
    if (first_invalid_utf8(value)) {
        sqlite3_result_null(context);
        return;
    }
    std::string key = filter_key(value);
    sqlite3_result_text(
        context, key.data(), static_cast<int>(key.size()), SQLITE_TRANSIENT);  // NOLINT
}

class SqliteSource : public RecordSource {
public:
    SqliteSource(const std::string& path, const ReadOptions& options);

    const std::vector<std::string>& header() const override { return header_; }

    const std::vector<Finding>& file_findings() const override { return file_findings_; }

    bool next(SourceRecord& record) override;

    SourceLocation location(long line, std::size_t column) const override;

    const std::string& name() const override { return name_; }

private:
    std::string base_query(const ReadOptions& options) const;
    std::string filtered_query(const std::string& base, const ReadOptions& options) const;
    void check_table_exists(const std::string& table) const;
    void note_numeric_id_columns(const ReadOptions& options);
    std::string read_value(int column, SourceRecord& record) const;
    [[noreturn]] void fail(const SQLite::Exception& error) const;

    std::string path_;
    std::string name_;
    std::unique_ptr<SQLite::Database> database_;
    std::unique_ptr<SQLite::Statement> statement_;
    std::vector<std::string> header_;
    std::vector<Finding> file_findings_;
    long row_ = 0;
};

SqliteSource::SqliteSource(const std::string& path, const ReadOptions& options)
    : path_(path)
    , name_(
          options.sqlite_table.empty() ? fmt::format("{} (query)", path)
                                       : fmt::format("{} (table {})", path, options.sqlite_table))
{
    if (!std::filesystem::is_regular_file(path)) {
        throw Error("cannot open the SQLite roster: no such file", SourceLocation{path});
    }
    try {
        database_ = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READONLY);
        database_->createFunction(
            filter_function, 1, true, nullptr, filter_key_function, nullptr, nullptr, nullptr);
        std::string base = base_query(options);
        statement_ = std::make_unique<SQLite::Statement>(*database_, base);
        for (int column = 0; column < statement_->getColumnCount(); ++column) {
            header_.emplace_back(statement_->getColumnName(column));
        }
        note_numeric_id_columns(options);

        std::string query = filtered_query(base, options);
        if (query != base) {
            statement_ = std::make_unique<SQLite::Statement>(*database_, query);
            int index = 1;
            for (const auto& [field, value] : options.filters) {
                statement_->bind(index++, filter_key(value));
            }
        }
    } catch (const SQLite::Exception& error) {
        fail(error);
    }
}

std::string SqliteSource::base_query(const ReadOptions& options) const
{
    if (!options.sqlite_query.empty()) {
        return fmt::format("SELECT * FROM ({}) AS roster", options.sqlite_query);
    }
    check_table_exists(options.sqlite_table);
    return fmt::format("SELECT * FROM {}", quote_identifier(options.sqlite_table));
}

void SqliteSource::check_table_exists(const std::string& table) const
{
    SQLite::Statement find(
        *database_,
        "SELECT count(*) FROM sqlite_schema WHERE type IN ('table', 'view') AND name = ?1 "
        "COLLATE NOCASE");
    find.bind(1, table);
    find.executeStep();
    if (find.getColumn(0).getInt() > 0) {
        return;
    }

    SQLite::Statement list(
        *database_,
        "SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE "
        "'sqlite_%' ORDER BY name");
    std::string names;
    while (list.executeStep()) {
        names += fmt::format("{}\"{}\"", names.empty() ? "" : ", ", list.getColumn(0).getText());
    }
    throw Error(
        fmt::format(
            "no table or view named \"{}\"; the database has {}",
            table,
            names.empty() ? "none" : names),
        SourceLocation{path_});
}

// Filters compare normalised values, so "اصفهان" written with an Arabic Yeh still
// matches; the values are bound, never pasted into the SQL.
std::string SqliteSource::filtered_query(const std::string& base, const ReadOptions& options) const
{
    if (options.filters.empty()) {
        return base;
    }
    ColumnMap columns = map_columns(header_, options.column_overrides, name_);
    std::string conditions;
    for (const auto& [field, value] : options.filters) {
        std::size_t column = filter_column(columns, field, name_);
        conditions += conditions.empty() ? " WHERE " : " AND ";
        conditions += fmt::format("{}({}) = ?", filter_function, quote_identifier(header_[column]));
    }
    return fmt::format("SELECT * FROM ({}) AS unfiltered{}", base, conditions);
}

bool is_id_field(Field field)
{
    return field == Field::employee_code || field == Field::national_code;
}

bool names_id_field(const std::string& header, const ReadOptions& options)
{
    for (const auto& [field, name] : options.column_overrides) {
        if (name == header) {
            return is_id_field(field);
        }
    }
    std::optional<HeaderMatch> match = match_header(header);
    return match && is_id_field(match->field);
}

// The column's declared type, or "" when it has none. SQLite declares none for an
// expression or an untyped column, and SQLiteCpp throws for those: such a column is not
// flagged by its type, and a value in it stored as a number is still judged row by row.
std::string declared_type(const SQLite::Statement& statement, int column)
{
    try {
        return statement.getColumnDeclaredType(column);
    } catch (const SQLite::Exception&) {
        return "";
    }
}

void SqliteSource::note_numeric_id_columns(const ReadOptions& options)
{
    std::string columns;
    for (int column = 0; column < statement_->getColumnCount(); ++column) {
        std::string type = declared_type(*statement_, column);
        std::string affinity = affinity_of(type);
        if (!names_id_field(header_[column], options) || affinity == "TEXT" || affinity == "BLOB") {
            continue;
        }
        columns += fmt::format(
            "{}{} (declared {}, {} affinity)",
            columns.empty() ? "" : ", ",
            header_[column],
            type,
            affinity);
    }
    if (columns.empty()) {
        return;
    }
    file_findings_.push_back(Finding{
        Severity::warning,
        "sqlite-numeric-id-column",
        fmt::format(
            "ID columns {}: SQLite stores digit-only text in them as numbers and drops leading "
            "zeros before placard reads them; declare them TEXT",
            columns),
        SourceLocation{name_}});
}

bool SqliteSource::next(SourceRecord& record)
{
    try {
        if (!statement_->executeStep()) {
            return false;
        }
        record = SourceRecord{};
        record.line = ++row_;
        for (int column = 0; column < statement_->getColumnCount(); ++column) {
            record.fields.push_back(read_value(column, record));
        }
        return true;
    } catch (const SQLite::Exception& error) {
        fail(error);
    }
}

std::string SqliteSource::read_value(int column, SourceRecord& record) const
{
    SQLite::Column value = statement_->getColumn(column);
    auto add_error = [&](const char* code, std::string message) {
        record.findings.push_back(Finding{
            Severity::error,
            code,
            std::move(message),
            location(record.line, static_cast<std::size_t>(column))});
    };

    switch (value.getType()) {
    case SQLITE_INTEGER:
        return std::to_string(value.getInt64());
    case SQLITE_FLOAT:
        return real_text(value.getDouble());
    case SQLITE_NULL:
        return "";
    case SQLITE_BLOB:
        add_error("sqlite-blob", fmt::format("a BLOB of {} bytes; expected text", value.size()));
        return "";
    default:
        break;
    }
    std::string text = value.getString();
    if (std::optional<std::size_t> bad = first_invalid_utf8(text)) {
        add_error(
            "invalid-encoding",
            fmt::format("text is not valid UTF-8 at byte {}; fix the value in the database", *bad));
        return "";
    }
    return text;
}

SourceLocation SqliteSource::location(long line, std::size_t column) const
{
    SourceLocation where{name_, line, static_cast<long>(column) + 1, "", true};
    if (column < header_.size()) {
        where.field = header_[column];
    }
    return where;
}

void SqliteSource::fail(const SQLite::Exception& error) const
{
    throw Error(fmt::format("SQLite: {}", error.what()), SourceLocation{name_});
}

}  // namespace

std::string filter_key(std::string_view value)
{
    std::string key = normalise_text(value).text;
    std::transform(key.begin(), key.end(), key.begin(), [](char c) {
        return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    });
    return key;
}

std::unique_ptr<RecordSource> open_sqlite_source(
    const std::string& path, const ReadOptions& options)
{
    return std::make_unique<SqliteSource>(path, options);
}

}  // namespace placard::roster
