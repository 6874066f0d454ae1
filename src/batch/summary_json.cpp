#include "batch/summary_json.hpp"

#include "util/json.hpp"

#include <fmt/format.h>

namespace placard::batch {

namespace {

std::string path_or_null(const std::filesystem::path& path)
{
    return path.empty() ? "null" : json_string(path.string());
}

std::string files_json(const RenderSummary& summary)
{
    std::string files;
    for (const OutputFileSummary& file : summary.files) {
        files += fmt::format(
            "{}{{\"path\":{},\"group\":{},\"placards\":{},\"pages\":{},\"bytes\":{},"
            "\"sha256\":{}}}",
            files.empty() ? "" : ",",
            json_string(file.path.string()),
            json_string(file.group),
            file.placards,
            file.pages,
            file.bytes,
            json_string(file.sha256));
    }
    return "[" + files + "]";
}

}  // namespace

std::string summary_json(const RenderSummary& summary, double seconds)
{
    return fmt::format(
        "{{\"batch_id\":{},\"read\":{},\"printed\":{},\"rejected\":{},\"skipped\":{},"
        "\"unchanged\":{},\"new_placards\":{},\"reissued\":{},\"copies\":{},"
        "\"qr_version\":{},\"module_mm\":{:.3f},\"files\":{},\"rejects\":{},\"ledger\":{},"
        "\"seconds\":{:.3f}}}\n",
        json_string(summary.batch_id),
        summary.read,
        summary.printed,
        summary.rejected,
        summary.skipped,
        summary.unchanged,
        summary.new_placards,
        summary.reissued,
        summary.copies,
        summary.qr_version,
        summary.module_mm,
        files_json(summary),
        path_or_null(summary.rejects),
        path_or_null(summary.ledger),
        seconds);
}

}  // namespace placard::batch
