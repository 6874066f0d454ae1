#include "check/identity_match.hpp"

#include <doctest/doctest.h>

using namespace placard::check;
using Codes = std::vector<std::string>;

TEST_CASE("placards in roster order expect themselves and leave nobody missing")
{
    IdentityMatch match = match_identities({"A", "B", "C"}, {"A", "B", "C"});
    CHECK(match.expected == Codes{"A", "B", "C"});
    CHECK(match.missing.empty());
}

TEST_CASE("a stranger where a roster employee should be names who was expected (case 18)")
{
    IdentityMatch match = match_identities({"E00121", "E00129"}, {"E00121", "E00122"});
    CHECK(match.expected == Codes{"E00121", "E00129"});
    CHECK(match.missing == std::vector<std::size_t>{1});
}

TEST_CASE("a page removed is one missing employee, not a shift of every later page")
{
    IdentityMatch match = match_identities({"A", "B", "C", "D"}, {"A", "C", "D"});
    CHECK(match.expected == Codes{"A", "C", "D"});
    CHECK(match.missing == std::vector<std::size_t>{1});
}

TEST_CASE("a page duplicated anchors once and the copy expects its own employee")
{
    IdentityMatch match = match_identities({"A", "B", "C"}, {"A", "B", "B", "C"});
    CHECK(match.expected == Codes{"A", "B", "B", "C"});
    CHECK(match.missing.empty());
}

TEST_CASE("a page whose QR could not be read stands for the employee missing there")
{
    IdentityMatch match = match_identities({"A", "B", "C", "D"}, {"A", "", "C", ""});
    CHECK(match.expected == Codes{"A", "B", "C", "D"});
    CHECK(match.missing == std::vector<std::size_t>{1, 3});
}

TEST_CASE("pages out of roster order are matched, not reported as strangers")
{
    IdentityMatch match = match_identities({"A", "B", "C", "D"}, {"A", "C", "B", "D"});
    CHECK(match.expected == Codes{"A", "C", "B", "D"});
    CHECK(match.missing.empty());
}

TEST_CASE("strangers beyond the missing employees expect nobody")
{
    IdentityMatch match = match_identities({"A", "B"}, {"A", "X", "Y", "B", "Z"});
    CHECK(match.expected == Codes{"A", "", "", "B", ""});
    CHECK(match.missing.empty());

    IdentityMatch empty_roster = match_identities({}, {"X", ""});
    CHECK(empty_roster.expected == Codes{"", ""});
}

TEST_CASE("strangers are paired only with employees missing between the same anchors")
{
    // B is missing before C; the stranger after C cannot stand for B.
    IdentityMatch match = match_identities({"A", "B", "C"}, {"A", "C", "X"});
    CHECK(match.expected == Codes{"A", "C", ""});
    CHECK(match.missing == std::vector<std::size_t>{1});
}
