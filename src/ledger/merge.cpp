// Folding the ledgers of sharded runs into one.

#include "ledger/detail.hpp"
#include "ledger/ledger.hpp"
#include "ledger/schema.hpp"

#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>

#include <span>
#include <variant>

namespace placard::ledger {

namespace {

using Value = std::variant<std::monostate, std::int64_t, double, std::string>;
using Row = std::vector<Value>;

// A table as merge sees it: its columns (the key first) and the columns that must agree
// when the target already holds a row with the same key. The names are our constants.
struct TableSpec {
    const char* name;
    std::vector<const char*> columns;
    std::size_t key_size;
    std::vector<std::size_t> must_agree;
    long MergeSummary::*added;  // the count a new row adds to; null: not counted
};

// Parents before children. A placard whose two copies differ only in batch, file or
// page is the same URL printed twice: the target keeps its copy. A revocation already in
// the target stays as it is: the placard is revoked either way.
const std::vector<TableSpec>& table_specs()
{
    static const std::vector<TableSpec> specs = {
        {"batch",
         {"batch_id",
          "status",
          "started_at",
          "ended_at",
          "operator_name",
          "host_name",
          "roster_digest",
          "options_json",
          "rows_read",
          "rows_printed",
          "rows_rejected",
          "rows_skipped",
          "rows_unchanged"},
         1,
         {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12},
         &MergeSummary::batches_added},
        {"output_file",
         {"batch_id", "path", "sha256", "byte_size", "page_count"},
         2,
         {2, 3, 4},
         nullptr},
        {"placard",
         {"employee_code",
          "generation",
          "kid",
          "fields_digest",
          "batch_id",
          "path",
          "page",
          "province",
          "city",
          "agency",
          "office"},
         2,
         {2, 3},
         &MergeSummary::placards_added},
        {"revocation",
         {"employee_code", "generation", "reason", "operator_name", "revoked_at", "batch_id"},
         2,
         {},
         &MergeSummary::revocations_added},
    };
    return specs;
}

std::string joined(std::span<const char* const> names, const char* format)
{
    std::string text;
    for (const char* name : names) {
        text += (text.empty() ? "" : ", ") + fmt::format(fmt::runtime(format), name);
    }
    return text;
}

Value read_value(const SQLite::Column& column)
{
    if (column.isNull()) {
        return std::monostate{};
    }
    if (column.isInteger()) {
        return column.getInt64();
    }
    if (column.isFloat()) {
        return column.getDouble();
    }
    return column.getString();
}

Row read_row(SQLite::Statement& query)
{
    Row row;
    for (int i = 0; i < query.getColumnCount(); ++i) {
        row.push_back(read_value(query.getColumn(i)));
    }
    return row;
}

void bind_value(SQLite::Statement& statement, int index, const Value& value)
{
    if (const auto* number = std::get_if<std::int64_t>(&value)) {
        statement.bind(index, *number);
    } else if (const auto* real = std::get_if<double>(&value)) {
        statement.bind(index, *real);
    } else if (const auto* text = std::get_if<std::string>(&value)) {
        statement.bind(index, *text);
    } else {
        statement.bind(index);
    }
}

std::string value_text(const Value& value)
{
    if (const auto* number = std::get_if<std::int64_t>(&value)) {
        return std::to_string(*number);
    }
    if (const auto* text = std::get_if<std::string>(&value)) {
        return *text;
    }
    return std::holds_alternative<double>(value) ? std::to_string(std::get<double>(value)) : "";
}

void open_source_check(SQLite::Database& source, const std::filesystem::path& path)
{
    if (!schema::is_ledger_or_empty(source) || schema::stored_version(source) == 0) {
        throw LedgerError::not_a_ledger(path);
    }
    int version = schema::stored_version(source);
    if (version > schema::current_version()) {
        throw LedgerError::newer_schema(path, version, schema::current_version());
    }
    if (version < schema::current_version()) {
        throw LedgerError::older_schema_read_only(path, version, schema::current_version());
    }
}

}  // namespace

// Copies rows table by table inside the target's write transaction, counting what was
// added and collecting conflicts; the caller commits only when there are none.
class Merger {
public:
    Merger(Ledger& target, MergeSummary& summary)
        : db_(*target.db_)
        , summary_(summary)
    {}

    void copy_from(SQLite::Database& source, const std::filesystem::path& source_path)
    {
        for (const TableSpec& spec : table_specs()) {
            copy_table(source, source_path, spec);
        }
    }

    long conflicts() const { return conflicts_; }

