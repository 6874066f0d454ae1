#pragma once

#include <ctime>
#include <string>
#include <string_view>

namespace placard {

// Replaces ASCII digits with Extended Arabic-Indic (Persian) digits, for printed text.
std::string to_persian_digits(std::string_view text);

// The date of `moment` in the Solar Hijri calendar, in Tehran time, as "۱۴۰۵/۰۹/۱۳".
std::string solar_hijri_date(std::time_t moment);

// The date of `moment` in Tehran time as "YYYY/MM/DD" in ASCII digits, in the Solar Hijri
// calendar or (persian_calendar false) the Gregorian one.
std::string calendar_date(std::time_t moment, bool persian_calendar);

}  // namespace placard
