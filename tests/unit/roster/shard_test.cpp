#include "roster/shard.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <vector>

using namespace placard;
using namespace placard::roster;

TEST_SUITE("roster")
{
    TEST_CASE("shard K/N parses counting from 1")
    {
        Shard shard = parse_shard("3/4");
        CHECK(shard.index == 3);
        CHECK(shard.count == 4);
        CHECK(parse_shard("1/1").is_whole());
    }

    TEST_CASE("shard outside 1..N or not K/N is refused with the rule and the Kubernetes hint")
    {
        for (const char* text : {"0/4", "5/4", "4", "a/4", "1/0", "1/4x", "/4", "-1/4"}) {
            CAPTURE(text);
            CHECK_THROWS_WITH_AS(
                parse_shard(text),
                fmt::format(
                    "--shard \"{}\" is not K/N with 1 <= K <= N <= 100000; shards count from 1 "
                    "(with a Kubernetes Indexed Job, pass $((JOB_COMPLETION_INDEX + 1))/N)",
                    text)
                    .c_str(),
                Error);
        }
    }

    TEST_CASE("shard of an employee code is the documented sha-256 prefix modulo n, any case")
    {
        // Test vectors from docs/scaling.md: the rule must not change between versions,
        // or machines running different versions would split a roster differently.
        CHECK(shard_of("E00001", 4) == 3);
        CHECK(shard_of("e00001", 4) == 3);
        CHECK(shard_of("K00042", 10) == 10);
        CHECK(shard_of("X-7", 1000) == 727);
        CHECK(shard_of("X-7", 1) == 1);
    }

    TEST_CASE("shards split a roster into disjoint slices of about equal size")
    {
        std::vector<int> sizes(8, 0);
        for (int employee = 0; employee < 8000; ++employee) {
            unsigned shard = shard_of(fmt::format("E{:05}", employee), 8);
            REQUIRE(shard >= 1);
            REQUIRE(shard <= 8);
            ++sizes[shard - 1];
        }
        for (int size : sizes) {
            CHECK(size > 850);
            CHECK(size < 1150);
        }
    }
}
