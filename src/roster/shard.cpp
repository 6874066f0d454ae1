#include "roster/shard.hpp"

#include "util/ascii.hpp"
#include "util/error.hpp"

#include <fmt/format.h>
#include <openssl/sha.h>

#include <array>
#include <charconv>

namespace placard::roster {

namespace {

constexpr unsigned max_shards = 100000;

bool parse_count(std::string_view text, unsigned& value)
{
    const char* end = text.data() + text.size();
    auto [stop, error] = std::from_chars(text.data(), end, value);
    return error == std::errc() && stop == end && !text.empty();
}

}  // namespace

Shard parse_shard(std::string_view text)
{
    std::size_t slash = text.find('/');
    Shard shard;
    bool parsed = slash != std::string_view::npos && parse_count(text.substr(0, slash), shard.index)
                  && parse_count(text.substr(slash + 1), shard.count);
    if (!parsed || shard.count == 0 || shard.count > max_shards || shard.index == 0
        || shard.index > shard.count) {
        throw Error(fmt::format(
            "--shard \"{}\" is not K/N with 1 <= K <= N <= {}; shards count from 1 (with a "
            "Kubernetes Indexed Job, pass $((JOB_COMPLETION_INDEX + 1))/N)",
            text,
            max_shards));
    }
    return shard;
}

unsigned shard_of(std::string_view employee_code, unsigned count)
{
    std::string upper = ascii_upper(employee_code);
    std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
    SHA256(reinterpret_cast<const unsigned char*>(upper.data()), upper.size(), digest.data());
    std::uint64_t leading = 0;
    for (std::size_t k = 0; k < 8; ++k) {
        leading = (leading << 8) | digest[k];
    }
    return static_cast<unsigned>(leading % count) + 1;
}

}  // namespace placard::roster
