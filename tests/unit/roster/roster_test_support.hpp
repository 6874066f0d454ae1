#pragma once

#include "roster/roster_reader.hpp"
#include "support/temp_dir.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace placard::roster::test {

struct ReadResult {
    std::vector<std::string> header;
    std::vector<Finding> file_findings;
    std::vector<RosterRow> rows;
    long rows_read = 0;
};

inline ReadResult read_roster(const std::string& path, const ReadOptions& options = {})
{
    RosterReader reader(path, options);
    ReadResult result;
    result.header = reader.header();
    result.file_findings = reader.file_findings();
    RosterRow row;
    while (reader.next(row)) {
        result.rows.push_back(row);
    }
    result.rows_read = reader.rows_read();
    return result;
}

// Writes `bytes` to a fresh temp folder and reads them as a roster.
inline ReadResult read_bytes(const std::string& bytes, const ReadOptions& options = {})
{
    placard::test::TempDir dir;
    return read_roster(dir.write("roster.csv", bytes).string(), options);
}

inline const Finding* find_code(const RosterRow& row, std::string_view code)
{
    auto found = std::find_if(
        row.findings.begin(), row.findings.end(), [&](const Finding& f) { return f.code == code; });
    return found == row.findings.end() ? nullptr : &*found;
}

inline std::vector<std::string> codes_of(const RosterRow& row)
{
    std::vector<std::string> codes;
    for (const Finding& finding : row.findings) {
        codes.push_back(finding.code);
    }
    return codes;
}

// A national code with a valid check digit, built from nine digits; for test rows that
// must each hold a distinct valid code.
inline std::string valid_national_code(long serial)
{
    std::string digits = std::to_string(100000000 + serial % 900000000).substr(0, 9);
    int sum = 0;
    for (std::size_t i = 0; i < 9; ++i) {
        sum += (digits[i] - '0') * static_cast<int>(10 - i);
    }
    int r = sum % 11;
    return digits + std::to_string(r < 2 ? r : 11 - r);
}

inline std::string repeat(const std::string& text, std::size_t times)
{
    std::string out;
    for (std::size_t i = 0; i < times; ++i) {
        out += text;
    }
    return out;
}

inline const std::string basic_header =
    "employee_id,national_code,first_name,last_name,job_title,office\n";

inline std::string cases_dir()
{
    return PLACARD_TEST_DATA_DIR "/../cases";
}

inline std::string roster_data_dir()
{
    return PLACARD_TEST_DATA_DIR "/roster";
}

}  // namespace placard::roster::test
