#include "sign/keyring.hpp"
#include "support/temp_dir.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>

#include <filesystem>

using namespace placard;
using namespace placard::sign;
namespace fs = std::filesystem;

TEST_SUITE("sign")
{
    TEST_CASE("a new keyring file is created with mode 0600 and loads back")
    {
        test::TempDir dir;
        Keyring ring;
        ring.add_generated("T1", false);
        ring.save(dir / "k.key");

        struct stat info {};

        REQUIRE(::stat((dir / "k.key").c_str(), &info) == 0);
        CHECK((info.st_mode & 0777) == 0600);
        Keyring loaded = Keyring::load(dir / "k.key");
        CHECK(loaded.active().kid == "T1");
        CHECK(loaded.active().secret == ring.active().secret);
    }

    TEST_CASE("a key file readable by group or others is refused without showing the secret")
    {
        test::TempDir dir;
        Keyring ring;
        ring.add_generated("T1", false);
        ring.save(dir / "k.key");
        fs::permissions(dir / "k.key", fs::perms::group_read, fs::perm_options::add);
        std::string contents = test::read_file(dir / "k.key");
        std::string hex = contents.substr(contents.find("key T1 ") + 7, 64);
        try {
            Keyring::load(dir / "k.key");
            FAIL("a group-readable key file was accepted");
        } catch (const Error& error) {
            std::string message = error.what();
            CHECK(message.find("mode 0640") != std::string::npos);
            CHECK(message.find("chmod 600") != std::string::npos);
            CHECK(message.find(hex.substr(0, 8)) == std::string::npos);
        }
    }

    TEST_CASE("a malformed key line names its line and never echoes it")
    {
        test::TempDir dir;
        auto path = dir.write("bad.key", "placard-keyring 1\nkey T1 secretsecret\n");
        fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write);
        try {
            Keyring::load(path);
            FAIL("a malformed key file was accepted");
        } catch (const Error& error) {
            std::string message = error.what();
            CHECK(message.find("bad.key:2: malformed key line") != std::string::npos);
            CHECK(message.find("secretsecret") == std::string::npos);
        }
    }

    TEST_CASE("keys added later keep the old ones for verification")
    {
        Keyring ring;
        ring.add_generated("", false);
        ring.add_generated("", true);
        CHECK(ring.keys().size() == 2);
        CHECK(ring.keys()[0].kid == "K1");
        CHECK(ring.active().kid == "K2");
        CHECK(ring.keys()[0].secret != ring.keys()[1].secret);
        CHECK_THROWS_AS(ring.add_generated("K1", false), Error);
        CHECK_THROWS_AS(ring.add_generated("bad id", false), Error);
    }
}
