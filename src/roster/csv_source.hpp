#pragma once

#include "roster/record_source.hpp"

#include <memory>
#include <string>

namespace placard::roster {

// RFC 4180 CSV in UTF-8, UTF-16 or Windows-1256 (detected or forced), streamed one
// record at a time.
std::unique_ptr<RecordSource> open_csv_source(const std::string& path, const ReadOptions& options);

}  // namespace placard::roster
