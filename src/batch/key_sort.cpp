#include "batch/key_sort.hpp"

#include "util/error.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <queue>

namespace placard::batch {

namespace {

// Below this a budget could not hold the keys of one printed row.
constexpr std::size_t smallest_budget = 4096;

// Read buffers while merging: enough to read in large blocks, and all of them together
// within the budget unless there are more runs than budget / smallest_read_buffer.
constexpr std::size_t smallest_read_buffer = 4096;
constexpr std::size_t largest_read_buffer = 65536;

// A run's entry in the file: ordinal, tag and key size (native 32-bit words; the file
// is read back by the process that wrote it), then the key's bytes.
constexpr std::size_t entry_header_size = 3 * sizeof(std::uint32_t);

[[noreturn]] void spill_failed(const char* what)
{
    throw Error(fmt::format(
        "sorting the print order: cannot {} its temporary file: {}", what, std::strerror(errno)));
}

// Keys first, as unsigned bytes, a prefix before what it starts; then roster order.
bool sorts_before(
    std::string_view key,
    std::uint32_t ordinal,
    std::string_view other,
    std::uint32_t other_ordinal)
{
    int order = key.compare(other);
    return order != 0 ? order < 0 : ordinal < other_ordinal;
}

}  // namespace

// Reads one run back through a buffer of its own, an entry at a time.
class KeySort::RunReader {
public:
    RunReader(int fd, long offset, long end, std::size_t entries, std::size_t buffer_size)
        : fd_(fd)
        , offset_(offset)
        , end_(end)
        , entries_left_(entries)
        , buffer_(buffer_size)
    {}

    // Loads the next entry; false when the run has none left.
    bool next()
    {
        if (entries_left_ == 0) {
            return false;
        }
        --entries_left_;
        std::uint32_t header[3] = {0, 0, 0};
        read(header, entry_header_size);
        ordinal_ = header[0];
        tag_ = header[1];
        key_.resize(header[2]);
        read(key_.data(), key_.size());
        return true;
    }

    std::string_view key() const { return key_; }

    std::uint32_t ordinal() const { return ordinal_; }

    std::uint32_t tag() const { return tag_; }

private:
    void read(void* into, std::size_t size)
    {
        auto* out = static_cast<char*>(into);
        while (size > 0) {
            if (at_ == filled_) {
                refill();
            }
            std::size_t taken = std::min(size, filled_ - at_);
            std::memcpy(out, buffer_.data() + at_, taken);
            at_ += taken;
            out += taken;
            size -= taken;
        }
    }

    void refill()
    {
        auto wanted = static_cast<std::size_t>(
            std::min<long>(end_ - offset_, static_cast<long>(buffer_.size())));
        ssize_t got = ::pread(fd_, buffer_.data(), wanted, offset_);
        if (got <= 0) {
            spill_failed("read");
        }
        offset_ += got;
        at_ = 0;
        filled_ = static_cast<std::size_t>(got);
    }

