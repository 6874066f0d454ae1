#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace placard::test {

// What a print ledger holds after a run, seen from outside: whether SQLite finds it
// intact, and which placard rows point at pages that do not exist.
struct LedgerCheck {
    bool exists = false;
    std::string integrity;  // PRAGMA integrity_check's answer, "ok" when intact
    long placard_rows = 0;
    std::vector<std::string> phantom_pages;  // "path#page" for each page that is not there
};

// Opens the ledger read-only (a missing ledger is reported, not created).
LedgerCheck check_ledger(const std::filesystem::path& ledger);

}  // namespace placard::test
