#include "batch/version_finder.hpp"

#include <algorithm>
#include <utility>

namespace placard::batch {

namespace {

// URLs handed over at a time, and batches out at most: a few hundred kilobytes.
constexpr std::size_t batch_size = 256;
constexpr std::size_t max_unmerged = 16;

}  // namespace

VersionFinder::VersionFinder(qr::ErrorCorrection level, int max_version, unsigned threads)
    : level_(level)
    , max_version_(max_version)
{
    filling_.reserve(batch_size);
    for (unsigned at = 0; at < std::max(threads, 1U); ++at) {
        threads_.emplace_back([this] { run(); });
    }
}

VersionFinder::~VersionFinder()
{
    {
        std::lock_guard lock(mutex_);
        closing_ = true;
        waiting_.clear();  // an abandoned run does not wait for URLs nobody will use
    }
    changed_.notify_all();
    for (std::thread& thread : threads_) {
        thread.join();
    }
}

void VersionFinder::add(std::string url, std::string employee_code, long line)
{
    filling_.push_back(Entry{std::move(url), std::move(employee_code), line});
    if (filling_.size() == batch_size) {
        submit_filling();
    }
}

void VersionFinder::submit_filling()
{
    auto batch = std::make_shared<Batch>();
    batch->entries = std::move(filling_);
    filling_ = {};
    filling_.reserve(batch_size);

    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return unmerged_.size() < max_unmerged; });
    waiting_.push_back(batch);
    unmerged_.push_back(std::move(batch));
    lock.unlock();
    changed_.notify_all();
}

int VersionFinder::finish()
{
    if (!filling_.empty()) {
        submit_filling();
    }
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return unmerged_.empty(); });
    return version_;
}

void VersionFinder::check(Batch& batch, int start_version) const
{
    batch.start_version = start_version;
    batch.overflow.reset();
    qr::BatchVersion versions(level_, start_version);
    for (Entry& entry : batch.entries) {
        const int version = versions.add(entry.url);
        if (version == 0 || version > max_version_) {
            batch.overflow = Overflow{entry.url, version, entry.employee_code, entry.line};
            break;
        }
    }
    batch.end_version = versions.version();
}

void VersionFinder::run()
{
    std::unique_lock lock(mutex_);
    while (true) {
        changed_.wait(lock, [this] { return closing_ || !waiting_.empty(); });
        if (waiting_.empty()) {
            return;  // closing
        }
        std::shared_ptr<Batch> batch = std::move(waiting_.front());
        waiting_.pop_front();
        const int guess = highest_seen_;
        lock.unlock();

        check(*batch, guess);

        lock.lock();
        batch->checked = true;
        highest_seen_ = std::max(highest_seen_, batch->end_version);
        merge_checked();
        changed_.notify_all();
    }
}

// Called with the lock held. Takes the checked batches at the front in the order they
// were added; one checked from another version than the batches before it reached is
// checked again here, from the right one (rare: only where the version rose).
void VersionFinder::merge_checked()
{
    while (!unmerged_.empty() && unmerged_.front()->checked) {
        Batch& batch = *unmerged_.front();
        if (!overflow_) {
            if (batch.start_version != version_) {
                check(batch, version_);
            }
            overflow_ = batch.overflow;
            version_ = batch.end_version;
            highest_seen_ = std::max(highest_seen_, version_);
        }
        unmerged_.pop_front();
    }
}

}  // namespace placard::batch
