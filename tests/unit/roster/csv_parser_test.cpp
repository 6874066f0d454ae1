#include "roster/csv_parser.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using placard::roster::CsvParser;
using placard::roster::CsvRecord;
using placard::roster::detect_delimiter;

namespace {

// Feeds `text` to a parser in pieces of `piece` bytes, so chunk boundaries fall inside
// quotes, line ends and multi-byte characters.
std::vector<CsvRecord> parse(const std::string& text, char delimiter = 0, std::size_t piece = 4096)
{
    std::size_t pos = 0;
    CsvParser parser(
        [&](std::string& out) {
            if (pos >= text.size()) {
                return false;
            }
            out += text.substr(pos, piece);
            pos += piece;
            return true;
        },
        delimiter,
        "roster.csv");

    std::vector<CsvRecord> records;
    CsvRecord record;
    while (parser.next(record)) {
        records.push_back(record);
    }
    return records;
}

using Fields = std::vector<std::string>;

}  // namespace

TEST_SUITE("roster csv parser")
{
    TEST_CASE("csv parser splits plain records and counts their lines")
    {
        auto records = parse("a,b,c\n1,2,3\n");
        REQUIRE(records.size() == 2);
        CHECK(records[0].fields == Fields{"a", "b", "c"});
        CHECK(records[1].fields == Fields{"1", "2", "3"});
        CHECK(records[0].line == 1);
        CHECK(records[1].line == 2);
        CHECK_FALSE(records[1].error);
    }

    TEST_CASE("csv parser keeps delimiters, doubled quotes and line breaks inside quotes")
    {
        for (std::size_t piece :
             {std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{4096}}) {
            CAPTURE(piece);
            auto records = parse(
                "h1,h2\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",\"crlf\r\nhere\"\nz,w\n",
                0,
                piece);
            REQUIRE(records.size() == 4);
            CHECK(records[1].fields == Fields{"x, y", "say \"hi\""});
            CHECK(records[2].fields == Fields{"two\nlines", "crlf\r\nhere"});
            CHECK(records[2].line == 3);
            CHECK(records[2].end_line == 5);
            CHECK(records[3].line == 6);
            CHECK(records[3].fields == Fields{"z", "w"});
        }
    }

    TEST_CASE("csv parser accepts CR LF, LF and CR line ends")
    {
        auto records = parse("a,b\r\n1,2\r\n3,4\n5,6\r7,8");
        REQUIRE(records.size() == 5);
        CHECK(records[1].fields == Fields{"1", "2"});
        CHECK(records[3].fields == Fields{"5", "6"});
        CHECK(records[4].fields == Fields{"7", "8"});
        CHECK(records[4].line == 5);
        CHECK(records[4].last);
    }

    TEST_CASE("csv parser ignores blank lines but keeps the physical line numbers")
    {
        auto records = parse("a,b\n\n1,2\r\n\r\n\r\n3,4\n\n\n");
        REQUIRE(records.size() == 3);
        CHECK(records[1].line == 3);
        CHECK(records[2].line == 6);
        CHECK(records[2].fields == Fields{"3", "4"});
    }

    TEST_CASE("csv parser keeps empty fields, including a last empty one")
    {
        auto records = parse("a,b,c\n,,\nx,,\n\"\",\"\",\"\"\n");
        REQUIRE(records.size() == 4);
        CHECK(records[1].fields == Fields{"", "", ""});
        CHECK(records[2].fields == Fields{"x", "", ""});
        CHECK(records[3].fields == Fields{"", "", ""});
    }

    TEST_CASE("csv parser gives the text offset where each field starts")
    {
        auto records = parse("ab,cd\n\"e\",f\n");
        REQUIRE(records.size() == 2);
        CHECK(records[0].field_offsets == std::vector<std::size_t>{0, 3});
        CHECK(records[1].field_offsets == std::vector<std::size_t>{6, 10});
        CHECK(records[0].end_offset == 6);
        CHECK(records[1].end_offset == 12);
    }

    TEST_CASE("csv parser reports a bare quote with the record's line and the quote's line")
    {
        auto records = parse("a,b,c\n1,2,3\n4,ab\"c,6\n");
        REQUIRE(records.size() == 3);
        REQUIRE(records[2].error);
        CHECK(records[2].error->code == "csv-bare-quote");
        CHECK(records[2].error->column == 2);
        CHECK(records[2].error->found_line == 3);
        CHECK(
            records[2].error->message
            == "quote character inside an unquoted field on line 3 (record starts on line 3); "
               "quote the whole field and double the quotes inside it");
        CHECK(records[2].fields == Fields{"4", "ab\"c", "6"});
    }

    TEST_CASE("csv parser reports text after a closing quote")
    {
        auto records = parse("a,b\n\"x\"y,2\n");
        REQUIRE(records.size() == 2);
        REQUIRE(records[1].error);
        CHECK(records[1].error->code == "csv-text-after-quote");
        CHECK(records[1].error->column == 1);
        CHECK(records[1].fields == Fields{"xy", "2"});
    }

    TEST_CASE("csv parser reports the starting line of an unterminated quoted field")
    {
        auto records = parse("a,b\n1,2\n3,\"open\nstill open\nend\n");
        REQUIRE(records.size() == 3);
        REQUIRE(records[2].error);
        CHECK(records[2].error->code == "csv-unterminated-quote");
        CHECK(records[2].line == 3);
        CHECK(records[2].error->found_line == 6);
        CHECK(
            records[2].error->message
            == "quoted field opened on line 3 is not closed before the end of the file (record "
               "starts on line 3); add the missing closing quote");
    }

    TEST_CASE("csv parser stops on a record longer than its limit")
    {
        std::string text = "a\n\"" + std::string(CsvParser::max_record_bytes + 10, 'x');
        CHECK_THROWS_AS(parse(text), placard::Error);
    }

    TEST_CASE("csv parser detects the delimiter from the header line")
    {
        CHECK(detect_delimiter("a,b,c\n") == ',');
        CHECK(detect_delimiter("a;b;c\nx,y,z,w,v\n") == ';');
        CHECK(detect_delimiter("a\tb\tc") == '\t');
        CHECK(detect_delimiter("\"a;b;c\",d,e\n") == ',');
        CHECK(detect_delimiter("a;b,c\n") == ',');
        CHECK(detect_delimiter("single\n") == ',');

        auto records = parse("a;b\n\"1;x\";2\n");
        REQUIRE(records.size() == 2);
        CHECK(records[1].fields == Fields{"1;x", "2"});

        auto tabs = parse("a\tb\n1\t2,5\n", 0, 1);
        REQUIRE(tabs.size() == 2);
        CHECK(tabs[1].fields == Fields{"1", "2,5"});
    }

    TEST_CASE("csv parser uses a forced delimiter over the detected one")
    {
        auto records = parse("a;b,c\n1;2,3\n", ';');
        REQUIRE(records.size() == 2);
        CHECK(records[1].fields == Fields{"1", "2,3"});
    }
}
