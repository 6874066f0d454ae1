#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace placard::test {

// Rosters of any size for the ledger's run tests. Employee i (0-based) has the code
// K00001 for i = 0, a distinct valid national code, and a job title that carries its
// revision, so raising a revision changes a printed field and the next --changed-only
// run must reissue that placard. Rows of another province (codes Y00001, ...) can be
// added: a --province filter reads them and skips them.
struct SyntheticRoster {
    std::vector<int> revisions;  // one per employee
    std::string province = "اصفهان";
    std::size_t elsewhere = 0;  // rows of other_province after the employees
    std::string other_province = "یزد";

    explicit SyntheticRoster(std::size_t employees)
        : revisions(employees, 0)
    {}

    std::size_t size() const { return revisions.size(); }

    static std::string employee_code(std::size_t index);

    // CSV (UTF-8, comma) with English headers, including city and province.
    void write_csv(const std::filesystem::path& path) const;

    // The same rows in an SQLite table, with province and city columns for filters.
    void write_database(const std::filesystem::path& path, const std::string& table) const;
};

// A national code with a valid check digit; serials 0 .. 799,999,999 are all distinct.
std::string synthetic_national_code(long serial);

}  // namespace placard::test
