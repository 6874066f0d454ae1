#pragma once

#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace placard::ledger {

// What a batch is, known when it starts. Digests are SHA-256 in lower-case hex.
struct BatchInfo {
    std::string batch_id;
    std::time_t started_at = 0;  // 0: now
    std::string operator_name;   // the login name of whoever ran it
    std::string host_name;
    std::string roster_digest;  // of the roster's bytes, as read
    std::string options_json = "{}";
};

// What a batch did, known when it ends. `printed` must equal the placards recorded.
struct BatchCounts {
    long read = 0;
    long printed = 0;
    long rejected = 0;
    long skipped = 0;
    long unchanged = 0;
};

// One complete output file of a batch. `path` is recorded as given; placards name it.
struct OutputFile {
    std::string path;
    std::string sha256;
    std::uint64_t byte_size = 0;
    int page_count = 0;
};

// One placard issued: who, which URL (key id and generation), what was printed (as a
// digest) and where it is (file and page). The place of the employee at print time is
// kept for coverage reports, since the roster will have moved on by then.
struct PlacardRecord {
    std::string employee_code;
    std::uint32_t generation = 1;
    std::string kid;
    std::string fields_digest;
    std::string file;  // the OutputFile::path it is printed in
    int page = 1;
    std::string province;
    std::string city;
    std::string agency;
    std::string office;
};

// A placard as the ledger holds it, with the batch that issued it.
struct IssuedPlacard {
    PlacardRecord placard;
    std::string batch_id;
};

// What the ledger knows of one employee. A revoked generation is never issued again, so
// the next placard gets highest_issued + 1 even when the live one is older.
struct PlacardState {
    std::uint32_t generation = 0;  // highest live (not revoked) generation; 0: none live
    std::string kid;               // of that generation
    std::string fields_digest;     // of that generation
    std::uint32_t highest_issued = 0;

    bool has_live() const { return generation != 0; }
};

enum class RevokeReason { lost, damaged, stolen, data_changed, key_leaked };

// What a coverage report needs of one employee: the live placard and when the batch that
// issued it was committed (its PDF existed from then on), or, when nothing is live, the
// most recent revocation, which says why the employee has no working placard.
struct CoverageState {
    std::uint32_t generation = 0;  // highest live generation; 0: none live
    std::string kid;               // of that generation
    std::string fields_digest;     // of that generation
    std::time_t printed_at = 0;    // ended_at of the batch that issued it
    std::uint32_t highest_issued = 0;
    std::optional<RevokeReason> last_revocation;  // of the newest revoked generation
    std::time_t revoked_at = 0;

    bool has_live() const { return generation != 0; }
};

// "lost", "damaged", "stolen", "data-changed", "key-leaked": the spelling stored and
// exported.
std::string_view reason_name(RevokeReason reason);
std::optional<RevokeReason> parse_revoke_reason(std::string_view text);

// Which placards to revoke: one generation, or every live placard of the employee. A
// non-empty kid must match the placard's key id, so a revocation taken from a URL cannot
// hit a placard signed by another key.
struct RevokeRequest {
    std::string employee_code;
    std::uint32_t generation = 0;  // 0: every live generation
    std::string kid;               // empty: any key
    RevokeReason reason = RevokeReason::lost;
    std::string operator_name;
    std::time_t revoked_at = 0;  // 0: now
};

struct Revocation {
    std::string employee_code;
    std::uint32_t generation = 0;
    std::string kid;
    RevokeReason reason = RevokeReason::lost;
    std::string operator_name;
    std::time_t revoked_at = 0;
    std::string batch_id;  // the reprint batch that revoked it; empty for a plain revoke
};

struct RevokeOutcome {
    std::vector<Revocation> revoked;          // revoked by this call
    std::vector<Revocation> already_revoked;  // asked for, but revoked before
};

enum class PlacardStatus { valid, revoked, unknown };

std::string_view status_name(PlacardStatus status);

// The ledger's answer for the placard a URL names (key id, employee code, generation).
// A placard recorded under another key id is unknown: that URL was never issued.
struct StatusAnswer {
    PlacardStatus status = PlacardStatus::unknown;
    std::optional<Revocation> revocation;  // set when revoked
};

// A committed batch read back, for reports and tests.
struct BatchRecord {
    BatchInfo info;
    std::time_t ended_at = 0;
    std::string status;  // "open" or "committed"
    BatchCounts counts;
    std::vector<OutputFile> files;
};

}  // namespace placard::ledger
