#pragma once

#include "roster/roster_reader.hpp"
#include "util/reporter.hpp"

#include <cstdint>
#include <ctime>
#include <filesystem>
#include <string>

namespace placard::batch {

struct RenderOptions {
    std::filesystem::path roster;
    roster::ReadOptions read;
    std::filesystem::path key_file;
    std::string base_url;
    std::filesystem::path output;
    std::filesystem::path template_file;  // empty: the default template
    std::filesystem::path font_dir;       // empty: the template's, else the built-in fonts
    bool skip_invalid = false;
    std::filesystem::path rejects;  // empty: beside the output, NAME.rejects.csv
    bool allow_small_modules = false;
    std::string batch_id;        // empty: generated from the time and a random part
    std::time_t print_time = 0;  // 0: now
    std::uint32_t generation = 1;
};

// What a finished run did. read = printed + rejected + skipped, always.
struct RenderSummary {
    long read = 0;
    long printed = 0;
    long rejected = 0;
    long skipped = 0;
    int qr_version = 0;
    double module_mm = 0;
    std::string batch_id;
    std::filesystem::path output;
    std::filesystem::path rejects;  // empty when no rejects file was written
    std::size_t pdf_bytes = 0;
};

// Reads the roster twice: the first pass validates every row, checks that every
// printed character has a glyph and that every URL fits the batch's QR version, and
// stops before any page is drawn if the job cannot succeed; the second pass draws the
// accepted rows. Throws placard::Error when nothing was printed.
RenderSummary render_roster(const RenderOptions& options, Reporter& reporter);

// The rejects file's default name beside the output: out.pdf -> out.rejects.csv.
std::filesystem::path default_rejects_path(const std::filesystem::path& output);

}  // namespace placard::batch
