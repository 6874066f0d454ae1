// The merger joins PDFs as Cairo writes them and refuses anything else.
#include "qr/qr_content_stream.hpp"
#include "qr/qr_symbol.hpp"
#include "render/pdf_merger.hpp"
#include "render/qr_stream_list.hpp"
#include "support/pdf_readback.hpp"
#include "support/temp_dir.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <regex>
#include <string>
#include <utility>
#include <vector>

using namespace placard;
using namespace placard::test;

namespace {

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length)
{
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

// A Cairo PDF 1.5 surface writing into `bytes`, as the chunked writer's parts are.
cairo_surface_t* open_pdf(std::string& bytes, double width, double height)
{
    cairo_surface_t* surface =
        cairo_pdf_surface_create_for_stream(append_bytes, &bytes, width, height);
    cairo_pdf_surface_restrict_to_version(surface, CAIRO_PDF_VERSION_1_5);
    return surface;
}

// Finishes the PDF that `surface` writes and checks Cairo had no error.
void close_pdf(cairo_surface_t* surface)
{
    cairo_surface_finish(surface);
    REQUIRE(cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(surface);
}

// A Cairo PDF whose pages say "page FIRST" .. "page FIRST + COUNT - 1", each with a
// form (a recording surface) as the placard pages have.
std::string cairo_pdf(int first, int count)
{
    std::string bytes;
    cairo_surface_t* surface = open_pdf(bytes, 300, 200);
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
    close_pdf(surface);
    return bytes;
}

// A Cairo PDF of one page that paints an image with an alpha channel (written as an
// image and its soft mask) and a form that holds text (which refers to the part's font).
std::string pdf_with_image_and_text_form(const std::string& words)
{
    std::string bytes;
    cairo_surface_t* surface = open_pdf(bytes, 300, 200);
    cairo_surface_t* image = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 16, 16);
    cairo_t* image_cr = cairo_create(image);
    cairo_set_source_rgba(image_cr, 0.8, 0.1, 0.1, 0.7);
    cairo_paint(image_cr);
    cairo_destroy(image_cr);

    cairo_rectangle_t page{0, 0, 300, 200};
    cairo_surface_t* form = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &page);
    cairo_t* form_cr = cairo_create(form);
    cairo_move_to(form_cr, 20, 150);
    cairo_set_font_size(form_cr, 20);
    cairo_show_text(form_cr, words.c_str());
    cairo_destroy(form_cr);

    cairo_t* cr = cairo_create(surface);
    cairo_scale(cr, 4, 4);
    cairo_set_source_surface(cr, image, 5, 5);
    cairo_paint(cr);
    cairo_identity_matrix(cr);
    cairo_set_source_surface(cr, form, 0, 0);
    cairo_paint(cr);
    cairo_show_page(cr);
    cairo_destroy(cr);
    cairo_surface_destroy(form);
    cairo_surface_destroy(image);
    close_pdf(surface);
    return bytes;
}

// A Cairo PDF drawn as the chunked writer draws a part: on each page, `per_page` QR forms
// holding the placeholder square (or `extra`, drawn after it, for a bad placeholder), scaled
// into place as the painter does, with each symbol's own stream added to `streams`.
struct QrPart {
    std::string pdf;
    render::QrStreamList streams;
};

std::string url_for(int page, int slot)
{
    return "https://survey.example.ir/S/T1/E" + std::to_string(page * 10 + slot);
}

QrPart qr_part(int first_page, int pages, int per_page, bool extra = false)
{
    QrPart part;
    qr::QrStreamWriter writer(5);
    cairo_surface_t* surface = open_pdf(part.pdf, 600, 400);
    cairo_t* cr = cairo_create(surface);
    for (int page = 0; page < pages; ++page) {
        part.streams.set_page(static_cast<std::uint32_t>(page));
        for (int slot = 0; slot < per_page; ++slot) {
            qr::QrSymbol symbol =
                qr::encode(url_for(first_page + page, slot), qr::ErrorCorrection::medium, 4);
            part.streams.add(symbol.width(), writer.write(symbol).deflated);

            const double side = symbol.width();
            cairo_rectangle_t extents{0, 0, side, side};
            cairo_surface_t* form =
                cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents);
            cairo_t* form_cr = cairo_create(form);
            cairo_rectangle(form_cr, 0, 0, side, side);
            cairo_fill(form_cr);
            if (extra) {
                cairo_rectangle(form_cr, 1, 1, 2, 2);
                cairo_fill(form_cr);
            }
            cairo_destroy(form_cr);

            cairo_save(cr);
            cairo_translate(cr, 40 + slot * 300, 40);
            cairo_scale(cr, 6, 6);
            cairo_set_source_surface(cr, form, 0, 0);
            cairo_paint(cr);
            cairo_restore(cr);
            cairo_surface_destroy(form);
        }
        cairo_show_page(cr);
    }
    cairo_destroy(cr);
    close_pdf(surface);
    return part;
}

// Merging `part` with `streams` in place of its own list must fail, saying `why`.
void check_refused(const QrPart& part, render::QrStreamList streams, const std::string& why)
{
    TempDir dir;
    AtomicFile out(dir / "merged.pdf");
    render::PdfMerger merger(out);
    CHECK_THROWS_WITH_AS(
        merger.append(part.pdf, "part 2", &streams), doctest::Contains(why.c_str()), Error);
}

