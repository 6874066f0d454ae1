#pragma once

#include "qr/qr_symbol.hpp"

#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace placard::batch {

// Finds a batch's QR version on a thread of its own while the planning pass reads on.
// Finding it may mean encoding a URL (see qr::BatchVersion), the costliest step of
// reading a roster; here it runs beside the reading, signing and ledger look-ups. The
// URLs are taken in the order they were added, so the version found, and the first URL
// over the cap, are the same as one thread adding them one after the other would find.
class VersionFinder {
public:
    // A URL that does not fit `max_version`, with what identifies its row.
    struct Overflow {
        std::string url;
        int version = 0;  // the smallest that holds it from the batch version up; 0: none
        std::string employee_code;
        long line = 0;
    };

    VersionFinder(qr::ErrorCorrection level, int max_version);
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

    void run();
    void submit_filling();

    qr::BatchVersion versions_;
    const int max_version_;
    std::optional<Overflow> overflow_;  // written by the thread, read after finish()

    std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<std::vector<Entry>> queue_;  // batches waiting, oldest first
    std::vector<Entry> filling_;             // the batch being filled by add()
    bool closing_ = false;
    bool idle_ = true;
    std::thread thread_;  // last: started once everything it uses exists
};

}  // namespace placard::batch
