#pragma once

#include "ledger/digest.hpp"
#include "ledger/ledger.hpp"
#include "support/temp_dir.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <string>
#include <vector>

namespace placard::test {

// A digest that stands for some printed fields; only its identity matters in these tests.
inline std::string digest_of(const std::string& seed)
{
    return ledger::sha256_hex(seed);
}

inline ledger::BatchInfo batch_info(const std::string& batch_id)
{
    ledger::BatchInfo info;
    info.batch_id = batch_id;
    info.started_at = 1767225600;  // 2026-01-01 00:00 UTC
    info.operator_name = "hr-night";
    info.host_name = "print-01";
    info.roster_digest = digest_of("roster of " + batch_id);
    info.options_json = R"({"changed_only":true})";
    return info;
}

inline ledger::PlacardRecord sample_placard(
    const std::string& code, std::uint32_t generation, const std::string& kid = "T1", int page = 1)
{
    ledger::PlacardRecord p;
    p.employee_code = code;
    p.generation = generation;
    p.kid = kid;
    p.fields_digest = digest_of(code + " fields " + std::to_string(generation));
    p.file = "placards.pdf";
    p.page = page;
    p.province = "اصفهان";
    p.city = "کاشان";
    p.agency = "اداره کل ثبت احوال";
    p.office = "دفتر مرکزی";
    return p;
}

// Records the placards as one committed batch, each on its own page of one file.
inline void record_batch(
    ledger::Ledger& ledger,
    const std::string& batch_id,
    std::vector<ledger::PlacardRecord> placards)
{
    ledger::BatchWriter batch = ledger.begin_batch(batch_info(batch_id));
    int page = 0;
    for (ledger::PlacardRecord& p : placards) {
        p.page = ++page;
        batch.add_placard(p);
    }
    ledger::BatchCounts counts;
    counts.read = page;
    counts.printed = page;
    batch.commit(
        {{"placards.pdf", digest_of("pdf of " + batch_id), 1000, page}}, counts, 1767229200);
}

inline ledger::RevokeRequest revoke_request(
    const std::string& code, std::uint32_t generation, ledger::RevokeReason reason)
{
    ledger::RevokeRequest request;
    request.employee_code = code;
    request.generation = generation;
    request.reason = reason;
    request.operator_name = "clerk";
    request.revoked_at = 1767300000;
    return request;
}

// A plain connection beside the ledger's own, to look at what is really in the file.
inline SQLite::Database raw_connection(const std::filesystem::path& path)
{
    return SQLite::Database(path, SQLite::OPEN_READWRITE);
}

inline long count_rows(SQLite::Database& db, const std::string& table)
{
    // The table name is one of the test's own constants.
    SQLite::Statement query(db, "SELECT count(*) FROM " + table);
    query.executeStep();
    return static_cast<long>(query.getColumn(0).getInt64());
}

}  // namespace placard::test
