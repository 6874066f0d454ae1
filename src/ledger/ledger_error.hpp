#pragma once

#include "util/error.hpp"

#include <chrono>
#include <filesystem>
#include <string>

namespace placard::ledger {

// Any condition that stops work on a ledger file. The location names the ledger, so the
// user always learns which file the message is about. The wording lives in the named
// constructors below, in one place.
class LedgerError : public Error {
public:
    LedgerError(const std::filesystem::path& ledger, const std::string& message);

    static LedgerError newer_schema(const std::filesystem::path& ledger, int found, int known);
    static LedgerError older_schema_read_only(
        const std::filesystem::path& ledger, int found, int known);
    static LedgerError not_a_ledger(const std::filesystem::path& ledger);
    static LedgerError missing(const std::filesystem::path& ledger);
    static LedgerError sqlite_too_old(const std::filesystem::path& ledger, const char* version);
    static LedgerError no_wal(const std::filesystem::path& ledger, const std::string& mode);
    static LedgerError sqlite_failure(
        const std::filesystem::path& ledger, const std::string& doing, const std::string& what);
};

// Another placard run holds the ledger's write lock and did not let go within the wait.
// A distinct type so the CLI can give it its own exit code.
class LedgerBusy : public LedgerError {
public:
    LedgerBusy(const std::filesystem::path& ledger, std::chrono::milliseconds waited);

    std::chrono::milliseconds waited() const { return waited_; }

private:
    std::chrono::milliseconds waited_;
};

// Merging ledgers found the same placard (employee code and generation) recorded with a
// different key or different printed fields, or the same batch or file with different
// contents; nothing was merged.
class LedgerConflict : public LedgerError {
public:
    LedgerConflict(const std::filesystem::path& target, const std::string& first, long count);
};

}  // namespace placard::ledger
