#pragma once

#include "qr/qr_symbol.hpp"
#include "render/font_setup.hpp"
#include "render/pdf_document.hpp"
#include "render/pdf_merger.hpp"
#include "render/placard_painter.hpp"
#include "render/placard_template.hpp"
#include "render/qr_stream_list.hpp"
#include "render/sheet_layout.hpp"
#include "util/atomic_file.hpp"
#include "util/scratch_file.hpp"
#include "util/worker_pool.hpp"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace placard::render {

// One placard, ready to draw. Its QR symbol is encoded by the worker that draws it:
// encoding is the costliest step after drawing, and so it runs on every core.
struct PlacardOnSheet {
    PlacardText text;
    std::string qr_text;  // the survey URL
};

// One printed sheet (one page of the PDF): a placard or nothing for each slot of the
// sheet geometry, and the sheet's footer line (drawn only if the geometry has room).
struct SheetToDraw {
    std::vector<std::optional<PlacardOnSheet>> slots;
    std::string footer;
};

// What every sheet of a batch shares.
struct BatchStyle {
    PlacardTemplate look;
    PageLayout layout;    // of one placard
    SheetGeometry sheet;  // where the placards go on a page
    std::string footer;   // the batch's line on every placard
    int qr_version = 1;   // every symbol's, at look.error_correction
    PdfMetadata metadata;
    std::string font_family;
    std::filesystem::path font_dir;
};

// Sheets per part. Fixed, never derived from the number of workers, so the merged file
// has the same bytes whatever --jobs says. Each part embeds its own font subsets and
// forms of the fixed parts, which costs about 30 bytes a placard at this size (see
// docs/scaling.md); a part's Cairo surface grows by about 0.4 KB a page until it is
// finished, so this also bounds that memory.
inline constexpr std::size_t sheets_per_part = 1000;

// Draws a batch's sheets on `workers` threads and writes them, in the order they were
// added, as one PDF into `out`. Sheets are cut into parts of a fixed number of sheets;
// each part is drawn by one worker, with its own Cairo surface, painters and Pango font
// map, into an unnamed temporary file in the output's folder, and the parts are merged
// in order as they are done. At most workers + 1 parts wait or are drawn at a time, so
// memory does not grow with the number of sheets: add_sheet() waits for the oldest part
// when that many are out.
class ChunkedPdfWriter {
public:
    ChunkedPdfWriter(
        AtomicFile& out,
        BatchStyle style,
        unsigned workers,
        std::size_t part_sheets = sheets_per_part);
    ~ChunkedPdfWriter();
    ChunkedPdfWriter(const ChunkedPdfWriter&) = delete;
    ChunkedPdfWriter& operator=(const ChunkedPdfWriter&) = delete;

    void add_sheet(SheetToDraw sheet);

    // Draws and merges what is left and completes the PDF. Throws placard::Error for any
    // failure of any part.
    void finish();

    long pages() const { return merger_.pages(); }

private:
    struct Part {
        long index = 0;
        std::shared_ptr<ScratchFile> file;
        std::shared_ptr<QrStreamList> qr_streams;  // filled by the worker that draws it
        std::future<void> drawn;
    };

    void submit_part();
    void merge_oldest();
    std::string part_name(long index) const;

    AtomicFile& out_;
    BatchStyle style_;
    std::size_t part_sheets_;
    std::vector<std::unique_ptr<FontSetup>> fonts_;  // one font map per worker
    PdfMerger merger_;
    std::vector<SheetToDraw> filling_;
    long parts_submitted_ = 0;
    std::deque<Part> out_parts_;  // submitted and not merged yet, oldest first
    WorkerPool pool_;             // last: joined before the parts and fonts it uses go
};

// Draws `sheets` into a PDF of their own, a page each, written into `out`. Each QR form
// holds a placeholder; the symbols' own streams go to `qr_streams`, for PdfMerger.
void draw_part(
    const std::vector<SheetToDraw>& sheets,
    const BatchStyle& style,
    const FontSetup& fonts,
    ScratchFile& out,
    QrStreamList& qr_streams);

}  // namespace placard::render
