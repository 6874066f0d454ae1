#pragma once

#include "qr/qr_symbol.hpp"

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace placard::batch {

// Finds a batch's QR version on threads of their own while the planning pass reads on.
// Finding it may mean encoding a URL (see qr::BatchVersion), the costliest step of
// reading a roster; here it runs beside the reading, signing and ledger look-ups.
//
// The URLs go in batches of 256 to the threads, each batch checked from the version the
// batches before it reached as far as known when it was taken. The batches are then
// taken in the order they were added, and one that was checked from any other version
// than the one the batches before it really reached is checked again from that one. So
// the version found, and the first URL over the cap, are always those one thread adding
// the URLs one after the other would find; the second check happens only in the batches
// where the version rose, a handful a run.
class VersionFinder {
public:
    // A URL that does not fit `max_version`, with what identifies its row.
    struct Overflow {
        std::string url;
        int version = 0;  // the smallest that holds it from the batch version up; 0: none
        std::string employee_code;
        long line = 0;
    };

    // `threads`: how many check batches side by side (at least one).
    VersionFinder(qr::ErrorCorrection level, int max_version, unsigned threads);
    ~VersionFinder();
    VersionFinder(const VersionFinder&) = delete;
    VersionFinder& operator=(const VersionFinder&) = delete;

    // Queues a URL; waits while many are queued, so memory stays flat.
    void add(std::string url, std::string employee_code, long line);

    // Waits until every URL added is looked at. Returns the batch version, at least 1.
    int finish();

    // After finish(): the first URL added that does not fit the cap, if any. The URLs
    // after it are not looked at.
    const std::optional<Overflow>& overflow() const { return overflow_; }

private:
    struct Entry {
        std::string url;
        std::string employee_code;
        long line = 0;
    };

    struct Batch {
        std::vector<Entry> entries;
        int start_version = 0;  // the version it was checked from
        int end_version = 0;    // the version after its last URL
        std::optional<Overflow> overflow;
        bool checked = false;
    };

    void check(Batch& batch, int start_version) const;
    void run();
    void merge_checked();
    void submit_filling();

    const qr::ErrorCorrection level_;
    const int max_version_;

    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<std::shared_ptr<Batch>> waiting_;   // not taken by a thread yet
    std::deque<std::shared_ptr<Batch>> unmerged_;  // in the order added
    std::vector<Entry> filling_;                   // the batch being filled by add()
    int version_ = 1;                              // reached by the batches merged so far
    int highest_seen_ = 1;                         // the best guess for a batch taken now
    std::optional<Overflow> overflow_;
    bool closing_ = false;
    std::vector<std::thread> threads_;  // last: started once everything they use exists
};

}  // namespace placard::batch
