#pragma once

// placard's exit codes: a small, stable set, documented in the README and in --help.
#include <stdexcept>

namespace placard::cli {

// A command line that parses but makes no sense (two inputs, a missing partner
// option): reported like CLI11's own parse errors, with the usage exit code.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

enum ExitCode : int {
    exit_ok = 0,
    exit_warnings = 1,       // validate only: the roster has warnings but no errors
    exit_failed = 2,         // stopped, nothing final written; validate: the roster has errors
    exit_rows_rejected = 3,  // finished under --skip-invalid with rejected rows
    exit_usage = 4,          // the command line is wrong
    exit_ledger_busy = 5,    // another run held the ledger longer than --wait
    exit_url_invalid = 6,    // verify-url: malformed, unknown key, bad signature, not issued
    exit_url_revoked = 7,    // verify-url --ledger: a genuine placard that was revoked
    exit_coverage_low = 8,   // coverage --fail-under: overall coverage below the threshold
    exit_check_failed = 9,   // check: a placard failed, or the roster and the PDFs disagree
    exit_internal = 70,      // a bug in placard; please report it
};

inline constexpr const char* exit_code_help =
    "Exit codes:\n"
    "  0   success\n"
    "  1   validate: warnings only\n"
    "  2   error; nothing final was written (validate: the roster has errors)\n"
    "  3   finished, but rows were rejected (--skip-invalid)\n"
    "  4   usage error\n"
    "  5   the ledger is busy: another run held it longer than --wait\n"
    "  6   verify-url: the URL is not valid (or the ledger never issued it)\n"
    "  7   verify-url --ledger: the placard was revoked\n"
    "  8   coverage --fail-under: coverage is below the threshold\n"
    "  9   check: a placard failed, or the roster and the PDFs disagree\n"
    "  70  internal error (a bug; please report it)\n";

}  // namespace placard::cli
