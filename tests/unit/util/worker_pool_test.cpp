#include "util/worker_pool.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <stdexcept>
#include <vector>

using namespace placard;

TEST_SUITE("util")
{
    TEST_CASE("worker pool runs every task once, each on a worker of its own range")
    {
        std::vector<std::atomic<int>> runs(200);
        std::atomic<bool> worker_in_range{true};
        std::vector<std::future<void>> done;
        {
            WorkerPool pool(3);
            REQUIRE(pool.size() == 3);
            for (std::size_t task = 0; task < runs.size(); ++task) {
                done.push_back(pool.submit([&, task](unsigned worker) {
                    worker_in_range = worker_in_range && worker < 3;
                    ++runs[task];
                }));
            }
            for (std::future<void>& finished : done) {
                finished.get();
            }
        }
        for (const std::atomic<int>& count : runs) {
            CHECK(count == 1);
        }
        CHECK(worker_in_range);
    }

    TEST_CASE("worker pool hands a task's exception to whoever waits for it")
    {
        WorkerPool pool(2);
        std::future<void> failed =
            pool.submit([](unsigned) { throw std::runtime_error("part 3 failed"); });
        std::future<void> fine = pool.submit([](unsigned) {});
        CHECK_THROWS_WITH_AS(failed.get(), "part 3 failed", std::runtime_error);
        CHECK_NOTHROW(fine.get());
    }

    TEST_CASE("worker count is one per core unless asked")
    {
        CHECK(worker_count(3) == 3);
        CHECK(worker_count(0) >= 1);
    }
}
