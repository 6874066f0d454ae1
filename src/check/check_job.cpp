#include "check/check_job.hpp"

#include "check/check_context.hpp"
#include "check/identity_match.hpp"
#include "check/parallel_reader.hpp"
#include "check/pdf_file.hpp"
#include "check/placard_checks.hpp"
#include "util/error.hpp"

#include <fmt/format.h>

#include <chrono>
#include <thread>

namespace placard::check {

namespace {

const char* not_expected_reason(const roster::RosterRow& row)
{
    return row.disposition == roster::Disposition::rejected ? "rejected" : "skipped";
}

// Files one roster row: an employee who should have a placard, or a row that should
// not have one and why (a placard for it is then explained, not just "not in roster").
void note_row(RosterView& view, const roster::RosterReader& reader, const roster::RosterRow& row)
{
    const std::string& code = row.employee.employee_code;
    bool is_row = reader.location_of(row, roster::Field::employee_code).is_row;
    if (row.disposition == roster::Disposition::accepted) {
        view.position.emplace(code, view.expected.size());
        view.expected.push_back(
            {code, row.employee.first_name, row.employee.last_name, row.line, is_row});
        return;
    }
    ++view.rows_not_expected;
    if (!code.empty()) {
        view.not_expected.emplace(
            code,
            fmt::format(
                "{} at {} {}: {}",
                not_expected_reason(row),
                is_row ? "row" : "line",
                row.line,
                row.reason_code));
    }
}

// Reads the roster as render does (same options, same checks). Its row findings are
// validate's business; only findings about the file as a whole are passed on.
RosterView read_roster(const CheckOptions& options, Reporter& reporter)
{
    RosterView view;
    if (options.roster.empty()) {
        return view;
    }
    view.used = true;
    roster::RosterReader reader(options.roster.string(), options.read);
    view.source = reader.source_name();
    for (const Finding& finding : reader.file_findings()) {
        reporter.finding(finding);
    }

    roster::RosterRow row;
    while (reader.next(row)) {
        note_row(view, reader, row);
    }
    return view;
}

// The template, the ledger and the roster, loaded before any page is read so that a bad
// one stops the run at once.
void set_up(CheckContext& context, Reporter& reporter)
{
    const CheckOptions& options = context.options;
    if (!options.template_file.empty()) {
        context.look = render::load_template(options.template_file);
    }
    if (!options.ledger.empty()) {
        context.ledger.emplace(options.ledger, ledger::LedgerOptions{{}, true});
    }
    context.roster = read_roster(options, reporter);
}

// The report names the file on every line, so an error's own copy of it is dropped.
std::string without_prefix(const std::string& text, const std::string& prefix)
{
    return text.starts_with(prefix) ? text.substr(prefix.size()) : text;
}

// Opens every file once to list its placards. A file Poppler cannot open is reported
// and the others are still read.
std::vector<SlotRef> list_placards(CheckReport& report, const CheckOptions& options)
{
    std::vector<SlotRef> refs;
    for (std::size_t index = 0; index < options.pdfs.size(); ++index) {
        FileReport file;
        file.path = options.pdfs[index].string();
        try {
            PdfFile pdf(options.pdfs[index]);
            file.pages = pdf.page_count();
            for (const PageSlot& slot : pdf.slots()) {
                refs.push_back({index, slot});
                ++file.placards;
            }
        } catch (const Error& error) {
            file.problem = without_prefix(error.what(), file.path + ": ");
        }
        if (file.problem.empty() && file.pages == 0) {
            file.problem = "the PDF has no pages";
        }
        report.files.push_back(std::move(file));
    }
    return refs;
}

unsigned worker_count(const CheckOptions& options)
{
    if (options.workers > 0) {
        return options.workers;
    }
    return std::max(1U, std::thread::hardware_concurrency());
}

// The half a 2-up sheet leaves empty after an odd number of placards: the second half of
// a file's last page, with no QR and almost no ink (crop marks and a footer line at
// most; a placard, even a damaged one, has its header band and its QR). Anywhere else a
// blank half is a placard missing, and is checked, and fails, like any other.
bool is_empty_last_half(const CheckReport& report, const SlotRef& ref, const SlotReading& reading)
{
    constexpr double most_ink_of_an_empty_half = 0.01;
    bool second_half =
        ref.slot.part == SlotPart::right_half || ref.slot.part == SlotPart::bottom_half;
    bool last_page = ref.slot.page + 1 == report.files[ref.file].pages;
    return second_half && last_page && reading.problem.empty() && reading.codes.empty()
           && reading.ink < most_ink_of_an_empty_half;
}

// Reads the placards on the worker pool and checks each in page order as its reading
// arrives, until all are done or --max-failures is reached.
void read_placards(
    CheckContext& context, CheckReport& report, std::vector<SlotRef> refs, Reporter& reporter)
{
    const CheckOptions& options = context.options;
    ReadSettings settings{options.dpi, context.roster.used};
    const std::size_t total = refs.size();
    ParallelReader reader(options.pdfs, refs, settings, report.workers);

    // An unreadable file counts as one failure towards --max-failures.
    long failures = report.unreadable_files();
    for (std::size_t index = 0; index < total; ++index) {
        if (options.max_failures > 0 && failures >= options.max_failures) {
            report.stopped = true;
            reader.stop();
            return;
        }
        SlotReading reading = reader.take(index);
        if (is_empty_last_half(report, refs[index], reading)) {
            --report.placards_total;
            --report.files[refs[index].file].placards;
            continue;
        }
        PlacardReport placard = check_placard(
            context, report.files[refs[index].file].path, refs[index], std::move(reading));
        failures += placard.failed() ? 1 : 0;
        report.placards.push_back(std::move(placard));
        reporter.progress(index + 1, total);
    }
}

// The employee a placard names, from its first QR whose URL could be parsed (even if its
// signature fails: the page is then reported where it stands, not as a stranger).
std::string found_code(const PlacardReport& placard)
{
    for (const QrReport& code : placard.codes) {
        if (code.decoded && code.signature != sign::UrlStatus::malformed) {
            return code.claims.employee_code;
        }
    }
    return "";
}

void check_identity(
    const CheckContext& context,
    const std::string& expected,
    const std::string& found,
    PlacardReport& placard)
{
    placard.expected_code = expected;
    if (found.empty()) {
        if (!expected.empty()) {
            add_finding(
                placard,
                Severity::info,
                "expected-employee",
                fmt::format("this is where the placard of {} should be", expected));
        }
        return;
    }
    if (context.roster.position.contains(found)) {
        return;
    }
    std::string message =
        expected.empty()
            ? fmt::format("{} is not in the roster", found)
            : fmt::format("expected {}, found {}, who is not in the roster", expected, found);
    auto row = context.roster.not_expected.find(found);
    if (row != context.roster.not_expected.end()) {
        message += fmt::format(" (the row is {})", row->second);
    }
    add_finding(placard, Severity::error, "not-in-roster", std::move(message));
}

void match_roster(const CheckContext& context, CheckReport& report)
{
    RosterReport& roster = report.roster;
    roster.used = context.roster.used;
    if (!roster.used) {
        return;
    }
    roster.source = context.roster.source;
    roster.expected = static_cast<long>(context.roster.expected.size());
    roster.not_expected = context.roster.rows_not_expected;
    if (report.stopped) {
        roster.complete = false;
        return;
    }

    std::vector<std::string> roster_codes;
    for (const RosterEmployee& employee : context.roster.expected) {
        roster_codes.push_back(employee.code);
    }
    std::vector<std::string> found;
    for (const PlacardReport& placard : report.placards) {
        found.push_back(found_code(placard));
    }
    IdentityMatch match = match_identities(roster_codes, found);
    for (std::size_t i = 0; i < report.placards.size(); ++i) {
        check_identity(context, match.expected[i], found[i], report.placards[i]);
    }
    for (std::size_t position : match.missing) {
        const RosterEmployee& employee = context.roster.expected[position];
        roster.missing.push_back({employee.code, employee.line, employee.is_row});
    }
}

void count_per_file(CheckReport& report)
{
    for (const PlacardReport& placard : report.placards) {
        FileReport& file = report.files[placard.file];
        ++(placard.failed() ? file.failed : file.verified);
    }
}

}  // namespace

CheckReport check_placards(const CheckOptions& options, Reporter& reporter)
{
    auto started = std::chrono::steady_clock::now();
    if (!(options.dpi >= 10 && options.dpi <= 1200)) {
        throw Error(fmt::format("--dpi {} is out of range 10 to 1200", options.dpi));
    }
    CheckContext context{options, sign::Keyring::load(options.key_file)};
    set_up(context, reporter);

    CheckReport report;
    report.dpi = options.dpi;
    report.workers = worker_count(options);
    std::vector<SlotRef> refs = list_placards(report, options);
    report.placards_total = static_cast<long>(refs.size());
    reporter.info(fmt::format(
        "checking {} placards in {} files at {} dpi on {} threads",
        refs.size(),
        options.pdfs.size(),
        options.dpi,
        report.workers));

    read_placards(context, report, std::move(refs), reporter);
    match_roster(context, report);
    count_per_file(report);
    report.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
}

}  // namespace placard::check
