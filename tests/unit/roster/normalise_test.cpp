#include "roster/normalise.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace placard::roster;

TEST_SUITE("roster normalise")
{
    TEST_CASE("normalise replaces Arabic Yeh, Alef Maksura and Kaf with Persian forms")
    {
        NormalisedText result =
            normalise_text("\u0639\u0644\u064A \u0645\u0648\u0633\u0649 \u0643\u0627\u0631");
        CHECK(result.text == "\u0639\u0644\u06CC \u0645\u0648\u0633\u06CC \u06A9\u0627\u0631");
        CHECK(result.changes.arabic_letters);
        CHECK(result.changes.worth_reporting());
        CHECK(describe_changes(result.changes) == "Arabic letters replaced with Persian forms");
    }

    TEST_CASE("normalise keeps a ZWNJ between letters (case 06)")
    {
        NormalisedText surname = normalise_text("نمونه\u200Cزاده");
        std::u32string expected = U"\u0646\u0645\u0648\u0646\u0647\u200C\u0632\u0627\u062F\u0647";
        std::u32string got;
        for (std::size_t i = 0; i < surname.text.size();) {
            auto lead = static_cast<unsigned char>(surname.text[i]);
            std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
            char32_t c = length == 1 ? lead : lead & (0xFF >> (length + 1));
            for (std::size_t k = 1; k < length; ++k) {
                c = (c << 6) | (static_cast<unsigned char>(surname.text[i + k]) & 0x3F);
            }
            got += c;
            i += length;
        }
        CHECK(got == expected);
        CHECK_FALSE(surname.changes.worth_reporting());
    }

    TEST_CASE("normalise removes a ZWNJ at an end or beside a space")
    {
        CHECK(normalise_text("\u200Cعلی").text == "علی");
        CHECK(normalise_text("علی\u200C").text == "علی");
        CHECK(normalise_text("علی \u200Cرضا").text == "علی رضا");
        CHECK(normalise_text("علی\u200C رضا").text == "علی رضا");
        CHECK(normalise_text("می\u200C\u200Cروم").text == "می\u200Cروم");
        CHECK(normalise_text("علی\u200C").changes.zwnj);
    }

    TEST_CASE("normalise trims the job title and office of case 06 line 4")
    {
        NormalisedText title = normalise_text("\u200Fکارشناس منابع انسانی\u200C  ");
        CHECK(title.text == "کارشناس منابع انسانی");
        CHECK(title.changes.invisible);
        CHECK(title.changes.zwnj);

        NormalisedText office = normalise_text("\uFEFFاداره کل استان\u200B");
        CHECK(office.text == "اداره کل استان");
        CHECK(office.changes.invisible);
    }

    TEST_CASE("normalise removes bidi controls and zero-width spaces anywhere")
    {
        for (const char* mark :
             {"\u200B",
              "\u200E",
              "\u200F",
              "\u202A",
              "\u202B",
              "\u202C",
              "\u202D",
              "\u202E",
              "\u2066",
              "\u2067",
              "\u2068",
              "\u2069",
              "\uFEFF"}) {
            CAPTURE(std::string(mark));
            NormalisedText result = normalise_text(std::string("ab") + mark + "cd");
            CHECK(result.text == "abcd");
            CHECK(result.changes.invisible);
        }
        CHECK(normalise_text("a\u200Db").text == "a\u200Db");
    }

    TEST_CASE("normalise trims white space without reporting it, collapses inner runs")
    {
        NormalisedText trimmed = normalise_text("  علی \t");
        CHECK(trimmed.text == "علی");
        CHECK(trimmed.changes.trimmed);
        CHECK_FALSE(trimmed.changes.worth_reporting());

        NormalisedText inner = normalise_text("علی  \u00A0رضا");
        CHECK(inner.text == "علی رضا");
        CHECK(inner.changes.spaces);

        NormalisedText breaks = normalise_text("اداره\r\nکل");
        CHECK(breaks.text == "اداره کل");
        CHECK(breaks.changes.line_breaks);
        CHECK(describe_changes(breaks.changes) == "line breaks replaced with spaces");

        CHECK(normalise_text("   ").text.empty());
    }

    TEST_CASE("normalise composes text to NFC")
    {
        NormalisedText result = normalise_text("\u0627\u0653\u0628");
        CHECK(result.text == "\u0622\u0628");
        CHECK(result.changes.composed);
        CHECK_FALSE(normalise_text("\u0622\u0628").changes.composed);
    }

    TEST_CASE("code normalisation turns Persian and Arabic-Indic digits into ASCII")
    {
        NormalisedText persian = normalise_code("۰۰۱۲۳۴۵۶۷۹");
        CHECK(persian.text == "0012345679");
        CHECK(persian.changes.digits);
        CHECK(normalise_code("\u0660\u0661\u0669").text == "019");
        CHECK(normalise_text("شعبه ۲").text == "شعبه ۲");
    }

    TEST_CASE("control characters are found, tab and line breaks are not")
    {
        CHECK(find_control_character(std::string("a\0b", 3)) == U'\0');
        CHECK(find_control_character("a\x07") == U'\x07');
        CHECK(find_control_character("a\u0085") == U'\u0085');
        CHECK(find_control_character("a\x7F") == U'\x7F');
        CHECK_FALSE(find_control_character("a\tb\r\nc"));
        CHECK_FALSE(find_control_character("علی\u200C"));
    }

    TEST_CASE("code points are counted, not bytes")
    {
        CHECK(code_point_count("علی") == 3);
        CHECK(code_point_count("abc") == 3);
        CHECK(code_point_count("") == 0);
    }
}
