#include "batch/key_sort.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <utility>
#include <vector>

using placard::batch::KeySort;

namespace {

// Keys as a collator's would be: bytes above 0x7F, many shared prefixes, keys that are
// prefixes of others, repeats (so roster order must break ties), and the empty key.
std::vector<std::string> awkward_keys(std::size_t count)
{
    std::mt19937 random(1405);
    std::vector<std::string> keys;
    keys.reserve(count);
    for (std::size_t at = 0; at < count; ++at) {
        std::string key = at % 7 == 0 ? "" : "\x5A\xE1\x01";
        std::size_t length = random() % 40;
        for (std::size_t letter = 0; letter < length; ++letter) {
            key += static_cast<char>(0x70 + random() % 32);  // both sides of 0x80
        }
        if (at % 5 == 0 && !keys.empty()) {
            key = keys[random() % keys.size()];  // a repeat of an earlier key
        }
        keys.push_back(key);
    }
    return keys;
}

// The order expected: by key as unsigned bytes, then by ordinal.
std::vector<std::uint32_t> expected_order(const std::vector<std::string>& keys)
{
    std::vector<std::uint32_t> ordinals(keys.size());
    for (std::size_t at = 0; at < keys.size(); ++at) {
        ordinals[at] = static_cast<std::uint32_t>(at);
    }
    std::stable_sort(ordinals.begin(), ordinals.end(), [&](std::uint32_t a, std::uint32_t b) {
        const std::string& left = keys[a];
        const std::string& right = keys[b];
        return std::lexicographical_compare(
            left.begin(), left.end(), right.begin(), right.end(), [](char x, char y) {
                return static_cast<unsigned char>(x) < static_cast<unsigned char>(y);
            });
    });
    return ordinals;
}

struct Drained {
    std::vector<std::uint32_t> ordinals;
    std::vector<std::uint32_t> tags;
};

Drained drain(KeySort& sort)
{
    Drained out;
    sort.drain([&](std::uint32_t ordinal, std::uint32_t tag) {
        out.ordinals.push_back(ordinal);
        out.tags.push_back(tag);
    });
    return out;
}

}  // namespace

TEST_SUITE("key sort")
{
    TEST_CASE("entries that fit in the budget sort in memory, by unsigned bytes then ordinal")
    {
        std::vector<std::string> keys = awkward_keys(300);
        KeySort sort(1 << 20);
        for (std::size_t at = 0; at < keys.size(); ++at) {
            sort.add(keys[at], static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at * 3));
        }
        CHECK(sort.runs() == 0);

        Drained out = drain(sort);
        CHECK(out.ordinals == expected_order(keys));
        for (std::size_t at = 0; at < out.ordinals.size(); ++at) {
            CHECK(out.tags[at] == out.ordinals[at] * 3);
        }
    }

    TEST_CASE("past the budget the entries go to runs, memory stays under it, and the merge keeps "
              "the order")
    {
        const std::size_t budget = 4096;
        std::vector<std::string> keys = awkward_keys(5000);
        KeySort sort(budget);
        std::size_t most_held = 0;
        for (std::size_t at = 0; at < keys.size(); ++at) {
            sort.add(keys[at], static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at % 11));
            most_held = std::max(most_held, sort.held_bytes());
        }
        CHECK(most_held <= budget);
        CHECK(most_held > budget / 2);  // the accounting sees the buffers at all
        CHECK(sort.runs() > 20);

        Drained out = drain(sort);
        CHECK(out.ordinals == expected_order(keys));
        for (std::size_t at = 0; at < out.ordinals.size(); ++at) {
            CHECK(out.tags[at] == out.ordinals[at] % 11);
        }
        CHECK(sort.held_bytes() == 0);
    }

    TEST_CASE("a key larger than the budget's share for keys is refused, not held past it")
    {
        KeySort sort(4096);
        CHECK_THROWS(sort.add(std::string(4000, 'k'), 0, 0));
        CHECK(sort.held_bytes() <= 4096);
    }
}
