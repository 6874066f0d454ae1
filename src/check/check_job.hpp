#pragma once

#include "check/check_report.hpp"
#include "roster/roster_reader.hpp"
#include "util/reporter.hpp"

#include <filesystem>
#include <vector>

namespace placard::check {

struct CheckOptions {
    std::vector<std::filesystem::path> pdfs;
    std::filesystem::path key_file;
    std::filesystem::path roster;  // empty: identities are not matched
    roster::ReadOptions read;
    std::filesystem::path ledger;         // empty: revocations are not looked up
    std::filesystem::path template_file;  // empty: the default template's promises
    double dpi = 150;
    long max_failures = 0;  // stop once this many placards failed; 0: read everything
    unsigned workers = 0;   // threads rendering and decoding; 0: one per hardware thread
};

// Reads placard PDFs back: renders every placard (every page, or each half of a 2-up
// sheet), decodes its QR codes, verifies each URL with the keyring, asks the ledger
// whether it was revoked, measures the symbol against the template's promises, and with
// a roster checks who is on which page, who has no placard and whose placard is
// printed twice. Every placard is reported; only setting-up problems (a bad key file,
// roster or ledger) throw placard::Error.
CheckReport check_placards(const CheckOptions& options, Reporter& reporter);

}  // namespace placard::check
