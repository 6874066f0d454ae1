#include "render/logo.hpp"

#include "util/error.hpp"
#include "util/printable.hpp"

#include <cairo.h>
#include <fmt/format.h>
#include <librsvg/rsvg.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <mutex>
#include <system_error>

namespace placard::render {

// Exactly one of the two is set.
struct Logo::Source {
    cairo_surface_t* image = nullptr;
    RsvgHandle* svg = nullptr;

    // Every rendering thread draws the one logo. Neither an RsvgHandle nor a Cairo
    // surface used as a source (Cairo attaches snapshots to it) may be used by two
    // threads at once, so drawing takes this lock; it is taken once per part, not per page.
    std::mutex drawing;

    ~Source()
    {
        if (image != nullptr) {
            cairo_surface_destroy(image);
        }
        if (svg != nullptr) {
            g_object_unref(svg);
        }
    }
};

namespace {

// A new image surface with the same format and pixels as `image`.
cairo_surface_t* copy_image(cairo_surface_t* image)
{
    cairo_surface_flush(image);
    cairo_surface_t* copy = cairo_image_surface_create(
        cairo_image_surface_get_format(image),
        cairo_image_surface_get_width(image),
        cairo_image_surface_get_height(image));
    if (cairo_surface_status(copy) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(copy);
        throw Error("out of memory while copying the logo image");
    }
    const int source_stride = cairo_image_surface_get_stride(image);
    const int copy_stride = cairo_image_surface_get_stride(copy);
    const int row_bytes = std::min(source_stride, copy_stride);
    const unsigned char* from = cairo_image_surface_get_data(image);
    unsigned char* to = cairo_image_surface_get_data(copy);
    for (int row = 0; row < cairo_image_surface_get_height(image); ++row) {
        std::memcpy(
            to + static_cast<std::ptrdiff_t>(row) * copy_stride,
            from + static_cast<std::ptrdiff_t>(row) * source_stride,
            static_cast<std::size_t>(row_bytes));
    }
    cairo_surface_mark_dirty(copy);
    return copy;
}

std::string lower_extension(const std::filesystem::path& path)
{
    std::string extension = path.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(), [](char c) {
        return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    });
    return extension;
}

double read_png(const std::filesystem::path& path, Logo::Source& source);
double read_svg(const std::filesystem::path& path, Logo::Source& source);

// A logo is printed a few centimetres wide: these bounds are far above what that needs,
// and keep a hostile file from taking gigabytes (a small PNG may declare 20,000 x 20,000
// pixels; a small SVG may repeat one shape a million times).
constexpr std::uintmax_t largest_logo_file = 4U << 20U;
constexpr std::uint32_t widest_png = 8192;
constexpr std::uint64_t most_png_pixels = 16U << 20U;

void check_logo_file(const std::filesystem::path& path)
{
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) {
        throw Error(fmt::format("logo {} is not a regular file", path.string()));
    }
    std::uintmax_t size = std::filesystem::file_size(path, error);
    if (error || size > largest_logo_file) {
        throw Error(fmt::format(
            "logo {} is larger than {} MiB; a logo this large is not needed for print",
            path.string(),
            largest_logo_file >> 20U));
    }
}

std::uint32_t big_endian(const unsigned char* bytes)
{
    return (std::uint32_t{bytes[0]} << 24U) | (std::uint32_t{bytes[1]} << 16U)
           | (std::uint32_t{bytes[2]} << 8U) | std::uint32_t{bytes[3]};
}

// Reads the size a PNG declares in its header, before anything is decoded.
void check_png_size(const std::filesystem::path& path)
{
    unsigned char header[24] = {};
    std::ifstream in(path, std::ios::binary);
    in.read(reinterpret_cast<char*>(header), sizeof header);
    const unsigned char signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    if (in.gcount() != sizeof header || std::memcmp(header, signature, sizeof signature) != 0
        || std::memcmp(header + 12, "IHDR", 4) != 0) {
        throw Error(fmt::format("logo {} is not a PNG file (no PNG header)", path.string()));
    }
    std::uint32_t width = big_endian(header + 16);
    std::uint32_t height = big_endian(header + 20);
    if (width > widest_png || height > widest_png
        || std::uint64_t{width} * height > most_png_pixels) {
        throw Error(fmt::format(
            "logo {} is {} x {} pixels; at most {} a side and {} megapixels",
            path.string(),
            width,
            height,
            widest_png,
            most_png_pixels >> 20U));
    }
}

}  // namespace

