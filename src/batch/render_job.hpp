#pragma once

#include "batch/issue_policy.hpp"
#include "batch/print_order.hpp"
#include "render/chunked_pdf_writer.hpp"
#include "render/sheet_layout.hpp"
#include "roster/roster_reader.hpp"
#include "util/reporter.hpp"

#include <chrono>
#include <cstdint>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

namespace placard::batch {

struct RenderOptions {
    std::filesystem::path roster;
    roster::ReadOptions read;
    std::filesystem::path key_file;
    std::string base_url;
    std::filesystem::path output;         // "{batch}" in the file name: the batch id
    std::filesystem::path template_file;  // empty: the default template
    std::filesystem::path font_dir;       // empty: the template's, else the built-in fonts
    bool skip_invalid = false;
    std::filesystem::path rejects;  // empty: default_rejects_path
    bool allow_small_modules = false;
    std::string batch_id;        // empty: generated from the time and a random part
    std::time_t print_time = 0;  // 0: now

    // The print ledger: every placard issued, so reruns print only what is new and
    // reprints revoke what they replace. Empty: placard-ledger.sqlite beside the output
    // (for a split run, beside its folder: the ledger outlives every batch's folder).
    std::filesystem::path ledger;
    bool use_ledger = true;                 // false: a preview; generation 1, nothing recorded
    std::chrono::milliseconds wait{30000};  // for another run holding the ledger
    SelectionOptions selection;

    // How placards go onto sheets (--layout, --bleed, --order, --offset, --sheet-footer).
    render::SheetOptions sheet;
    bool roster_order = false;  // the roster's own order instead of sorting (--order roster)

    // One PDF per value of this field, in the folder `output`, with manifest.csv and
    // manifest.json beside them.
    SplitField split_by = SplitField::none;

    // Threads drawing sheets; 0: one per core. The PDF has the same bytes for any number.
    unsigned jobs = 0;
    // Sheets each thread draws into a PDF of its own before they are merged; a tuning
    // and testing knob (no command-line option): the bytes depend on it, not on jobs.
    std::size_t sheets_per_part = render::sheets_per_part;
};

// One PDF a run wrote.
struct OutputFileSummary {
    std::filesystem::path path;
    std::string group;  // the split field's value; empty without --split-by
    long placards = 0;
    long pages = 0;  // sheets
    std::size_t bytes = 0;
    std::string sha256;
};

// What a finished run did. read = printed + rejected + skipped, always.
struct RenderSummary {
    long read = 0;
    long printed = 0;  // pages in the PDF: new placards, reissues and copies
    long rejected = 0;
    long skipped = 0;    // inactive, outside a filter, unchanged or not selected
    long unchanged = 0;  // of skipped: --changed-only found the live placard current
    long new_placards = 0;
    long reissued = 0;  // new generations whose live placard was revoked
    long copies = 0;    // the live placard again, same URL (a run without --changed-only)
    int qr_version = 0;
    double module_mm = 0;
    std::string batch_id;
    std::filesystem::path output;   // empty when there was nothing to print
    std::filesystem::path rejects;  // empty when no rejects file was written
    std::filesystem::path ledger;   // empty with use_ledger = false
    std::size_t pdf_bytes = 0;      // all files together
    std::string pdf_sha256;         // of the one PDF of a run without --split-by
    std::vector<OutputFileSummary> files;
};

// Reads the roster once: the planning pass validates every row, decides with the ledger
// what each employee gets (see decide_issue), checks that every printed character has a
// glyph and that every URL fits the batch's QR version, keeps the placards to print in a
// spool (see PlacardSpool), and stops before any page is drawn if the job cannot
// succeed; then the pages are drawn from the spool in print order. The ledger's write
// lock is held from the start, and its rows are committed only after the PDF is complete
// under its final name. A run that selects some employees (--changed-only, reprint)
// never writes over a file that the ledger records. Throws placard::Error when the run
// stops; a run that selects nothing writes no PDF and returns printed = 0.
RenderSummary render_roster(const RenderOptions& options, Reporter& reporter);

// The rejects file's default name: beside a single PDF, out.pdf -> out.rejects.csv; in a
// split run's folder, DIR/rejects.csv (the folder holds everything of its batch, and the
// manifests list only the PDFs).
std::filesystem::path default_rejects_path(const std::filesystem::path& output, bool split);

// The ledger's default place: placard-ledger.sqlite in the output's folder.
std::filesystem::path default_ledger_path(const std::filesystem::path& output);

// Written in the output's file name, stands for the batch id: one config names a new
// file every run (placards-{batch}.pdf), where a fixed name would meet the last run's
// file, which the ledger records and a --changed-only run therefore never writes over.
inline constexpr const char* batch_placeholder = "{batch}";

// The output's name with every batch_placeholder replaced by the batch id.
std::filesystem::path output_for_batch(
    const std::filesystem::path& output, const std::string& batch_id);

}  // namespace placard::batch
