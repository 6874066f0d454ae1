#pragma once

#include "roster/employee.hpp"

#include <filesystem>
#include <string>
#include <string_view>

namespace placard::ledger {

// SHA-256 in lower-case hex, the spelling every digest column of the ledger holds.
std::string sha256_hex(std::string_view bytes);

// SHA-256 of a whole file, read in blocks; throws placard::Error naming the file.
std::string sha256_file(const std::filesystem::path& path);

// The digest of what a placard prints about the employee: first and last name, job
// title, office and agency. An incremental run reprints an employee exactly when this
// digest differs from the one of their live placard. Each field is length-prefixed
// behind a version tag, so moving text from one field to another changes the digest
// and a future change of the printed set can change the tag.
std::string printed_fields_digest(const roster::Employee& employee);

}  // namespace placard::ledger
