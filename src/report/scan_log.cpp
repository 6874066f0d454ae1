#include "report/scan_log.hpp"

#include "report/csv_input.hpp"
#include "report/iso_time.hpp"
#include "roster/normalise.hpp"
#include "util/ascii.hpp"
#include "util/printable.hpp"

#include <fmt/format.h>

#include <charconv>

namespace placard::report {

namespace {

struct ScanColumns {
    std::size_t code;
    std::size_t kid;
    std::size_t generation;
    std::size_t first_scan;
    std::size_t last_scan;
};

ScanColumns find_columns(const CsvInput& input)
{
    return {
        input.required_column({"employee_code"}),
        input.required_column({"kid", "key_id"}),
        input.required_column({"generation"}),
        input.required_column({"first_scan"}),
        input.required_column({"last_scan"})};
}

std::optional<std::uint32_t> parse_generation(std::string_view text)
{
    std::uint32_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value == 0) {
        return std::nullopt;
    }
    return value;
}

Finding bad_value(const CsvInput& input, long line, std::size_t column, std::string message)
{
    return Finding{Severity::warning, "scan-log-value", std::move(message), input.at(line, column)};
}

// A time column: empty is "no scan"; anything else must parse.
std::optional<Finding> read_time(
    const CsvInput& input, const CsvLine& line, std::size_t column, std::optional<std::time_t>& out)
{
    std::string text = roster::normalise_code(line.fields[column]).text;
    if (text.empty()) {
        return std::nullopt;
    }
    out = parse_iso_time(text);
    if (out) {
        return std::nullopt;
    }
    return bad_value(
        input,
        line.line,
        column,
        fmt::format(
            "\"{}\" is not an ISO 8601 time with a zone; expected e.g. 2026-03-01T08:30:00Z",
            printable(text)));
}

// The record of a good line, or the finding that explains why the line is left out.
std::optional<Finding> read_record(
    const CsvInput& input, const ScanColumns& columns, const CsvLine& line, ScanRecord& record)
{
    if (line.problem) {
        return line.problem;
    }
    if (line.fields.size() != input.header().size()) {
        return Finding{
            Severity::warning,
            "scan-log-fields",
            fmt::format(
                "expected {} fields as in the header, found {}",
                input.header().size(),
                line.fields.size()),
            input.at(line.line)};
    }

    record = ScanRecord{};
    record.line = line.line;
    record.employee_code = ascii_upper(roster::normalise_code(line.fields[columns.code]).text);
    record.kid = roster::normalise_code(line.fields[columns.kid]).text;
    if (record.employee_code.empty() || record.kid.empty()) {
        std::size_t empty = record.employee_code.empty() ? columns.code : columns.kid;
        return bad_value(
            input,
            line.line,
            empty,
            "the placard's key id and employee code are "
            "both required");
    }
    std::string generation = roster::normalise_code(line.fields[columns.generation]).text;
    std::optional<std::uint32_t> number = parse_generation(generation);
    if (!number) {
        return bad_value(
            input,
            line.line,
            columns.generation,
            fmt::format("generation \"{}\" is not a whole number from 1", printable(generation)));
    }
    record.generation = *number;
    if (auto bad = read_time(input, line, columns.first_scan, record.first_scan)) {
        return bad;
    }
    return read_time(input, line, columns.last_scan, record.last_scan);
}

}  // namespace

long read_scan_log(
    const std::filesystem::path& path,
    const std::function<void(const ScanRecord&)>& take,
    Reporter& reporter)
{
    CsvInput input(path, "scan log");
    ScanColumns columns = find_columns(input);

    long bad_lines = 0;
    CsvLine line;
    ScanRecord record;
    while (input.next(line)) {
        if (std::optional<Finding> bad = read_record(input, columns, line, record)) {
            reporter.finding(*bad);
            ++bad_lines;
            continue;
        }
        take(record);
    }
    return bad_lines;
}

}  // namespace placard::report
