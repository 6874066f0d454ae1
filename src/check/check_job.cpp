#include "check/check_job.hpp"

#include "check/identity_match.hpp"
#include "check/name_match.hpp"
#include "check/parallel_reader.hpp"
#include "check/pdf_file.hpp"
#include "ledger/ledger.hpp"
#include "render/placard_template.hpp"
#include "sign/keyring.hpp"
#include "util/error.hpp"
#include "util/printable.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>
#include <optional>
#include <thread>
#include <unordered_map>

namespace placard::check {

namespace {

// The placard template promises a quiet zone of four modules on every side (the QR
// standard's own minimum); a reader may not find a symbol with less.
constexpr int promised_quiet_modules = 4;

struct RosterEmployee {
    std::string code;
    std::string first_name;
    std::string last_name;
    long line = 0;
    bool is_row = false;
};

// The roster as check needs it: the employees who should each have one placard, in
// roster order, and why the other rows should not.
struct RosterView {
    bool used = false;
    std::string source;
    std::vector<RosterEmployee> expected;
    std::unordered_map<std::string, std::size_t> position;      // code -> index in expected
    std::unordered_map<std::string, std::string> not_expected;  // code -> why not
    long rows_not_expected = 0;
};

// Everything a run sets up once, and what it has seen so far.
struct Context {
    Context(const CheckOptions& run_options, sign::Keyring ring)
        : options(run_options)
        , keyring(std::move(ring))
    {}

