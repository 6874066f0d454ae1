#include "support/synthetic_roster.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <fstream>
#include <stdexcept>

namespace placard::test {

namespace {

const char* const given_names[] = {"سارا", "علی", "مهدی", "ژیلا", "محمدرضا", "نرگس"};
const char* const family_names[] = {
    "نمونه‌زاده", "آزمایشی", "فرضی‌پور", "کریمی", "اسلامی‌فر"};
const char* const offices[] = {"واحد صدور شناسنامه", "واحد مستمری", "دفتر مرکزی"};

struct Row {
    std::string code;
    std::string national_code;
    std::string first_name;
    std::string last_name;
    std::string job_title;
    std::string office;
};

// National code serials of the other province's rows start here, clear of the employees'.
constexpr std::size_t elsewhere_serials = 500000;

Row row_of(std::size_t index, int revision)
{
    return {
        SyntheticRoster::employee_code(index),
        synthetic_national_code(static_cast<long>(index)),
        given_names[index % 6],
        family_names[index % 5],
        fmt::format("کارشناس رده {}", revision + 1),
        offices[index % 3]};
}

Row elsewhere_row(std::size_t index)
{
    Row row = row_of(elsewhere_serials + index, 0);
    row.code = fmt::format("Y{:05}", index + 1);
    return row;
}

std::string csv_line(const Row& row, const std::string& province)
{
    return fmt::format(
        "{},{},{},{},{},{},اداره کل ثبت احوال,اصفهان,{}\n",
        row.code,
        row.national_code,
        row.first_name,
        row.last_name,
        row.job_title,
        row.office,
        province);
}

}  // namespace

std::string synthetic_national_code(long serial)
{
    std::string digits = fmt::format("{:09}", 100000000 + serial % 800000000);
    int sum = 0;
    for (std::size_t i = 0; i < 9; ++i) {
        sum += (digits[i] - '0') * static_cast<int>(10 - i);
    }
    int remainder = sum % 11;
    return digits + std::to_string(remainder < 2 ? remainder : 11 - remainder);
}

std::string SyntheticRoster::employee_code(std::size_t index)
{
    return fmt::format("K{:05}", index + 1);
}

void SyntheticRoster::write_csv(const std::filesystem::path& path) const
{
    std::string text = "employee_code,national_code,first_name,last_name,job_title,office,"
                       "agency,city,province\n";
    for (std::size_t i = 0; i < size(); ++i) {
        text += csv_line(row_of(i, revisions[i]), province);
    }
    for (std::size_t i = 0; i < elsewhere; ++i) {
        text += csv_line(elsewhere_row(i), other_province);
    }

    std::ofstream out(path, std::ios::binary);
    out << text;
    if (!out) {
        throw std::runtime_error("cannot write " + path.string());
    }
}

void SyntheticRoster::write_database(
    const std::filesystem::path& path, const std::string& table) const
{
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec(fmt::format(
        "CREATE TABLE {} (employee_code TEXT, national_code TEXT, first_name TEXT, "
        "last_name TEXT, job_title TEXT, office TEXT, agency TEXT, city TEXT, province TEXT)",
        table));
    SQLite::Transaction transaction(db);
    SQLite::Statement insert(
        db,
        fmt::format(
            "INSERT INTO {} VALUES (?, ?, ?, ?, ?, ?, 'اداره کل ثبت احوال', 'اصفهان', ?)", table));
    auto insert_row = [&insert](const Row& row, const std::string& row_province) {
        insert.bind(1, row.code);
        insert.bind(2, row.national_code);
        insert.bind(3, row.first_name);
        insert.bind(4, row.last_name);
        insert.bind(5, row.job_title);
        insert.bind(6, row.office);
        insert.bind(7, row_province);
        insert.exec();
        insert.reset();
    };
    for (std::size_t i = 0; i < size(); ++i) {
        insert_row(row_of(i, revisions[i]), province);
    }
    for (std::size_t i = 0; i < elsewhere; ++i) {
        insert_row(elsewhere_row(i), other_province);
    }
    transaction.commit();
}

}  // namespace placard::test
