#include "qr/qr_content_stream.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <poppler-document.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

using namespace placard::qr;

namespace {

const std::string survey_url = "https://survey.example.ir/S/T1/E00042/3/KQ6Z32Y4YRGSN36AJHXINN2M7M";

// A 3 x 3 symbol: a 2-module bar on top and one module in the far corner.
QrSymbol tiny_symbol()
{
    return QrSymbol(1, 3, {1, 1, 0, 0, 0, 0, 0, 0, 1});
}

std::string inflate(const std::string& deflated, std::size_t expected_size)
{
    std::string out(expected_size + 64, '\0');
    auto out_size = static_cast<uLongf>(out.size());
    int status = uncompress(
        reinterpret_cast<Bytef*>(out.data()),
        &out_size,
        reinterpret_cast<const Bytef*>(deflated.data()),
        static_cast<uLong>(deflated.size()));
    REQUIRE(status == Z_OK);
    out.resize(out_size);
    return out;
}

// A one-page PDF that draws `stream` as a form, the way the painter places its QR form:
// the page flips y, moves past a 4-module quiet zone and scales a module to
// `module_points`.
std::string pdf_with_qr_form(const QrContentStream& stream, int width, double module_points)
{
    const double side = (width + 8) * module_points;
    const std::string page_content = fmt::format(
        "1 0 0 -1 0 {0} cm {1} 0 0 {1} {2} {2} cm /Q Do\n", side, module_points, 4 * module_points);
    std::vector<std::string> objects = {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        fmt::format(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {0} {0}] /Contents 4 0 R "
            "/Resources << /XObject << /Q 5 0 R >> >> >>",
            side),
        fmt::format("<< /Length {} >>\nstream\n{}\nendstream", page_content.size(), page_content),
        fmt::format(
            "<< /Type /XObject /Subtype /Form /BBox [0 0 {0} {0}] /Filter /FlateDecode "
            "/Length {1} >>\nstream\n{2}\nendstream",
            width,
            stream.deflated.size(),
            stream.deflated)};

    std::string pdf = "%PDF-1.5\n";
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < objects.size(); ++i) {
        offsets.push_back(pdf.size());
        pdf += fmt::format("{} 0 obj\n{}\nendobj\n", i + 1, objects[i]);
    }
    const std::size_t xref = pdf.size();
    pdf += fmt::format("xref\n0 {}\n0000000000 65535 f \n", objects.size() + 1);
    for (std::size_t offset : offsets) {
        pdf += fmt::format("{:010} 00000 n \n", offset);
    }
    pdf += fmt::format(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{}\n%%EOF\n", objects.size() + 1, xref);
    return pdf;
}

struct Grey {
    int width = 0;
    int height = 0;
    std::vector<unsigned char> pixels;

    int at(int x, int y) const
    {
        return pixels
            [static_cast<std::size_t>(y) * static_cast<std::size_t>(width)
             + static_cast<std::size_t>(x)];
    }
};

// Renders the page at 72 dpi (one pixel a point), anti-aliased, as a viewer would.
Grey render_with_poppler(const std::string& pdf)
{
    std::vector<char> bytes(pdf.begin(), pdf.end());
    std::unique_ptr<poppler::document> document(poppler::document::load_from_data(&bytes));
    REQUIRE(document != nullptr);
    std::unique_ptr<poppler::page> page(document->create_page(0));
    REQUIRE(page != nullptr);
    poppler::page_renderer renderer;
    renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
    renderer.set_image_format(poppler::image::format_gray8);
    poppler::image image = renderer.render_page(page.get(), 72, 72);
    REQUIRE(image.is_valid());

    Grey grey{image.width(), image.height(), {}};
    for (int y = 0; y < grey.height; ++y) {
        const char* row =
            image.const_data() + static_cast<std::ptrdiff_t>(y) * image.bytes_per_row();
        grey.pixels.insert(grey.pixels.end(), row, row + grey.width);
    }
    return grey;
}

