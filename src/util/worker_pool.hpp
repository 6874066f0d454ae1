#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

namespace placard {

// A fixed set of threads running tasks in the order they were submitted. Each task is
// told which worker runs it (0 .. size() - 1), so it can use state that belongs to that
// worker alone, such as a font map. A task's exception reaches whoever waits on its
// future. The destructor drops the tasks not yet started (their futures report a broken
// promise) and waits for the running ones.
class WorkerPool {
public:
    using Task = std::function<void(unsigned worker)>;

    explicit WorkerPool(unsigned workers);
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    std::future<void> submit(Task task);

    unsigned size() const { return static_cast<unsigned>(threads_.size()); }

private:
    void run(unsigned worker);

    std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<std::packaged_task<void(unsigned)>> queue_;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

// The number of workers for --jobs: `requested`, or one per core when it is 0.
unsigned worker_count(unsigned requested);

}  // namespace placard
