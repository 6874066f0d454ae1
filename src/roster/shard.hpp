#pragma once

#include <cstdint>
#include <string_view>

namespace placard::roster {

// One slice of a roster, for splitting a national run over machines or job-array tasks:
// shard `index` of `count`, counted from 1 (--shard 1/4 .. 4/4). Every employee belongs
// to exactly one shard, chosen by a hash of the employee code, so the shards are
// disjoint, together they are the roster, and an employee stays in the same shard
// whatever else the roster holds, on every machine and in every version of placard.
struct Shard {
    unsigned index = 1;
    unsigned count = 1;

    bool is_whole() const { return count == 1; }
};

// Parses "K/N" with 1 <= K <= N <= 100000; throws placard::Error otherwise.
Shard parse_shard(std::string_view text);

// The shard (1 .. count) of an employee code: the first 8 bytes of the SHA-256 of the
// code in ASCII upper case (codes differing only in case are one employee), read as a
// big-endian number, modulo count, plus 1.
unsigned shard_of(std::string_view employee_code, unsigned count);

}  // namespace placard::roster
