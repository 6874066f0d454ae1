#include "batch/split_output.hpp"
#include "roster/normalise.hpp"

#include <doctest/doctest.h>

#include <set>
#include <string>
#include <utility>
#include <vector>

using namespace placard::batch;

namespace {

// UTF-8 of a character of the Basic Multilingual Plane outside the surrogates.
std::string utf8_of(char32_t c)
{
    auto byte = [](char32_t bits) {
        return static_cast<char>(bits);
    };
    if (c < 0x80) {
        return std::string(1, byte(c));
    }
    if (c < 0x800) {
        return {byte(0xC0 | (c >> 6U)), byte(0x80 | (c & 0x3FU))};
    }
    return {byte(0xE0 | (c >> 12U)), byte(0x80 | ((c >> 6U) & 0x3FU)), byte(0x80 | (c & 0x3FU))};
}

}  // namespace

TEST_SUITE("split output")
{
    TEST_CASE("split file names stay in the folder whatever the group value holds")
    {
        std::string persian_300;
        for (int at = 0; at < 300; ++at) {
            persian_300 += "ش";
        }
        std::vector<std::string> values = {
            "../../x",
            "/etc",
            "..",
            std::string(300, 'x'),
            persian_300,
            "",
            "دفتر\u202Eمرکزی",
            "a\nb\tc\x01",
            "C:\\Windows",
            "دفتر مرکزی",
            "دفتر مرکزی"};
        std::vector<std::string> names = split_file_names(values);
        REQUIRE(names.size() == values.size());

        std::set<std::string> distinct(names.begin(), names.end());
        CHECK(distinct.size() == names.size());
        for (const std::string& name : names) {
            CAPTURE(name);
            CHECK(name.size() <= max_file_name_bytes);
            CHECK(name.find('/') == std::string::npos);
            CHECK(name.find('\\') == std::string::npos);
            CHECK(name.find("..") == std::string::npos);
            CHECK(name.find("\u202E") == std::string::npos);
            CHECK(name.front() != '.');
            CHECK(name.ends_with(".pdf"));
            for (char byte : name) {
                CHECK(static_cast<unsigned char>(byte) >= 0x20);
            }
        }
        CHECK(names[0] == "001-x.pdf");
        CHECK(names[1] == "002-etc.pdf");
        CHECK(names[2] == "003-no-value.pdf");
        CHECK(names[5] == "006-no-value.pdf");
        CHECK(names[6] == "007-دفتر_مرکزی.pdf");
        CHECK(names[9] == "010-دفتر_مرکزی.pdf");
        // A long Persian value is cut on a character boundary, never inside a letter.
        CHECK(names[4] == "005-" + persian_300.substr(0, 112) + ".pdf");
    }

    TEST_CASE("a file name replaces exactly the invisible marks the roster drops")
    {
        // The Arabic block, general punctuation (where the bidi controls and zero-width
        // characters are) and the block of U+FEFF: for each character, the roster drops
        // it as invisible if and only if a file name replaces it.
        const std::pair<char32_t, char32_t> blocks[] = {
            {0x0600, 0x06FF}, {0x2000, 0x206F}, {0xFE70, 0xFEFF}};
        int invisible = 0;
        for (const auto& [first, last] : blocks) {
            for (char32_t c = first; c <= last; ++c) {
                const std::string value = "ab" + utf8_of(c) + "cd";
                CAPTURE(static_cast<unsigned>(c));
                bool dropped = placard::roster::normalise_text(value).changes.invisible;
                bool replaced = split_file_names({value}).front() == "001-ab_cd.pdf";
                CHECK(dropped == replaced);
                invisible += dropped ? 1 : 0;
            }
        }
        CHECK(invisible == 14);  // 13 bidi controls with ALM, and the zero-width space

        // The zero-width non-joiner is Persian spelling, kept by both.
        const std::string joined = "می\u200Cروم";
        CHECK(placard::roster::normalise_text(joined).text == joined);
        CHECK(split_file_names({joined}).front() == "001-" + joined + ".pdf");
    }

    TEST_CASE("manifest csv defuses formulas from group values and json escapes them")
    {
        std::vector<ManifestEntry> entries = {
            {"001-x.pdf", "=HYPERLINK(\"http://x\")", 3, 2, "ab12"},
            {"002-y.pdf", "دفتر \"مرکزی\"", 1, 1, "cd34"}};
        std::string csv = manifest_csv(entries);
        CHECK(csv.starts_with("\xEF\xBB\xBF" "file,group,placards,pages,sha256\r\n"));
        CHECK(csv.find("001-x.pdf,\"'=HYPERLINK(\"\"http://x\"\")\",3,2,ab12\r\n")
              != std::string::npos);

        std::string json = manifest_json(entries, "B1", "office", std::nullopt);
        CHECK(json.find("\"split_by\":\"office\"") != std::string::npos);
        CHECK(json.find("\"group\":\"دفتر \\\"مرکزی\\\"\"") != std::string::npos);
        CHECK(json.find("\"placards\":3,\"pages\":2,\"sha256\":\"ab12\"") != std::string::npos);
        CHECK(json.find("\"rejects\":null") != std::string::npos);
    }

    TEST_CASE("manifest json names the rejects list and its rows when one was written")
    {
        std::vector<ManifestEntry> entries = {{"001-x.pdf", "x", 3, 2, "ab12"}};
        std::string json =
            manifest_json(entries, "B1", "office", ManifestRejects{"rejects \"1\".csv", 4});
        CHECK(
            json.find("\"rejects\":{\"file\":\"rejects \\\"1\\\".csv\",\"rows\":4}")
            != std::string::npos);
        CHECK(json.find("\"rejects\":null") == std::string::npos);
        CHECK(manifest_csv(entries).find("rejects") == std::string::npos);
    }

    TEST_CASE("the rejects list is named by its file name in the folder, else by its full path")
    {
        const std::filesystem::path folder = "/srv/print/batch-7";
        CHECK(manifest_rejects(folder, folder / "rejects.csv", 2).file == "rejects.csv");
        CHECK(
            manifest_rejects(folder, "/srv/print/batch-7/./rejects.csv", 2).file == "rejects.csv");
        CHECK(manifest_rejects("/srv/print/batch-7/", folder / "r.csv", 0).file == "r.csv");
        CHECK(
            manifest_rejects(folder, "/srv/print/rejects.csv", 0).file == "/srv/print/rejects.csv");
        CHECK(
            manifest_rejects(folder, folder / "sub" / "rejects.csv", 0).file
            == "/srv/print/batch-7/sub/rejects.csv");
        CHECK(manifest_rejects(folder, folder / "rejects.csv", 5).rows == 5);

        // A relative --rejects is taken from the working folder, as the run took it.
        std::filesystem::path relative = manifest_rejects(folder, "lists/r.csv", 1).file;
        CHECK(relative == std::filesystem::current_path() / "lists" / "r.csv");
    }
}
