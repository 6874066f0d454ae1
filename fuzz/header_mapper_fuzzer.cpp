// Fuzzes the header mapper: header names matched against the English and Persian
// synonyms (normalised, case-folded, Arabic forms folded) and --column overrides. The
// input is CSV text: the first record is the header, the second (if any) holds
// overrides written FIELD=HEADER, as on the command line.
#include "roster/columns.hpp"
#include "roster/csv_parser.hpp"
#include "util/error.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace {

using namespace placard;

std::optional<roster::Field> field_named(const std::string& name)
{
    for (std::size_t i = 0; i < roster::field_count; ++i) {
        auto field = static_cast<roster::Field>(i);
        if (name == roster::field_name(field)) {
            return field;
        }
    }
    return std::nullopt;
}

std::vector<std::pair<roster::Field, std::string>> overrides_of(const roster::CsvRecord& record)
{
    std::vector<std::pair<roster::Field, std::string>> overrides;
    for (const std::string& cell : record.fields) {
        std::size_t equals = cell.find('=');
        if (equals == std::string::npos) {
            continue;
        }
        if (std::optional<roster::Field> field = field_named(cell.substr(0, equals))) {
            overrides.emplace_back(*field, cell.substr(equals + 1));
        }
    }
    return overrides;
}

void check_mapping(const roster::ColumnMap& map, std::size_t columns)
{
    // Each column serves at most one field, and every index is inside the header.
    std::vector<int> uses(columns, 0);
    for (const std::optional<std::size_t>& index : map.index) {
        if (index && (*index >= columns || ++uses[*index] > 1)) {
            __builtin_trap();
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::string text(reinterpret_cast<const char*>(data), size);
    std::size_t offset = 0;
    roster::CsvParser parser(
        [&text, &offset](std::string& out) {
            bool more = offset < text.size();
            out.append(text, offset, std::string::npos);
            offset = text.size();
            return more;
        },
        0,
        "fuzz.csv");

    try {
        roster::CsvRecord header;
        if (!parser.next(header)) {
            return 0;
        }
        roster::CsvRecord second;
        std::vector<std::pair<roster::Field, std::string>> overrides;
        if (parser.next(second)) {
            overrides = overrides_of(second);
        }

        for (const std::string& name : header.fields) {
            roster::header_key(name);
            roster::match_header(name);
        }
        roster::ColumnMap map = roster::map_columns(header.fields, overrides, "fuzz.csv");
        check_mapping(map, header.fields.size());
    } catch (const Error&) {
    }
    return 0;
}
