#pragma once

#include "batch/render_job.hpp"

#include <string>

namespace placard::batch {

// The summary of a finished render or reprint as one JSON object, for cron jobs and
// dashboards: counts (which add up: read = printed + rejected + skipped), the files
// written with their size and SHA-256, the batch id, the ledger and the run time.
std::string summary_json(const RenderSummary& summary, double seconds);

}  // namespace placard::batch
