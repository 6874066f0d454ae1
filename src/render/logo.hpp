#pragma once

#include <filesystem>
#include <memory>

typedef struct _cairo cairo_t;

namespace placard::render {

// An agency logo, read and decoded once: an SVG (drawn as vector paths through librsvg)
// or a PNG (drawn as one image). The painter draws it into the parts of the page that the
// PDF holds once, so a logo costs its bytes once per file, not once per page.
class Logo {
public:
    // Throws placard::Error naming the file when it is missing, unreadable, not an .svg
    // or .png, or cannot be decoded.
    static std::shared_ptr<const Logo> load(const std::filesystem::path& path);

    ~Logo();
    Logo(const Logo&) = delete;
    Logo& operator=(const Logo&) = delete;

    double aspect_ratio() const { return aspect_ratio_; }  // width / height

    // Draws the logo as large as fits the box (in the context's units), centred in it.
    void draw(cairo_t* cr, double x, double y, double width, double height) const;

    struct Source;  // the decoded image or SVG document, defined in logo.cpp

private:
    explicit Logo(std::unique_ptr<Source> source, double aspect_ratio);

    std::unique_ptr<Source> source_;
    double aspect_ratio_ = 1;
};

}  // namespace placard::render
