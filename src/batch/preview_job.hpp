#pragma once

#include "roster/roster_reader.hpp"

#include <ctime>
#include <filesystem>
#include <string>

namespace placard::batch {

struct PreviewOptions {
    std::filesystem::path roster;
    roster::ReadOptions read;
    std::filesystem::path key_file;
    std::string base_url;
    std::filesystem::path template_file;  // empty: the default template
    std::filesystem::path font_dir;       // empty: the template's, else the built-in fonts
    long row = 0;                         // the row's number among the roster's data rows, from 1
    std::string employee_code;            // used when row is 0
    double dpi = 150;
    std::filesystem::path output;  // a PNG file
    std::string batch_id = "preview";
    std::time_t print_time = 0;  // 0: now
};

struct PreviewResult {
    std::string employee_code;
    long line = 0;  // where the row starts in the roster
    int width_px = 0;
    int height_px = 0;
    int qr_version = 0;
};

// Renders one roster row's placard to a PNG with the same painter that draws the PDF's
// pages, so HR can look at it before printing. The placard shows generation 1 under the
// active key, and its QR has the smallest version that holds this row's URL.
//
// Limitation: a batch prints every page at the version of its longest URL, and the
// ledger may give an employee a later generation, so a placard printed in a batch can
// differ from the preview in its QR modules and placard code (never in layout or text).
PreviewResult render_preview(const PreviewOptions& options);

}  // namespace placard::batch
