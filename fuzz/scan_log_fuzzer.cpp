// Fuzzes the survey server's scan log reader: the shared CSV reading (encodings,
// quoting), header matching and each line's fields (employee code, key id, generation,
// ISO 8601 times with zones). A bad line must become a finding and be left out; only an
// unreadable file or a missing column may stop the read.
#include "memory_file.hpp"
#include "report/scan_log.hpp"
#include "util/error.hpp"

#include <cstdint>

namespace {

using namespace placard;

// Counts the findings, so the target can check that every bad line was reported.
class CountingReporter : public SilentReporter {
public:
    void finding(const Finding&) override { ++findings; }

    long findings = 0;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static fuzz::MemoryFile file("scans.csv");
    file.assign(data, size);

    CountingReporter reporter;
    try {
        long bad_lines = report::read_scan_log(
            file.path(),
            [](const report::ScanRecord& record) {
                bool sane = record.line >= 2 && !record.employee_code.empty() && !record.kid.empty()
                            && record.generation >= 1;
                if (!sane) {
                    __builtin_trap();
                }
            },
            reporter);
        if (bad_lines > reporter.findings) {
            __builtin_trap();  // a bad line left out in silence
        }
    } catch (const Error&) {
    }
    return 0;
}
