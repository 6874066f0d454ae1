#include "roster/roster_reader.hpp"

#include "roster/columns.hpp"
#include "roster/csv_source.hpp"
#include "roster/record_source.hpp"
#include "roster/row_validator.hpp"
#include "roster/sqlite_source.hpp"
#include "util/error.hpp"
#include "util/printable.hpp"

#include <fmt/format.h>

namespace placard::roster {

std::unique_ptr<RecordSource> open_record_source(
    const std::string& path, const ReadOptions& options)
{
    if (options.is_sqlite()) {
        return open_sqlite_source(path, options);
    }
    return open_csv_source(path, options);
}

struct RosterReader::Impl {
    ReadOptions options;
    std::unique_ptr<RecordSource> source;
    std::vector<Finding> file_findings;
    ColumnMap columns;
    std::unique_ptr<RowValidator> validator;
    std::vector<std::pair<std::size_t, std::string>> filter_keys;  // column, key (CSV only)
    std::optional<SourceRecord> pending;
    long rows_read = 0;

    void note_unused_columns();
    void prepare_filters();
    bool outside_filters(const SourceRecord& record) const;
};

// A column nobody uses is one warning, so HR notices a misspelt header; a column that
// names a field another column already holds ("personnel_no" beside "employee_id") is
// only a note.
void RosterReader::Impl::note_unused_columns()
{
    const std::vector<std::string>& header = source->header();
    std::string unknown;
    std::string shadowed;
    for (std::size_t column : columns.unused) {
        std::string& names = match_header(header[column]) ? shadowed : unknown;
        names += names.empty() ? "" : ", ";
        names += header[column].empty() ? fmt::format("(column {}, no name)", column + 1)
                                        : fmt::format("\"{}\"", printable(header[column]));
    }

    SourceLocation where{source->name(), 1};
    where.is_row = source->location(1, 0).is_row;
    where.line = where.is_row ? 0 : 1;
    if (!unknown.empty()) {
        file_findings.push_back(Finding{
            Severity::warning,
            "unknown-columns",
            fmt::format(
                "columns not used: {}; map one with --column FIELD=HEADER if it holds a known "
                "field",
                unknown),
            where});
    }
    if (!shadowed.empty()) {
        file_findings.push_back(Finding{
            Severity::info,
            "columns-not-needed",
            fmt::format(
                "columns not used because another column holds the same field: {}; choose "
                "with --column FIELD=HEADER",
                shadowed),
            where});
    }
}

// SQLite applies the filters in its query; for CSV they are checked here, row by row.
void RosterReader::Impl::prepare_filters()
{
    if (options.is_sqlite()) {
        return;
    }
    for (const auto& [field, value] : options.filters) {
        filter_keys.emplace_back(filter_column(columns, field, source->name()), filter_key(value));
    }
}

bool RosterReader::Impl::outside_filters(const SourceRecord& record) const
{
    for (const auto& [column, key] : filter_keys) {
        // A row that could not be read cleanly is validated and rejected, never skipped:
        // nobody can tell which province it belongs to.
        if (column >= record.fields.size() || !record.findings.empty()) {
            return false;
        }
        if (filter_key(record.fields[column]) != key) {
            return true;
        }
    }
    return false;
}

RosterReader::RosterReader(const std::string& path, const ReadOptions& options)
    : impl_(std::make_unique<Impl>())
{
    impl_->options = options;
    impl_->source = open_record_source(path, options);
    RecordSource& source = *impl_->source;
    impl_->file_findings = source.file_findings();

    impl_->columns = map_columns(source.header(), options.column_overrides, source.name());
    impl_->note_unused_columns();
    impl_->prepare_filters();
    SourceLocation origin = source.location(0, source.header().size());
    origin.line = 0;
    origin.column = 0;
    origin.field.clear();
    impl_->validator = std::make_unique<RowValidator>(
        origin, source.header(), impl_->columns, options.pad_national_code);

    // Read one record ahead so that a roster without rows stops the run here.
    SourceRecord first;
    if (!source.next(first)) {
        throw Error(
            options.is_sqlite() ? "roster has no rows: the table or query returned none"
                                : "roster has no rows; the file holds only the header",
            SourceLocation{source.name(), options.is_sqlite() ? 0 : 1});
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
    return impl_->source->header();
}

const std::string& RosterReader::source_name() const
{
    return impl_->source->name();
}

bool RosterReader::next(RosterRow& row)
{
    SourceRecord record;
    if (impl_->pending) {
        record = std::move(*impl_->pending);
        impl_->pending.reset();
    } else if (!impl_->source->next(record)) {
        return false;
    }

    row = RosterRow{};
    row.line = record.line;
    ++impl_->rows_read;
    bool outside = !impl_->filter_keys.empty() && impl_->outside_filters(record);
    row.fields = std::move(record.fields);
    if (outside) {
        row.disposition = Disposition::skipped;
        row.reason_code = "outside-filter";
        row.reason = "outside the --province, --city or --agency filter of this run";
        return true;
    }

    row.findings = std::move(record.findings);
    impl_->validator->validate(row);
    if (!impl_->options.shard.is_whole()
        && shard_of(row.employee.employee_code, impl_->options.shard.count)
               != impl_->options.shard.index) {
        row.disposition = Disposition::skipped;
        row.findings.clear();
        row.reason_code = "outside-shard";
        row.reason = "in another shard of this run";
    }
    return true;
}

long RosterReader::rows_read() const
{
    return impl_->rows_read;
}

SourceLocation RosterReader::location_of(const RosterRow& row, Field field) const
{
    if (std::optional<std::size_t> column = impl_->columns.column(field)) {
        return impl_->source->location(row.line, *column);
    }
    SourceLocation where = impl_->source->location(row.line, impl_->source->header().size());
    where.column = 0;
    where.field = field_name(field);
    return where;
}

}  // namespace placard::roster
