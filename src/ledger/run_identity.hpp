#pragma once

#include <string>

namespace placard::ledger {

// Who and where a batch or a revocation was run, for the ledger's record. Both fall back
// to a placeholder rather than fail: a missing login name must not stop a cron run.
std::string login_name();
std::string host_name();

}  // namespace placard::ledger
