#include "batch/issue_policy.hpp"

#include <doctest/doctest.h>

using namespace placard::batch;
using placard::ledger::PlacardState;
using placard::ledger::RevokeReason;

namespace {

PlacardState live(
    std::uint32_t generation, std::uint32_t highest, const char* kid, const char* digest)
{
    PlacardState state;
    state.generation = generation;
    state.highest_issued = highest;
    state.kid = kid;
    state.fields_digest = digest;
    return state;
}

PlacardState all_revoked(std::uint32_t highest)
{
    PlacardState state;
    state.highest_issued = highest;
    return state;
}

SelectionOptions selecting(Selection selection)
{
    SelectionOptions options;
    options.selection = selection;
    return options;
}

}  // namespace

TEST_CASE("each selection decides from what the ledger knows of the employee")
{
    struct Row {
        const char* what;
        Selection selection;
        std::optional<PlacardState> state;
        const char* digest;
        IssueAction action;
        std::uint32_t generation;
        std::uint32_t revoked;
    };

    const Row rows[] = {
        {"never printed", Selection::everyone, std::nullopt, "d", IssueAction::print_new, 1, 0},
        {"never printed, changed-only",
         Selection::changed_only,
         std::nullopt,
         "d",
         IssueAction::print_new,
         1,
         0},
        {"live and unchanged: a copy",
         Selection::everyone,
         live(2, 2, "T1", "d"),
         "d",
         IssueAction::print_copy,
         2,
         0},
        {"live and unchanged, changed-only",
         Selection::changed_only,
         live(2, 2, "T1", "d"),
         "d",
         IssueAction::skip_unchanged,
         0,
         0},
        {"fields changed",
         Selection::changed_only,
         live(1, 1, "T1", "d"),
         "e",
         IssueAction::reissue,
         2,
         1},
        {"fields changed, plain run",
         Selection::everyone,
         live(1, 1, "T1", "d"),
         "e",
         IssueAction::reissue,
         2,
         1},
        {"all revoked: the next unused generation",
         Selection::changed_only,
         all_revoked(3),
         "d",
         IssueAction::print_new,
         4,
         0},
        {"an older live one after a revoked newer",
         Selection::changed_only,
         live(1, 2, "T1", "e"),
         "d",
         IssueAction::reissue,
         3,
         1},
    };
    for (const Row& row : rows) {
        CAPTURE(row.what);
        IssueDecision decision =
            decide_issue(selecting(row.selection), "E1", row.state, row.digest);
        CHECK(decision.action == row.action);
        CHECK(decision.generation == row.generation);
        CHECK(decision.revoked_generation == row.revoked);
        CHECK(decision.prints() == (row.generation != 0));
    }
}

TEST_CASE("a copy keeps the key that signed the live placard")
{
    IssueDecision copy =
        decide_issue(selecting(Selection::everyone), "E1", live(1, 1, "OLD", "d"), "d");
    CHECK(copy.kid == "OLD");
    IssueDecision fresh = decide_issue(selecting(Selection::everyone), "E1", std::nullopt, "d");
    CHECK(fresh.kid.empty());  // the active key
}

TEST_CASE("a reprint selects the listed codes in any letter case and reissues with its reason")
{
    SelectionOptions options = selecting(Selection::listed_codes);
    options.codes = {"E7"};
    options.reason = RevokeReason::stolen;

    IssueDecision listed = decide_issue(options, "e7", live(1, 1, "T1", "d"), "d");
    CHECK(listed.action == IssueAction::reissue);
    CHECK(listed.reason == RevokeReason::stolen);
    CHECK(listed.revoked_kid == "T1");
    CHECK(
        decide_issue(options, "E8", live(1, 1, "T1", "d"), "d").action
        == IssueAction::skip_unselected);
    CHECK(decide_issue(options, "E7", std::nullopt, "d").action == IssueAction::print_new);
}

TEST_CASE("a leaked key selects exactly the live placards it signed")
{
    SelectionOptions options = selecting(Selection::signed_by_key);
    options.kid = "T1";
    options.reason = RevokeReason::key_leaked;
    CHECK(decide_issue(options, "E1", live(1, 1, "T1", "d"), "d").action == IssueAction::reissue);
    CHECK(
        decide_issue(options, "E2", live(1, 1, "T2", "d"), "d").action
        == IssueAction::skip_unselected);
    CHECK(decide_issue(options, "E3", std::nullopt, "d").action == IssueAction::skip_unselected);
    CHECK(decide_issue(options, "E4", all_revoked(1), "d").action == IssueAction::skip_unselected);
}
