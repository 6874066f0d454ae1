#include "ledger/ledger_error.hpp"

#include <fmt/format.h>

namespace placard::ledger {

namespace {

std::string seconds_text(std::chrono::milliseconds wait)
{
    return fmt::format("{:g} s", static_cast<double>(wait.count()) / 1000.0);
}

}  // namespace

LedgerError::LedgerError(const std::filesystem::path& ledger, const std::string& message)
    : Error(message, SourceLocation{ledger.string(), 0, 0, ""})
{}

LedgerError LedgerError::newer_schema(const std::filesystem::path& ledger, int found, int known)
{
    return {
        ledger,
        fmt::format(
            "ledger schema version {} is newer than this placard knows (up to {}); it was "
            "written by a newer placard; use that version or a newer one",
            found,
            known)};
}

LedgerError LedgerError::older_schema_read_only(
    const std::filesystem::path& ledger, int found, int known)
{
    return {
        ledger,
        fmt::format(
            "ledger schema version {} needs migrating to version {}, which a read-only "
            "open cannot do; open it once with write access",
            found,
            known)};
}

LedgerError LedgerError::not_a_ledger(const std::filesystem::path& ledger)
{
    return {
        ledger,
        "not a placard ledger: an SQLite database of something else; it was left untouched; "
        "give the path of a ledger or of a file that does not exist yet"};
}

LedgerError LedgerError::missing(const std::filesystem::path& ledger)
{
    return {
        ledger,
        "no ledger at this path; this command works on the ledger that earlier runs wrote, so "
        "check --ledger (render writes placard-ledger.sqlite beside its PDF by default)"};
}

LedgerError LedgerError::sqlite_too_old(const std::filesystem::path& ledger, const char* version)
{
    return {
        ledger,
        fmt::format(
            "the ledger needs SQLite 3.37 or newer (STRICT tables), found {}; install a "
            "newer libsqlite3",
            version)};
}

LedgerError LedgerError::no_wal(const std::filesystem::path& ledger, const std::string& mode)
{
    return {
        ledger,
        fmt::format(
            "cannot switch the ledger to WAL mode (journal mode stays '{}'); keep the ledger "
            "on a local file system",
            mode)};
}

LedgerError LedgerError::sqlite_failure(
    const std::filesystem::path& ledger, const std::string& doing, const std::string& what)
{
    return {ledger, fmt::format("cannot {}: {}", doing, what)};
}

LedgerBusy::LedgerBusy(const std::filesystem::path& ledger, std::chrono::milliseconds waited)
    : LedgerError(
        ledger,
        fmt::format(
            "ledger is busy: another placard run is writing it and did not finish within "
            "{}; run again when it is done, or wait longer",
            seconds_text(waited)))
    , waited_(waited)
{}

LedgerConflict::LedgerConflict(
    const std::filesystem::path& target, const std::string& first, long count)
    : LedgerError(
        target,
        fmt::format(
            "cannot merge: {} conflicting record{}, the first: {}; nothing was merged",
            count,
            count == 1 ? "" : "s",
            first))
{}

}  // namespace placard::ledger
