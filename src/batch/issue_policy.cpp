#include "batch/issue_policy.hpp"

#include "util/ascii.hpp"

namespace placard::batch {

namespace {

IssueDecision new_generation(const std::optional<ledger::PlacardState>& state)
{
    IssueDecision decision;
    decision.action = IssueAction::print_new;
    decision.generation = state ? state->highest_issued + 1 : 1;
    return decision;
}

IssueDecision reissue(const ledger::PlacardState& live, ledger::RevokeReason reason)
{
    IssueDecision decision;
    decision.action = IssueAction::reissue;
    decision.generation = live.highest_issued + 1;
    decision.revoked_generation = live.generation;
    decision.revoked_kid = live.kid;
    decision.reason = reason;
    return decision;
}

IssueDecision skip(IssueAction action)
{
    IssueDecision decision;
    decision.action = action;
    decision.generation = 0;
    return decision;
}

bool is_selected(
    const SelectionOptions& options,
    const std::string& employee_code,
    const std::optional<ledger::PlacardState>& state)
{
    if (options.selection == Selection::listed_codes) {
        return options.codes.contains(ascii_upper(employee_code));
    }
    if (options.selection == Selection::signed_by_key) {
        return state && state->has_live() && state->kid == options.kid;
    }
    return true;
}

}  // namespace

IssueDecision decide_issue(
    const SelectionOptions& options,
    const std::string& employee_code,
    const std::optional<ledger::PlacardState>& state,
    const std::string& fields_digest)
{
    if (!is_selected(options, employee_code, state)) {
        return skip(IssueAction::skip_unselected);
    }
    if (!state || !state->has_live()) {
        return new_generation(state);
    }

    bool reprint = options.selection == Selection::listed_codes
                   || options.selection == Selection::signed_by_key;
    if (reprint) {
        return reissue(*state, options.reason);
    }
    if (state->fields_digest != fields_digest) {
        return reissue(*state, ledger::RevokeReason::data_changed);
    }
    if (options.selection == Selection::changed_only) {
        return skip(IssueAction::skip_unchanged);
    }
    IssueDecision copy;
    copy.action = IssueAction::print_copy;
    copy.generation = state->generation;
    copy.kid = state->kid;  // the same URL, even after a key rotation
    return copy;
}

const char* skip_reason_code(IssueAction action)
{
    return action == IssueAction::skip_unchanged ? "unchanged" : "not-selected";
}

const char* skip_reason_text(IssueAction action)
{
    return action == IssueAction::skip_unchanged
               ? "the live placard already shows these details (--changed-only)"
               : "not among the placards this reprint was asked for";
}

}  // namespace placard::batch
