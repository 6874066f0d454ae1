// QR content stream micro-benchmark: what it costs to write one symbol's QR path as a PDF
// content stream, placard's own writer (qr/qr_content_stream) against Cairo.
//
//   placard_qr_stream_bench [SYMBOLS] [--json FILE]            (default 2000 symbols)
//
// The symbols are real survey URLs of the benchmark's shape, encoded at the batch's QR
// version before any timing. Timed, in CPU time of this process:
//   - the writer at zlib levels 1, 4, 5, 6 and 9: tracing, formatting and deflating;
//   - Cairo writing a PDF page whose only content is the symbol's form, drawn as the
//     painter draws it (module units, one path filled once), to a stream that counts and
//     drops the bytes;
//   - the same pages with a placeholder form, one square of the symbol's size (an empty
//     form Cairo would leave out): what stays with Cairo if placard supplies the form's
//     stream. The difference of the two Cairo rows is what writing the path costs Cairo.
#include "qr/qr_content_stream.hpp"
#include "qr/qr_symbol.hpp"
#include "sign/keyring.hpp"
#include "sign/survey_url.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

namespace {

using placard::qr::QrSymbol;

struct Row {
    std::string what;
    double microseconds_per_symbol = 0;
    double bytes_per_symbol = 0;
};

double cpu_seconds()
{
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

std::vector<QrSymbol> survey_symbols(int count)
{
    placard::sign::Keyring ring;
    const placard::sign::SigningKey& key = ring.add_generated("B1", true);
    std::vector<std::string> urls;
    for (int n = 0; n < count; ++n) {
        urls.push_back(placard::sign::make_survey_url(
            "https://survey.example.ir/S", key, fmt::format("B{:07}", n), 1));
    }
    const auto level = placard::qr::ErrorCorrection::medium;
    const int version = placard::qr::smallest_version(urls.front(), level);
    std::vector<QrSymbol> symbols;
    for (const std::string& url : urls) {
        symbols.push_back(placard::qr::encode(url, level, version));
    }
    return symbols;
}

Row time_writer(const std::vector<QrSymbol>& symbols, int level)
{
    placard::qr::QrStreamWriter writer(level);
    std::size_t bytes = 0;
    const double start = cpu_seconds();
    for (const QrSymbol& symbol : symbols) {
        bytes += writer.write(symbol).deflated.size();
    }
    const double seconds = cpu_seconds() - start;
    const auto count = static_cast<double>(symbols.size());
    return {fmt::format("placard writer, zlib level {}", level), seconds / count * 1e6,
            static_cast<double>(bytes) / count};
}

// One form in module units holding what `draw` puts there, painted on its own page.
void paint_form_page(cairo_t* page, int width, const std::function<void(cairo_t*)>& draw)
{
    cairo_rectangle_t extents{0, 0, static_cast<double>(width), static_cast<double>(width)};
    cairo_surface_t* form = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents);
    cairo_t* cr = cairo_create(form);
    draw(cr);
    cairo_destroy(cr);

    cairo_save(page);
    cairo_translate(page, 100.123456, 200.654321);
    cairo_scale(page, 1.23456, 1.23456);
    cairo_set_source_surface(page, form, 0, 0);
    cairo_paint(page);
    cairo_restore(page);
    cairo_show_page(page);
    cairo_surface_destroy(form);
}

void fill_outlines(cairo_t* cr, const placard::qr::Outlines& outlines)
{
    for (std::size_t loop = 0; loop < outlines.loop_count(); ++loop) {
        std::size_t end = outlines.loop_ends[loop];
        std::size_t at = outlines.loop_begin(loop);
        cairo_move_to(cr, outlines.corners[at].x, outlines.corners[at].y);
        for (++at; at < end; ++at) {
            cairo_line_to(cr, outlines.corners[at].x, outlines.corners[at].y);
        }
        cairo_close_path(cr);
    }
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_fill(cr);
}

Row time_cairo(const std::vector<QrSymbol>& symbols, bool with_path)
{
    std::size_t bytes = 0;
    cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(
        [](void* closure, const unsigned char*, unsigned int length) {
            *static_cast<std::size_t*>(closure) += length;
            return CAIRO_STATUS_SUCCESS;
        },
        &bytes,
        420,
        595);
    cairo_t* page = cairo_create(surface);
    placard::qr::OutlineTracer tracer;

    const double start = cpu_seconds();
    for (const QrSymbol& symbol : symbols) {
        paint_form_page(page, symbol.width(), [&](cairo_t* cr) {
            if (with_path) {
                fill_outlines(cr, tracer.trace(symbol));
                return;
            }
            cairo_rectangle(cr, 0, 0, symbol.width(), symbol.width());
            cairo_fill(cr);
        });
    }
    cairo_destroy(page);
    cairo_surface_destroy(surface);
    const double seconds = cpu_seconds() - start;
    const auto count = static_cast<double>(symbols.size());
    return {with_path ? "cairo, page with the QR path" : "cairo, page with a placeholder form",
            seconds / count * 1e6, static_cast<double>(bytes) / count};
}

std::string rows_json(const std::vector<Row>& rows, std::size_t symbols)
{
    std::string text = fmt::format("{{\n  \"symbols\": {},\n  \"rows\": [\n", symbols);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        text += fmt::format(
            "    {{\"what\": \"{}\", \"microseconds_per_symbol\": {:.2f}, "
            "\"bytes_per_symbol\": {:.1f}}}{}\n",
            rows[i].what,
            rows[i].microseconds_per_symbol,
            rows[i].bytes_per_symbol,
            i + 1 < rows.size() ? "," : "");
    }
    return text + "  ]\n}\n";
}

}  // namespace

int main(int argc, char** argv)
{
    int count = 2000;
    std::string json_path;
    for (int i = 1; i < argc; ++i) {
        std::string argument = argv[i];
        if (argument == "--json" && i + 1 < argc) {
            json_path = argv[++i];
        } else if (std::atoi(argv[i]) > 0) {
            count = std::atoi(argv[i]);
        } else {
            std::fprintf(stderr, "usage: placard_qr_stream_bench [SYMBOLS] [--json FILE]\n");
            return 4;
        }
    }

    std::vector<QrSymbol> symbols = survey_symbols(count);
    std::vector<Row> rows;
    for (int level : {1, 4, 5, 6, 9}) {
        rows.push_back(time_writer(symbols, level));
    }
    rows.push_back(time_cairo(symbols, true));
    rows.push_back(time_cairo(symbols, false));
    std::printf("%d symbols of version %d (%d modules a side)\n", count,
                symbols.front().version(), symbols.front().width());
    std::printf("%-34s %14s %14s\n", "", "us/symbol", "bytes/symbol");
    for (const Row& row : rows) {
        std::printf("%-34s %14.2f %14.1f\n", row.what.c_str(), row.microseconds_per_symbol,
                    row.bytes_per_symbol);
    }
    if (!json_path.empty()) {
        std::ofstream out(json_path, std::ios::binary);
        out << rows_json(rows, symbols.size());
        if (!out.flush()) {
            std::fprintf(stderr, "placard_qr_stream_bench: cannot write %s\n", json_path.c_str());
            return 2;
        }
    }
    return 0;
}
