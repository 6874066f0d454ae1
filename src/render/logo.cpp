#include "render/logo.hpp"

#include "util/error.hpp"

#include <cairo.h>
#include <fmt/format.h>
#include <librsvg/rsvg.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>

namespace placard::render {

// Exactly one of the two is set.
struct Logo::Source {
    cairo_surface_t* image = nullptr;
    RsvgHandle* svg = nullptr;

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
    if (extension == ".png") {
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
    if (source_->svg != nullptr) {
        // librsvg fits the drawing into the viewport, keeping its proportions.
        RsvgRectangle viewport{x, y, width, height};
        GError* error = nullptr;
        if (rsvg_handle_render_document(source_->svg, cr, &viewport, &error) == FALSE) {
            std::string reason = error != nullptr ? error->message : "unknown error";
            g_clear_error(&error);
            throw Error(fmt::format("librsvg could not draw the logo: {}", reason));
        }
        return;
    }
    double image_width = cairo_image_surface_get_width(source_->image);
    double image_height = cairo_image_surface_get_height(source_->image);
    double scale = std::min(width / image_width, height / image_height);
    cairo_save(cr);
    cairo_translate(
        cr, x + (width - image_width * scale) / 2, y + (height - image_height * scale) / 2);
    cairo_scale(cr, scale, scale);
    cairo_set_source_surface(cr, source_->image, 0, 0);
    cairo_paint(cr);
    cairo_restore(cr);
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
        std::string reason = error != nullptr ? error->message : "unknown error";
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