// The stream's tokens, split at spaces and line ends.
std::vector<std::string> tokens_of(const std::string& content)
{
    std::vector<std::string> tokens;
    for (std::size_t at = 0; at < content.size();) {
        std::size_t end = content.find_first_of(" \n", at);
        if (end > at) {
            tokens.push_back(content.substr(at, end - at));
        }
        at = end + 1;
    }
    return tokens;
}

bool is_number(const std::string& token)
{
    const std::size_t first_digit = token[0] == '-' && token.size() > 1 ? 1 : 0;
    return std::isdigit(static_cast<unsigned char>(token[first_digit])) != 0;
}

}  // namespace

TEST_CASE("qr content stream writes each outline as one closed subpath, filled once")
{
    QrStreamWriter writer(6);
    const QrContentStream& stream = writer.write(tiny_symbol());

    CHECK(
        stream.content
        == "0 0 0 rg\n"
           "0 0 2 1 re\n"
           "2 2 1 1 re\n"
           "f\n");
}

TEST_CASE("qr content stream's deflated form inflates to its content at every level")
{
    QrSymbol symbol = encode(survey_url, ErrorCorrection::medium, 4);
    for (int level : {1, 6, 9}) {
        CAPTURE(level);
        QrStreamWriter writer(level);
        const QrContentStream& stream = writer.write(symbol);

        CHECK(stream.deflated.size() < stream.content.size() / 2);
        CHECK(inflate(stream.deflated, stream.content.size()) == stream.content);
    }
}

TEST_CASE("qr content stream writer gives the same bytes for a symbol whatever came before")
{
    QrSymbol first = encode(survey_url, ErrorCorrection::medium, 4);
    QrSymbol second = encode(survey_url + "X", ErrorCorrection::medium, 4);
    QrStreamWriter fresh(6);
    const std::string expected = fresh.write(second).deflated;

    QrStreamWriter reused(6);
    reused.write(first);
    CHECK(reused.write(second).deflated == expected);
}

TEST_CASE("qr content stream is one path painted by a single fill, one subpath per outline")
{
    QrSymbol symbol = encode(survey_url, ErrorCorrection::medium, 4);
    QrStreamWriter writer(6);
    const std::string& content = writer.write(symbol).content;
    OutlineTracer tracer;
    const Outlines& outlines = tracer.trace(symbol);

    std::vector<std::string> operators;
    std::size_t numbers = 0;
    for (const std::string& token : tokens_of(content)) {
        if (is_number(token)) {
            ++numbers;
        } else {
            operators.push_back(token);
        }
    }
    auto count = [&operators](const std::string& op) {
        return std::count(operators.begin(), operators.end(), op);
    };

    // An outline of four corners is one "re" of four numbers; any other is "m", an "l"
    // per further corner (two numbers each) and "h".
    long rectangles = 0;
    for (std::size_t loop = 0; loop < outlines.loop_count(); ++loop) {
        rectangles += outlines.loop_ends[loop] - outlines.loop_begin(loop) == 4 ? 1 : 0;
    }
    const auto paths = static_cast<long>(outlines.loop_count()) - rectangles;
    const auto corners = static_cast<long>(outlines.corners.size());
    CHECK(rectangles > 10);
    CHECK(paths > 0);
    CHECK(static_cast<long>(numbers) == 3 + 2 * (corners - 4 * rectangles) + 4 * rectangles);
    CHECK(count("re") == rectangles);
    CHECK(count("m") == paths);
    CHECK(count("h") == paths);
    CHECK(count("l") == corners - 4 * rectangles - paths);
    CHECK(count("f") == 1);
    CHECK(operators.back() == "f");
    CHECK(
        operators.size()
        == static_cast<std::size_t>(2 + rectangles + corners - 4 * rectangles + paths));
}