    const CheckOptions& options;
    sign::Keyring keyring;
    render::PlacardTemplate look;
    std::optional<ledger::Ledger> ledger;
    RosterView roster;
    std::unordered_map<std::string, std::string> url_seen;   // URL -> where first seen
    std::unordered_map<std::string, std::string> code_seen;  // employee -> where first seen
};

void add(PlacardReport& placard, Severity severity, const char* code, std::string message)
{
    placard.findings.push_back(CheckFinding{severity, code, std::move(message)});
}

std::string short_url(const std::string& url)
{
    std::string shown = printable(url);
    return shown.size() > 100 ? shown.substr(0, 100) + "..." : shown;
}

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
void set_up(Context& context, Reporter& reporter)
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

void check_signature(
    const sign::UrlVerdict& verdict, const std::string& url, PlacardReport& placard)
{
    switch (verdict.status) {
    case sign::UrlStatus::valid:
        return;
    case sign::UrlStatus::malformed:
        add(placard,
            Severity::error,
            "url-malformed",
            fmt::format(
                "the QR holds \"{}\", not a placard URL: {}", short_url(url), verdict.reason));
        return;
    case sign::UrlStatus::unknown_key:
        add(placard,
            Severity::error,
            "unknown-key",
            fmt::format(
                "the URL of {} is signed with key {}, which the keyring does not hold",
                verdict.claims.employee_code,
                verdict.claims.kid));
        return;
    case sign::UrlStatus::bad_signature:
        add(placard,
            Severity::error,
            "bad-signature",
            fmt::format(
                "the URL of {} does not carry a valid signature of key {}; it was signed with "
                "another key or altered",
                verdict.claims.employee_code,
                verdict.claims.kid));
        return;
    }
}

std::string revocation_text(const ledger::Revocation& revocation)
{
    return fmt::format(
        "{} on {:%Y-%m-%d} by {}",
        ledger::reason_name(revocation.reason),
        fmt::gmtime(revocation.revoked_at),
        printable(revocation.operator_name));
}

void check_ledger(Context& context, QrReport& code, PlacardReport& placard)
{
    if (!context.ledger || code.signature != sign::UrlStatus::valid) {
        return;
    }
    const sign::UrlClaims& claims = code.claims;
    ledger::StatusAnswer answer =
        context.ledger->status(claims.kid, claims.employee_code, claims.generation);
    code.ledger_state = answer.status;
    if (answer.status == ledger::PlacardStatus::revoked) {
        add(placard,
            Severity::error,
            "revoked",
            fmt::format(
                "{} generation {} was revoked ({})",
                claims.employee_code,
                claims.generation,
                answer.revocation ? revocation_text(*answer.revocation) : "no details"));
    } else if (answer.status == ledger::PlacardStatus::unknown) {
        add(placard,
            Severity::error,
            "not-in-ledger",
            fmt::format(
                "the ledger never issued {} generation {} under key {}",
                claims.employee_code,
                claims.generation,
                claims.kid));
    }
}

void check_module_size(const Context& context, const QrMeasure& measure, PlacardReport& placard)
{
    // One pixel spread over the symbol is what the measure cannot tell apart.
    double slack = measure.resolution_mm / measure.modules;
    if (measure.module_mm + slack >= context.look.min_module_mm) {
        return;
    }
    add(placard,
        Severity::error,
        "qr-module-small",
        fmt::format(
            "QR modules measure {:.2f} mm ({:.1f} mm across {} modules), below the template's "
            "{} mm minimum",
            measure.module_mm,
            measure.side_mm,
            measure.modules,
            context.look.min_module_mm));
}

void check_quiet_zone(const QrMeasure& measure, PlacardReport& placard)
{
    double promised = promised_quiet_modules * measure.module_mm;
    // The edge of the symbol and the edge of the ink are each good to about a pixel.
    if (measure.quiet_zone_mm + 1.5 * measure.resolution_mm >= promised) {
        return;
    }
    add(placard,
        Severity::error,
        "qr-quiet-zone-small",
        fmt::format(
            "the white margin on the {} of the QR is {:.1f} mm ({:.1f} modules), less than the "
            "{} modules ({:.1f} mm) a reader needs",
            measure.quiet_side,
            measure.quiet_zone_mm,
            measure.quiet_zone_mm / measure.module_mm,
            promised_quiet_modules,
            promised));
}

void check_measure(const Context& context, const QrMeasure& measure, PlacardReport& placard)
{
    if (!measure.counted) {
        add(placard,
            Severity::warning,
            "qr-not-measured",
            fmt::format(
                "the QR's module grid is not clear at {} dpi, so its size and quiet zone were "
                "not measured; use a higher --dpi",
                context.options.dpi));
        return;
    }
    check_module_size(context, measure, placard);
    check_quiet_zone(measure, placard);
}

void check_duplicates(
    Context& context, const QrReport& code, const std::string& where, PlacardReport& placard)
{
    auto [first, fresh] = context.url_seen.emplace(code.url, where);
    if (!fresh) {
        add(placard,
            Severity::error,
            "duplicate-url",
            fmt::format("the same URL as {} ({})", first->second, code.claims.employee_code));
        return;
    }
    if (code.signature != sign::UrlStatus::valid) {
        return;
    }
    auto [earlier, new_employee] = context.code_seen.emplace(code.claims.employee_code, where);
    if (!new_employee) {
        add(placard,
            Severity::error,
            "duplicate-employee",
            fmt::format(
                "a second placard of {} (generation {}); {} has one already",
                code.claims.employee_code,
                code.claims.generation,
                earlier->second));
    }
}

QrReport check_code(
    Context& context,
    const FoundQr& found,
    const QrMeasure& measure,
    const std::string& where,
    PlacardReport& placard)
{
    QrReport code;
    code.decoded = found.decoded;
    code.measure = measure;
    if (!found.decoded) {
        add(placard,
            Severity::error,
            "qr-unreadable",
            fmt::format("a QR code is there but cannot be read: {}", found.problem));
        return code;
    }

    code.url = found.text;
    sign::UrlVerdict verdict = sign::verify_survey_url(context.keyring, code.url);
    code.signature = verdict.status;
    code.claims = verdict.claims;
    check_signature(verdict, code.url, placard);
    check_ledger(context, code, placard);
    check_measure(context, measure, placard);
    check_duplicates(context, code, where, placard);
    return code;
}

// The printed name is a second witness after the QR: NFKC on both sides, ZWNJ and spaces
// ignored, either reading order accepted (see docs/check.md).
void check_name(const Context& context, const std::string& text, PlacardReport& placard)
{
    if (placard.codes.empty() || placard.codes.front().signature != sign::UrlStatus::valid) {
        return;
    }
    const std::string& code = placard.codes.front().claims.employee_code;
    auto known = context.roster.position.find(code);
    if (known == context.roster.position.end()) {
        return;
    }
    if (fold_for_match(text).empty()) {
        add(placard,
            Severity::info,
            "name-not-checked",
            "the page has no text to compare the printed name with");
        return;
    }
    const RosterEmployee& employee = context.roster.expected[known->second];
    for (const auto& [part, value] :
         {std::pair{"first name", &employee.first_name}, {"last name", &employee.last_name}}) {
        if (!text_holds(text, *value)) {
            add(placard,
                Severity::error,
                "name-mismatch",
                fmt::format(
                    "the {} of {} in the roster ({} {}) is not printed on the placard",
                    part,
                    code,
                    employee.is_row ? "row" : "line",
                    employee.line));
        }
    }
}

PlacardReport evaluate(
    Context& context, const CheckReport& report, const SlotRef& ref, SlotReading reading)
{
    PlacardReport placard;
    placard.file = ref.file;
    placard.slot = ref.slot;
    std::string where = fmt::format("{} {}", report.files[ref.file].path, slot_label(ref.slot));
    if (!reading.problem.empty()) {
        add(placard, Severity::error, "page-unreadable", reading.problem);
        return placard;
    }
    if (reading.codes.empty()) {
        add(placard,
            Severity::error,
            "no-qr",
            fmt::format("no QR code found at {} dpi", context.options.dpi));
    }
    for (std::size_t i = 0; i < reading.codes.size(); ++i) {
        placard.codes.push_back(
            check_code(context, reading.codes[i], reading.measures[i], where, placard));
    }
    if (reading.codes.size() > 1) {
        add(placard,
            Severity::error,
            "several-qr",
            fmt::format("{} QR codes on one placard; it should hold one", reading.codes.size()));
    }
    if (context.roster.used) {
        check_name(context, reading.text, placard);
    }
    return placard;
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

// Reads the placards on the worker pool and checks each in page order as its reading
// arrives, until all are done or --max-failures is reached.
void read_placards(
    Context& context, CheckReport& report, std::vector<SlotRef> refs, Reporter& reporter)
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
        PlacardReport placard = evaluate(context, report, refs[index], reader.take(index));
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
    const Context& context,
    const std::string& expected,
    const std::string& found,
    PlacardReport& placard)
{
    placard.expected_code = expected;
    if (found.empty()) {
        if (!expected.empty()) {
            add(placard,
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
    add(placard, Severity::error, "not-in-roster", std::move(message));
}

void match_roster(const Context& context, CheckReport& report)
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
    Context context{options, sign::Keyring::load(options.key_file)};
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
