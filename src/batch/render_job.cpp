#include "batch/render_job.hpp"

#include "batch/placard_spool.hpp"
#include "batch/placard_text.hpp"
#include "batch/split_output.hpp"
#include "batch/version_finder.hpp"
#include "ledger/digest.hpp"
#include "ledger/ledger.hpp"
#include "ledger/run_identity.hpp"
#include "qr/qr_symbol.hpp"
#include "render/chunked_pdf_writer.hpp"
#include "render/font_setup.hpp"
#include "render/placard_template.hpp"
#include "roster/national_code.hpp"
#include "sign/keyring.hpp"
#include "sign/survey_url.hpp"
#include "util/ascii.hpp"
#include "util/atomic_file.hpp"
#include "util/csv_writer.hpp"
#include "util/error.hpp"
#include "util/json.hpp"
#include "util/open_file_limit.hpp"
#include "util/worker_pool.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <openssl/rand.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <set>

namespace placard::batch {

namespace {

using roster::Disposition;
using roster::Field;
using roster::RosterRow;

// Everything a run needs before it reads a row; building it checks the key, the
// template, the fonts and the base URL, so a bad set-up fails before any work.
struct Job {
    sign::Keyring keyring;
    render::PlacardTemplate look;
    std::unique_ptr<render::FontSetup> fonts;
    std::filesystem::path font_dir;
    std::string base_url;
    std::string batch_id;
    std::time_t print_time = 0;
};

std::string generated_batch_id(std::time_t moment)
{
    unsigned char random[2] = {0, 0};
    if (RAND_bytes(random, sizeof random) != 1) {
        throw Error("the system random generator failed");
    }
    return fmt::format("{:%Y%m%d-%H%M%S}-{:02X}{:02X}", fmt::gmtime(moment), random[0], random[1]);
}

bool generated_batch_id_of(std::time_t moment, const std::string& batch_id)
{
    return fmt::format("{:%Y%m%d-%H%M%S}", fmt::gmtime(moment)) == batch_id.substr(0, 15);
}

// A generated batch id (20261204-101500-3FA2) says when its batch was printed: a rerun
// with the same id then gets the same dates in the PDF and the footer, so the same bytes.
std::time_t time_of_batch_id(const std::string& batch_id)
{
    std::tm parts{};
    char rest = 0;
    int matched = std::sscanf(
        batch_id.c_str(),
        "%4d%2d%2d-%2d%2d%2d-%c",
        &parts.tm_year,
        &parts.tm_mon,
        &parts.tm_mday,
        &parts.tm_hour,
        &parts.tm_min,
        &parts.tm_sec,
        &rest);
    if (matched != 7 || batch_id.size() != 20) {
        return 0;
    }
    parts.tm_year -= 1900;
    parts.tm_mon -= 1;
    std::time_t moment = timegm(&parts);
    return moment > 0 && generated_batch_id_of(moment, batch_id) ? moment : 0;
}

Job prepare_job(const RenderOptions& options)
{
    Job job{sign::Keyring::load(options.key_file), {}, nullptr, {}, "", "", 0};
    if (!options.template_file.empty()) {
        job.look = render::load_template(options.template_file);
    }
    job.font_dir = options.font_dir.empty() ? job.look.font_dir : options.font_dir;
    job.fonts = std::make_unique<render::FontSetup>(job.look.font_family, job.font_dir);
    check_template_glyphs(*job.fonts, job.look);
    job.base_url = sign::normalise_base_url(options.base_url);
    job.print_time =
        options.print_time != 0 ? options.print_time : time_of_batch_id(options.batch_id);
    job.print_time = job.print_time != 0 ? job.print_time : std::time(nullptr);
    if (!options.batch_id.empty()) {
        if (std::string problem = batch_id_problem(options.batch_id); !problem.empty()) {
            throw Error(fmt::format("--batch-id {}: {}", options.batch_id, problem));
        }
    }
    job.batch_id = options.batch_id.empty() ? generated_batch_id(job.print_time) : options.batch_id;
    return job;
}

// Refuses to go on with a substitute font: names what was asked for, what fontconfig
// offered instead, and the first field that the substitute cannot draw.
void refuse_substitute_font(
    const Job& job, const roster::RosterReader& reader, const RosterRow& row)
{
    for (Field field : printed_fields) {
        const std::string& value = printed_value(row.employee, field);
        int missing = job.fonts->missing_character_count(value);
        if (missing > 0) {
            SourceLocation where = reader.location_of(row, field);
            throw Error(
                fmt::format(
                    "font '{}' not available (got '{}'); {} characters of row {} {} have no glyph; "
                    "run scripts/setup.sh to install the placard fonts or set --font-dir",
                    job.fonts->requested_family(),
                    job.fonts->resolved_family(),
                    missing,
                    reader.rows_read(),
                    roster::field_name(field)),
                where);
        }
    }
}

// Refuses a URL over the QR version cap. `version` is the smallest that holds it from the
// batch version up (0: none). It is above the cap, and the batch version was not, so it
// is the URL's own smallest version, which the message names.
[[noreturn]] void refuse_long_url(
    const Job& job, const VersionFinder::Overflow& overflow, const roster::RosterReader& reader)
{
    // A database row is named by its ordinal ("row 5"), a CSV one by its line.
    SourceLocation where = reader.location_of(RosterRow{}, roster::Field::employee_code);
    where.line = overflow.line;
    where.column = 0;
    where.field.clear();
    char level = qr::error_correction_letter(job.look.error_correction);
    std::string needs = overflow.version == 0 ? "more than QR version 40 holds"
                                              : fmt::format("QR version {}", overflow.version);
    throw Error(
        fmt::format(
            "the survey URL of employee {} is {} bytes, which needs {} at level {}, above the cap "
            "of version {} ({} bytes in 8-bit mode); use a shorter --base-url",
            overflow.employee_code,
            overflow.url.size(),
            needs,
            level,
            job.look.max_version,
            qr::byte_capacity(job.look.max_version, job.look.error_correction)),
        where);
}

std::vector<std::string> rejects_header(const roster::RosterReader& reader)
{
    // A database row has an ordinal, not a line of text.
    bool is_row = reader.location_of(RosterRow{}, roster::Field::employee_code).is_row;
    std::vector<std::string> header = {is_row ? "row" : "line", "reason_code", "reason"};
    header.insert(header.end(), reader.header().begin(), reader.header().end());
    return header;
}

void append_reject(AtomicFile* rejects, const RosterRow& row)
{
    if (rejects == nullptr) {
        return;
    }
    std::vector<std::string> cells = {std::to_string(row.line), row.reason_code, row.reason};
    cells.insert(cells.end(), row.fields.begin(), row.fields.end());
    rejects->write(csv_record(cells));
}

// What the planning pass learnt: the counts, the QR version every page will use, and
// which of the codes a reprint asked for were found.
struct Plan {
    long read = 0;
    long accepted = 0;  // pages to print
    long rejected = 0;
    long skipped = 0;
    long unchanged = 0;
    long short_national_codes = 0;
    int version = 1;
    std::set<std::string> codes_found;
    std::set<std::string> codes_never_issued;  // listed codes this ledger never printed
};

bool has_short_national_code(const RosterRow& row)
{
    return std::any_of(row.findings.begin(), row.findings.end(), [](const Finding& finding) {
        return roster::is_short_national_code(finding.code);
    });
}

// The per-code cap on the terminal hides how many codes a spreadsheet mangled; one line
// with the count shows the pattern at once.
void report_short_national_codes(const RenderOptions& options, const Plan& plan, Reporter& reporter)
{
    if (plan.short_national_codes == 0) {
        return;
    }
    reporter.finding(Finding{
        Severity::warning,
        "national-code-short-rows",
        roster::short_national_codes_summary(
            plan.short_national_codes, options.read.pad_national_code),
        SourceLocation{options.roster.string(), 0, 0, "", false}});
}

// The ledger of a run and its open batch; both absent for a preview without a ledger.
struct LedgerRun {
    std::optional<ledger::Ledger> ledger;
    std::optional<ledger::BatchWriter> batch;

