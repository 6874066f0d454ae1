#include "sign/survey_url.hpp"

#include "sign/base32.hpp"
#include "util/error.hpp"

#include <fmt/format.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <charconv>
#include <vector>

namespace placard::sign {

namespace {

constexpr std::string_view message_prefix = "placard-survey-url-v1";
constexpr std::uint32_t max_generation = 999999;

void append_length_prefixed(std::string& message, std::string_view field)
{
    message += static_cast<char>(field.size());
    message += field;
}

bool is_url_safe_ascii(char c)
{
    bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    return alnum || std::string_view("-._~/:").find(c) != std::string_view::npos;
}

std::vector<std::string_view> split_path(std::string_view url)
{
    std::vector<std::string_view> segments;
    std::size_t start = 0;
    while (true) {
        std::size_t slash = url.find('/', start);
        segments.push_back(url.substr(start, slash - start));
        if (slash == std::string_view::npos) {
            break;
        }
        start = slash + 1;
    }
    return segments;
}

bool parse_generation(std::string_view text, std::uint32_t& generation)
{
    bool canonical = !text.empty() && text.size() <= 6 && text[0] != '0';
    if (!canonical) {
        return false;
    }
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), generation);
    return error == std::errc() && end == text.data() + text.size() && generation >= 1;
}

UrlVerdict malformed(UrlClaims claims, std::string reason)
{
    return UrlVerdict{UrlStatus::malformed, std::move(claims), std::move(reason)};
}

}  // namespace

std::string signing_message(const UrlClaims& claims)
{
    std::string message(message_prefix);
    message += '\0';
    append_length_prefixed(message, claims.kid);
    append_length_prefixed(message, claims.employee_code);
    for (int shift = 24; shift >= 0; shift -= 8) {
        message += static_cast<char>((claims.generation >> shift) & 0xff);
    }
    return message;
}

std::string compute_tag(const Secret& secret, const UrlClaims& claims)
{
    std::string message = signing_message(claims);
    std::array<std::uint8_t, EVP_MAX_MD_SIZE> digest{};
    unsigned digest_length = 0;
    const auto* data = reinterpret_cast<const unsigned char*>(message.data());
    if (HMAC(
            EVP_sha256(),
            secret.data(),
            static_cast<int>(secret.size()),
            data,
            message.size(),
            digest.data(),
            &digest_length)
        == nullptr) {
        throw Error("HMAC-SHA256 failed in OpenSSL");
    }
    return base32_encode(std::span<const std::uint8_t>(digest.data(), 16));
}

std::string normalise_base_url(std::string_view base_url)
{
    std::string url(base_url);
    while (!url.empty() && url.back() == '/') {
        url.pop_back();
    }
    std::size_t scheme_end = url.find("://");
    std::string scheme = scheme_end == std::string::npos ? "" : url.substr(0, scheme_end);
    if (scheme != "https" && scheme != "http") {
        throw Error(fmt::format("base URL \"{}\" must start with https:// (or http://)", url));
    }
    std::size_t host_start = scheme_end + 3;
    std::size_t host_end = url.find('/', host_start);
    if (host_end == host_start || host_start >= url.size()) {
        throw Error(fmt::format("base URL \"{}\" has no host", url));
    }
    for (char c : url) {
        if (!is_url_safe_ascii(c)) {
            throw Error(fmt::format(
                "base URL \"{}\" holds '{}'; expected letters, digits and - . _ ~ / : only "
                "(no query, fragment, space or percent-encoding)",
                url,
                c));
        }
    }
    return url;
}

bool is_valid_employee_code(std::string_view code)
{
    if (code.empty() || code.size() > 32 || code[0] == '-') {
        return false;
    }
    for (char c : code) {
        bool allowed =
            (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        if (!allowed) {
            return false;
        }
    }
    return true;
}

std::string make_survey_url(
    const std::string& base_url,
    const SigningKey& key,
    const std::string& employee_code,
    std::uint32_t generation)
{
    if (!is_valid_employee_code(employee_code)) {
        throw Error(fmt::format(
            "employee code \"{}\" cannot go into a URL; expected 1 to 32 letters, digits or "
            "hyphens",
            employee_code));
    }
    if (generation < 1 || generation > max_generation) {
        throw Error(fmt::format("generation {} is out of range 1..{}", generation, max_generation));
    }
    UrlClaims claims{key.kid, employee_code, generation};
    return fmt::format(
        "{}/{}/{}/{}/{}",
        base_url,
        key.kid,
        employee_code,
        generation,
        compute_tag(key.secret, claims));
}

UrlVerdict verify_survey_url(const Keyring& keyring, std::string_view url)
{
    std::vector<std::string_view> segments = split_path(url);
    UrlClaims claims;
    if (segments.size() < 8) {  // scheme: "" host kid code generation tag, at the least
        return malformed(claims, "expected BASE_URL/KID/EMPLOYEE_CODE/GENERATION/TAG");
    }
    std::size_t n = segments.size();
    claims.kid = std::string(segments[n - 4]);
    claims.employee_code = std::string(segments[n - 3]);
    std::string_view tag = segments[n - 1];

    if (!is_valid_kid(claims.kid)) {
        return malformed(claims, "key id segment is not 1 to 8 characters of A-Z and 0-9");
    }
    if (!is_valid_employee_code(claims.employee_code)) {
        return malformed(claims, "employee code segment holds characters placard never writes");
    }
    if (!parse_generation(segments[n - 2], claims.generation)) {
        return malformed(claims, "generation segment is not a decimal number from 1 to 999999");
    }
    if (tag.size() != tag_length || !base32_decode_canonical(tag)) {
        return malformed(
            claims, "tag is not 26 characters of canonical upper-case base32 (A-Z, 2-7)");
    }

    const SigningKey* key = keyring.find(claims.kid);
    if (key == nullptr) {
        return UrlVerdict{UrlStatus::unknown_key, claims, "key id is not in the keyring"};
    }
    std::string expected = compute_tag(key->secret, claims);
    if (CRYPTO_memcmp(expected.data(), tag.data(), tag_length) != 0) {
        return UrlVerdict{
            UrlStatus::bad_signature, claims, "tag does not match; forged or altered"};
    }
    return UrlVerdict{UrlStatus::valid, claims, ""};
}

}  // namespace placard::sign
