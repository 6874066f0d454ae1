#include "sign/placard_code.hpp"

#include "util/error.hpp"

#include <fmt/format.h>

#include <array>

namespace placard::sign {

std::string placard_code(std::string_view survey_url)
{
    // The last three path segments, read from the right: CODE / GENERATION / TAG.
    std::array<std::string_view, 3> segments;
    std::string_view rest = survey_url;
    for (std::size_t i = segments.size(); i-- > 0;) {
        std::size_t slash = rest.rfind('/');
        if (slash == std::string_view::npos) {
            throw Error(fmt::format("\"{}\" is not a survey URL", survey_url));
        }
        segments[i] = rest.substr(slash + 1);
        rest = rest.substr(0, slash);
    }
    const auto& [code, generation, tag] = segments;
    if (code.empty() || generation.empty() || tag.size() < placard_code_tag_length) {
        throw Error(fmt::format("\"{}\" is not a survey URL", survey_url));
    }
    return fmt::format("{}-{}-{}", code, generation, tag.substr(0, placard_code_tag_length));
}

std::string short_domain(std::string_view base_url)
{
    std::string_view host = base_url;
    if (std::size_t scheme = host.find("://"); scheme != std::string_view::npos) {
        host.remove_prefix(scheme + 3);
    }
    return std::string(host.substr(0, host.find('/')));
}

}  // namespace placard::sign
