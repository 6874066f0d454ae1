#include "ledger/detail.hpp"

#include <sqlite3.h>

#include <algorithm>

namespace placard::ledger::detail {

void rethrow(const SQLite::Exception& error, const Context& where, std::string_view doing)
{
    // The primary code is the low byte; SQLITE_BUSY_RECOVERY and friends share it.
    int primary = error.getErrorCode() & 0xff;
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
        throw LedgerBusy(where.ledger, where.wait);
    }
    throw LedgerError::sqlite_failure(where.ledger, std::string(doing), error.what());
}

bool is_sha256_hex(std::string_view text)
{
    return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

std::time_t now_if_zero(std::time_t moment)
{
    return moment != 0 ? moment : std::time(nullptr);
}

}  // namespace placard::ledger::detail
