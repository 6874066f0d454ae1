#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace placard::check {

// How the placards found line up with the roster they were printed from.
struct IdentityMatch {
    // Per placard: the employee expected there. A placard of a roster employee expects
    // that employee; a placard that is missing its QR or names somebody else, standing
    // where roster employees that have no placard would have been printed, expects the
    // first of them. Empty when nobody can be named.
    std::vector<std::string> expected;

    // Roster positions (0-based, roster order) of employees that no placard names.
    std::vector<std::size_t> missing;
};

// Lines the employee codes found on the placards (in page order; empty where no code
// was read) up with the roster's codes (in roster order). The longest run of placards
// in roster order anchors the match, so a page removed, added or moved is reported
// once, not as a shift of every page after it. A code found twice anchors only once.
IdentityMatch match_identities(
    const std::vector<std::string>& roster_codes, const std::vector<std::string>& found_codes);

}  // namespace placard::check
