#include "check/parallel_reader.hpp"

#include "check/pdf_file.hpp"
#include "util/error.hpp"

#include <algorithm>

namespace placard::check {

namespace {

// How far the print of one half may reach across the cut into the other: render's
// largest --offset (20 mm) plus its largest --bleed (10 mm), with 5 mm to spare.
constexpr double most_spill_across_cut_mm = 35;

// The share of dark pixels in the part of the half that the other half's print cannot
// reach: a second half (right or bottom) leaves out a band along the cut, so an offset or
// bleed that pushes the first placard over the cut does not make an empty half look
// printed. A whole page or a first half is counted whole.
double ink_away_from_cut(const GreyImage& image, SlotPart part)
{
    const int band = static_cast<int>(most_spill_across_cut_mm / 25.4 * image.dpi);
    const int first_column = part == SlotPart::right_half ? std::min(band, image.width) : 0;
    const int first_row = part == SlotPart::bottom_half ? std::min(band, image.height) : 0;

    long dark = 0;
    long counted = 0;
    for (int y = first_row; y < image.height; ++y) {
        for (int x = first_column; x < image.width; ++x) {
            dark += image.at(x, y) < 128 ? 1 : 0;
            ++counted;
        }
    }
    return counted == 0 ? 0 : static_cast<double>(dark) / static_cast<double>(counted);
}

}  // namespace

SlotReading read_slot(const PdfFile& pdf, const PageSlot& slot, const ReadSettings& settings)
{
    SlotReading reading;
    GreyImage image = pdf.render(slot, settings.dpi);

    reading.ink = ink_away_from_cut(image, slot.part);

    reading.codes = find_qr_codes(image);
    for (const FoundQr& code : reading.codes) {
        reading.measures.push_back(measure_qr(image, code.corners));
    }

    if (settings.with_text) {
        reading.text = pdf.text(slot);
    }
    return reading;
}

ParallelReader::ParallelReader(
    std::vector<std::filesystem::path> files,
    std::vector<SlotRef> slots,
    ReadSettings settings,
    unsigned workers)
    : files_(std::move(files))
    , slots_(std::move(slots))
    , settings_(settings)
    , readings_(slots_.size())
{
    std::size_t count =
        std::clamp<std::size_t>(workers, 1, std::max<std::size_t>(slots_.size(), 1));
    for (std::size_t i = 0; i < count; ++i) {
        threads_.emplace_back([this] { work(); });
    }
}

ParallelReader::~ParallelReader()
{
    stop();
    for (std::thread& thread : threads_) {
        thread.join();
    }
}

void ParallelReader::stop()
{
    stopping_ = true;
}

SlotReading ParallelReader::take(std::size_t index)
{
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [&] { return readings_[index].has_value() || failure_; });
    if (!readings_[index] && failure_) {
        std::rethrow_exception(failure_);
    }
    SlotReading reading = std::move(*readings_[index]);
    readings_[index].reset();
    return reading;
}

// A file that cannot be opened or a page that cannot be rendered is a finding about
// that placard; anything else (memory, a bug) stops the run through take().
SlotReading ParallelReader::read_one(
    std::unique_ptr<PdfFile>& open, std::size_t& open_file, const SlotRef& ref)
{
    try {
        if (!open || open_file != ref.file) {
            open.reset();
            open = std::make_unique<PdfFile>(files_[ref.file]);
            open_file = ref.file;
        }
        return read_slot(*open, ref.slot, settings_);
    } catch (const Error& error) {
        SlotReading failed;
        failed.problem = error.what();
        return failed;
    }
}

void ParallelReader::work()
{
    std::unique_ptr<PdfFile> open;
    std::size_t open_file = 0;
    try {
        for (std::size_t index = next_++; index < slots_.size() && !stopping_; index = next_++) {
            SlotReading reading = read_one(open, open_file, slots_[index]);
            std::lock_guard lock(mutex_);
            readings_[index] = std::move(reading);
            ready_.notify_all();
        }
    } catch (...) {
        std::lock_guard lock(mutex_);
        failure_ = std::current_exception();
        ready_.notify_all();
    }
}

}  // namespace placard::check
