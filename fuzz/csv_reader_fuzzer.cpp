// Fuzzes roster reading from raw bytes: encoding detection (BOMs, UTF-16 without a BOM,
// the Windows-1256 guess), decoding with ICU, RFC 4180 splitting, column mapping and row
// validation. placard::Error is the documented way to refuse a file; anything else that
// escapes (std::logic_error, std::out_of_range, a crash, a sanitizer report) is a bug.
#include "memory_file.hpp"
#include "roster/csv_parser.hpp"
#include "roster/roster_reader.hpp"
#include "roster/text_decoder.hpp"
#include "util/error.hpp"

#include <cstdint>
#include <sstream>
#include <string>

namespace {

using namespace placard;

// The layers below the reader, straight over the bytes: most fuzzed headers lack the
// required columns, and the reader would stop before it split a single row.
void split_every_record(const std::string& bytes)
{
    std::istringstream in(bytes);
    roster::EncodingChoice choice = roster::choose_encoding(in, "", "fuzz.csv");
    roster::TextDecoder decoder(in, choice.encoding, choice.bom, "fuzz.csv");
    roster::CsvParser parser(
        [&decoder](std::string& out) { return decoder.read(out); }, 0, "fuzz.csv");
    roster::CsvRecord record;
    while (parser.next(record)) {
        if (record.fields.size() != record.field_offsets.size()) {
            __builtin_trap();  // every field must know where it starts
        }
    }
}

void read_whole_roster(const std::string& path)
{
    roster::RosterReader reader(path, roster::ReadOptions{});
    roster::RosterRow row;
    long rows = 0;
    while (reader.next(row)) {
        ++rows;
    }
    if (rows != reader.rows_read()) {
        __builtin_trap();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static fuzz::MemoryFile file("roster.csv");
    std::string bytes(reinterpret_cast<const char*>(data), size);

    try {
        split_every_record(bytes);
    } catch (const Error&) {
    }

    file.assign(data, size);
    try {
        read_whole_roster(file.path());
    } catch (const Error&) {
    }
    return 0;
}
