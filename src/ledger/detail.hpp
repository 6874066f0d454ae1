#pragma once

// Pieces shared by the ledger's source files. Not part of the ledger's interface: only
// src/ledger and its tests include this header.

#include "ledger/ledger_error.hpp"
#include "ledger/records.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace placard::ledger::detail {

// Where a SQLite failure is turned into ours: the file, what we were doing, and
// LedgerBusy when it was the lock of another connection.
struct Context {
    const std::filesystem::path& ledger;
    std::chrono::milliseconds wait;
};

[[noreturn]] void rethrow(
    const SQLite::Exception& error, const Context& where, std::string_view doing);

template <class Work>
auto guarded(const Context& where, std::string_view doing, Work&& work)
{
    try {
        return work();
    } catch (const SQLite::Exception& error) {
        rethrow(error, where, doing);
    }
}

bool is_sha256_hex(std::string_view text);

std::time_t now_if_zero(std::time_t moment);

// Applies revocation requests on a connection that is already inside a write transaction.
// Placards of `own_batch` (the batch doing the revoking) are left alone; revocation rows
// record it.
RevokeOutcome apply_revocations(
    SQLite::Database& db,
    const std::filesystem::path& ledger,
    const std::vector<RevokeRequest>& requests,
    const std::string& own_batch);

}  // namespace placard::ledger::detail