    int fd_;
    long offset_;
    long end_;
    std::size_t entries_left_;
    std::vector<char> buffer_;
    std::size_t at_ = 0;
    std::size_t filled_ = 0;
    std::string key_;
    std::uint32_t ordinal_ = 0;
    std::uint32_t tag_ = 0;
};

KeySort::KeySort(std::size_t memory_budget)
    : budget_(std::max(memory_budget, smallest_budget))
    , spill_(nullptr, &std::fclose)
{}

KeySort::~KeySort() = default;

std::size_t KeySort::held_bytes() const
{
    return keys_.capacity() + held_.capacity() * sizeof(Held);
}

// Three quarters of the budget for key bytes, one for the table.
bool KeySort::fits(std::size_t key_size) const
{
    std::size_t key_budget = budget_ / 4 * 3;
    std::size_t entry_budget = budget_ / 4 / sizeof(Held);
    return keys_.size() + key_size <= key_budget && held_.size() < entry_budget;
}

// Grows the buffers by doubling, but never past their share of the budget, so that
// held_bytes() stays under it.
void KeySort::reserve_for(std::size_t key_size)
{
    if (keys_.size() + key_size > keys_.capacity()) {
        std::size_t grown =
            std::max({keys_.size() + key_size, keys_.capacity() * 2, std::size_t{256}});
        keys_.reserve(std::min(grown, budget_ / 4 * 3));
    }
    if (held_.size() == held_.capacity()) {
        std::size_t grown = std::max(held_.capacity() * 2, std::size_t{16});
        held_.reserve(std::min(grown, budget_ / 4 / sizeof(Held)));
    }
}

void KeySort::add(std::string_view key, std::uint32_t ordinal, std::uint32_t tag)
{
    if (!fits(key.size())) {
        spill_held();
    }
    if (!fits(key.size())) {
        throw Error(fmt::format(
            "sorting the print order: a key of {} bytes does not fit in {} bytes of memory",
            key.size(),
            budget_));
    }
    reserve_for(key.size());
    held_.push_back(Held{
        static_cast<std::uint32_t>(keys_.size()),
        static_cast<std::uint32_t>(key.size()),
        ordinal,
        tag});
    keys_.insert(keys_.end(), key.begin(), key.end());
}

std::string_view KeySort::key_of(const Held& entry) const
{
    return {keys_.data() + entry.key_offset, entry.key_size};
}

void KeySort::sort_held()
{
    std::sort(held_.begin(), held_.end(), [this](const Held& a, const Held& b) {
        return sorts_before(key_of(a), a.ordinal, key_of(b), b.ordinal);
    });
}

// Writes what is held, sorted, as one run at the end of the file; the buffers keep their
// capacity for the next run.
void KeySort::spill_held()
{
    if (held_.empty()) {
        return;
    }
    if (!spill_) {
        spill_.reset(std::tmpfile());
        if (!spill_) {
            spill_failed("make");
        }
    }
    sort_held();
    runs_.push_back(Run{spill_end_, held_.size()});
    ++runs_written_;
    for (const Held& entry : held_) {
        std::uint32_t header[3] = {entry.ordinal, entry.tag, entry.key_size};
        if (std::fwrite(header, 1, entry_header_size, spill_.get()) != entry_header_size
            || std::fwrite(keys_.data() + entry.key_offset, 1, entry.key_size, spill_.get())
                   != entry.key_size) {
            spill_failed("write");
        }
        spill_end_ += static_cast<long>(entry_header_size + entry.key_size);
    }
    held_.clear();
    keys_.clear();
}

void KeySort::release_held()
{
    std::vector<Held>().swap(held_);
    std::vector<char>().swap(keys_);
}

void KeySort::drain(const std::function<void(std::uint32_t, std::uint32_t)>& visit)
{
    if (runs_.empty()) {
        sort_held();
        for (const Held& entry : held_) {
            visit(entry.ordinal, entry.tag);
        }
        release_held();
        return;
    }
    spill_held();
    release_held();
    if (std::fflush(spill_.get()) != 0) {
        spill_failed("write");
    }
    merge_runs(visit);
    runs_.clear();
    spill_.reset();
    spill_end_ = 0;
}

// A k-way merge: the reader whose current entry sorts first gives the next entry.
void KeySort::merge_runs(const std::function<void(std::uint32_t, std::uint32_t)>& visit)
{
    std::size_t buffer_size =
        std::clamp(budget_ / runs_.size(), smallest_read_buffer, largest_read_buffer);
    int fd = fileno(spill_.get());
    std::vector<std::unique_ptr<RunReader>> readers;
    readers.reserve(runs_.size());
    for (std::size_t at = 0; at < runs_.size(); ++at) {
        long end = at + 1 < runs_.size() ? runs_[at + 1].offset : spill_end_;
        readers.push_back(
            std::make_unique<RunReader>(fd, runs_[at].offset, end, runs_[at].entries, buffer_size));
    }

    auto after = [](const RunReader* a, const RunReader* b) {
        return sorts_before(b->key(), b->ordinal(), a->key(), a->ordinal());
    };
    std::priority_queue<RunReader*, std::vector<RunReader*>, decltype(after)> next_first(after);
    for (const std::unique_ptr<RunReader>& reader : readers) {
        if (reader->next()) {
            next_first.push(reader.get());
        }
    }
    while (!next_first.empty()) {
        RunReader* reader = next_first.top();
        next_first.pop();
        visit(reader->ordinal(), reader->tag());
        if (reader->next()) {
            next_first.push(reader);
        }
    }
}

}  // namespace placard::batch
