#include "support/ledger_check.hpp"

#include "support/pdf_readback.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <map>

namespace placard::test {

namespace {

int page_count_of(const std::string& path, std::map<std::string, int>& cache)
{
    auto found = cache.find(path);
    if (found != cache.end()) {
        return found->second;
    }
    int pages = std::filesystem::is_regular_file(path) ? PdfReadback(path).page_count() : 0;
    cache.emplace(path, pages);
    return pages;
}

bool has_placard_table(SQLite::Database& db)
{
    SQLite::Statement query(
        db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'placard'");
    query.executeStep();
    return query.getColumn(0).getInt() > 0;
}

}  // namespace

LedgerCheck check_ledger(const std::filesystem::path& ledger)
{
    LedgerCheck check;
    check.exists = std::filesystem::exists(ledger);
    if (!check.exists) {
        return check;
    }

    SQLite::Database db(ledger.string(), SQLite::OPEN_READONLY);
    SQLite::Statement integrity(db, "PRAGMA integrity_check");
    integrity.executeStep();
    check.integrity = integrity.getColumn(0).getString();
    if (!has_placard_table(db)) {
        return check;
    }

    std::map<std::string, int> pages;
    SQLite::Statement rows(db, "SELECT path, page FROM placard");
    while (rows.executeStep()) {
        ++check.placard_rows;
        std::string path = rows.getColumn(0).getString();
        int page = rows.getColumn(1).getInt();
        if (page > page_count_of(path, pages)) {
            check.phantom_pages.push_back(path + "#" + std::to_string(page));
        }
    }
    return check;
}

}  // namespace placard::test
