// The batch QR version found beside the reading: the same as adding the URLs one after
// the other on one thread, and the first URL over the cap, named by its row.
#include "batch/version_finder.hpp"

#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

using namespace placard;
using namespace placard::batch;

namespace {

// Survey URLs whose tags mix letters and digits, a few of them much longer, so the
// version rises several times in the middle of the batches handed over.
std::vector<std::string> mixed_urls(std::size_t count)
{
    std::mt19937 random(77);
    const std::string tag_letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    std::vector<std::string> urls;
    for (std::size_t at = 0; at < count; ++at) {
        std::string url = "https://survey.example.ir/S/K1/E" + std::to_string(at) + "/1/";
        const std::size_t tag_length = at % 397 == 396 ? 40 + at / 20 : 26;
        for (std::size_t letter = 0; letter < tag_length; ++letter) {
            url += tag_letters[random() % tag_letters.size()];
        }
        urls.push_back(url);
    }
    return urls;
}

}  // namespace

TEST_SUITE("batch")
{
    TEST_CASE("the version found beside the reading is the one found one url after the other")
    {
        const std::vector<std::string> urls = mixed_urls(3000);
        qr::BatchVersion one_by_one(qr::ErrorCorrection::medium);
        for (const std::string& url : urls) {
            REQUIRE(one_by_one.add(url) != 0);
        }
        REQUIRE(one_by_one.version() > 5);

        // Several threads take batches from versions that later turn out too low, so
        // batches are checked again; the answer must not depend on the threads.
        for (unsigned threads : {1U, 2U, 4U}) {
            CAPTURE(threads);
            VersionFinder finder(qr::ErrorCorrection::medium, 40, threads);
            long line = 2;
            for (const std::string& url : urls) {
                finder.add(url, "E", line++);
            }
            CHECK(finder.finish() == one_by_one.version());
            CHECK_FALSE(finder.overflow());
        }
    }

    TEST_CASE("the first url over the cap is named with its row, whatever follows it")
    {
        // The overflow in the fourth batch, after a rise in the second: every batch before
        // it fits, every one after it overflows too.
        for (unsigned threads : {1U, 3U}) {
            CAPTURE(threads);
            VersionFinder finder(qr::ErrorCorrection::medium, 4, threads);
            long line = 2;
            for (int at = 0; at < 256 * 6; ++at, ++line) {
                std::string url = "https://survey.example.ir/S/K1/E" + std::to_string(at);
                if (at == 300) {
                    url += std::string(25, 'q');  // raises the version, within the cap
                }
                if (at == 800) {
                    url = "https://survey.example.ir/" + std::string(120, 'x');
                }
                if (at > 800) {
                    url = "https://survey.example.ir/" + std::string(5000, 'y');
                }
                finder.add(url, "E" + std::to_string(at), line);
            }
            (void)finder.finish();
            REQUIRE(finder.overflow());
            CHECK(finder.overflow()->employee_code == "E800");
            CHECK(finder.overflow()->line == 802);
            CHECK(finder.overflow()->version > 4);
        }
    }

    TEST_CASE("a url that fits no version at all is an overflow of version 0")
    {
        VersionFinder finder(qr::ErrorCorrection::high, 40, 2);
        finder.add("https://survey.example.ir/" + std::string(3000, 'z'), "E9", 7);
        (void)finder.finish();
        REQUIRE(finder.overflow());
        CHECK(finder.overflow()->version == 0);
    }
}
