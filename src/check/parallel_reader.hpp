#pragma once

#include "check/page_slots.hpp"
#include "check/qr_finder.hpp"
#include "check/qr_measure.hpp"

#include <atomic>
#include <condition_variable>
#include <exception>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace placard::check {

class PdfFile;

// One placard to read: which file (an index into the reader's files) and where in it.
struct SlotRef {
    std::size_t file = 0;
    PageSlot slot;
};

// What reading one placard found, before anything is verified: the symbols with their
// measures, and the page text when asked for.
struct SlotReading {
    std::vector<FoundQr> codes;
    std::vector<QrMeasure> measures;  // one per code
    std::string text;
    std::string problem;  // the placard could not be rendered; empty otherwise
    // The share of pixels darker than mid-grey, 0 to 1; in a second half, away from the
    // cut (see read_slot), so that only the half's own print counts.
    double ink = 0;
};

struct ReadSettings {
    double dpi = 150;
    bool with_text = false;  // extract the text too (for the name check)
};

// Renders, decodes and measures one placard.
SlotReading read_slot(const PdfFile& pdf, const PageSlot& slot, const ReadSettings& settings);

// Reads placards on a small pool of threads, each with Poppler documents of its own (a
// Poppler document is not shared between threads), and hands the readings out by index
// so the caller can report in page order while later pages are still being read.
class ParallelReader {
public:
    ParallelReader(
        std::vector<std::filesystem::path> files,
        std::vector<SlotRef> slots,
        ReadSettings settings,
        unsigned workers);
    ~ParallelReader();
    ParallelReader(const ParallelReader&) = delete;
    ParallelReader& operator=(const ParallelReader&) = delete;

    // Waits for placard `index` and hands its reading over (once). Rethrows a failure
    // that is not about the file, such as running out of memory.
    SlotReading take(std::size_t index);

    // No placard is started after this; those being read are finished and dropped.
    void stop();

private:
    void work();
    SlotReading read_one(
        std::unique_ptr<PdfFile>& open, std::size_t& open_file, const SlotRef& ref);

    std::vector<std::filesystem::path> files_;
    std::vector<SlotRef> slots_;
    ReadSettings settings_;

    std::mutex mutex_;
    std::condition_variable ready_;
    std::vector<std::optional<SlotReading>> readings_;
    std::exception_ptr failure_;
    std::atomic<std::size_t> next_{0};
    std::atomic<bool> stopping_{false};
    std::vector<std::thread> threads_;
};

}  // namespace placard::check
