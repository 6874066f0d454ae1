#include "report/iso_time.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>

namespace placard::report {

namespace {

// Reads exactly `count` ASCII digits at `pos`, advancing past them.
std::optional<int> digits(std::string_view text, std::size_t& pos, std::size_t count)
{
    if (pos + count > text.size()) {
        return std::nullopt;
    }
    int value = 0;
    for (std::size_t i = 0; i < count; ++i) {
        char c = text[pos + i];
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        value = value * 10 + (c - '0');
    }
    pos += count;
    return value;
}

bool expect(std::string_view text, std::size_t& pos, char c)
{
    if (pos < text.size() && text[pos] == c) {
        ++pos;
        return true;
    }
    return false;
}

std::optional<std::chrono::sys_days> read_date(std::string_view text, std::size_t& pos)
{
    auto year = digits(text, pos, 4);
    if (!year || !expect(text, pos, '-')) {
        return std::nullopt;
    }
    auto month = digits(text, pos, 2);
    if (!month || !expect(text, pos, '-')) {
        return std::nullopt;
    }
    auto day = digits(text, pos, 2);
    if (!day) {
        return std::nullopt;
    }
    std::chrono::year_month_day date{
        std::chrono::year{*year},
        std::chrono::month{static_cast<unsigned>(*month)},
        std::chrono::day{static_cast<unsigned>(*day)}};
    if (!date.ok()) {
        return std::nullopt;
    }
    return std::chrono::sys_days{date};
}

// "HH:MM", "HH:MM:SS" or "HH:MM:SS.fff", as seconds into the day.
std::optional<long> read_time_of_day(std::string_view text, std::size_t& pos)
{
    auto hour = digits(text, pos, 2);
    if (!hour || *hour > 23 || !expect(text, pos, ':')) {
        return std::nullopt;
    }
    auto minute = digits(text, pos, 2);
    if (!minute || *minute > 59) {
        return std::nullopt;
    }
    int second = 0;
    if (expect(text, pos, ':')) {
        auto read = digits(text, pos, 2);
        if (!read || *read > 60) {  // 60: a leap second, counted as the next minute
            return std::nullopt;
        }
        second = *read;
        if (expect(text, pos, '.') || expect(text, pos, ',')) {
            std::size_t start = pos;
            while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
                ++pos;
            }
            if (pos == start) {
                return std::nullopt;
            }
        }
    }
    return *hour * 3600L + *minute * 60L + second;
}

// 'Z', or "+HH:MM", "+HHMM", "+HH" (and '-'), as seconds east of UTC.
std::optional<long> read_zone(std::string_view text, std::size_t& pos)
{
    if (expect(text, pos, 'Z') || expect(text, pos, 'z')) {
        return 0;
    }
    if (pos >= text.size() || (text[pos] != '+' && text[pos] != '-')) {
        return std::nullopt;
    }
    long sign = text[pos] == '-' ? -1 : 1;
    ++pos;
    auto hours = digits(text, pos, 2);
    if (!hours || *hours > 14) {
        return std::nullopt;
    }
    int minutes = 0;
    if (pos < text.size()) {
        expect(text, pos, ':');
        auto read = digits(text, pos, 2);
        if (!read || *read > 59) {
            return std::nullopt;
        }
        minutes = *read;
    }
    return sign * (*hours * 3600L + minutes * 60L);
}

}  // namespace

std::optional<std::time_t> parse_iso_time(std::string_view text)
{
    std::size_t pos = 0;
    std::optional<std::chrono::sys_days> date = read_date(text, pos);
    if (!date) {
        return std::nullopt;
    }
    auto day_start = static_cast<std::time_t>(
        std::chrono::duration_cast<std::chrono::seconds>(date->time_since_epoch()).count());
    if (pos == text.size()) {
        return day_start;
    }

    if (!expect(text, pos, 'T') && !expect(text, pos, 't') && !expect(text, pos, ' ')) {
        return std::nullopt;
    }
    std::optional<long> seconds = read_time_of_day(text, pos);
    if (!seconds) {
        return std::nullopt;
    }
    std::optional<long> zone = read_zone(text, pos);
    if (!zone || pos != text.size()) {
        return std::nullopt;
    }
    return day_start + *seconds - *zone;
}

std::string format_iso_time(std::time_t moment)
{
    return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(moment));
}

std::string format_iso_date(std::time_t moment)
{
    return fmt::format("{:%Y-%m-%d}", fmt::gmtime(moment));
}

}  // namespace placard::report
