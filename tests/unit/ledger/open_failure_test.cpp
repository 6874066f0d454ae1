#include "ledger/ledger.hpp"
#include "support/temp_dir.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

using namespace placard;
using placard::test::TempDir;

TEST_SUITE("ledger")
{
    TEST_CASE("a ledger that cannot be created says why, not only that sqlite failed")
    {
        TempDir dir;
        auto folder = dir / "no-such-folder";
        auto path = folder / "placard-ledger.sqlite";

        CHECK_THROWS_WITH_AS(
            ledger::Ledger(path, ledger::LedgerOptions{}),
            (path.string()
             + ": cannot open the ledger: unable to open database file; cannot "
               "create files in "
             + folder.string() + ": No such file or directory")
                .c_str(),
            Error);
    }
}
