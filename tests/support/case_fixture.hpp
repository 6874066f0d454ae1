#pragma once

#include "support/run_placard.hpp"
#include "support/temp_dir.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace placard::test {

inline const std::string case_base_url = "https://survey.example.ir/S";

// A temp folder with a fresh key (kid T1), as every case of shared/cases sets up.
struct CaseFixture {
    TempDir dir;
    std::filesystem::path key = dir / "case.key";

    CaseFixture();

    static std::filesystem::path case_file(const std::string& case_name, const std::string& file);

    // The arguments of placard render INPUT --key case.key --base-url B -o OUT plus extra
    // arguments, for a run in the background (PlacardProcess).
    std::vector<std::string> render_arguments(
        const std::filesystem::path& input,
        const std::filesystem::path& output,
        const std::vector<std::string>& extra = {}) const;

    // placard render INPUT --key case.key --base-url B -o OUT plus extra arguments.
    RunResult render(
        const std::filesystem::path& input,
        const std::filesystem::path& output,
        const std::vector<std::string>& extra = {},
        const std::vector<std::string>& environment = {}) const;

    // placard reprint SELECTION... --ledger L --roster R --key case.key --base-url B -o OUT,
    // where the selection is the employee codes (or --signed-by KID) and the --reason.
    RunResult reprint(
        const std::vector<std::string>& selection,
        const std::filesystem::path& ledger,
        const std::filesystem::path& roster,
        const std::filesystem::path& output) const;

    // placard preview INPUT --key case.key --base-url B -o PNG plus extra arguments.
    RunResult preview(
        const std::filesystem::path& input,
        const std::filesystem::path& png,
        const std::vector<std::string>& extra = {}) const;

    // What `placard url` prints for this employee (without the newline).
    std::string url_of(
        const std::string& employee_code, const std::string& base_url = case_base_url) const;

    // The QR payloads of each page, rendered at `dpi` and decoded by zxing-cpp.
    static std::vector<std::vector<std::string>> decode_pages(
        const std::filesystem::path& pdf, double dpi);

    // Leftover temporary files in the fixture's folder.
    std::vector<std::string> temp_files() const;
};

}  // namespace placard::test
