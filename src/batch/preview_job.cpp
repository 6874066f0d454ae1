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

bool is_wanted(
    const PreviewOptions& options, const roster::RosterReader& reader, const roster::RosterRow& row)
{
    if (options.row > 0) {
        return reader.rows_read() == options.row;
    }
    return ascii_upper(row.employee.employee_code) == ascii_upper(options.employee_code);
}

std::string wanted_name(const PreviewOptions& options)
{
    return options.row > 0 ? fmt::format("row {}", options.row)
                           : fmt::format("employee {}", options.employee_code);
}

// The wanted row, read as render reads it; a row render would reject is refused with
// its reason and place.
roster::RosterRow find_row(const PreviewOptions& options)
{
    roster::RosterReader reader(options.roster.string(), options.read);
    roster::RosterRow row;
    while (reader.next(row)) {
        if (!is_wanted(options, reader, row)) {
            continue;
        }
        if (row.disposition == roster::Disposition::rejected) {
            throw Error(
                fmt::format("{} cannot be printed: {}", wanted_name(options), row.reason),
                SourceLocation{reader.source_name(), row.line, 0, "", false});
        }
        return row;
    }
    throw Error(fmt::format(
        "{}: no {} ({} data rows read)",
        options.roster.string(),
        wanted_name(options),
        reader.rows_read()));
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

    const roster::RosterRow row = find_row(options);
    const std::string url =
        sign::make_survey_url(base_url, keyring.active(), row.employee.employee_code, 1);
    const qr::QrSymbol symbol = encode_url(look, url);
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
