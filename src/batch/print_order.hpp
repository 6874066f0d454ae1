#pragma once

#include "batch/key_sort.hpp"
#include "render/sheet_layout.hpp"
#include "roster/employee.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace placard::batch {

// The field whose value gives each output file its placards (--split-by).
enum class SplitField { none, province, city, agency, office };

const char* split_field_name(SplitField field);

// The value of `field` for `employee` (empty for SplitField::none).
const std::string& split_value(const roster::Employee& employee, SplitField field);

// The order placards are printed in, and where each one lands: which output group, which
// sheet, which slot. Placards are sorted by the split field (if any), then province,
// city, agency, office, family name and given name in Persian collation (ICU "fa"), and
// roster order among equals, so a stack can be handed out office by office.
//
// Memory: each printed row's ICU sort key (about 2 bytes per letter of the six fields,
// typically 60 to 120 bytes) goes to a KeySort, which holds at most `sort_memory` bytes
// of keys and writes the rest to a temporary file in sorted runs; finish() merges them
// into a table of which placard each slot draws, 32 bits a slot, which is all that is
// kept. Whole rows are never kept: the drawing takes them from the run's PlacardSpool.
class PrintOrder {
public:
    // `roster_order`: keep the roster's own order (within each group of a split).
    PrintOrder(
        SplitField split,
        render::SheetKind kind,
        render::StackOrder order,
        bool roster_order = false,
        std::size_t sort_memory = KeySort::default_memory_budget);
    ~PrintOrder();
    PrintOrder(const PrintOrder&) = delete;
    PrintOrder& operator=(const PrintOrder&) = delete;

    // The planning pass: one call for every placard that will print, in roster order.
    void add(const roster::Employee& employee);

    // After the planning pass: sorts, forms the groups and gives every placard its place.
    void finish();

    // The sort's temporary runs so far (0: the keys fit in memory).
    std::size_t sort_runs() const { return keys_.runs(); }

    struct Group {
        std::string value;     // the split field's value; empty without a split
        long first_sheet = 0;  // counted over all groups, from 0
        long placards = 0;
        long sheets = 0;
    };

    const std::vector<Group>& groups() const { return groups_; }

    int slots_per_sheet() const { return slots_; }

    // Sheets over all groups, and slots on them (some may be empty).
    long sheets() const;

    // Which placard a slot of a sheet (counted over all groups) draws: its ordinal in
    // the roster (0-based, in the order add() was called), or -1 for an empty slot.
    long ordinal_at(long sheet, int slot) const;

    // The group of a sheet.
    std::size_t group_of_sheet(long sheet) const;

private:
    // Consecutive placards of one group in sorted order, counted by rank (their place in
    // the sorted order over all groups).
    struct Run {
        std::uint32_t group = 0;
        std::size_t first_rank = 0;
        std::size_t end_rank = 0;
    };

    void append_sort_key(std::string& key, const std::string& text);
    std::vector<Run> rank_placards(std::vector<std::uint32_t>& ranks);
    void place_runs(const std::vector<Run>& runs, const std::vector<std::uint32_t>& ranks);

    SplitField split_;
    render::StackOrder order_;
    bool roster_order_;
    int slots_;
    struct Collation;  // ICU's collator, kept out of this header
    std::unique_ptr<Collation> collation_;
    KeySort keys_;
    std::uint32_t added_ = 0;
    std::string row_key_;
    std::unordered_map<std::string, std::uint32_t> group_ids_;
    std::vector<std::string> group_values_;
    std::vector<Group> groups_;
    std::vector<std::uint32_t> ordinals_;  // by sheet * slots + slot; empty_slot if none
    std::string key_buffer_;
};

}  // namespace placard::batch
