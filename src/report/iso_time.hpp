#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace placard::report {

// Reads an ISO 8601 time as the survey server and web forms write them: a date alone
// ("2026-03-01", midnight UTC), or a date and a time of day with 'T' or a space between
// them, seconds and fractions of a second optional, and a zone that is required: 'Z' or
// an offset such as "+03:30" or "+0330". A time of day without a zone could be Tehran
// or UTC, three and a half hours apart, so it is refused (nullopt), as is anything else.
std::optional<std::time_t> parse_iso_time(std::string_view text);

// "2026-03-01T08:30:00Z"
std::string format_iso_time(std::time_t moment);

// "2026-03-01" (UTC)
std::string format_iso_date(std::time_t moment);

}  // namespace placard::report
