#include "batch/render_job.hpp"

#include "qr/qr_symbol.hpp"
#include "qr/symbol_spool.hpp"
#include "render/font_setup.hpp"
#include "render/pdf_document.hpp"
#include "render/placard_painter.hpp"
#include "render/placard_template.hpp"
#include "sign/keyring.hpp"
#include "sign/survey_url.hpp"
#include "util/atomic_file.hpp"
#include "util/csv_writer.hpp"
#include "util/error.hpp"
#include "util/persian.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <openssl/rand.h>

#include <memory>
#include <optional>

namespace placard::batch {

namespace {

using roster::Disposition;
using roster::Field;
using roster::RosterRow;

constexpr Field printed_fields[] = {
    Field::first_name, Field::last_name, Field::job_title, Field::office, Field::agency};

const std::string& printed_value(const roster::Employee& employee, Field field)
{
    switch (field) {
    case Field::first_name:
        return employee.first_name;
    case Field::last_name:
        return employee.last_name;
    case Field::job_title:
        return employee.job_title;
    case Field::office:
        return employee.office;
    default:
        return employee.agency;
    }
}

// Everything a run needs before it reads a row; building it checks the key, the
// template, the fonts and the base URL, so a bad set-up fails before any work.
struct Job {
    sign::Keyring keyring;
    render::PlacardTemplate look;
    std::unique_ptr<render::FontSetup> fonts;
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

Job prepare_job(const RenderOptions& options)
{
    Job job{sign::Keyring::load(options.key_file), {}, nullptr, "", "", 0};
    if (!options.template_file.empty()) {
        job.look = render::load_template(options.template_file);
    }
    std::filesystem::path font_dir =
        options.font_dir.empty() ? job.look.font_dir : options.font_dir;
    job.fonts = std::make_unique<render::FontSetup>(job.look.font_family, font_dir);
    job.base_url = sign::normalise_base_url(options.base_url);
    job.print_time = options.print_time != 0 ? options.print_time : std::time(nullptr);
    job.batch_id = options.batch_id.empty() ? generated_batch_id(job.print_time) : options.batch_id;
    return job;
}

// Adds an error for the first printed character the placard font cannot draw: such a
// row would otherwise print with a box where a letter should be.
void check_glyphs(const Job& job, const roster::RosterReader& reader, RosterRow& row)
{
    for (Field field : printed_fields) {
        const std::string& value = printed_value(row.employee, field);
        char32_t missing = job.fonts->first_missing_character(value);
        if (missing == 0) {
            continue;
        }
        Finding finding{
            Severity::error,
            "glyph-missing",
            fmt::format(
                "character U+{:04X} has no glyph in the placard font '{}'; remove it "
                "from the source data",
                static_cast<std::uint32_t>(missing),
                job.look.font_family),
            reader.location_of(row, field)};
        row.findings.push_back(finding);
        if (row.disposition == Disposition::accepted) {
            row.disposition = Disposition::rejected;
            row.reason_code = finding.code;
            row.reason = finding.message;
        }
        return;
    }
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

struct Plan {
    long read = 0;
    long accepted = 0;
    long rejected = 0;
    long skipped = 0;
    int version = 1;
};

std::string survey_url(const Job& job, const RenderOptions& options, const roster::Employee& e)
{
    return sign::make_survey_url(
        job.base_url, job.keyring.active(), e.employee_code, options.generation);
}

// `version` is the QR version the URL was encoded at, from the batch version so far up
// (0: none holds it). When it is above the cap, the batch version was not, so it is the
// URL's own smallest version, which the message names.
void check_capacity(
    const Job& job,
    const std::string& url,
    int version,
    const RosterRow& row,
    const std::string& source)
{
    if (version != 0 && version <= job.look.max_version) {
        return;
    }
    char level = qr::error_correction_letter(job.look.error_correction);
    std::string needs =
        version == 0 ? "more than QR version 40 holds" : fmt::format("QR version {}", version);
    throw Error(
        fmt::format(
            "the survey URL of employee {} is {} bytes, which needs {} at level {}, above the cap "
            "of version {} ({} bytes in 8-bit mode); use a shorter --base-url",
            row.employee.employee_code,
            url.size(),
            needs,
            level,
            job.look.max_version,
            qr::byte_capacity(job.look.max_version, job.look.error_correction)),
        SourceLocation{source, row.line, 0, ""});
}

std::vector<std::string> rejects_header(const roster::RosterReader& reader)
{
    std::vector<std::string> header = {"line", "reason_code", "reason"};
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

// The first pass. Rejected rows go straight to the rejects file (if any), so memory stays
// flat however many rows are rejected. Each accepted URL is encoded from the batch version
// found so far up, which both gives its version and, once the batch version has settled,
// the very symbol the second pass draws: the spool keeps it.
Plan plan_batch(
    const Job& job,
    const RenderOptions& options,
    Reporter& reporter,
    AtomicFile* rejects,
    qr::SymbolSpool& spool)
{
    roster::RosterReader reader(options.roster.string(), options.read);
    for (const Finding& finding : reader.file_findings()) {
        reporter.finding(finding);
    }
    if (rejects != nullptr) {
        rejects->write(std::string(utf8_bom) + csv_record(rejects_header(reader)));
    }

    Plan plan;
    RosterRow row;
    while (reader.next(row)) {
        if (row.disposition == Disposition::accepted && !job.fonts->family_available()) {
            refuse_substitute_font(job, reader, row);
        }
        if (row.disposition == Disposition::accepted) {
            check_glyphs(job, reader, row);
        }
        for (const Finding& finding : row.findings) {
            reporter.finding(finding);
        }
        ++plan.read;
        if (row.disposition == Disposition::rejected) {
            ++plan.rejected;
            append_reject(rejects, row);
        } else if (row.disposition == Disposition::skipped) {
            ++plan.skipped;
        } else {
            std::string url = survey_url(job, options, row.employee);
            std::optional<qr::QrSymbol> symbol =
                qr::encode_from(url, job.look.error_correction, plan.version);
            int version = symbol ? symbol->version() : 0;
            check_capacity(job, url, version, row, options.roster.string());
            spool.append(url, plan.version, *symbol);
            plan.version = std::max(plan.version, version);
            ++plan.accepted;
        }
    }
    return plan;
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
    if (plan.accepted == 0) {
        throw Error(fmt::format(
            "{}: no row can be printed ({} read, {} rejected, {} skipped)",
            options.roster.string(),
            plan.read,
            plan.rejected,
            plan.skipped));
    }
    if (module_mm < job.look.min_module_mm && !options.allow_small_modules) {
        int modules = 17 + 4 * plan.version;
        throw Error(fmt::format(
            "QR modules would be {:.2f} mm ({} modules of version {} across {} mm), below the "
            "{} mm minimum that scans reliably; make qr.size_mm at least {:.1f} or use a shorter "
            "--base-url (or --allow-small-modules to print anyway)",
            module_mm,
            modules,
            plan.version,
            job.look.qr_size_mm,
            job.look.min_module_mm,
            job.look.min_module_mm * modules));
    }
}

render::PlacardText compose_text(const roster::Employee& employee)
{
    const char* honorific = employee.gender == roster::Gender::female ? "خانم "
                            : employee.gender == roster::Gender::male ? "آقای "
                                                                      : "";
    render::PlacardText text;
    text.agency = employee.agency;
    text.full_name = fmt::format("{}{} {}", honorific, employee.first_name, employee.last_name);
    text.job_title = employee.job_title;
    text.office = employee.office;
    text.employee_code_line = "کد کارمند: " + to_persian_digits(employee.employee_code);
    return text;
}

std::size_t draw_batch(
    const Job& job,
    const RenderOptions& options,
    const Plan& plan,
    Reporter& reporter,
    qr::SymbolSpool& spool)
{
    const int modules = 17 + 4 * plan.version;
    const render::PageLayout layout = render::compute_layout(job.look, modules);
    const std::string print_date = solar_hijri_date(job.print_time);

    AtomicFile file(options.output);
    render::PdfDocument pdf(
        file,
        layout.page_width,
        layout.page_height,
        {fmt::format("placards, batch {}", job.batch_id),
         "placard " PLACARD_VERSION,
         fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(job.print_time))});
    const std::string footer = fmt::format("دستهٔ چاپ {} · تاریخ چاپ {}", job.batch_id, print_date);
    render::PlacardPainter painter(job.look, *job.fonts, pdf.context(), layout, footer);

    roster::RosterReader reader(options.roster.string(), options.read);
    RosterRow row;
    long printed = 0;
    while (reader.next(row)) {
        if (row.disposition == Disposition::accepted) {
            check_glyphs(job, reader, row);
        }
        if (row.disposition != Disposition::accepted) {
            continue;
        }
        std::string url = survey_url(job, options, row.employee);
        std::optional<qr::QrSymbol> kept = spool.take(url, plan.version);
        painter.paint(
            compose_text(row.employee),
            kept ? *kept : qr::encode(url, job.look.error_correction, plan.version));
        pdf.end_page();
        reporter.progress(
            static_cast<std::size_t>(++printed), static_cast<std::size_t>(plan.accepted));
    }
    if (printed != plan.accepted) {
        throw Error(fmt::format(
            "{} changed while it was read ({} rows printable at first, {} "
            "now); nothing was written",
            options.roster.string(),
            plan.accepted,
            printed));
    }
    pdf.finish();
    std::size_t bytes = file.bytes_written();
    file.commit();
    return bytes;
}

}  // namespace

std::filesystem::path default_rejects_path(const std::filesystem::path& output)
{
    std::filesystem::path rejects = output;
    rejects.replace_extension(".rejects.csv");
    return rejects;
}

RenderSummary render_roster(const RenderOptions& options, Reporter& reporter)
{
    Job job = prepare_job(options);

    // The rejects file is committed only after the PDF is complete, so a failed run leaves
    // neither; it is always written under --skip-invalid, so no stale list survives.
    std::optional<AtomicFile> rejects;
    std::filesystem::path rejects_path;
    if (options.skip_invalid) {
        rejects_path =
            options.rejects.empty() ? default_rejects_path(options.output) : options.rejects;
        rejects.emplace(rejects_path, 0600);
    }
    qr::SymbolSpool spool;
    Plan plan = plan_batch(job, options, reporter, rejects ? &*rejects : nullptr, spool);
    double module_mm = job.look.qr_size_mm / (17 + 4 * plan.version);
    check_plan(job, options, plan, module_mm);

    RenderSummary summary{
        plan.read,
        plan.accepted,
        plan.rejected,
        plan.skipped,
        plan.version,
        module_mm,
        job.batch_id,
        options.output,
        rejects_path,
        0};
    spool.rewind();
    summary.pdf_bytes = draw_batch(job, options, plan, reporter, spool);
    if (rejects) {
        rejects->commit();
    }
    return summary;
}

}  // namespace placard::batch