TEST_CASE("qr content stream rendered by poppler covers exactly the dark modules")
{
    QrSymbol symbol = encode(survey_url, ErrorCorrection::medium, 4);
    QrStreamWriter writer(6);
    // 4.5 points a module at 72 dpi: every other module boundary falls inside a pixel,
    // which must be fully dark between two dark modules. (Poppler snaps rectangles to
    // pixels, so this would not catch modules filled one by one: the case above checks
    // that the stream fills once.)
    const double module = 4.5;
    Grey grey = render_with_poppler(pdf_with_qr_form(writer.write(symbol), symbol.width(), module));
    auto pixel_of = [module](double modules) {
        return static_cast<int>(std::floor((4 + modules) * module));
    };

    int seams_checked = 0;
    for (int y = 0; y < symbol.width(); ++y) {
        for (int x = 0; x < symbol.width(); ++x) {
            CAPTURE(x);
            CAPTURE(y);
            const int centre = grey.at(pixel_of(x + 0.5), pixel_of(y + 0.5));
            CHECK((symbol.is_dark(x, y) ? centre < 32 : centre > 223));

            const bool boundary_inside_pixel = std::fmod((4 + x + 1) * module, 1.0) != 0;
            if (symbol.is_dark(x, y) && symbol.is_dark(x + 1, y) && boundary_inside_pixel) {
                CHECK(grey.at(pixel_of(x + 1), pixel_of(y + 0.5)) < 8);
                ++seams_checked;
            }
        }
    }
    CHECK(seams_checked > 50);

    // The quiet zone stays white.
    CHECK(grey.at(pixel_of(-2), pixel_of(-2)) == 255);
    CHECK(grey.at(pixel_of(symbol.width() + 2), pixel_of(symbol.width() / 2.0)) == 255);
}

TEST_CASE("qr content stream writes the corners of a version 30 symbol, three digits and all")
{
    QrSymbol symbol = encode(survey_url, ErrorCorrection::medium, 30);
    REQUIRE(symbol.width() == 137);
    QrStreamWriter writer(6);
    const std::string& content = writer.write(symbol).content;
    OutlineTracer tracer;
    const Outlines& outlines = tracer.trace(symbol);

    // Each outline as the stream walks it: "re" walks its four corners from the first
    // one, across, then down.
    std::vector<std::vector<Point>> walked;
    std::vector<int> numbers;
    for (const std::string& token : tokens_of(content)) {
        if (is_number(token)) {
            numbers.push_back(std::stoi(token));
            continue;
        }
        if (token == "m") {
            walked.emplace_back();
        }
        if (token == "m" || token == "l") {
            walked.back().push_back(Point{numbers[numbers.size() - 2], numbers.back()});
        }
        if (token == "re") {
            const int* n = &numbers[numbers.size() - 4];
            walked.push_back(
                {Point{n[0], n[1]},
                 Point{n[0] + n[2], n[1]},
                 Point{n[0] + n[2], n[1] + n[3]},
                 Point{n[0], n[1] + n[3]}});
        }
    }

    // The same corners in the same direction as the tracer's outlines, each perhaps
    // starting at another corner.
    REQUIRE(walked.size() == outlines.loop_count());
    for (std::size_t loop = 0; loop < outlines.loop_count(); ++loop) {
        CAPTURE(loop);
        std::vector<Point> traced(
            outlines.corners.begin() + static_cast<std::ptrdiff_t>(outlines.loop_begin(loop)),
            outlines.corners.begin() + static_cast<std::ptrdiff_t>(outlines.loop_ends[loop]));
        REQUIRE(walked[loop].size() == traced.size());
        auto first = std::find_if(traced.begin(), traced.end(), [&](const Point& p) {
            return p.x == walked[loop][0].x && p.y == walked[loop][0].y;
        });
        REQUIRE(first != traced.end());
        std::rotate(traced.begin(), first, traced.end());
        for (std::size_t k = 0; k < traced.size(); ++k) {
            CHECK(walked[loop][k].x == traced[k].x);
            CHECK(walked[loop][k].y == traced[k].y);
        }
    }
    CHECK(*std::max_element(numbers.begin(), numbers.end()) == 137);
}
