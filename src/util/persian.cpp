#include "util/persian.hpp"

#include "util/error.hpp"

#include <fmt/format.h>
#include <unicode/calendar.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>

#include <memory>

namespace placard {

std::string to_persian_digits(std::string_view text)
{
    std::string result;
    result.reserve(text.size() * 2);
    for (char c : text) {
        if (c >= '0' && c <= '9') {
            // U+06F0..U+06F9 are the bytes DB B0 to DB B9 in UTF-8.
            result += '\xDB';
            result += static_cast<char>('\xB0' + (c - '0'));
        } else {
            result += c;
        }
    }
    return result;
}

std::string solar_hijri_date(std::time_t moment)
{
    return to_persian_digits(calendar_date(moment, true));
}

std::string calendar_date(std::time_t moment, bool persian_calendar)
{
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::createTimeZone("Asia/Tehran"));
    std::unique_ptr<icu::Calendar> calendar(icu::Calendar::createInstance(
        zone.release(),
        icu::Locale(persian_calendar ? "fa_IR@calendar=persian" : "en_US@calendar=gregorian"),
        status));
    if (U_FAILURE(status)) {
        throw Error(fmt::format("ICU cannot make a calendar: {}", u_errorName(status)));
    }
    calendar->setTime(static_cast<UDate>(moment) * 1000.0, status);
    int year = calendar->get(UCAL_YEAR, status);
    int month = calendar->get(UCAL_MONTH, status) + 1;  // ICU months count from 0
    int day = calendar->get(UCAL_DATE, status);
    if (U_FAILURE(status)) {
        throw Error(fmt::format("ICU cannot compute the date: {}", u_errorName(status)));
    }
    return fmt::format("{:04}/{:02}/{:02}", year, month, day);
}

}  // namespace placard
