#include "render/chunked_pdf_writer.hpp"

#include "render/sheet_painter.hpp"

#include <fmt/format.h>

namespace placard::render {

namespace {

// What a sheet painter does around the placards of one sheet, and the placards in it.
void draw_sheet(
    const SheetToDraw& sheet,
    const BatchStyle& style,
    PlacardPainter& painter,
    SheetPainter& sheet_painter)
{
    std::vector<bool> filled;
    filled.reserve(sheet.slots.size());
    for (std::size_t slot = 0; slot < sheet.slots.size(); ++slot) {
        filled.push_back(sheet.slots[slot].has_value());
        if (!sheet.slots[slot]) {
            continue;
        }
        sheet_painter.begin_slot(static_cast<int>(slot));
        const PlacardOnSheet& placard = *sheet.slots[slot];
        painter.paint(
            placard.text,
            qr::encode(placard.qr_text, style.look.error_correction, style.qr_version));
        sheet_painter.end_slot();
    }
    sheet_painter.finish_sheet(filled, sheet.footer);
}

}  // namespace

void draw_part(
    const std::vector<SheetToDraw>& sheets,
    const BatchStyle& style,
    const FontSetup& fonts,
    ScratchFile& out,
    QrStreamList& qr_streams)
{
    const double points_per_mm = 72.0 / 25.4;
    PdfDocument pdf(
        [&out](const unsigned char* data, std::size_t size) { out.write(data, size); },
        "a part of the batch",
        style.sheet.width_mm * points_per_mm,
        style.sheet.height_mm * points_per_mm,
        style.metadata);
    PlacardPainter painter(
        style.look, fonts, pdf.context(), style.layout, style.footer, &qr_streams);
    SheetPainter sheet_painter(style.look, fonts, pdf.context(), style.sheet, style.layout);
    std::uint32_t page = 0;
    for (const SheetToDraw& sheet : sheets) {
        qr_streams.set_page(page++);
        draw_sheet(sheet, style, painter, sheet_painter);
        pdf.end_page();
    }
    pdf.finish();
}

ChunkedPdfWriter::ChunkedPdfWriter(
    AtomicFile& out, BatchStyle style, unsigned workers, std::size_t part_sheets)
    : out_(out)
    , style_(std::move(style))
    , part_sheets_(part_sheets)
    , merger_(out)
    , pool_(workers)
{
    // Made here, one after the other, rather than by each worker as it starts: a font
    // set-up that fails then fails before any page is drawn, on the caller's thread.
    for (unsigned worker = 0; worker < pool_.size(); ++worker) {
        fonts_.push_back(std::make_unique<FontSetup>(style_.font_family, style_.font_dir));
    }
    filling_.reserve(part_sheets_);
}

ChunkedPdfWriter::~ChunkedPdfWriter() = default;

void ChunkedPdfWriter::add_sheet(SheetToDraw sheet)
{
    filling_.push_back(std::move(sheet));
    if (filling_.size() == part_sheets_) {
        submit_part();
    }
}

void ChunkedPdfWriter::submit_part()
{
    while (out_parts_.size() > pool_.size()) {
        merge_oldest();
    }
    auto sheets = std::make_shared<std::vector<SheetToDraw>>(std::move(filling_));
    filling_ = {};
    filling_.reserve(part_sheets_);

    Part part;
    part.index = parts_submitted_++;
    part.file =
        std::make_shared<ScratchFile>(out_.final_path().parent_path(), part_name(part.index));
    part.qr_streams = std::make_shared<QrStreamList>(out_.final_path().parent_path());
    part.drawn = pool_.submit(
        [this, sheets, file = part.file, qr_streams = part.qr_streams](unsigned worker) {
            draw_part(*sheets, style_, *fonts_[worker], *file, *qr_streams);
        });
    out_parts_.push_back(std::move(part));
}

void ChunkedPdfWriter::merge_oldest()
{
    Part part = std::move(out_parts_.front());
    out_parts_.pop_front();
    part.drawn.get();
    std::string bytes = part.file->read_all();
    merger_.append(bytes, part_name(part.index), part.qr_streams.get());
}

std::string ChunkedPdfWriter::part_name(long index) const
{
    return fmt::format("part {} of {}", index + 1, out_.final_path().string());
}

void ChunkedPdfWriter::finish()
{
    if (!filling_.empty()) {
        submit_part();
    }
    while (!out_parts_.empty()) {
        merge_oldest();
    }
    merger_.finish();
}

}  // namespace placard::render
