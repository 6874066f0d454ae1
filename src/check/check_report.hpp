#pragma once

#include "check/page_slots.hpp"
#include "check/qr_measure.hpp"
#include "ledger/records.hpp"
#include "sign/survey_url.hpp"
#include "util/finding.hpp"

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace placard::check {

// One problem (or note) about a placard, a file or the roster, with a stable code.
struct CheckFinding {
    Severity severity = Severity::error;
    std::string code;  // kebab-case, listed in docs/check.md
    std::string message;
};

// One QR symbol read from a placard and what became of it.
struct QrReport {
    bool decoded = false;
    std::string url;  // when decoded
    sign::UrlStatus signature = sign::UrlStatus::malformed;
    sign::UrlClaims claims;                             // as far as the URL could be parsed
    std::optional<ledger::PlacardStatus> ledger_state;  // with a ledger and a valid signature
    QrMeasure measure;
};

// One placard: a page, or half of a 2-up sheet.
struct PlacardReport {
    std::size_t file = 0;  // index into CheckReport::files
    PageSlot slot;
    std::vector<QrReport> codes;
    std::string expected_code;  // with a roster: who should be here; empty if unknown
    std::vector<CheckFinding> findings;

    bool failed() const;
};

struct FileReport {
    std::string path;
    int pages = 0;
    long placards = 0;
    long verified = 0;
    long failed = 0;
    std::string problem;  // why the file could not be opened; empty otherwise
};

// A roster employee no placard names.
struct MissingEmployee {
    std::string employee_code;
    long line = 0;        // in the roster
    bool is_row = false;  // `line` is a row ordinal (SQLite), not a line of text
};

struct RosterReport {
    bool used = false;
    std::string source;
    long expected = 0;      // valid, active rows: one placard each
    long not_expected = 0;  // rejected or skipped rows
    std::vector<MissingEmployee> missing;
    bool complete = true;  // false when the run stopped before every placard was read
};

struct CheckReport {
    std::vector<FileReport> files;
    std::vector<PlacardReport> placards;  // in file and page order
    RosterReport roster;
    std::vector<CheckFinding> findings;  // about the run as a whole
    double dpi = 0;
    unsigned workers = 0;
    long placards_total = 0;  // in every file, read or not
    bool stopped = false;     // --max-failures was reached
    double seconds = 0;

    long verified() const;
    long failed() const;            // placards read that failed
    long unreadable_files() const;  // files Poppler could not open
    bool clean() const;             // everything matched: the run's exit code is 0
};

enum class ReportFormat { text, json };

ReportFormat parse_report_format(const std::string& name);

// How much the text report says: only the problems (and the run's line if anything
// failed), also a line per file and one for the run, or also a line per placard that
// passed, with its measures. JSON always holds everything.
enum class ReportDetail { problems, normal, every_placard };

// Text: one line per finding, "file: page N: severity: message [code]", in page order,
// then the files, the roster's employees without a placard, and the run. JSON: one
// document with every placard read, its codes, measures and findings.
void write_report(
    const CheckReport& report, ReportFormat format, ReportDetail detail, std::ostream& out);

}  // namespace placard::check
