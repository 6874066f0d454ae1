#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace placard::sign {

// RFC 4648 base32, upper case, without '=' padding: A-Z and 2-7 only, so a tag sits in
// a URL path and in QR alphanumeric mode with nothing to escape.
std::string base32_encode(std::span<const std::uint8_t> bytes);

// Decodes the canonical form only: upper case, no padding, and the unused low bits of
// the last character zero. Any other spelling of the same bytes is rejected, so one
// byte string has exactly one accepted text.
std::optional<std::vector<std::uint8_t>> base32_decode_canonical(std::string_view text);

}  // namespace placard::sign
