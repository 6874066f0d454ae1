#include "util/worker_pool.hpp"

#include <algorithm>

namespace placard {

WorkerPool::WorkerPool(unsigned workers)
{
    threads_.reserve(std::max(workers, 1U));
    for (unsigned worker = 0; worker < std::max(workers, 1U); ++worker) {
        threads_.emplace_back([this, worker] { run(worker); });
    }
}

WorkerPool::~WorkerPool()
{
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        queue_.clear();
    }
    ready_.notify_all();
    for (std::thread& thread : threads_) {
        thread.join();
    }
}

std::future<void> WorkerPool::submit(Task task)
{
    std::packaged_task<void(unsigned)> packaged(std::move(task));
    std::future<void> done = packaged.get_future();
    {
        std::lock_guard lock(mutex_);
        queue_.push_back(std::move(packaged));
    }
    ready_.notify_one();
    return done;
}

void WorkerPool::run(unsigned worker)
{
    for (;;) {
        std::packaged_task<void(unsigned)> task;
        {
            std::unique_lock lock(mutex_);
            ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (stopping_) {
                return;
            }
            task = std::move(queue_.front());
            queue_.pop_front();
        }
        task(worker);
    }
}

unsigned worker_count(unsigned requested)
{
    return requested != 0 ? requested : std::max(std::thread::hardware_concurrency(), 1U);
}

}  // namespace placard
