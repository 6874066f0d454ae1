#include "support/temp_dir.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

#include <filesystem>

using namespace placard;
using placard::test::TempDir;

TEST_SUITE("util")
{
    TEST_CASE("atomic file refuses a final name that is a symbolic link")
    {
        TempDir dir;
        auto target = dir.write("target.pdf", "keep");
        auto link = dir / "out.pdf";
        std::filesystem::create_symlink(target, link);

        CHECK_THROWS_WITH_AS(
            AtomicFile{link},
            (link.string() + " is a symbolic link (to " + target.string()
             + "); placard writes only regular files, so give the real path or a new name")
                .c_str(),
            Error);
        CHECK(std::filesystem::is_symlink(link));
        CHECK(test::read_file(target) == "keep");
    }

    TEST_CASE("atomic file refuses a dangling symbolic link too")
    {
        TempDir dir;
        auto link = dir / "out.pdf";
        std::filesystem::create_symlink(dir / "missing.pdf", link);

        CHECK_THROWS_AS(AtomicFile{link}, Error);
        CHECK_FALSE(std::filesystem::exists(dir / "missing.pdf"));
    }

    TEST_CASE("atomic file replaces a regular file only at commit")
    {
        TempDir dir;
        auto path = dir.write("out.txt", "old");
        {
            AtomicFile file(path);
            file.write("new");
            CHECK(test::read_file(path) == "old");
            file.commit();
        }
        CHECK(test::read_file(path) == "new");
    }
}
