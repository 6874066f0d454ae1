#pragma once

#include "check/check_context.hpp"
#include "check/parallel_reader.hpp"

#include <string>

namespace placard::check {

// Checks one placard from its reading: every QR decoded, its URL verified with the
// keyring, its status in the ledger, its measures against the template, duplicates of
// earlier placards, and with a roster the printed name. Identity against the roster is
// checked later, once every placard is read (see match_identities).
PlacardReport check_placard(
    CheckContext& context, const std::string& file_path, const SlotRef& ref, SlotReading reading);

}  // namespace placard::check
