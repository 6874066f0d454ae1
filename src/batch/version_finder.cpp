#include "batch/version_finder.hpp"

#include <utility>

namespace placard::batch {

namespace {

// URLs handed over at a time, and batches waiting at most: a few hundred kilobytes.
constexpr std::size_t batch_size = 256;
constexpr std::size_t max_waiting = 8;

}  // namespace

VersionFinder::VersionFinder(qr::ErrorCorrection level, int max_version)
    : versions_(level)
    , max_version_(max_version)
    , thread_([this] { run(); })
{
    filling_.reserve(batch_size);
}

VersionFinder::~VersionFinder()
{
    {
        std::lock_guard lock(mutex_);
        closing_ = true;
        queue_.clear();  // an abandoned run does not wait for URLs nobody will use
    }
    changed_.notify_all();
    thread_.join();
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
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return queue_.size() < max_waiting; });
    queue_.push_back(std::move(filling_));
    filling_ = {};
    filling_.reserve(batch_size);
    idle_ = false;
    lock.unlock();
    changed_.notify_all();
}

int VersionFinder::finish()
{
    if (!filling_.empty()) {
        submit_filling();
    }
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return queue_.empty() && idle_; });
    return versions_.version();
}

void VersionFinder::run()
{
    std::unique_lock lock(mutex_);
    while (true) {
        changed_.wait(lock, [this] { return closing_ || !queue_.empty(); });
        if (queue_.empty()) {
            return;  // closing
        }
        std::vector<Entry> batch = std::move(queue_.front());
        queue_.erase(queue_.begin());
        lock.unlock();
        changed_.notify_all();  // room for another batch

        for (Entry& entry : batch) {
            if (overflow_) {
                break;
            }
            const int version = versions_.add(entry.url);
            if (version == 0 || version > max_version_) {
                overflow_ = Overflow{
                    std::move(entry.url), version, std::move(entry.employee_code), entry.line};
            }
        }

        lock.lock();
        idle_ = queue_.empty();
        changed_.notify_all();
    }
}

}  // namespace placard::batch
