#include "sign/base32.hpp"
#include "sign/survey_url.hpp"
#include "support/temp_dir.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <openssl/evp.h>
#include <sys/stat.h>

#include <filesystem>

using namespace placard;
using namespace placard::sign;

namespace {

SigningKey vector_key(const std::string& kid)
{
    SigningKey key{kid, {}};
    for (std::size_t i = 0; i < key.secret.size(); ++i) {
        key.secret[i] = static_cast<std::uint8_t>(i);
    }
    return key;
}

Keyring keyring_with(const SigningKey& key, const test::TempDir& dir)
{
    std::string hex;
    for (auto byte : key.secret) {
        hex += "0123456789abcdef"[byte >> 4];
        hex += "0123456789abcdef"[byte & 15];
    }
    auto path =
        dir.write("ring.key", "placard-keyring 1\nkey " + key.kid + " " + hex + " active\n");
    std::filesystem::permissions(
        path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    return Keyring::load(path);
}

const std::string vector_url = "https://survey.example.ir/S/T1/E00001/1/KQ6Z32Y4YRGSN36AJHXINN2M7M";

}  // namespace

TEST_SUITE("sign")
{
    TEST_CASE("tags match the published test vectors of docs/url-format.md")
    {
        struct Vector {
            std::string kid, code;
            std::uint32_t generation;
            std::string tag;
        };

        const Vector vectors[] = {
            {"T1", "E00001", 1, "KQ6Z32Y4YRGSN36AJHXINN2M7M"},
            {"T1", "E00001", 2, "TUTUZ3DY4SYAN7GEEK7Z4GK3QE"},
            {"T1", "E00002", 1, "XXC2ZE6B5HBFPDKMKSU3BABYLA"},
            {"K2", "12345", 7, "56DQFOXMRIF4LDYACT3YSDKFC4"},
            {"ABCDEFGH", "A-1", 999999, "SWXX5DPYCDTSP6IC6DYQO4LYJY"},
        };
        for (const Vector& v : vectors) {
            CAPTURE(v.code);
            CHECK(compute_tag(vector_key(v.kid).secret, {v.kid, v.code, v.generation}) == v.tag);
        }
    }

    TEST_CASE("signing message is length-prefixed, so shifted boundaries differ")
    {
        CHECK(signing_message({"T1", "E1", 1}) != signing_message({"T1E", "1", 1}));
        CHECK(signing_message({"T1", "E00001", 1}).size() == 22 + 1 + 2 + 1 + 6 + 4);
    }

    TEST_CASE("survey url has the documented shape and no characters that links mangle")
    {
        std::string url =
            make_survey_url("https://survey.example.ir/S", vector_key("T1"), "E00001", 1);
        CHECK(url == vector_url);
        CHECK(url.size() == 66);
        CHECK(url.find_first_of("+=% abcdefghijklmnopqrstuvwxyz", 26) == std::string::npos);
    }

    TEST_CASE("verify accepts a valid url and names its claims")
    {
        test::TempDir dir;
        Keyring ring = keyring_with(vector_key("T1"), dir);
        UrlVerdict verdict = verify_survey_url(ring, vector_url);
        CHECK(verdict.status == UrlStatus::valid);
        CHECK(verdict.claims.employee_code == "E00001");
        CHECK(verdict.claims.generation == 1);
    }

    TEST_CASE("verify rejects other spellings of the same tag bytes as malformed")
    {
        test::TempDir dir;
        Keyring ring = keyring_with(vector_key("T1"), dir);
        const std::string prefix = "https://survey.example.ir/S/T1/E00001/1/";
        const std::string tag = "KQ6Z32Y4YRGSN36AJHXINN2M7M";
        std::vector<std::uint8_t> bytes = *base32_decode_canonical(tag);
        REQUIRE(bytes.size() == 16);

        std::string lower = tag;
        for (char& c : lower) {
            c = static_cast<char>(std::tolower(c));
        }
        std::string hex;
        for (auto byte : bytes) {
            hex += fmt::format("{:02x}", byte);
        }
        std::string base64(24, '\0');
        EVP_EncodeBlock(reinterpret_cast<unsigned char*>(base64.data()), bytes.data(), 16);
        REQUIRE(base64.substr(22) == "==");
        std::string base64url = base64.substr(0, 22);
        for (char& c : base64url) {
            c = c == '+' ? '-' : c == '/' ? '_' : c;
        }
        const std::string spellings[] = {
            tag + "======",           // base32 with its padding
            lower,                    // lower case
            hex,                      // hex
            "%4B" + tag.substr(1),    // one character percent-encoded
            tag.substr(0, 25) + "N",  // last character's unused bits set (M -> N)
            tag.substr(0, 25) + "O",
            tag.substr(0, 25) + "P",
            base64,     // standard base64 with padding
            base64url,  // base64url without padding
        };
        for (const std::string& spelling : spellings) {
            CAPTURE(spelling);
            CHECK(verify_survey_url(ring, prefix + spelling).status == UrlStatus::malformed);
        }
    }

    TEST_CASE("verify rejects a url with any one character of its signed parts changed")
    {
        test::TempDir dir;
        Keyring ring = keyring_with(vector_key("T1"), dir);
        CHECK(
            verify_survey_url(
                ring, "https://survey.example.ir/S/T1/E00002/1/KQ6Z32Y4YRGSN36AJHXINN2M7M")
                .status
            == UrlStatus::bad_signature);
        CHECK(
            verify_survey_url(
                ring, "https://survey.example.ir/S/T1/E00001/2/KQ6Z32Y4YRGSN36AJHXINN2M7M")
                .status
            == UrlStatus::bad_signature);
        CHECK(
            verify_survey_url(
                ring, "https://survey.example.ir/S/T1/E00001/1/KQ6Z32Y4YRGSN36AJHXINN2M7E")
                .status
            == UrlStatus::bad_signature);
        CHECK(
            verify_survey_url(
                ring, "https://survey.example.ir/S/T2/E00001/1/KQ6Z32Y4YRGSN36AJHXINN2M7M")
                .status
            == UrlStatus::unknown_key);
        CHECK(
            verify_survey_url(
                ring, "https://survey.example.ir/S/T1/E00001/01/KQ6Z32Y4YRGSN36AJHXINN2M7M")
                .status
            == UrlStatus::malformed);
    }

    TEST_CASE("base url must be plain http or https without query or trailing slash")
    {
        CHECK(normalise_base_url("https://survey.example.ir/S/") == "https://survey.example.ir/S");
        CHECK_THROWS_AS(normalise_base_url("ftp://x.ir/S"), Error);
        CHECK_THROWS_AS(normalise_base_url("https://x.ir/S?a=1"), Error);
        CHECK_THROWS_AS(normalise_base_url("https://x.ir/S#f"), Error);
        CHECK_THROWS_AS(normalise_base_url("https://"), Error);
    }

    TEST_CASE("employee codes that could escape a path segment are refused")
    {
        for (const char* code : {"", "../x", "a/b", "E 1", "-E1", "E.1", "%2F", "ای۱"}) {
            CAPTURE(code);
            CHECK_FALSE(is_valid_employee_code(code));
            CHECK_THROWS_AS(make_survey_url("https://x.ir/S", vector_key("T1"), code, 1), Error);
        }
        CHECK(is_valid_employee_code("E00001"));
        CHECK(is_valid_employee_code("hr-42"));
    }
}