// A copy of `streams` with its entry `skip` left out (none if out of range), and
// `shift_page` added to every page.
render::QrStreamList copy_streams(
    render::QrStreamList& streams, std::size_t skip, std::uint32_t shift_page = 0)
{
    render::QrStreamList copy;
    for (std::size_t k = 0; k < streams.size(); ++k) {
        if (k != skip) {
            copy.set_page(streams.entry(k).page + shift_page);
            copy.add(streams.entry(k).width, streams.deflated(k));
        }
    }
    return copy;
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

    TEST_CASE("pdf merger puts each part's qr streams in place of its placeholders")
    {
        TempDir dir;
        AtomicFile out(dir / "merged.pdf");
        render::PdfMerger merger(out);
        QrPart first = qr_part(0, 2, 2);
        QrPart second = qr_part(2, 1, 2);
        merger.append(first.pdf, "part 1", &first.streams);
        merger.append(second.pdf, "part 2", &second.streams);
        merger.finish();
        out.commit();

        PdfReadback readback(dir / "merged.pdf");
        REQUIRE(readback.page_count() == 3);
        for (int page = 0; page < 3; ++page) {
            CAPTURE(page);
            std::vector<std::string> codes = decode_qr_codes(readback.render(page, 100));
            std::sort(codes.begin(), codes.end());
            CHECK(codes == std::vector<std::string>{url_for(page, 0), url_for(page, 1)});
        }
        // Each stream is in the file as the writer deflated it, and every stream's length
        // is written in place rather than in an object of its own.
        std::string bytes = read_file(dir / "merged.pdf");
        for (std::size_t k = 0; k < first.streams.size(); ++k) {
            CHECK(bytes.find(first.streams.deflated(k)) != std::string::npos);
        }
        CHECK_FALSE(std::regex_search(bytes, std::regex("/Length [0-9]+ 0 R")));
    }

    TEST_CASE("pdf merger refuses qr placeholders and streams that do not pair")
    {
        QrPart part = qr_part(0, 3, 2);
        REQUIRE(part.streams.size() == 6);

        SUBCASE("one stream fewer")
        {
            check_refused(
                part,
                copy_streams(part.streams, 5),
                "page 3 holds a QR placeholder beyond the 5 QR streams drawn for this part");
        }
        SUBCASE("one stream more")
        {
            render::QrStreamList more = copy_streams(part.streams, 99);
            more.add(part.streams.entry(0).width, part.streams.deflated(0));
            check_refused(
                part,
                std::move(more),
                "6 QR placeholders on its pages but 7 QR streams drawn for it; they cannot be "
                "paired");
        }
        SUBCASE("as many, but one page has one fewer and the last one more")
        {
            render::QrStreamList shifted = copy_streams(part.streams, 0);
            shifted.set_page(2);
            shifted.add(part.streams.entry(0).width, part.streams.deflated(0));
            check_refused(
                part,
                std::move(shifted),
                "QR placeholder 2 (33 modules, page 1) does not match QR stream 2 (33 modules, "
                "drawn for page 2)");
        }
        SUBCASE("no streams at all")
        {
            check_refused(part, render::QrStreamList(), "beyond the 0 QR streams");
        }
    }

    TEST_CASE("pdf merger refuses a qr placeholder that draws anything besides its square")
    {
        QrPart part = qr_part(0, 1, 1, true);
        render::QrStreamList streams = std::move(part.streams);
        check_refused(
            part,
            std::move(streams),
            "the QR form of page 1 holds more than the placeholder square 0 0 33 33; it is not "
            "replaced");
    }

    TEST_CASE("pdf merger writes an image that a later part repeats once, and no form with text")
    {
        TempDir dir;
        AtomicFile out(dir / "merged.pdf");
        render::PdfMerger merger(out);
        merger.append(pdf_with_image_and_text_form("first part"), "part 1");
        merger.append(pdf_with_image_and_text_form("second part"), "part 2");
        merger.append(pdf_with_image_and_text_form("second part"), "part 3");
        merger.finish();
        out.commit();

        // The images of parts 2 and 3 are part 1's (their soft masks, which only they
        // use, go with them); the forms with text refer to each part's own font subset,
        // so even the two alike are kept.
        CHECK(merger.folded_objects() == 2);
        std::string bytes = read_file(dir / "merged.pdf");
        std::regex image("/Subtype /Image");
        CHECK(
            std::distance(
                std::sregex_iterator(bytes.begin(), bytes.end(), image), std::sregex_iterator())
            == 2);

        PdfReadback readback(dir / "merged.pdf");
        REQUIRE(readback.page_count() == 3);
        GreyImage first = readback.render(0, 72);
        for (int page = 0; page < 3; ++page) {
            CAPTURE(page);
            GreyImage drawn = readback.render(page, 72);
            // The image's centre, 4 x (5 + 8) points from the corner, is as dark on every page.
            CHECK(drawn.at(52, 52) < 200);
            CHECK(drawn.at(52, 52) == first.at(52, 52));
            CHECK(
                readback.page_text(page).find(page == 0 ? "first part" : "second part")
                != std::string::npos);
        }
    }
}
