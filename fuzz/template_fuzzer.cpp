// Fuzzes the template parser: the TOML subset reader and load_template's keys, types and
// ranges. A template is refused with placard::Error or loaded with values in range.
#include "memory_file.hpp"
#include "render/placard_template.hpp"
#include "util/error.hpp"
#include "util/simple_toml.hpp"

#include <cstdint>
#include <string>

namespace {

using namespace placard;

void check_ranges(const render::PlacardTemplate& look)
{
    bool in_range = look.qr_size_mm >= 10 && look.qr_size_mm <= 120 && look.max_version >= 1
                    && look.max_version <= qr::max_qr_version && look.min_module_mm >= 0.1
                    && look.min_module_mm <= 5;
    if (!in_range) {
        __builtin_trap();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static fuzz::MemoryFile file("template.toml");

    try {
        SimpleToml::parse(std::string(reinterpret_cast<const char*>(data), size), "fuzz.toml");
    } catch (const Error&) {
    }

    file.assign(data, size);
    try {
        check_ranges(render::load_template(file.path()));
    } catch (const Error&) {
    }
    return 0;
}