    std::optional<ledger::PlacardState> state_of(const std::string& employee_code) const
    {
        return ledger ? ledger->placard_state(employee_code) : std::nullopt;
    }
};

const sign::SigningKey& signing_key(const Job& job, const IssueDecision& decision)
{
    if (decision.kid.empty()) {
        return job.keyring.active();
    }
    const sign::SigningKey* key = job.keyring.find(decision.kid);
    if (key == nullptr) {
        throw Error(fmt::format(
            "a live placard is signed with key {}, which this keyring no longer holds; add the "
            "key back or reprint those placards (placard reprint --signed-by {})",
            decision.kid,
            decision.kid));
    }
    return *key;
}

std::string survey_url(const Job& job, const IssueDecision& decision, const roster::Employee& e)
{
    return sign::make_survey_url(
        job.base_url, signing_key(job, decision), e.employee_code, decision.generation);
}

IssueDecision decide(
    const RenderOptions& options, const LedgerRun& run, const roster::Employee& employee)
{
    // The digest is kept in the decision, so the ledger records it without hashing the
    // row again.
    std::string digest = ledger::printed_fields_digest(employee);
    IssueDecision decision = decide_issue(
        options.selection, employee.employee_code, run.state_of(employee.employee_code), digest);
    decision.fields_digest = std::move(digest);
    return decision;
}

void mark_skipped(RosterRow& row, IssueAction action)
{
    row.disposition = Disposition::skipped;
    row.reason_code = skip_reason_code(action);
    row.reason = skip_reason_text(action);
}

// A reprint names employees; each must be in the roster, or the run stops before
// printing anything.
void check_codes_found(const RenderOptions& options, const Plan& plan)
{
    std::string missing;
    for (const std::string& code : options.selection.codes) {
        if (!plan.codes_found.contains(code)) {
            missing += fmt::format("{}{}", missing.empty() ? "" : ", ", code);
        }
    }
    if (!missing.empty()) {
        throw Error(fmt::format(
            "{}: no valid row for employee codes {}; the roster supplies what a reprint prints",
            options.roster.string(),
            missing));
    }
}

// A reprint's generation 1 means the ledger never printed this employee a placard: the
// ledger named is not the one of the first print (a typo makes a new, empty one), and
// the "new" placard would carry the very URL of the lost one without revoking it.
void note_never_issued(
    const RenderOptions& options,
    const IssueDecision& decision,
    const roster::Employee& employee,
    Plan& plan)
{
    if (options.selection.selection == Selection::listed_codes
        && decision.action == IssueAction::print_new && decision.generation == 1) {
        plan.codes_never_issued.insert(ascii_upper(employee.employee_code));
    }
}

void check_codes_recorded(const LedgerRun& run, const Plan& plan)
{
    if (plan.codes_never_issued.empty()) {
        return;
    }
    throw Error(fmt::format(
        "the ledger {} never issued a placard to employee codes {}, so nothing was printed: "
        "a reprint replaces a recorded placard and revokes it; name the ledger of the first "
        "print with --ledger, or print a first placard with placard render",
        run.ledger ? run.ledger->path().string() : std::string("(none)"),
        fmt::join(plan.codes_never_issued, ", ")));
}

void count_row(Plan& plan, const RosterRow& row, AtomicFile* rejects)
{
    ++plan.read;
    plan.short_national_codes += has_short_national_code(row) ? 1 : 0;
    if (row.disposition == Disposition::rejected) {
        ++plan.rejected;
        append_reject(rejects, row);
    } else if (row.disposition == Disposition::skipped) {
        ++plan.skipped;
        plan.unchanged += row.reason_code == skip_reason_code(IssueAction::skip_unchanged) ? 1 : 0;
    } else {
        ++plan.accepted;
    }
}

// The planning pass, the only reading of the roster. Rejected rows go straight to the
// rejects file (if any) and printed ones to the spool, so memory stays flat however many
// rows there are; the print order keeps a sort key a printed row.
Plan plan_batch(
    const Job& job,
    const RenderOptions& options,
    const LedgerRun& run,
    Reporter& reporter,
    AtomicFile* rejects,
    PlacardSpool& spool,
    PrintOrder& order)
{
    roster::RosterReader reader(options.roster.string(), options.read);
    for (const Finding& finding : reader.file_findings()) {
        reporter.finding(finding);
    }
    if (rejects != nullptr) {
        rejects->write(std::string(utf8_bom) + csv_record(rejects_header(reader)));
    }

    Plan plan;
    VersionFinder versions(
        job.look.error_correction, job.look.max_version, worker_count(options.jobs));
    RosterRow row;
    while (reader.next(row)) {
        if (row.disposition == Disposition::accepted && !job.fonts->family_available()) {
            refuse_substitute_font(job, reader, row);
        }
        if (row.disposition == Disposition::accepted) {
            check_glyphs(*job.fonts, job.look.font_family, reader, row);
        }
        for (const Finding& finding : row.findings) {
            reporter.finding(finding);
        }
        if (row.disposition == Disposition::accepted) {
            // Kept only for a reprint, which names few codes: a set of every code would
            // grow by about 80 bytes a row.
            if (options.selection.selection == Selection::listed_codes) {
                plan.codes_found.insert(ascii_upper(row.employee.employee_code));
            }
            IssueDecision decision = decide(options, run, row.employee);
            note_never_issued(options, decision, row.employee, plan);
            if (!decision.prints()) {
                mark_skipped(row, decision.action);
            } else {
                std::string url = survey_url(job, decision, row.employee);
                spool.append(row.employee, decision, url);
                order.add(row.employee);
                versions.add(std::move(url), row.employee.employee_code, row.line);
            }
        }
        count_row(plan, row, rejects);
    }
    plan.version = versions.finish();
    if (versions.overflow()) {
        refuse_long_url(job, *versions.overflow(), reader);
    }
    report_short_national_codes(options, plan, reporter);
    if (options.selection.selection == Selection::listed_codes) {
        check_codes_found(options, plan);
        check_codes_recorded(run, plan);
    }
    return plan;
}

// A shard is one slice of the roster: it may hold nobody, and its file holds only its
// slice, so like a selection it must not replace a file with everyone's placards.
bool selects_some(const RenderOptions& options)
{
    return options.selection.selection != Selection::everyone || !options.read.shard.is_whole();
}

void check_plan(const Job& job, const RenderOptions& options, const Plan& plan, double module_mm)
{
    if (!job.fonts->family_available()) {
        throw Error(fmt::format(
            "font '{}' not available (got '{}'); a substitute is never used",
            job.fonts->requested_family(),
            job.fonts->resolved_family()));
    }
    if (plan.rejected > 0 && !options.skip_invalid) {
        throw Error(fmt::format(
            "{}: {} of {} rows have errors, so nothing was printed; fix them, or use "
            "--skip-invalid to print the valid rows and list the others in a rejects file",
            options.roster.string(),
            plan.rejected,
            plan.read));
    }
    // Under --skip-invalid a roster whose every row was rejected still finishes: the
    // rejects list, with every row and its reason, is the run's result.
    bool all_rejected = options.skip_invalid && plan.rejected > 0;
    if (plan.accepted == 0 && !selects_some(options) && !all_rejected) {
        throw Error(fmt::format(
            "{}: no row can be printed ({} read, {} rejected, {} skipped)",
            options.roster.string(),
            plan.read,
            plan.rejected,
            plan.skipped));
    }
    if (plan.accepted > 0) {
        render::check_qr_fits(job.look, plan.version);
    }
    if (module_mm < job.look.min_module_mm && !options.allow_small_modules) {
        int modules = 17 + 4 * plan.version;
        const double needed_mm = job.look.min_module_mm * modules;
        const double largest_mm = render::largest_qr_size_mm(job.look.landscape, modules);
        // Advice to grow the symbol past what the page holds would only lead to the next
        // refusal; then the minimum or the URL has to give.
        const std::string advice =
            needed_mm <= largest_mm
                ? fmt::format("make qr.size_mm at least {:.1f}", needed_mm)
                : fmt::format(
                    "no qr.size_mm can: at version {} the page holds at most {:.1f} mm, so "
                    "lower qr.min_module_mm",
                    plan.version,
                    std::floor(largest_mm * 10) / 10);
        throw Error(
            fmt::format(
                "QR modules would be {:.2f} mm ({} modules of version {} across {} mm), below the "
                "{} mm minimum that scans reliably; {} or use a shorter --base-url (or "
                "--allow-small-modules to print anyway)",
                module_mm,
                modules,
                plan.version,
                job.look.qr_size_mm,
                job.look.min_module_mm,
                advice),
            job.look.min_module_source);
    }
}

// Records one printed page in the open batch: the new placard, and for a reissue the
// revocation of the one it replaces. A copy of a live placard is already recorded.
void record_page(
    const Job& job,
    LedgerRun& run,
    const IssueDecision& decision,
    const roster::Employee& employee,
    const std::string& file,
    int page)
{
    if (!run.batch || decision.action == IssueAction::print_copy) {
        return;
    }
    ledger::PlacardRecord placard;
    placard.employee_code = employee.employee_code;
    placard.generation = decision.generation;
    placard.kid = signing_key(job, decision).kid;
    placard.fields_digest = decision.fields_digest;
    placard.file = file;
    placard.page = page;
    placard.province = employee.province;
    placard.city = employee.city;
    placard.agency = employee.agency;
    placard.office = employee.office;
    run.batch->add_placard(placard);

    if (decision.action == IssueAction::reissue) {
        ledger::RevokeRequest revoke;
        revoke.employee_code = employee.employee_code;
        revoke.generation = decision.revoked_generation;
        revoke.kid = decision.revoked_kid;
        revoke.reason = decision.reason;
        revoke.operator_name = ledger::login_name();
        run.batch->revoke({revoke});
    }
}

struct DrawResult {
    std::size_t bytes = 0;
    long new_placards = 0;
    long reissued = 0;
    long copies = 0;
};

void count_issue(DrawResult& result, IssueAction action)
{
    result.new_placards += action == IssueAction::print_new ? 1 : 0;
    result.reissued += action == IssueAction::reissue ? 1 : 0;
    result.copies += action == IssueAction::print_copy ? 1 : 0;
}

// The PDF being drawn and the files finished before it, which stay uncommitted under
// their temporary names until the whole run has succeeded.
struct DrawInputs {
    const Job& job;
    const RenderOptions& options;
    const Plan& plan;
    const PrintOrder& order;
    LedgerRun& run;
    Reporter& reporter;
    const std::vector<std::filesystem::path>& paths;  // one per group
    render::PageLayout layout;
    render::SheetGeometry sheet;
    std::string batch_footer;
};

struct DrawState {
    DrawState(const DrawInputs& inputs, PlacardSpool& placards)
        : in(inputs)
        , spool(placards)
    {}

