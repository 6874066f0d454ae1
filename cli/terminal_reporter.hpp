#pragma once

#include "util/reporter.hpp"

#include <chrono>
#include <map>
#include <string>

namespace placard::cli {

enum class Verbosity { quiet, normal, verbose };

// Findings and notes to stderr as "placard: level: ...", repeated codes capped; a
// redrawn progress line only when stderr is a terminal and nothing else is asking
// for the lines.
class TerminalReporter : public Reporter {
public:
    explicit TerminalReporter(Verbosity verbosity, bool plain_progress = false);
    ~TerminalReporter() override;

    void finding(const Finding& finding) override;
    void info(const std::string& message) override;
    void progress(std::size_t done, std::size_t total) override;

    // A line at normal level (the run's summary); suppressed by --quiet.
    void notice(const std::string& message);
    // A warning about the run itself (not a finding in the data); suppressed by --quiet.
    void warning(const std::string& message);
    void error(const std::string& message);

    // Prints how many findings the caps held back, if any.
    void finish();

private:
    void clear_progress();
    void print(const char* level, const std::string& message);

    Verbosity verbosity_;
    bool draw_bar_;
    bool plain_progress_;
    bool bar_visible_ = false;
    std::chrono::steady_clock::time_point last_draw_{};
    std::map<std::string, long> shown_by_code_;
    long held_back_ = 0;
};

}  // namespace placard::cli
