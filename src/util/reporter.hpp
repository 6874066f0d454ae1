#pragma once

#include "util/finding.hpp"

#include <cstddef>
#include <string>

namespace placard {

// The library's only way to speak. The caller decides where each outlet goes (stderr,
// a progress bar, a JSON summary); the library never prints and never exits.
class Reporter {
public:
    virtual ~Reporter() = default;

    // A problem in the input data, or a note about it.
    virtual void finding(const Finding& finding) = 0;

    // A per-run or per-file event worth a line at info level.
    virtual void info(const std::string& message) = 0;

    // Work done so far out of total (total may be 0 when unknown).
    virtual void progress(std::size_t done, std::size_t total) = 0;
};

// Discards everything; for callers that only want the return values.
class SilentReporter : public Reporter {
public:
    void finding(const Finding&) override {}

    void info(const std::string&) override {}

    void progress(std::size_t, std::size_t) override {}
};

}  // namespace placard