    DrawInputs in;
    PlacardSpool& spool;
    std::vector<std::unique_ptr<AtomicFile>> files;
    std::unique_ptr<render::ChunkedPdfWriter> pdf;
    std::string recorded_name;  // the open file as the ledger records it
    std::size_t open_group = 0;
    long drawn = 0;
    DrawResult result;
};

// Every PDF of a run stays open until the last is complete and all are renamed together
// (see JointCommit): a split run holds one file a group, beside the roster, ledger,
// fonts and each worker's scratch files. Past the process's open-file limit an open
// fails deep in the drawing, where it reads as a font that cannot draw its text; the
// limit is raised when it may be, and the run refused before drawing when not.
void reserve_open_files(const RenderOptions& options, std::size_t pdf_count)
{
    const std::size_t besides_pdfs = 64 + 4 * std::size_t{worker_count(options.jobs)};
    const std::size_t needed = pdf_count + besides_pdfs;
    const std::size_t limit = make_room_for_open_files(needed);
    if (limit >= needed) {
        return;
    }
    throw Error(fmt::format(
        "{} PDFs stay open until the last is complete, which with the run's other files "
        "needs about {} open files; this process may open {} (ulimit -n); raise the limit "
        "or split by a field with fewer values",
        pdf_count,
        needed,
        limit));
}

void finish_file(DrawState& state)
{
    if (!state.pdf) {
        return;
    }
    state.pdf->finish();
    state.pdf.reset();
    state.result.bytes += state.files.back()->bytes_written();
}

void open_file(DrawState& state, std::size_t group)
{
    finish_file(state);
    const std::filesystem::path& path = state.in.paths[group];
    state.files.push_back(std::make_unique<AtomicFile>(path));
    state.recorded_name = std::filesystem::absolute(path).lexically_normal().string();
    state.open_group = group;

    // Each file gets its own writer, workers and font maps: groups are drawn one after
    // the other, and the sheets within a group in parallel.
    const Job& job = state.in.job;
    render::BatchStyle style{
        job.look,
        state.in.layout,
        state.in.sheet,
        state.in.batch_footer,
        state.in.plan.version,
        render::PdfMetadata{
            fmt::format("placards, batch {}", job.batch_id),
            "placard " PLACARD_VERSION,
            fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(job.print_time))},
        job.fonts->requested_family(),
        job.font_dir};
    state.pdf = std::make_unique<render::ChunkedPdfWriter>(
        *state.files.back(),
        std::move(style),
        worker_count(state.in.options.jobs),
        state.in.options.sheets_per_part);
}

// "batch B · office X · sheet 12 of 40": a print shop counts a stack against it.
std::string sheet_footer(const DrawState& state, const PrintOrder::Group& group, long sheet)
{
    std::string text = "batch " + state.in.job.batch_id;
    if (state.in.options.split_by != SplitField::none) {
        text += fmt::format(
            " · {} {}",
            split_field_name(state.in.options.split_by),
            group.value.empty() ? "(none)" : group.value);
    }
    return text + fmt::format(" · sheet {} of {}", sheet - group.first_sheet + 1, group.sheets);
}

// The placard as its sheet's worker will draw it; recorded in the ledger now, since the
// ledger is committed only after every file is complete.
render::PlacardOnSheet prepare_placard(DrawState& state, const SpooledPlacard& placard, int page)
{
    const Job& job = state.in.job;
    render::PlacardOnSheet drawn{
        compose_text(placard.employee, job.look, placard.url, job.base_url), placard.url};

    record_page(
        state.in.job, state.in.run, placard.decision, placard.employee, state.recorded_name, page);
    count_issue(state.result, placard.decision.action);
    ++state.drawn;
    state.in.reporter.progress(
        static_cast<std::size_t>(state.drawn), static_cast<std::size_t>(state.in.plan.accepted));
    return drawn;
}

void draw_sheet(DrawState& state, long sheet)
{
    std::size_t group_index = state.in.order.group_of_sheet(sheet);
    if (!state.pdf || group_index != state.open_group) {
        open_file(state, group_index);
    }
    const PrintOrder::Group& group = state.in.order.groups()[group_index];
    const int page = static_cast<int>(sheet - group.first_sheet + 1);
    const int slots = state.in.order.slots_per_sheet();

    render::SheetToDraw to_draw{
        std::vector<std::optional<render::PlacardOnSheet>>(static_cast<std::size_t>(slots)),
        sheet_footer(state, group, sheet)};
    for (int slot = 0; slot < slots; ++slot) {
        const long ordinal = state.in.order.ordinal_at(sheet, slot);
        if (ordinal >= 0) {
            to_draw.slots[static_cast<std::size_t>(slot)] =
                prepare_placard(state, state.spool.read(static_cast<std::size_t>(ordinal)), page);
        }
    }
    state.pdf->add_sheet(std::move(to_draw));
}

// Draws every sheet in print order, then finishes the last PDF. The files stay
// uncommitted; the caller commits them.
std::vector<std::unique_ptr<AtomicFile>> draw_batch(DrawState& state)
{
    for (long sheet = 0; sheet < state.in.order.sheets(); ++sheet) {
        draw_sheet(state, sheet);
    }
    finish_file(state);
    return std::move(state.files);
}

// The options that shaped a batch, kept in the ledger so a run can be explained later.
std::string options_json(const RenderOptions& options)
{
    const char* selections[] = {"everyone", "changed-only", "listed-codes", "signed-by-key"};
    return fmt::format(
        "{{\"selection\":\"{}\",\"base_url\":{},\"template\":{},\"skip_invalid\":{},"
        "\"pad_national_code\":{},\"sqlite_table\":{},\"sqlite_query\":{}}}",
        selections[static_cast<int>(options.selection.selection)],
        json_string(options.base_url),
        json_string(options.template_file.string()),
        options.skip_invalid,
        options.read.pad_national_code,
        json_string(options.read.sqlite_table),
        json_string(options.read.sqlite_query));
}

void open_ledger(LedgerRun& run, const Job& job, const RenderOptions& options)
{
    if (!options.use_ledger) {
        return;
    }
    std::filesystem::path path =
        options.ledger.empty() ? default_ledger_path(options.output) : options.ledger;
    // A reprint replaces placards an earlier run recorded: it never starts a ledger.
    const bool reprint = options.selection.selection == Selection::listed_codes
                         || options.selection.selection == Selection::signed_by_key;
    run.ledger.emplace(path, ledger::LedgerOptions{options.wait, false, reprint});

    ledger::BatchInfo info;
    info.batch_id = job.batch_id;
    info.started_at = job.print_time;
    info.operator_name = ledger::login_name();
    info.host_name = ledger::host_name();
    info.roster_digest = ledger::sha256_file(options.roster);
    info.options_json = options_json(options);
    run.batch.emplace(run.ledger->begin_batch(info));
}

// A file the ledger records holds placards that the ledger points to, page by page. A
// run that prints only some employees (--changed-only, reprint) must not write over it:
// the placards it does not print again would be lost if that file was never printed (a
// nightly run with a fixed name, a weekend left unprinted). A run for everyone prints
// every live placard again, so it may replace such a file.
void refuse_recorded_output(
    const LedgerRun& run, const RenderOptions& options, const std::filesystem::path& output)
{
    if (!run.ledger || !selects_some(options) || !std::filesystem::exists(output)) {
        return;
    }
    std::string recorded = std::filesystem::absolute(output).lexically_normal().string();
    std::vector<std::string> batches = run.ledger->batches_with_file(recorded);
    if (batches.empty()) {
        return;
    }
    throw Error(fmt::format(
        "{} holds the placards of batch {} in the ledger {}, so it is not written over; "
        "move it away once printed, or put {{batch}} in the output name for a new file "
        "every run",
        output.string(),
        batches.back(),
        run.ledger->path().string()));
}

void commit_ledger(LedgerRun& run, const RenderSummary& summary, long recorded)
{
    if (!run.batch) {
        return;
    }
    std::vector<ledger::OutputFile> files;
    for (const OutputFileSummary& file : summary.files) {
        files.push_back(ledger::OutputFile{
            std::filesystem::absolute(file.path).lexically_normal().string(),
            file.sha256,
            file.bytes,
            static_cast<int>(file.pages)});
    }
    ledger::BatchCounts counts{
        summary.read, recorded, summary.rejected, summary.skipped, summary.unchanged};
    run.batch->commit(files, counts);
}

std::filesystem::path without_trailing_slash(const std::filesystem::path& path)
{
    return path.has_filename() ? path : path.parent_path();
}

// One PDF per group: the output itself, or a safe name in the output folder for each
// group of a split run.
std::vector<std::filesystem::path> output_paths(
    const RenderOptions& options, const PrintOrder& order)
{
    if (options.split_by == SplitField::none) {
        return {options.output};
    }
    std::vector<std::string> values;
    for (const PrintOrder::Group& group : order.groups()) {
        values.push_back(group.value);
    }
    std::vector<std::filesystem::path> paths;
    for (const std::string& name : split_file_names(values)) {
        paths.push_back(options.output / name);
    }
    return paths;
}

RenderSummary planned_summary(
    const Job& job, const Plan& plan, const LedgerRun& run, double module_mm)
{
    RenderSummary summary;
    summary.read = plan.read;
    summary.printed = plan.accepted;
    summary.rejected = plan.rejected;
    summary.skipped = plan.skipped;
    summary.unchanged = plan.unchanged;
    summary.qr_version = plan.version;
    summary.module_mm = module_mm;
    summary.batch_id = job.batch_id;
    summary.ledger = run.ledger ? run.ledger->path() : std::filesystem::path{};
    return summary;
}

// The manifests of a split run, finished but not yet under their final names.
struct Manifests {
    std::unique_ptr<AtomicFile> csv;
    std::unique_ptr<AtomicFile> json;
};

Manifests write_manifests(
    const RenderSummary& summary, const RenderOptions& options, const Job& job)
{
    std::vector<ManifestEntry> entries;
    entries.reserve(summary.files.size());
    for (const OutputFileSummary& file : summary.files) {
        entries.push_back(ManifestEntry{
            file.path.filename().string(), file.group, file.placards, file.pages, file.sha256});
    }
    Manifests manifests{
        std::make_unique<AtomicFile>(options.output / "manifest.csv"),
        std::make_unique<AtomicFile>(options.output / "manifest.json")};
    manifests.csv->write(manifest_csv(entries));
    std::optional<ManifestRejects> rejects;
    if (!summary.rejects.empty()) {
        rejects = manifest_rejects(options.output, summary.rejects, summary.rejected);
    }
    manifests.json->write(
        manifest_json(entries, job.batch_id, split_field_name(options.split_by), rejects));
    return manifests;
}

// Every file of the run reaches its final name together, after the last PDF is
// complete and the manifests (which hold the PDFs' hashes) are written: every final name
// is checked before the first rename (see JointCommit). In a split folder no name may
// exist yet; a single PDF and a rejects list may replace older files.
void commit_outputs(
    std::vector<std::unique_ptr<AtomicFile>>& files,
    AtomicFile* rejects,
    const PrintOrder& order,
    const RenderOptions& options,
    const Job& job,
    RenderSummary& summary)
{
    const bool split = options.split_by != SplitField::none;
    JointCommit commit;
    for (std::size_t at = 0; at < files.size(); ++at) {
        const PrintOrder::Group& group = order.groups()[at];
        files[at]->finish();
        OutputFileSummary file;
        file.path = files[at]->final_path();
        file.group = group.value;
        file.placards = group.placards;
        file.pages = group.sheets;
        file.bytes = files[at]->bytes_written();
        file.sha256 = ledger::sha256_file(files[at]->temp_path());
        summary.pdf_bytes += file.bytes;
        summary.files.push_back(file);
        commit.add(*files[at], split);
    }
    Manifests manifests;
    if (split && !files.empty()) {
        manifests = write_manifests(summary, options, job);
        commit.add(*manifests.csv, true);
        commit.add(*manifests.json, true);
    }
    if (rejects != nullptr) {
        commit.add(*rejects, false);
    }
    commit.prepare();
    commit.publish();

    if (!files.empty()) {
        summary.output = options.output;
        summary.pdf_sha256 = split ? "" : summary.files.front().sha256;
    }
}

}  // namespace

