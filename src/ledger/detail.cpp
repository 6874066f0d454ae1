#include "ledger/detail.hpp"

#include <fmt/format.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace placard::ledger::detail {

namespace {

// SQLite words a failed open or write the same whatever the reason ("unable to open
// database file", "disk I/O error"); add what the user can act on.
std::string with_cause(const SQLite::Exception& error, const std::filesystem::path& ledger)
{
    std::string message = error.what();
    if ((error.getErrorCode() & 0xff) == SQLITE_CANTOPEN) {
        std::filesystem::path folder = ledger.parent_path().empty() ? "." : ledger.parent_path();
        if (::access(folder.c_str(), W_OK | X_OK) != 0) {
            message += fmt::format(
                "; cannot create files in {}: {}", folder.string(), std::strerror(errno));
        }
    } else if ((error.getErrorCode() & 0xff) == SQLITE_IOERR) {
        message += "; the file system refused a read or write: the disk may be full or failing, "
                   "or a file-size limit reached";
    }
    return message;
}

}  // namespace

void rethrow(const SQLite::Exception& error, const Context& where, std::string_view doing)
{
    // The primary code is the low byte; SQLITE_BUSY_RECOVERY and friends share it.
    int primary = error.getErrorCode() & 0xff;
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
        throw LedgerBusy(where.ledger, where.wait);
    }
    throw LedgerError::sqlite_failure(
        where.ledger, std::string(doing), with_cause(error, where.ledger));
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
