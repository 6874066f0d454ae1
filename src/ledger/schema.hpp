#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string_view>

namespace SQLite {
class Database;
}

namespace placard::ledger::schema {

// Marks a file as a placard ledger ("PLCD"), so a roster database given by mistake is
// refused instead of getting ledger tables added to it.
inline constexpr std::int32_t application_id = 0x504c4344;

// Step i takes a ledger from schema version i to i + 1. Steps are only ever appended:
// a released step is never edited, because ledgers in the field already ran it.
std::span<const std::string_view> migrations();

inline int current_version()
{
    return static_cast<int>(migrations().size());
}

// Reads PRAGMA user_version.
int stored_version(SQLite::Database& db);

// Whether nothing has been created in the file yet: a new file, or one whose creating
// run was killed before its first transaction committed.
bool is_empty(SQLite::Database& db);

// Whether the file is a ledger or empty.
bool is_ledger_or_empty(SQLite::Database& db);

// Runs the steps from the stored version up to steps.size() in one write transaction and
// stamps the application id and the new version in the same transaction, so a crash
// leaves the old version or the new one, never a half-migrated ledger. Throws
// LedgerError when the stored version is newer than the steps know.
void migrate(
    SQLite::Database& db,
    std::span<const std::string_view> steps,
    const std::filesystem::path& ledger);

}  // namespace placard::ledger::schema
