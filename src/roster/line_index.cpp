#include "roster/line_index.hpp"

#include <limits>
#include <stdexcept>

namespace placard::roster {

namespace {

// Spreads the bits of a key over the table, since codes differ mostly in low digits.
std::uint64_t mix(std::uint64_t key)
{
    key ^= key >> 30;
    key *= 0xBF58476D1CE4E5B9ULL;
    key ^= key >> 27;
    key *= 0x94D049BB133111EBULL;
    return key ^ (key >> 31);
}

// 1-based so that "A" and "0A" differ: 0-9 are 1-10, A-Z 11-36, '-' 37.
int digit_of(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0' + 1;
    }
    if (c >= 'A' && c <= 'Z') {
        return c - 'A' + 11;
    }
    if (c >= 'a' && c <= 'z') {
        return c - 'a' + 11;
    }
    return c == '-' ? 37 : -1;
}

}  // namespace

std::optional<LineIndex::Seen> LineIndex::insert(std::uint64_t key, long line, std::uint32_t tag)
{
    if (line < 1 || line > std::numeric_limits<std::uint32_t>::max()) {
        throw std::logic_error("LineIndex takes lines from 1 to 2^32 - 1");
    }
    if ((size_ + 1) * 4 > slots_.size() * 3) {
        grow();
    }

    Slot& slot = slots_[find(key)];
    if (slot.line != 0) {
        return Seen{static_cast<long>(slot.line), slot.tag};
    }
    slot = Slot{key, static_cast<std::uint32_t>(line), tag};
    ++size_;
    return std::nullopt;
}

// The slot holding `key`, or the free slot where it belongs (linear probing).
std::size_t LineIndex::find(std::uint64_t key) const
{
    std::size_t mask = slots_.size() - 1;
    std::size_t at = static_cast<std::size_t>(mix(key)) & mask;
    while (slots_[at].line != 0 && slots_[at].key != key) {
        at = (at + 1) & mask;
    }
    return at;
}

void LineIndex::grow()
{
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
    for (const Slot& slot : old) {
        if (slot.line != 0) {
            slots_[find(slot.key)] = slot;
        }
    }
}

std::optional<std::uint64_t> employee_code_key(std::string_view code)
{
    // 38^12 < 2^64, so twelve characters always fit.
    if (code.empty() || code.size() > 12) {
        return std::nullopt;
    }
    std::uint64_t key = 0;
    for (char c : code) {
        int digit = digit_of(c);
        if (digit < 0) {
            return std::nullopt;
        }
        key = key * 38 + static_cast<std::uint64_t>(digit);
    }
    return key;
}

std::uint64_t national_code_key(std::string_view digits)
{
    std::uint64_t key = 0;
    for (char c : digits) {
        key = key * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return key;
}

}  // namespace placard::roster
