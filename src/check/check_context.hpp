#pragma once

// What a check run sets up once and what it has seen so far, shared by the job
// (check_job.cpp) and the checks of one placard (placard_checks.cpp); internal to
// src/check.

#include "check/check_job.hpp"
#include "check/check_report.hpp"
#include "ledger/ledger.hpp"
#include "render/placard_template.hpp"
#include "sign/keyring.hpp"

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace placard::check {

struct RosterEmployee {
    std::string code;
    std::string first_name;
    std::string last_name;
    long line = 0;
    bool is_row = false;
};

// The roster as check needs it: the employees who should each have one placard, in
// roster order, and why the other rows should not.
struct RosterView {
    bool used = false;
    std::string source;
    std::vector<RosterEmployee> expected;
    std::unordered_map<std::string, std::size_t> position;      // code -> index in expected
    std::unordered_map<std::string, std::string> not_expected;  // code -> why not
    long rows_not_expected = 0;
};

// Everything a run sets up once, and what it has seen so far.
struct CheckContext {
    CheckContext(const CheckOptions& run_options, sign::Keyring ring)
        : options(run_options)
        , keyring(std::move(ring))
    {}

    const CheckOptions& options;
    sign::Keyring keyring;
    render::PlacardTemplate look;
    std::optional<ledger::Ledger> ledger;
    RosterView roster;
    std::unordered_map<std::string, std::string> url_seen;   // URL -> where first seen
    std::unordered_map<std::string, std::string> code_seen;  // employee -> where first seen
};

// Findings are values on the placard's report, never exceptions: one bad page must not
// stop the others from being read.
inline void add_finding(
    PlacardReport& placard, Severity severity, const char* code, std::string message)
{
    placard.findings.push_back(CheckFinding{severity, code, std::move(message)});
}

}  // namespace placard::check
