#pragma once

#include "batch/issue_policy.hpp"
#include "roster/employee.hpp"
#include "util/scratch_file.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace placard::batch {

// A placard as the planning pass decided it: who, what the ledger will record, and the
// signed URL its QR code carries.
struct SpooledPlacard {
    roster::Employee employee;  // the national code is never spooled: it stays empty
    IssueDecision decision;
    std::string url;
};

// The placards of a run, kept between the pass that reads and checks the roster and the
// drawing, which takes them in print order. The roster is read once: the drawing never
// parses, validates, signs or asks the ledger again, and it prints exactly the rows that
// were checked.
//
// The placards go to an unnamed temporary file in the output's folder (about 300 bytes
// a placard, gone when the run ends however it ends); memory keeps only each one's
// offset, 8 bytes a placard.
class PlacardSpool {
public:
    explicit PlacardSpool(const std::filesystem::path& folder);

    // Keeps the next placard (all of `employee` but the national code); the first one
    // kept is ordinal 0.
    void append(
        const roster::Employee& employee, const IssueDecision& decision, const std::string& url);

    std::size_t size() const { return offsets_.size() - 1; }

    // The placard kept as `ordinal`.
    SpooledPlacard read(std::size_t ordinal);

private:
    ScratchFile file_;
    std::vector<std::uint64_t> offsets_{0};  // where each placard starts, and the end
    std::string record_;                     // reused for every placard written or read
};

}  // namespace placard::batch
