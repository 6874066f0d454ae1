#include "support/temp_dir.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <chrono>
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

TEST_SUITE("util")
{
    TEST_CASE("joint commit checks every final name before the first rename")
    {
        TempDir dir;
        std::filesystem::create_directory(dir / "manifest.json");
        AtomicFile first(dir / "001-a.pdf");
        first.write("a");
        AtomicFile blocked(dir / "manifest.json");
        blocked.write("{}");

        JointCommit commit;
        commit.add(first, true);
        commit.add(blocked, true);
        CHECK_THROWS_WITH_AS(
            commit.prepare(),
            ((dir / "manifest.json").string()
             + " exists and is not a regular file (a folder), so the finished file cannot take "
               "its name; nothing of this run was put under a final name")
                .c_str(),
            Error);
        CHECK_FALSE(std::filesystem::exists(dir / "001-a.pdf"));
    }

    TEST_CASE("joint commit refuses a name that appeared in a folder meant to be fresh")
    {
        TempDir dir;
        AtomicFile file(dir / "001-a.pdf");
        file.write("new");
        dir.write("001-a.pdf", "someone else's");

        JointCommit commit;
        commit.add(file, true);
        CHECK_THROWS_AS(commit.prepare(), Error);
        CHECK(test::read_file(dir / "001-a.pdf") == "someone else's");
    }

    TEST_CASE("a rename that fails part way takes back the new names and lists what stays")
    {
        TempDir dir;
        auto older = dir.write("out.pdf", "old");
        AtomicFile replacing(older);
        replacing.write("new pdf");
        AtomicFile fresh(dir / "fresh.csv");
        fresh.write("new list");
        AtomicFile last(dir / "last.json");
        last.write("{}");

        JointCommit commit;
        commit.add(replacing, false);
        commit.add(fresh, false);
        commit.add(last, false);
        commit.prepare();
        // The folder changes between the check and the renames, as another process may.
        std::filesystem::create_directory(dir / "last.json");
        std::filesystem::create_directory(dir / "last.json" / "inside");

        std::string message;
        try {
            commit.publish();
        } catch (const Error& error) {
            message = error.what();
        }
        CAPTURE(message);
        CHECK(message.starts_with(
            "cannot rename the finished file to " + (dir / "last.json").string()));
        CHECK(message.ends_with(
            "; these files of this run were already under their final names and stay: "
            + older.string()));
        CHECK(test::read_file(older) == "new pdf");
        CHECK_FALSE(std::filesystem::exists(dir / "fresh.csv"));
    }

    TEST_CASE("a joint commit with nothing in the way puts every file under its name")
    {
        TempDir dir;
        AtomicFile one(dir / "one.txt");
        one.write("1");
        AtomicFile two(dir / "two.txt");
        two.write("2");
        JointCommit commit;
        commit.add(one, true);
        commit.add(two, true);
        commit.prepare();
        CHECK_FALSE(std::filesystem::exists(dir / "one.txt"));
        commit.publish();
        CHECK(test::read_file(dir / "one.txt") == "1");
        CHECK(test::read_file(dir / "two.txt") == "2");
    }
}

TEST_SUITE("util")
{
    TEST_CASE("only temporary files that are stale and unlocked are cleaned up")
    {
        TempDir dir;
        auto age = [](const std::filesystem::path& path, std::chrono::seconds by) {
            std::filesystem::last_write_time(
                path, std::filesystem::file_time_type::clock::now() - by);
        };
        const std::chrono::seconds stale(stale_temp_file_seconds + 60);

        auto abandoned = dir.write(".placard-tmp-old.pdf.AAAAAA", "killed run");
        age(abandoned, stale);
        auto young = dir.write(".placard-tmp-young.pdf.BBBBBB", "a run that just started");
        auto held = dir.write(".placard-tmp-held.pdf.CCCCCC", "a live run, quiet for long");
        age(held, stale);
        int holder = ::open(held.c_str(), O_RDONLY);
        REQUIRE(holder >= 0);
        REQUIRE(::flock(holder, LOCK_EX | LOCK_NB) == 0);
        auto other = dir.write("notes.pdf", "not placard's");
        age(other, stale);

        AtomicFile file(dir / "new.pdf");
        CHECK_FALSE(std::filesystem::exists(abandoned));
        CHECK(std::filesystem::exists(young));
        CHECK(std::filesystem::exists(held));
        CHECK(std::filesystem::exists(other));
        CHECK(std::filesystem::exists(file.temp_path()));
        ::close(holder);

        // A live AtomicFile holds its lock even when its bytes have not changed for long.
        age(file.temp_path(), stale);
        remove_stale_temp_files(dir.path());
        CHECK(std::filesystem::exists(file.temp_path()));
        file.write("done");
        file.commit();
        CHECK(test::read_file(dir / "new.pdf") == "done");
    }
}
