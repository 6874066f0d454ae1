#include "encoding_support.hpp"
#include "roster/text_decoder.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>

using namespace placard::roster;
using placard::roster::test::encode_as;

namespace {

struct Decoded {
    std::string text;
    std::deque<DecodeError> errors;
};

Decoded decode(const std::string& bytes, Encoding encoding, std::size_t skip = 0)
{
    std::istringstream in(bytes);
    TextDecoder decoder(in, encoding, skip);
    Decoded result;
    while (decoder.read(result.text)) {
    }
    result.errors = decoder.errors();
    return result;
}

EncodingChoice choose(const std::string& bytes, const std::string& forced = "")
{
    std::istringstream in(bytes);
    return choose_encoding(in, forced);
}

}  // namespace

TEST_SUITE("roster text decoder")
{
    TEST_CASE("encoding names are accepted in any case and unknown names stop the run")
    {
        CHECK(parse_encoding_name("UTF-8") == Encoding::utf8);
        CHECK(parse_encoding_name("utf8") == Encoding::utf8);
        CHECK(parse_encoding_name("UTF-16LE") == Encoding::utf16le);
        CHECK(parse_encoding_name("utf-16be") == Encoding::utf16be);
        CHECK(parse_encoding_name("Windows-1256") == Encoding::windows1256);
        CHECK(parse_encoding_name("CP1256") == Encoding::windows1256);
        CHECK_THROWS_WITH_AS(
            parse_encoding_name("latin1"),
            "unknown encoding \"latin1\"; use utf-8, utf-16le, utf-16be or windows-1256",
            placard::Error);
    }

    TEST_CASE("windows-1256 decodes Arabic Yeh, Keheh and ZWNJ through ICU")
    {
        Decoded decoded = decode("\xED\x98\x9D", Encoding::windows1256);
        CHECK(decoded.text == "\u064A\u06A9\u200C");
        CHECK(decoded.errors.empty());
    }

    TEST_CASE("utf-16 with a byte order mark decodes to the same UTF-8")
    {
        std::string text = "کد,نام\nE1,علی\n";
        CHECK(decode("\xFF\xFE" + encode_as(text, "UTF-16LE"), Encoding::utf16le, 2).text == text);
        CHECK(decode("\xFE\xFF" + encode_as(text, "UTF-16BE"), Encoding::utf16be, 2).text == text);
        CHECK(decode(encode_as("\U0001F600", "UTF-16LE"), Encoding::utf16le).text == "\U0001F600");
    }

    TEST_CASE("invalid UTF-8 is dropped and listed with its offsets, never replaced")
    {
        Decoded decoded = decode(
            "ab\n\xED"
            "c\xFF\n",
            Encoding::utf8);
        CHECK(decoded.text == "ab\nc\n");
        CHECK(decoded.text.find("\uFFFD") == std::string::npos);
        REQUIRE(decoded.errors.size() == 2);
        CHECK(decoded.errors[0].input_offset == 3);
        CHECK(decoded.errors[0].output_offset == 3);
        CHECK(decoded.errors[0].line == 2);
        CHECK(decoded.errors[0].first_byte == 0xED);
        CHECK(decoded.errors[1].input_offset == 5);
        CHECK(decoded.errors[1].output_offset == 4);
        CHECK(
            describe_decode_error(Encoding::utf8, decoded.errors[0])
            == "not valid UTF-8 at byte offset 3 (first bad byte 0xED); try --encoding "
               "windows-1256");
    }

    TEST_CASE("a truncated UTF-8 sequence at the end of the input is an error")
    {
        Decoded decoded = decode("ab\xD8", Encoding::utf8);
        CHECK(decoded.text == "ab");
        REQUIRE(decoded.errors.size() == 1);
        CHECK(decoded.errors[0].input_offset == 2);
        CHECK(decoded.errors[0].first_byte == 0xD8);
    }

    TEST_CASE("a character split between two read chunks decodes whole")
    {
        std::string text(TextDecoder::chunk_size - 1, 'a');
        text += "ی";
        text += "b";
        Decoded decoded = decode(text, Encoding::utf8);
        CHECK(decoded.text == text);
        CHECK(decoded.errors.empty());
    }

    TEST_CASE("offsets count the skipped byte order mark")
    {
        Decoded decoded = decode(
            "\xEF\xBB\xBF"
            "a\xFF",
            Encoding::utf8,
            3);
        CHECK(decoded.text == "a");
        REQUIRE(decoded.errors.size() == 1);
        CHECK(decoded.errors[0].input_offset == 4);
    }

    TEST_CASE("the byte order mark decides UTF-8 or UTF-16")
    {
        EncodingChoice utf8 = choose("\xEF\xBB\xBF"
                                     "a,b\n");
        CHECK(utf8.encoding == Encoding::utf8);
        CHECK(utf8.bom == 3);
        EncodingChoice le = choose(
            "\xFF\xFE"
            "a\0",
            "");
        CHECK(le.encoding == Encoding::utf16le);
        CHECK(le.bom == 2);
        EncodingChoice be = choose(std::string("\xFE\xFF\0a", 4));
        CHECK(be.encoding == Encoding::utf16be);
        CHECK(be.bom == 2);
    }

    TEST_CASE("a forced encoding wins over detection and strips only its own mark")
    {
        EncodingChoice forced = choose(
            "\xEF\xBB\xBF"
            "a",
            "utf-8");
        CHECK(forced.encoding == Encoding::utf8);
        CHECK(forced.bom == 3);
        EncodingChoice cp = choose("\xED\xED", "cp1256");
        CHECK(cp.encoding == Encoding::windows1256);
        CHECK(cp.bom == 0);
        CHECK_FALSE(cp.detected_windows1256);
        CHECK_THROWS_AS(choose("a", "ebcdic"), placard::Error);
    }

    TEST_CASE("text with no valid multi-byte UTF-8 is detected as windows-1256")
    {
        EncodingChoice choice = choose("name\r\n\xDA\xE1\xED\r\n");
        CHECK(choice.encoding == Encoding::windows1256);
        CHECK(choice.detected_windows1256);
        CHECK(choice.first_utf8_error.line == 2);
        CHECK(choice.first_utf8_error.input_offset == 6);
        CHECK(choice.first_utf8_error.first_byte == 0xDA);
    }

    TEST_CASE("valid UTF-8 with one broken byte stays UTF-8 so the row can be rejected")
    {
        EncodingChoice choice = choose("نام,سمت\nعلی,\xFF\n");
        CHECK(choice.encoding == Encoding::utf8);
        CHECK_FALSE(choice.detected_windows1256);
        CHECK(choose("plain ascii\n").encoding == Encoding::utf8);
    }
}