std::shared_ptr<const Logo> Logo::load(const std::filesystem::path& path)
{
    // Opened here first, so a missing or unreadable file is named with the system's
    // reason rather than a decoder's guess.
    std::ifstream probe(path, std::ios::binary);
    if (!probe) {
        throw Error(fmt::format("cannot read logo {}: {}", path.string(), std::strerror(errno)));
    }
    probe.close();

    auto source = std::make_unique<Source>();
    std::string extension = lower_extension(path);
    double aspect = 0;
    check_logo_file(path);
    if (extension == ".png") {
        check_png_size(path);
        aspect = read_png(path, *source);
    } else if (extension == ".svg") {
        aspect = read_svg(path, *source);
    } else {
        throw Error(fmt::format(
            "logo {} is neither .svg nor .png; expected an SVG or PNG file", path.string()));
    }
    return std::shared_ptr<const Logo>(new Logo(std::move(source), aspect));
}

Logo::Logo(std::unique_ptr<Source> source, double aspect_ratio)
    : source_(std::move(source))
    , aspect_ratio_(aspect_ratio)
{}

Logo::~Logo() = default;

void Logo::draw(cairo_t* cr, double x, double y, double width, double height) const
{
    std::lock_guard<std::mutex> lock(source_->drawing);
    if (source_->svg != nullptr) {
        // librsvg fits the drawing into the viewport, keeping its proportions.
        RsvgRectangle viewport{x, y, width, height};
        GError* error = nullptr;
        if (rsvg_handle_render_document(source_->svg, cr, &viewport, &error) == FALSE) {
            std::string reason = error != nullptr ? one_line(error->message) : "unknown error";
            g_clear_error(&error);
            throw Error(fmt::format("librsvg could not draw the logo: {}", reason));
        }
        return;
    }

    // The caller's surface keeps the image it was given until it is finished, long after
    // this lock is released, so it gets a copy of its own rather than the shared one.
    cairo_surface_t* copy = copy_image(source_->image);
    double image_width = cairo_image_surface_get_width(copy);
    double image_height = cairo_image_surface_get_height(copy);
    double scale = std::min(width / image_width, height / image_height);
    cairo_save(cr);
    cairo_translate(
        cr, x + (width - image_width * scale) / 2, y + (height - image_height * scale) / 2);
    cairo_scale(cr, scale, scale);
    cairo_set_source_surface(cr, copy, 0, 0);
    cairo_paint(cr);
    cairo_restore(cr);
    cairo_surface_destroy(copy);
}

namespace {

double read_png(const std::filesystem::path& path, Logo::Source& source)
{
    source.image = cairo_image_surface_create_from_png(path.c_str());
    cairo_status_t status = cairo_surface_status(source.image);
    if (status != CAIRO_STATUS_SUCCESS) {
        throw Error(fmt::format(
            "cannot decode logo {} as PNG: {}", path.string(), cairo_status_to_string(status)));
    }
    return static_cast<double>(cairo_image_surface_get_width(source.image))
           / cairo_image_surface_get_height(source.image);
}

double read_svg(const std::filesystem::path& path, Logo::Source& source)
{
    GError* error = nullptr;
    source.svg = rsvg_handle_new_from_file(path.c_str(), &error);
    if (source.svg == nullptr) {
        // librsvg passes on libxml's reason with its line break; a message stays one line.
        std::string reason = error != nullptr ? one_line(error->message) : "unknown error";
        g_clear_error(&error);
        throw Error(fmt::format("cannot decode logo {} as SVG: {}", path.string(), reason));
    }
    // Pixels here are CSS pixels; only the proportions matter, the painter sets the size.
    double width = 0;
    double height = 0;
    if (rsvg_handle_get_intrinsic_size_in_pixels(source.svg, &width, &height) == FALSE || width <= 0
        || height <= 0) {
        throw Error(fmt::format(
            "logo {} has no size; give its <svg> element a width and a height", path.string()));
    }
    return width / height;
}

}  // namespace

}  // namespace placard::render
