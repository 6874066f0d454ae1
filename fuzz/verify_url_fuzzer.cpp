// Fuzzes survey URL verification with the keyring of docs/url-format.md's test vectors
// (T1, K2 and ABCDEFGH, secret 00 01 .. 1f), so the seeds from the tests reach the
// valid path too. Verification must never throw, and whatever it accepts must be the
// one canonical URL that placard itself would print for those claims.
#include "sign/keyring.hpp"
#include "sign/survey_url.hpp"
#include "util/error.hpp"

#include <fmt/format.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

namespace {

using namespace placard;

// Written to a private temporary file and read back, so the fuzzer uses the real key
// file format and permission check rather than reaching into the keyring.
sign::Keyring test_vector_keyring()
{
    std::string secret_hex;
    for (int byte = 0; byte < 32; ++byte) {
        secret_hex += fmt::format("{:02x}", byte);
    }
    std::string text = "placard-keyring 1\n";
    for (const char* kid : {"K2", "ABCDEFGH", "T1"}) {
        text += fmt::format("key {} {}\n", kid, secret_hex);
    }

    std::string path =
        (std::filesystem::temp_directory_path() / "placard-fuzz-key-XXXXXX").string();
    int fd = ::mkstemp(path.data());
    if (fd < 0 || ::write(fd, text.data(), text.size()) != static_cast<ssize_t>(text.size())) {
        std::abort();
    }
    ::close(fd);
    sign::Keyring ring = sign::Keyring::load(path);
    ::unlink(path.c_str());
    return ring;
}

// A URL that verifies is rebuilt from its claims: any other spelling accepted would give
// one placard two URLs.
void check_canonical(
    const sign::Keyring& ring, std::string_view url, const sign::UrlVerdict& verdict)
{
    const sign::SigningKey* key = ring.find(verdict.claims.kid);
    std::string suffix =
        sign::make_survey_url("", *key, verdict.claims.employee_code, verdict.claims.generation);
    if (url.size() < suffix.size() || url.substr(url.size() - suffix.size()) != suffix) {
        __builtin_trap();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const sign::Keyring ring = test_vector_keyring();
    std::string_view url(reinterpret_cast<const char*>(data), size);

    sign::UrlVerdict verdict = sign::verify_survey_url(ring, url);
    if (verdict.status == sign::UrlStatus::valid) {
        check_canonical(ring, url, verdict);
    } else if (verdict.reason.empty()) {
        __builtin_trap();  // every refusal says why
    }

    try {
        sign::normalise_base_url(url);
    } catch (const Error&) {
    }
    return 0;
}
