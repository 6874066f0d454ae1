#include "terminal_reporter.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

namespace placard::cli {

namespace {

constexpr long max_lines_per_code = 20;
constexpr auto bar_interval = std::chrono::milliseconds(100);
constexpr auto line_interval = std::chrono::seconds(5);

}  // namespace

TerminalReporter::TerminalReporter(Verbosity verbosity, bool plain_progress)
    : verbosity_(verbosity)
    , draw_bar_(verbosity == Verbosity::normal && ::isatty(STDERR_FILENO) == 1)
    , plain_progress_(plain_progress)
{}

TerminalReporter::~TerminalReporter()
{
    clear_progress();
}

void TerminalReporter::finding(const Finding& finding)
{
    bool wanted = finding.severity == Severity::error
                  || (finding.severity == Severity::warning && verbosity_ != Verbosity::quiet)
                  || verbosity_ == Verbosity::verbose;
    if (!wanted) {
        return;
    }
    // The full list is in the rejects file and in validate's output; the terminal gets
    // a readable sample of each kind.
    if (++shown_by_code_[finding.code] > max_lines_per_code) {
        ++held_back_;
        return;
    }
    clear_progress();
    std::fprintf(
        stderr, "placard: %s [%s]\n", format_finding(finding).c_str(), finding.code.c_str());
}

void TerminalReporter::info(const std::string& message)
{
    if (verbosity_ == Verbosity::verbose) {
        print("info", message);
    }
}

void TerminalReporter::notice(const std::string& message)
{
    if (verbosity_ != Verbosity::quiet) {
        clear_progress();
        std::fprintf(stderr, "placard: %s\n", message.c_str());
    }
}

void TerminalReporter::warning(const std::string& message)
{
    if (verbosity_ != Verbosity::quiet) {
        clear_progress();
        std::fprintf(stderr, "placard: warning: %s\n", message.c_str());
    }
}

void TerminalReporter::error(const std::string& message)
{
    print("error", message);
}

void TerminalReporter::progress(std::size_t done, std::size_t total)
{
    auto now = std::chrono::steady_clock::now();
    bool last = done == total;
    if (!draw_bar_ && !plain_progress_) {
        return;
    }
    auto interval = draw_bar_ ? bar_interval : line_interval;
    if (!last && now - last_draw_ < interval) {
        return;
    }
    last_draw_ = now;
    int percent = total > 0 ? static_cast<int>(done * 100 / total) : 0;
    if (draw_bar_) {
        constexpr int width = 30;
        int filled = percent * width / 100;
        std::fprintf(
            stderr,
            "\r[%s%s] %3d%% %zu/%zu placards",
            std::string(filled, '#').c_str(),
            std::string(width - filled, ' ').c_str(),
            percent,
            done,
            total);
        bar_visible_ = true;
    } else {
        std::fprintf(stderr, "placard: progress: %d%% (%zu of %zu)\n", percent, done, total);
    }
}

void TerminalReporter::finish()
{
    clear_progress();
    if (held_back_ > 0) {
        print(
            "note",
            fmt::format(
                "{} more findings not shown here; placard validate lists them all (and "
                "under --skip-invalid the rejects file lists every rejected row)",
                held_back_));
    }
}

void TerminalReporter::clear_progress()
{
    if (bar_visible_) {
        std::fputs("\r\033[K", stderr);
        bar_visible_ = false;
    }
}

void TerminalReporter::print(const char* level, const std::string& message)
{
    clear_progress();
    std::fprintf(stderr, "placard: %s: %s\n", level, message.c_str());
}

}  // namespace placard::cli
