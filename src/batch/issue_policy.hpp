#pragma once

#include "ledger/records.hpp"

#include <cstdint>
#include <optional>
#include <set>
#include <string>

namespace placard::batch {

// Which employees of the roster a run prints.
enum class Selection {
    everyone,      // render: every valid row
    changed_only,  // render --changed-only: no live placard yet, or printed fields changed
    listed_codes,  // reprint CODE...: the listed employees, each with a new generation
    signed_by_key  // reprint --signed-by KID: every live placard of that key, re-signed
};

struct SelectionOptions {
    Selection selection = Selection::everyone;
    std::set<std::string> codes;  // listed_codes: upper-case employee codes
    std::string kid;              // signed_by_key
    ledger::RevokeReason reason = ledger::RevokeReason::data_changed;  // for reissues
};

// What a run does with one valid row.
enum class IssueAction {
    print_new,       // no live placard: a new generation
    print_copy,      // the live placard again, same URL: nothing changed, nothing revoked
    reissue,         // a new generation; the live one is revoked with `reason`
    skip_unchanged,  // --changed-only and the live placard already shows these fields
    skip_unselected  // a reprint that does not name this employee
};

struct IssueDecision {
    IssueAction action = IssueAction::print_new;
    std::uint32_t generation = 1;          // of the placard printed
    std::string kid;                       // key that signs it; empty: the keyring's active key
    std::uint32_t revoked_generation = 0;  // reissue: the live one it replaces
    std::string revoked_kid;
    ledger::RevokeReason reason = ledger::RevokeReason::data_changed;
    std::string fields_digest;  // of the printed fields the decision was made on

    bool prints() const
    {
        return action != IssueAction::skip_unchanged && action != IssueAction::skip_unselected;
    }
};

// Decides from what the ledger knows of the employee (nullopt: never printed) and the
// digest of the fields this roster would print. A new generation is always one above
// every generation ever issued, so no URL is issued twice; a placard whose printed
// fields changed is reissued and the old one revoked as data-changed, so a wall never
// shows an outdated placard that still works as if current.
IssueDecision decide_issue(
    const SelectionOptions& options,
    const std::string& employee_code,
    const std::optional<ledger::PlacardState>& state,
    const std::string& fields_digest);

// The reason code and message of a row a run skips on purpose.
const char* skip_reason_code(IssueAction action);
const char* skip_reason_text(IssueAction action);

}  // namespace placard::batch