std::filesystem::path default_rejects_path(const std::filesystem::path& output, bool split)
{
    if (split) {
        return output / split_rejects_name;
    }
    std::filesystem::path rejects = output;
    rejects.replace_extension(".rejects.csv");
    return rejects;
}

std::filesystem::path default_ledger_path(const std::filesystem::path& output)
{
    return output.parent_path() / "placard-ledger.sqlite";
}

std::filesystem::path output_for_batch(
    const std::filesystem::path& output, const std::string& batch_id)
{
    std::string name = output.filename().string();
    for (std::size_t at = name.find(batch_placeholder); at != std::string::npos;
         at = name.find(batch_placeholder, at + batch_id.size())) {
        name.replace(at, std::string_view(batch_placeholder).size(), batch_id);
    }
    return output.parent_path() / name;
}

RenderSummary render_roster(const RenderOptions& requested, Reporter& reporter)
{
    Job job = prepare_job(requested);
    RenderOptions options = requested;
    options.output = output_for_batch(without_trailing_slash(requested.output), job.batch_id);
    const bool split = options.split_by != SplitField::none;
    render::SheetGeometry sheet =
        render::sheet_geometry(options.sheet, job.look.page_width_mm(), job.look.page_height_mm());

    // A split run's folder is checked and made first: the default rejects list goes into
    // it. A folder this run made and left empty (a failed run, or nothing to write) is
    // removed again.
    std::optional<SplitFolder> folder;
    if (split) {
        folder.emplace(options.output);
    }
    LedgerRun run;
    open_ledger(run, job, options);

    // The rejects file is committed with the PDFs, after the last one is complete, so a
    // failed run leaves neither; it is always written under --skip-invalid, so no stale
    // list survives, even when every row was rejected and there is no PDF.
    std::optional<AtomicFile> rejects;
    std::filesystem::path rejects_path;
    if (options.skip_invalid) {
        rejects_path =
            options.rejects.empty() ? default_rejects_path(options.output, split) : options.rejects;
        rejects.emplace(rejects_path, 0600);
    }
    PlacardSpool spool(split ? options.output : options.output.parent_path());
    PrintOrder order(
        options.split_by, options.sheet.kind, options.sheet.order, options.roster_order);
    Plan plan =
        plan_batch(job, options, run, reporter, rejects ? &*rejects : nullptr, spool, order);
    double module_mm = job.look.qr_size_mm / (17 + 4 * plan.version);
    check_plan(job, options, plan, module_mm);
    order.finish();
    std::vector<std::filesystem::path> paths = output_paths(options, order);
    if (plan.accepted > 0) {
        reserve_open_files(options, paths.size());
        for (const std::filesystem::path& path : paths) {
            refuse_recorded_output(run, options, path);
        }
    }

    RenderSummary summary = planned_summary(job, plan, run, module_mm);
    summary.rejects = rejects_path;
    std::vector<std::unique_ptr<AtomicFile>> files;
    if (plan.accepted > 0) {
        DrawState state(
            DrawInputs{
                job,
                options,
                plan,
                order,
                run,
                reporter,
                paths,
                render::compute_layout(job.look, 17 + 4 * plan.version),
                sheet,
                footer_line(job.look, job.batch_id, job.print_time)},
            spool);
        files = draw_batch(state);
        summary.new_placards = state.result.new_placards;
        summary.reissued = state.result.reissued;
        summary.copies = state.result.copies;
    }
    commit_outputs(files, rejects ? &*rejects : nullptr, order, options, job, summary);
    commit_ledger(run, summary, summary.new_placards + summary.reissued);
    return summary;
}

}  // namespace placard::batch
