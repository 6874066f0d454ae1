#include "batch/print_order.hpp"

#include "util/error.hpp"

#include <fmt/format.h>
#include <unicode/coll.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace placard::batch {

struct PrintOrder::Collation {
    std::unique_ptr<icu::Collator> collator;
};

namespace {

const std::string no_group;

// A slot no placard fills, in the table of ordinals.
constexpr std::uint32_t empty_slot = UINT32_MAX;

std::unique_ptr<icu::Collator> persian_collator()
{
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> collator(
        icu::Collator::createInstance(icu::Locale("fa"), status));
    if (U_FAILURE(status) || !collator) {
        throw Error(fmt::format("ICU has no Persian collation: {}", u_errorName(status)));
    }
    // Letters alone decide the order; rows that differ only in marks keep roster order.
    // Primary keys are about half as long as full ones, and each printed row keeps one.
    collator->setStrength(icu::Collator::PRIMARY);
    return collator;
}

}  // namespace

const char* split_field_name(SplitField field)
{
    const char* names[] = {"none", "province", "city", "agency", "office"};
    return names[static_cast<int>(field)];
}

const std::string& split_value(const roster::Employee& employee, SplitField field)
{
    switch (field) {
    case SplitField::province:
        return employee.province;
    case SplitField::city:
        return employee.city;
    case SplitField::agency:
        return employee.agency;
    case SplitField::office:
        return employee.office;
    default:
        return no_group;
    }
}

PrintOrder::PrintOrder(
    SplitField split,
    render::SheetKind kind,
    render::StackOrder order,
    bool roster_order,
    std::size_t sort_memory)
    : split_(split)
    , order_(order)
    , roster_order_(roster_order)
    , slots_(render::slots_per_sheet(kind))
    , collation_(std::make_unique<Collation>(Collation{persian_collator()}))
    , keys_(sort_memory)
{}

PrintOrder::~PrintOrder() = default;

// An ICU sort key has no zero byte but its last, so keys of consecutive fields joined
// with their terminators compare field by field: a shorter first field sorts first.
void PrintOrder::append_sort_key(std::string& key, const std::string& text)
{
    icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    if (key_buffer_.size() < 64) {
        key_buffer_.resize(64);
    }
    auto* buffer = reinterpret_cast<uint8_t*>(key_buffer_.data());
    int32_t length =
        collation_->collator->getSortKey(unicode, buffer, static_cast<int32_t>(key_buffer_.size()));
    if (length > static_cast<int32_t>(key_buffer_.size())) {
        key_buffer_.resize(static_cast<std::size_t>(length));
        buffer = reinterpret_cast<uint8_t*>(key_buffer_.data());
        length = collation_->collator->getSortKey(unicode, buffer, length);
    }
    key.append(key_buffer_.data(), static_cast<std::size_t>(length));
}

void PrintOrder::add(const roster::Employee& employee)
{
    if (added_ == std::numeric_limits<std::uint32_t>::max()) {
        throw Error("a roster of more than 4 billion printed rows cannot be sorted");
    }
    const std::string& value = split_value(employee, split_);
    auto [found, added] =
        group_ids_.try_emplace(value, static_cast<std::uint32_t>(group_values_.size()));
    if (added) {
        group_values_.push_back(value);
    }

    row_key_.clear();
    append_sort_key(row_key_, value);
    if (!roster_order_) {
        for (const std::string* field :
             {&employee.province,
              &employee.city,
              &employee.agency,
              &employee.office,
              &employee.last_name,
              &employee.first_name}) {
            append_sort_key(row_key_, *field);
        }
    }
    keys_.add(row_key_, added_++, found->second);
}

void PrintOrder::finish()
{
    std::vector<std::uint32_t> ranks;  // by roster ordinal
    std::vector<Run> runs = rank_placards(ranks);
    place_runs(runs, ranks);
    group_ids_.clear();
    std::string().swap(row_key_);
}

// Gives every placard its rank in the sorted order, and returns the runs of one group.
// Equal split values have equal key prefixes, so each group is one run; two values that
// ICU ranks as equal would make two runs, and so two groups of the same name.
std::vector<PrintOrder::Run> PrintOrder::rank_placards(std::vector<std::uint32_t>& ranks)
{
    ranks.assign(added_, 0);
    std::vector<Run> runs;
    std::size_t rank = 0;
    keys_.drain([&](std::uint32_t ordinal, std::uint32_t group) {
        if (runs.empty() || runs.back().group != group) {
            runs.push_back(Run{group, rank, rank});
        }
        ranks[ordinal] = static_cast<std::uint32_t>(rank);
        runs.back().end_rank = ++rank;
    });
    return runs;
}

// Puts each placard in the slot its group's layout gives its place within the group.
void PrintOrder::place_runs(const std::vector<Run>& runs, const std::vector<std::uint32_t>& ranks)
{
    for (const Run& run : runs) {
        Group placed;
        placed.value = group_values_[run.group];
        placed.first_sheet =
            groups_.empty() ? 0 : groups_.back().first_sheet + groups_.back().sheets;
        placed.placards = static_cast<long>(run.end_rank - run.first_rank);
        placed.sheets = render::sheet_count(placed.placards, slots_);
        groups_.push_back(placed);
    }
    ordinals_.assign(static_cast<std::size_t>(sheets() * slots_), empty_slot);
    for (std::uint32_t ordinal = 0; ordinal < ranks.size(); ++ordinal) {
        const std::size_t rank = ranks[ordinal];
        auto after = std::upper_bound(
            runs.begin(), runs.end(), rank, [](std::size_t wanted, const Run& run) {
                return wanted < run.first_rank;
            });
        auto index = static_cast<std::size_t>(after - runs.begin()) - 1;
        const Run& run = runs[index];
        const Group& group = groups_[index];
        render::SheetPlace place = render::place_of(
            static_cast<long>(rank - run.first_rank), group.placards, slots_, order_);
        ordinals_.at(static_cast<std::size_t>(
            (group.first_sheet + place.sheet) * slots_ + place.slot)) = ordinal;
    }
}

long PrintOrder::sheets() const
{
    return groups_.empty() ? 0 : groups_.back().first_sheet + groups_.back().sheets;
}

long PrintOrder::ordinal_at(long sheet, int slot) const
{
    const std::uint32_t ordinal = ordinals_.at(static_cast<std::size_t>(sheet * slots_ + slot));
    return ordinal == empty_slot ? -1 : static_cast<long>(ordinal);
}

std::size_t PrintOrder::group_of_sheet(long sheet) const
{
    auto after = std::upper_bound(
        groups_.begin(), groups_.end(), sheet, [](long wanted, const Group& group) {
            return wanted < group.first_sheet;
        });
    return static_cast<std::size_t>(after - groups_.begin()) - 1;
}

}  // namespace placard::batch
