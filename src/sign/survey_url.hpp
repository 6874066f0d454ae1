#pragma once

#include "sign/keyring.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace placard::sign {

// What a survey URL asserts: this key signed this employee's placard of this generation.
// A reprint raises the generation, so a lost placard's URL can be revoked on its own.
struct UrlClaims {
    std::string kid;
    std::string employee_code;
    std::uint32_t generation = 1;
};

inline constexpr std::size_t tag_length = 26;  // 128 bits in unpadded base32

// The exact bytes that are signed; docs/url-format.md specifies them for other teams.
std::string signing_message(const UrlClaims& claims);

// The first 128 bits of HMAC-SHA256(secret, signing_message), in canonical base32.
std::string compute_tag(const Secret& secret, const UrlClaims& claims);

// Checks a base URL (https://host[/path], no query, fragment or trailing slash) and
// returns it without a trailing slash; throws placard::Error naming the problem.
std::string normalise_base_url(std::string_view base_url);

bool is_valid_employee_code(std::string_view code);

// BASE_URL/KID/EMPLOYEE_CODE/GENERATION/TAG
std::string make_survey_url(
    const std::string& base_url,
    const SigningKey& key,
    const std::string& employee_code,
    std::uint32_t generation);

enum class UrlStatus { valid, malformed, unknown_key, bad_signature };

struct UrlVerdict {
    UrlStatus status = UrlStatus::malformed;
    UrlClaims claims;    // filled as far as the URL could be parsed
    std::string reason;  // why it is not valid; empty when valid
};

// Parses the last four path segments and checks the tag in constant time. Only the
// canonical spelling is accepted: no percent-encoding, no other base, no padding.
UrlVerdict verify_survey_url(const Keyring& keyring, std::string_view url);

}  // namespace placard::sign