    const std::string& first_conflict() const { return first_conflict_; }

private:
    void copy_table(
        SQLite::Database& source, const std::filesystem::path& source_path, const TableSpec& spec)
    {
        std::string names = joined(spec.columns, "{}");
        SQLite::Statement read(source, fmt::format("SELECT {} FROM {}", names, spec.name));
        SQLite::Statement insert(
            db_,
            fmt::format(
                "INSERT INTO {} ({}) VALUES ({}) ON CONFLICT DO NOTHING",
                spec.name,
                names,
                joined(spec.columns, "?")));
        SQLite::Statement existing(
            db_, fmt::format("SELECT {} FROM {} WHERE {}", names, spec.name, key_condition(spec)));

        while (read.executeStep()) {
            Row row = read_row(read);
            insert.tryReset();
            for (std::size_t i = 0; i < row.size(); ++i) {
                bind_value(insert, static_cast<int>(i + 1), row[i]);
            }
            if (insert.exec() == 1) {
                if (spec.added != nullptr) {
                    ++(summary_.*spec.added);
                }
            } else {
                compare_with_existing(existing, spec, row, source_path);
            }
        }
    }

    static std::string key_condition(const TableSpec& spec)
    {
        std::string condition;
        for (std::size_t i = 0; i < spec.key_size; ++i) {
            condition += fmt::format("{}{} = ?", i == 0 ? "" : " AND ", spec.columns[i]);
        }
        return condition;
    }

    void compare_with_existing(
        SQLite::Statement& existing,
        const TableSpec& spec,
        const Row& row,
        const std::filesystem::path& source_path)
    {
        existing.tryReset();
        for (std::size_t i = 0; i < spec.key_size; ++i) {
            bind_value(existing, static_cast<int>(i + 1), row[i]);
        }
        existing.executeStep();
        Row held = read_row(existing);

        std::vector<const char*> differing;
        for (std::size_t column : spec.must_agree) {
            if (held[column] != row[column]) {
                differing.push_back(spec.columns[column]);
            }
        }
        if (differing.empty()) {
            ++summary_.duplicates_skipped;
            return;
        }
        if (conflicts_++ == 0) {
            first_conflict_ = describe(spec, row, differing, source_path);
        }
    }

    static std::string describe(
        const TableSpec& spec,
        const Row& row,
        const std::vector<const char*>& differing,
        const std::filesystem::path& source_path)
    {
        std::string key;
        for (std::size_t i = 0; i < spec.key_size; ++i) {
            key += (key.empty() ? "" : ", ") + value_text(row[i]);
        }
        return fmt::format(
            "{} ({}) in {} has another {} than the target holds",
            spec.name,
            key,
            source_path.string(),
            joined(differing, "{}"));
    }

    SQLite::Database& db_;
    MergeSummary& summary_;
    long conflicts_ = 0;
    std::string first_conflict_;
};

MergeSummary Ledger::merge(
    const std::filesystem::path& target,
    const std::vector<std::filesystem::path>& sources,
    LedgerOptions options)
{
    for (const auto& source : sources) {
        std::error_code ignored;
        if (std::filesystem::equivalent(source, target, ignored)) {
            throw LedgerError(target, "cannot merge a ledger into itself");
        }
    }

    Ledger ledger(target, options);
    ledger.require_writable("merge");
    MergeSummary summary;
    detail::guarded({target, options.wait}, "merge ledgers", [&] {
        SQLite::Transaction transaction(*ledger.db_, SQLite::TransactionBehavior::IMMEDIATE);
        // References are checked once everything is in, so a broken source gets a message
        // of ours instead of SQLite's bare "FOREIGN KEY constraint failed" on some row.
        ledger.db_->exec("PRAGMA defer_foreign_keys = ON");
        Merger merger(ledger, summary);
        for (const auto& source_path : sources) {
            SQLite::Database source =
                detail::guarded({source_path, options.wait}, "open the ledger", [&] {
                    return SQLite::Database(source_path, SQLite::OPEN_READONLY, 0);
                });
            open_source_check(source, source_path);
            merger.copy_from(source, source_path);
        }
        if (merger.conflicts() > 0) {
            throw LedgerConflict(target, merger.first_conflict(), merger.conflicts());
        }
        if (SQLite::Statement orphans(*ledger.db_, "PRAGMA foreign_key_check");
            orphans.executeStep()) {
            throw LedgerError(
                target, "cannot merge: the merged rows refer to rows no source holds");
        }
        transaction.commit();
    });
    return summary;
}

}  // namespace placard::ledger
