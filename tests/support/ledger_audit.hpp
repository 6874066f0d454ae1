#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace placard::test {

// SHA-256 of a file's bytes, as 64 lower-case hex digits (computed here with OpenSSL,
// not with placard's own code, so the two check each other).
std::string sha256_of_file(const std::filesystem::path& path);

// The lines of SQLite's PRAGMA integrity_check on a connection of the test's own
// (read-only): {"ok"} for a sound file.
std::vector<std::string> sqlite_integrity_lines(const std::filesystem::path& ledger);

// What an auditor checks after a crash: every file the ledger records exists, has the
// recorded SHA-256, size and page count (read back with Poppler), and every placard's
// page is inside its file. One line per problem; empty when all agree.
std::vector<std::string> recorded_file_problems(const std::filesystem::path& ledger);

// How many placards of each employee are live (issued and not revoked).
std::map<std::string, int> live_placards_by_employee(const std::filesystem::path& ledger);

// Committed batches in the ledger, and how many placards all of them recorded.
long committed_batch_count(const std::filesystem::path& ledger);
long placard_count(const std::filesystem::path& ledger);

}  // namespace placard::test
