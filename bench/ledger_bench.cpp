// Ledger benchmark: builds a ledger of N employees in batches of 10,000 placards (one
// transaction each), reprints a tenth of them with the old generation revoked, then
// times what an incremental run asks of it: the whole state map at once, and the same
// answers one employee at a time through a prepared statement.
//
//   placard_ledger_bench [N]        (default: 100000)

#include "ledger/digest.hpp"
#include "ledger/ledger.hpp"

#include <fmt/format.h>
#include <stdlib.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using placard::ledger::BatchCounts;
using placard::ledger::Ledger;

constexpr long batch_size = 10000;

double seconds_since(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string code_of(long n)
{
    return fmt::format("E{:07}", n);
}

placard::ledger::PlacardRecord placard_of(long n, std::uint32_t generation, int page)
{
    placard::ledger::PlacardRecord p;
    p.employee_code = code_of(n);
    p.generation = generation;
    p.kid = "T1";
    p.fields_digest = placard::ledger::sha256_hex(fmt::format("{} {}", n, generation));
    p.file = "placards.pdf";
    p.page = page;
    p.province = "اصفهان";
    p.city = "کاشان";
    p.agency = "اداره کل ثبت احوال";
    p.office = "دفتر مرکزی";
    return p;
}

placard::ledger::BatchInfo batch_info(const std::string& id)
{
    placard::ledger::BatchInfo info;
    info.batch_id = id;
    info.operator_name = "bench";
    info.host_name = "bench";
    info.roster_digest = placard::ledger::sha256_hex(id);
    return info;
}

// The placards of employees [first, last), built before any timing starts.
std::vector<placard::ledger::PlacardRecord> placards_of(
    long first, long last, std::uint32_t generation)
{
    std::vector<placard::ledger::PlacardRecord> placards;
    for (long n = first; n < last; ++n) {
        placards.push_back(placard_of(n, generation, static_cast<int>(n - first + 1)));
    }
    return placards;
}

// One batch: begin, add every placard, revoke the previous generation when reprinting,
// commit. Returns the seconds it took.
double record_batch(
    Ledger& ledger,
    const std::string& id,
    const std::vector<placard::ledger::PlacardRecord>& placards)
{
    std::vector<placard::ledger::RevokeRequest> revocations;
    for (const auto& p : placards) {
        if (p.generation > 1) {
            revocations.push_back(
                {p.employee_code,
                 p.generation - 1,
                 "",
                 placard::ledger::RevokeReason::lost,
                 "bench",
                 0});
        }
    }

    auto start = Clock::now();
    placard::ledger::BatchWriter batch = ledger.begin_batch(batch_info(id));
    for (const auto& p : placards) {
        batch.add_placard(p);
    }
    batch.revoke(revocations);
    auto printed = static_cast<long>(placards.size());
    BatchCounts counts{printed, printed, 0, 0, 0};
    batch.commit(
        {{"placards.pdf", placard::ledger::sha256_hex("pdf"), 1, static_cast<int>(printed)}},
        counts);
    return seconds_since(start);
}

void run(const fs::path& path, long employees)
{
    Ledger ledger(path);
    double slowest = 0;
    double total = 0;
    long batches = 0;
    for (long first = 0; first < employees; first += batch_size, ++batches) {
        double took = record_batch(
            ledger,
            fmt::format("B{}", batches),
            placards_of(first, std::min(first + batch_size, employees), 1));
        slowest = std::max(slowest, took);
        total += took;
    }
    std::printf(
        "insert: %ld batches of up to %ld placards, one transaction each: mean %.3f s, slowest "
        "%.3f s\n",
        batches,
        batch_size,
        total / static_cast<double>(batches),
        slowest);

    double reprint =
        record_batch(ledger, "R", placards_of(0, std::min(employees / 10, batch_size), 2));
    std::printf("reprint batch (placards + revocations of the old generation): %.3f s\n", reprint);

    auto start = Clock::now();
    auto states = ledger.load_placard_states();
    std::printf(
        "load_placard_states: %zu employees in %.3f s\n", states.size(), seconds_since(start));

    start = Clock::now();
    long live = 0;
    for (long n = 0; n < employees; ++n) {
        live += ledger.placard_state(code_of(n))->has_live() ? 1 : 0;
    }
    std::printf("placard_state one by one: %ld lookups in %.3f s\n", live, seconds_since(start));

    start = Clock::now();
    std::size_t problems = ledger.integrity_check().size();
    std::printf("integrity_check: %zu problems in %.3f s\n", problems, seconds_since(start));
    std::printf("ledger file: %.1f MB\n", static_cast<double>(fs::file_size(path)) / 1e6);
}

}  // namespace

int main(int argc, char** argv)
{
    long employees = argc > 1 ? std::atol(argv[1]) : 100000;
    std::string pattern = (fs::temp_directory_path() / "placard-ledger-bench-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
        std::perror("mkdtemp");
        return 1;
    }

    int status = 0;
    try {
        run(fs::path(pattern) / "ledger.sqlite", employees);
    } catch (const std::exception& error) {
        std::fprintf(stderr, "placard_ledger_bench: %s\n", error.what());
        status = 1;
    }
    std::error_code ignored;
    fs::remove_all(pattern, ignored);
    return status;
}
