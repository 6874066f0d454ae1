#include "batch/preview_job.hpp"

#include "batch/placard_text.hpp"
#include "qr/qr_symbol.hpp"
#include "render/font_setup.hpp"
#include "render/placard_painter.hpp"
#include "render/placard_template.hpp"
#include "sign/keyring.hpp"
#include "sign/survey_url.hpp"
#include "util/ascii.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"

#include <cairo.h>
#include <fmt/format.h>

#include <cmath>
#include <memory>
#include <optional>

namespace placard::batch {

namespace {

using SurfacePtr = std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)>;
using ContextPtr = std::unique_ptr<cairo_t, decltype(&cairo_destroy)>;

// The row's employee code. A row skipped before it was validated (outside a CSV filter,
// an inactive status) has no parsed code, so its raw field is used: such a row must still
// be found, to be refused with the reason.
std::string code_of(const roster::RosterReader& reader, const roster::RosterRow& row)
{
    if (!row.employee.employee_code.empty()) {
        return row.employee.employee_code;
    }
    long column = reader.location_of(row, roster::Field::employee_code).column;
    if (column < 1 || static_cast<std::size_t>(column) > row.fields.size()) {
        return {};
    }
    const std::string& raw = row.fields[static_cast<std::size_t>(column) - 1];
    std::size_t first = raw.find_first_not_of(" \t");
    std::size_t last = raw.find_last_not_of(" \t");
    return first == std::string::npos ? std::string() : raw.substr(first, last - first + 1);
}

bool is_wanted(
    const PreviewOptions& options, const roster::RosterReader& reader, const roster::RosterRow& row)
{
    if (options.row > 0) {
        return reader.rows_read() == options.row;
    }
    return ascii_upper(code_of(reader, row)) == ascii_upper(options.employee_code);
}

std::string wanted_name(const PreviewOptions& options)
{
    return options.row > 0 ? fmt::format("row {}", options.row)
                           : fmt::format("employee {}", options.employee_code);
}

// The filters of the run as the user typed them: --province X --city Y.
std::string filter_flags(const roster::ReadOptions& read)
{
    std::string flags;
    for (const auto& [field, value] : read.filters) {
        flags +=
            fmt::format("{}--{} {}", flags.empty() ? "" : " ", roster::field_name(field), value);
    }
    return flags;
}

// The wanted row if the roster holds it, its number among the data rows (or, when it is
// not there, how many data rows were read) and where it comes from.
struct RowSearch {
    std::optional<roster::RosterRow> row;
    long number = 0;
    SourceLocation where;  // the row's line (or database row), no column
};

RowSearch search_row(
    const PreviewOptions& options, const roster::ReadOptions& read, const render::FontSetup& fonts)
{
    roster::RosterReader reader(options.roster.string(), read);
    roster::RosterRow row;
    while (reader.next(row)) {
        if (is_wanted(options, reader, row)) {
            if (row.disposition == roster::Disposition::accepted) {
                check_glyphs(fonts, fonts.requested_family(), reader, row);
            }
            SourceLocation where = reader.location_of(row, roster::Field::employee_code);
            where.column = 0;
            where.field.clear();
            return RowSearch{std::move(row), reader.rows_read(), where};
        }
    }
    return RowSearch{std::nullopt, reader.rows_read(), {}};
}

// "row 3", or "employee E00042 (row 3)" when the placard was asked for by code.
std::string described(const PreviewOptions& options, long number)
{
    return options.row > 0 ? wanted_name(options)
                           : fmt::format("{} (row {})", wanted_name(options), number);
}

[[noreturn]] void refuse_outside_filter(
    const PreviewOptions& options, long number, const SourceLocation& where)
{
    throw Error(
        fmt::format(
            "{} is outside the filter {}: render would skip it, so there is no placard to "
            "preview; drop the filter or name a row inside it",
            described(options, number),
            filter_flags(options.read)),
        where);
}

// The wanted row, read as render reads it. A row that render would not print is refused
// with what render would do with it: invalid (and why), outside the filter, or skipped
// (and why), so a preview never shows a placard that the batch would not print.
roster::RosterRow find_row(const PreviewOptions& options, const render::FontSetup& fonts)
{
    RowSearch found = search_row(options, options.read, fonts);
    if (!found.row && options.row == 0 && !options.read.filters.empty()) {
        // SQLite applies the filter in its query, so a row outside it is never read: a
        // second reading without the filter tells "outside the filter" from "not there".
        // --row needs no second look: a CSV row outside the filter is still counted and
        // comes back marked, and a SQLite --row counts the rows the filter leaves.
        roster::ReadOptions unfiltered = options.read;
        unfiltered.filters.clear();
        RowSearch outside = search_row(options, unfiltered, fonts);
        if (outside.row) {
            refuse_outside_filter(options, outside.number, outside.where);
        }
    }
    if (!found.row) {
        throw Error(fmt::format(
            "{}: no {} ({} data rows read)",
            options.roster.string(),
            wanted_name(options),
            found.number));
    }

    const roster::RosterRow& row = *found.row;
    if (row.reason_code == "outside-filter") {
        refuse_outside_filter(options, found.number, found.where);
    }
    const char* verdict = row.disposition == roster::Disposition::rejected
                              ? "is invalid, so render would reject it"
                          : row.disposition == roster::Disposition::skipped
                              ? "is skipped, so render would not print it"
                              : nullptr;
    if (verdict != nullptr) {
        throw Error(
            fmt::format("{} {}: {}", described(options, found.number), verdict, row.reason),
            found.where);
    }
    return row;
}

qr::QrSymbol encode_url(const render::PlacardTemplate& look, const std::string& url)
{
    std::optional<qr::QrSymbol> symbol = qr::encode_from(url, look.error_correction, 1);
    if (!symbol || symbol->version() > look.max_version) {
        throw Error(fmt::format(
            "the survey URL is {} bytes, more than QR version {} holds at this error "
            "correction; use a shorter --base-url",
            url.size(),
            look.max_version));
    }
    return *symbol;
}

cairo_status_t write_to_file(void* closure, const unsigned char* data, unsigned int length)
{
    static_cast<AtomicFile*>(closure)->write(data, length);
    return CAIRO_STATUS_SUCCESS;
}

void write_png(cairo_surface_t* surface, const std::filesystem::path& output)
{
    AtomicFile file(output);
    cairo_status_t status = cairo_surface_write_to_png_stream(surface, &write_to_file, &file);
    if (status != CAIRO_STATUS_SUCCESS) {
        throw Error(fmt::format(
            "cannot write the preview {}: {}", output.string(), cairo_status_to_string(status)));
    }
    file.commit();
}

}  // namespace

