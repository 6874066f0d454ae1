#pragma once

#include "report/coverage.hpp"

#include <filesystem>

namespace placard::report {

// How the PDF report is cut into A4 pages: a summary page, then the bar chart, then the
// tables, each section starting on a page of its own. Empty lists get no page.
inline constexpr int pdf_bars_per_page = 24;
inline constexpr int pdf_rows_per_page = 36;

struct PdfPagePlan {
    int summary = 1;
    int chart = 0;
    int groups = 0;
    int uncovered = 0;
    int follow_ups = 0;
    int reported_offices = 0;

    int total() const
    {
        return summary + chart + groups + uncovered + follow_ups + reported_offices;
    }
};

PdfPagePlan plan_pdf_pages(const CoverageReport& report);

// Draws the report with Cairo and Pango in placard's own fonts (embedded, Persian shaped
// right to left) and writes it through a temporary file, so `output` appears only when
// complete. An empty `font_dir` uses the fonts placard was built with. Throws
// placard::Error when the font is missing or the file cannot be written.
void write_coverage_pdf(
    const CoverageReport& report,
    const std::filesystem::path& output,
    const std::filesystem::path& font_dir = {});

}  // namespace placard::report
