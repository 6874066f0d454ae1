#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace placard::batch {

// Sorts entries of a byte-string key, a 32-bit ordinal and a 32-bit tag by key (bytes
// compared as unsigned, a prefix first), then by ordinal, in a fixed amount of memory.
//
// The entries are held in one buffer of key bytes and a table of 16 bytes an entry.
// When the two together would pass the memory budget, what is held is sorted and written
// as one run to an anonymous temporary file; the runs are merged when the entries are
// read back. So the memory held stays under the budget however many entries are added
// (merging adds one read buffer a run, together at most the budget, at least 4 KiB a
// run), and a batch that fits in the budget never touches a file.
class KeySort {
public:
    static constexpr std::size_t default_memory_budget = std::size_t{1} << 20;

    explicit KeySort(std::size_t memory_budget = default_memory_budget);
    ~KeySort();
    KeySort(const KeySort&) = delete;
    KeySort& operator=(const KeySort&) = delete;

    // Entries must come with ordinals in increasing order (roster order).
    void add(std::string_view key, std::uint32_t ordinal, std::uint32_t tag);

    // Calls visit(ordinal, tag) for every entry in sorted order, then forgets them all.
    void drain(const std::function<void(std::uint32_t ordinal, std::uint32_t tag)>& visit);

    // The bytes this object holds for entries now (its buffers' capacities); never
    // more than the budget.
    std::size_t held_bytes() const;

    // Runs written to the temporary file so far (draining does not reset it).
    std::size_t runs() const { return runs_written_; }

private:
    struct Held {
        std::uint32_t key_offset = 0;
        std::uint32_t key_size = 0;
        std::uint32_t ordinal = 0;
        std::uint32_t tag = 0;
    };

    struct Run {
        long offset = 0;  // in the file
        std::size_t entries = 0;
    };

    class RunReader;

    bool fits(std::size_t key_size) const;
    void reserve_for(std::size_t key_size);
    void sort_held();
    void spill_held();
    void release_held();
    void merge_runs(const std::function<void(std::uint32_t, std::uint32_t)>& visit);
    std::string_view key_of(const Held& entry) const;

    std::size_t budget_;
    std::vector<char> keys_;  // a vector: its reserve() takes exactly what is asked
    std::vector<Held> held_;
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> spill_;
    long spill_end_ = 0;
    std::vector<Run> runs_;  // not merged yet
    std::size_t runs_written_ = 0;
};

}  // namespace placard::batch
