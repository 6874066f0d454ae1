#include "check/identity_match.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace placard::check {

namespace {

constexpr long not_in_roster = -1;
constexpr long repeated = -2;

// The roster position each placard names: its first placard only, so a duplicate
// cannot anchor a second time.
std::vector<long> roster_positions(
    const std::vector<std::string>& roster_codes, const std::vector<std::string>& found_codes)
{
    std::unordered_map<std::string, long> position;
    for (std::size_t i = 0; i < roster_codes.size(); ++i) {
        position.emplace(roster_codes[i], static_cast<long>(i));
    }
    std::unordered_set<std::string> seen;
    std::vector<long> at(found_codes.size(), not_in_roster);
    for (std::size_t slot = 0; slot < found_codes.size(); ++slot) {
        auto known = position.find(found_codes[slot]);
        if (known != position.end()) {
            at[slot] = seen.insert(known->first).second ? known->second : repeated;
        }
    }
    return at;
}

// The placards (by index) of the longest run whose roster positions rise, in O(n log n):
// tails[k] is the last placard of the best run of length k + 1 found so far.
std::vector<std::size_t> longest_rising_run(const std::vector<long>& at)
{
    std::vector<std::size_t> tails;
    std::vector<long> before(at.size(), -1);
    for (std::size_t slot = 0; slot < at.size(); ++slot) {
        if (at[slot] < 0) {
            continue;
        }
        auto place = std::lower_bound(
            tails.begin(), tails.end(), at[slot], [&at](std::size_t tail, long value) {
                return at[tail] < value;
            });
        if (place != tails.begin()) {
            before[slot] = static_cast<long>(*(place - 1));
        }
        if (place == tails.end()) {
            tails.push_back(slot);
        } else {
            *place = slot;
        }
    }

    std::vector<std::size_t> run;
    for (long slot = tails.empty() ? -1 : static_cast<long>(tails.back()); slot >= 0;
         slot = before[static_cast<std::size_t>(slot)]) {
        run.push_back(static_cast<std::size_t>(slot));
    }
    std::reverse(run.begin(), run.end());
    return run;
}

// Between two anchors, the placards that name nobody in the roster stand, in order,
// where the roster employees missing between them would have been.
void pair_gap(
    IdentityMatch& match,
    const std::vector<std::string>& roster_codes,
    const std::vector<long>& at,
    std::size_t first_slot,
    std::size_t end_slot,
    long after_position,
    long before_position)
{
    auto next_missing = std::lower_bound(
        match.missing.begin(), match.missing.end(), static_cast<std::size_t>(after_position + 1));
    for (std::size_t slot = first_slot; slot < end_slot; ++slot) {
        if (at[slot] != not_in_roster) {
            continue;
        }
        if (next_missing == match.missing.end()
            || static_cast<long>(*next_missing) >= before_position) {
            return;
        }
        match.expected[slot] = roster_codes[*next_missing++];
    }
}

}  // namespace

IdentityMatch match_identities(
    const std::vector<std::string>& roster_codes, const std::vector<std::string>& found_codes)
{
    std::vector<long> at = roster_positions(roster_codes, found_codes);

    IdentityMatch match;
    match.expected.resize(found_codes.size());
    std::vector<bool> named(roster_codes.size(), false);
    for (std::size_t slot = 0; slot < at.size(); ++slot) {
        if (at[slot] != not_in_roster) {
            match.expected[slot] = found_codes[slot];
        }
        if (at[slot] >= 0) {
            named[static_cast<std::size_t>(at[slot])] = true;
        }
    }
    for (std::size_t position = 0; position < named.size(); ++position) {
        if (!named[position]) {
            match.missing.push_back(position);
        }
    }

    std::size_t gap_start = 0;
    long after_position = -1;
    for (std::size_t anchor : longest_rising_run(at)) {
        pair_gap(match, roster_codes, at, gap_start, anchor, after_position, at[anchor]);
        gap_start = anchor + 1;
        after_position = at[anchor];
    }
    pair_gap(
        match,
        roster_codes,
        at,
        gap_start,
        at.size(),
        after_position,
        static_cast<long>(roster_codes.size()));
    return match;
}

}  // namespace placard::check
