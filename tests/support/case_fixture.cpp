#include "support/case_fixture.hpp"

#include "support/pdf_readback.hpp"

#include <stdexcept>

namespace placard::test {

CaseFixture::CaseFixture()
{
    RunResult made = run_placard({"keygen", "-o", key.string(), "--kid", "T1"});
    if (made.exit_code != 0) {
        throw std::runtime_error("placard keygen failed: " + made.err);
    }
}

std::filesystem::path CaseFixture::case_file(const std::string& case_name, const std::string& file)
{
    return std::filesystem::path(PLACARD_CASES_DIR) / case_name / file;
}

std::vector<std::string> CaseFixture::render_arguments(
    const std::filesystem::path& input,
    const std::filesystem::path& output,
    const std::vector<std::string>& extra) const
{
    std::vector<std::string> arguments = {
        "render",
        input.string(),
        "--key",
        key.string(),
        "--base-url",
        case_base_url,
        "-o",
        output.string()};
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    return arguments;
}

RunResult CaseFixture::render(
    const std::filesystem::path& input,
    const std::filesystem::path& output,
    const std::vector<std::string>& extra,
    const std::vector<std::string>& environment) const
{
    return run_placard(render_arguments(input, output, extra), {}, environment);
}

RunResult CaseFixture::preview(
    const std::filesystem::path& input,
    const std::filesystem::path& png,
    const std::vector<std::string>& extra) const
{
    std::vector<std::string> arguments = {
        "preview", input.string(), "--key", key.string(), "--base-url", case_base_url};
    arguments.insert(arguments.end(), {"-o", png.string()});
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    return run_placard(arguments);
}

RunResult CaseFixture::reprint(
    const std::vector<std::string>& selection,
    const std::filesystem::path& ledger,
    const std::filesystem::path& roster,
    const std::filesystem::path& output) const
{
    std::vector<std::string> arguments = {"reprint"};
    arguments.insert(arguments.end(), selection.begin(), selection.end());
    for (const std::string& argument :
         {std::string("--ledger"),
          ledger.string(),
          std::string("--roster"),
          roster.string(),
          std::string("--key"),
          key.string(),
          std::string("--base-url"),
          case_base_url,
          std::string("-o"),
          output.string()}) {
        arguments.push_back(argument);
    }
    return run_placard(arguments);
}

std::string CaseFixture::url_of(const std::string& employee_code, const std::string& base_url) const
{
    RunResult result =
        run_placard({"url", "--key", key.string(), "--base-url", base_url, employee_code});
    if (result.exit_code != 0 || result.out.empty()) {
        throw std::runtime_error("placard url failed: " + result.err);
    }
    return result.out.substr(0, result.out.find('\n'));
}

std::vector<std::vector<std::string>> CaseFixture::decode_pages(
    const std::filesystem::path& pdf, double dpi)
{
    PdfReadback readback(pdf);
    std::vector<std::vector<std::string>> pages;
    for (int page = 0; page < readback.page_count(); ++page) {
        pages.push_back(decode_qr_codes(readback.render(page, dpi)));
    }
    return pages;
}

std::vector<std::string> CaseFixture::temp_files() const
{
    return files_starting_with(dir.path(), ".placard-tmp-");
}

}  // namespace placard::test
