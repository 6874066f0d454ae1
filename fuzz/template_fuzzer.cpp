// Fuzzes the template reader: toml++'s parser under our key, type and range checks. A
// template is refused with placard::Error or loaded with every value in range.
#include "render/placard_template.hpp"
#include "util/error.hpp"

#include <toml++/toml.h>

#include <cstdint>
#include <string>

namespace {

using namespace placard;

// A logo names a file to open; a fuzzed name could be a FIFO or a device that blocks for
// ever, so documents with a [logo] table (however its name is spelt) are left to the unit
// tests.
bool names_a_logo(const std::string& text)
{
    try {
        return toml::parse(text).contains("logo");
    } catch (const toml::parse_error&) {
        return false;
    }
}

bool within(double value, double low, double high)
{
    return value >= low && value <= high;
}

void check_ranges(const render::PlacardTemplate& look)
{
    const render::FontSizes& sizes = look.font_sizes;
    bool in_range = within(look.qr_size_mm, 10, 120) && look.max_version >= 1
                    && look.max_version <= qr::max_qr_version && within(look.min_module_mm, 0.1, 5)
                    && within(sizes.agency, 6, 40) && within(sizes.name, 8, 48)
                    && within(sizes.detail, 6, 30) && within(sizes.call_to_action, 6, 30)
                    && within(sizes.code, 6, 20) && within(look.logo_height_mm, 5, 20);
    if (!in_range) {
        __builtin_trap();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);

    if (names_a_logo(text)) {
        return 0;
    }
    try {
        check_ranges(render::parse_template(text, "fuzz.toml", "."));
    } catch (const Error&) {
    }
    return 0;
}
