// The merger joins PDFs as Cairo writes them and refuses anything else.
#include "render/pdf_merger.hpp"
#include "support/pdf_readback.hpp"
#include "support/temp_dir.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <doctest/doctest.h>

#include <string>

using namespace placard;
using namespace placard::test;

namespace {

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length)
{
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

// A Cairo PDF whose pages say "page FIRST" .. "page FIRST + COUNT - 1", each with a
// form (a recording surface) as the placard pages have.
std::string cairo_pdf(int first, int count)
{
    std::string bytes;
    cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append_bytes, &bytes, 300, 200);
    cairo_pdf_surface_restrict_to_version(surface, CAIRO_PDF_VERSION_1_5);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, "merged (test)");
    // Bounded, as the painter's forms are: Cairo 1.16 leaks what it makes of an
    // unbounded recording surface painted onto a PDF.
    cairo_rectangle_t form_extents{0, 0, 20, 20};
    cairo_surface_t* form =
        cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &form_extents);
    cairo_t* form_cr = cairo_create(form);
    cairo_rectangle(form_cr, 0, 0, 20, 20);
    cairo_fill(form_cr);
    cairo_destroy(form_cr);

    cairo_t* cr = cairo_create(surface);
    for (int page = first; page < first + count; ++page) {
        cairo_set_source_surface(cr, form, 10, 10);
        cairo_paint(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_move_to(cr, 50, 100);
        cairo_set_font_size(cr, 20);
        cairo_show_text(cr, ("page " + std::to_string(page)).c_str());
        cairo_show_page(cr);
    }
    cairo_destroy(cr);
    cairo_surface_destroy(form);
    cairo_surface_finish(surface);
    REQUIRE(cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(surface);
    return bytes;
}

}  // namespace

TEST_SUITE("e2e")
{
    TEST_CASE("pdf merger joins cairo files in order into one file poppler reads")
    {
        TempDir dir;
        AtomicFile out(dir / "merged.pdf");
        render::PdfMerger merger(out);
        merger.append(cairo_pdf(1, 2), "part 1");
        merger.append(cairo_pdf(3, 3), "part 2");
        merger.append(cairo_pdf(6, 1), "part 3");
        merger.finish();
        out.commit();
        CHECK(merger.pages() == 6);

        PdfReadback readback(dir / "merged.pdf");
        REQUIRE(readback.page_count() == 6);
        for (int page = 0; page < 6; ++page) {
            CAPTURE(page);
            CHECK(
                readback.page_text(page).find("page " + std::to_string(page + 1))
                != std::string::npos);
            CHECK(readback.page_size(page).width == doctest::Approx(300));
        }
        std::string bytes = read_file(dir / "merged.pdf");
        CHECK(bytes.find("/Title <FEFF") != std::string::npos);
        CHECK(bytes.substr(bytes.size() - 6) == "%%EOF\n");
    }

    TEST_CASE("pdf merger refuses a cross-reference stream and names the part and byte")
    {
        std::string pdf = "%PDF-1.5\n"
                          "1 0 obj\n<< /Type /XRef /Size 2 /W [1 2 1] /Length 0 >>\nstream\n\n"
                          "endstream\nendobj\nstartxref\n9\n%%EOF\n";
        TempDir dir;
        AtomicFile out(dir / "merged.pdf");
        render::PdfMerger merger(out);
        CHECK_THROWS_WITH_AS(
            merger.append(pdf, "part 7"),
            "part 7: byte 9: expected a classic cross-reference table (\"xref\"); only PDF "
            "files as Cairo writes them can be merged",
            Error);
    }

    TEST_CASE("pdf merger refuses a catalog with more than its page tree")
    {
        std::string pdf = cairo_pdf(1, 1);
        std::size_t catalog = pdf.find("/Type /Catalog");
        REQUIRE(catalog != std::string::npos);
        // Same length, so every offset in the cross-reference table stays right.
        pdf.replace(catalog, 14, "/Lang (fa-IR) ");
        TempDir dir;
        AtomicFile out(dir / "merged.pdf");
        render::PdfMerger merger(out);
        CHECK_THROWS_WITH_AS(
            merger.append(pdf, "part 1"),
            doctest::Contains("expected a catalog with only /Type and /Pages"),
            Error);
    }
}
