#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace placard::roster {

// What a duplicate check remembers of a row: the line where a key was first seen and a
// 32-bit tag (for names, part of the exact spelling). Kept in flat arrays, 16 bytes a
// slot, so a roster of a million rows costs tens of megabytes, not hundreds.
class LineIndex {
public:
    struct Seen {
        long line = 0;
        std::uint32_t tag = 0;
    };

    // Remembers `key` with `line` and `tag` unless it is already there; returns what was
    // stored first for it, or nothing when the key is new. `line` must be 1 or more.
    std::optional<Seen> insert(std::uint64_t key, long line, std::uint32_t tag = 0);

    std::size_t size() const { return size_; }

private:
    struct Slot {
        std::uint64_t key = 0;
        std::uint32_t line = 0;  // 0: the slot is free
        std::uint32_t tag = 0;
    };

    std::size_t find(std::uint64_t key) const;
    void grow();

    std::vector<Slot> slots_;
    std::size_t size_ = 0;
};

// An employee code of up to 12 characters of 0-9, A-Z and '-' (letters in either case)
// as a number that no other such code shares; nothing for longer codes.
std::optional<std::uint64_t> employee_code_key(std::string_view code);

// A national code of ten ASCII digits as a number.
std::uint64_t national_code_key(std::string_view digits);

}  // namespace placard::roster