PreviewResult render_preview(const PreviewOptions& options)
{
    const sign::Keyring keyring = sign::Keyring::load(options.key_file);
    render::PlacardTemplate look;
    if (!options.template_file.empty()) {
        look = render::load_template(options.template_file);
    }
    const std::string base_url = sign::normalise_base_url(options.base_url);
    render::FontSetup fonts(
        look.font_family, options.font_dir.empty() ? look.font_dir : options.font_dir);
    if (!fonts.family_available()) {
        throw Error(fmt::format(
            "font '{}' not available (got '{}'); a substitute is never used",
            fonts.requested_family(),
            fonts.resolved_family()));
    }
    check_template_glyphs(fonts, look);

    const roster::RosterRow row = find_row(options, fonts);
    const std::string url =
        sign::make_survey_url(base_url, keyring.active(), row.employee.employee_code, 1);
    const qr::QrSymbol symbol = encode_url(look, url);
    render::check_qr_fits(look, symbol.version());
    const render::PageLayout layout = render::compute_layout(look, symbol.width());

    // The page in points, scaled to the resolution; a white sheet under the placard, as
    // the PDF's page is white paper.
    const double scale = options.dpi / 72.0;
    PreviewResult result{row.employee.employee_code, row.line, 0, 0, symbol.version()};
    result.width_px = static_cast<int>(std::lround(layout.page_width * scale));
    result.height_px = static_cast<int>(std::lround(layout.page_height * scale));
    SurfacePtr surface(
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, result.width_px, result.height_px),
        &cairo_surface_destroy);
    ContextPtr cr(cairo_create(surface.get()), &cairo_destroy);
    cairo_set_source_rgb(cr.get(), 1, 1, 1);
    cairo_paint(cr.get());
    cairo_scale(cr.get(), scale, scale);

    std::time_t print_time = options.print_time != 0 ? options.print_time : std::time(nullptr);
    {
        render::PlacardPainter painter(
            look, fonts, cr.get(), layout, footer_line(look, options.batch_id, print_time));
        painter.paint(compose_text(row.employee, look, url, base_url), symbol);
    }
    cairo_surface_flush(surface.get());
    write_png(surface.get(), options.output);
    return result;
}

}  // namespace placard::batch
