#include "support/ledger_audit.hpp"

#include "support/pdf_readback.hpp"
#include "support/temp_dir.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <openssl/evp.h>

#include <stdexcept>

namespace placard::test {

namespace {

SQLite::Database open_read_only(const std::filesystem::path& ledger)
{
    return SQLite::Database(ledger.string(), SQLite::OPEN_READONLY);
}

// A run killed while creating the ledger leaves a file without tables: nothing in it.
long count_of(const std::filesystem::path& ledger, const char* query)
{
    SQLite::Database db = open_read_only(ledger);
    if (!db.tableExists("batch")) {
        return 0;
    }
    return db.execAndGet(query).getInt64();
}

struct RecordedFile {
    std::string path;
    std::string sha256;
    long bytes = 0;
    int pages = 0;
    int last_placard_page = 0;
};

std::vector<RecordedFile> recorded_files(const std::filesystem::path& ledger)
{
    SQLite::Database db = open_read_only(ledger);
    if (!db.tableExists("output_file")) {
        return {};  // killed while the ledger was created: it records nothing
    }
    SQLite::Statement query(
        db,
        "SELECT f.path, f.sha256, f.byte_size, f.page_count, "
        "(SELECT coalesce(max(p.page), 0) FROM placard p "
        " WHERE p.batch_id = f.batch_id AND p.path = f.path) "
        "FROM output_file f ORDER BY f.batch_id");
    std::vector<RecordedFile> files;
    while (query.executeStep()) {
        files.push_back(
            {query.getColumn(0).getString(),
             query.getColumn(1).getString(),
             query.getColumn(2).getInt64(),
             query.getColumn(3).getInt(),
             query.getColumn(4).getInt()});
    }
    return files;
}

std::vector<std::string> problems_of(const RecordedFile& file)
{
    if (!std::filesystem::exists(file.path)) {
        return {file.path + ": recorded in the ledger but missing"};
    }
    std::vector<std::string> problems;
    auto size = static_cast<long>(std::filesystem::file_size(file.path));
    if (size != file.bytes) {
        problems.push_back(fmt::format("{}: {} bytes, recorded {}", file.path, size, file.bytes));
    }
    if (sha256_of_file(file.path) != file.sha256) {
        problems.push_back(file.path + ": SHA-256 differs from the one recorded");
    }
    int pages = PdfReadback(file.path).page_count();
    if (pages != file.pages || pages < file.last_placard_page) {
        problems.push_back(fmt::format(
            "{}: Poppler reads {} pages; recorded {}, last placard on page {}",
            file.path,
            pages,
            file.pages,
            file.last_placard_page));
    }
    return problems;
}

}  // namespace

std::string sha256_of_file(const std::filesystem::path& path)
{
    std::string bytes = read_file(path);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
        throw std::runtime_error("SHA-256 failed for " + path.string());
    }
    std::string hex;
    for (unsigned int i = 0; i < length; ++i) {
        hex += fmt::format("{:02x}", digest[i]);
    }
    return hex;
}

std::vector<std::string> sqlite_integrity_lines(const std::filesystem::path& ledger)
{
    SQLite::Database db = open_read_only(ledger);
    SQLite::Statement check(db, "PRAGMA integrity_check");
    std::vector<std::string> lines;
    while (check.executeStep()) {
        lines.push_back(check.getColumn(0).getString());
    }
    return lines;
}

std::vector<std::string> recorded_file_problems(const std::filesystem::path& ledger)
{
    std::vector<std::string> problems;
    for (const RecordedFile& file : recorded_files(ledger)) {
        std::vector<std::string> found = problems_of(file);
        problems.insert(problems.end(), found.begin(), found.end());
    }
    return problems;
}

std::map<std::string, int> live_placards_by_employee(const std::filesystem::path& ledger)
{
    SQLite::Database db = open_read_only(ledger);
    SQLite::Statement query(
        db,
        "SELECT p.employee_code, count(*) FROM placard p "
        "WHERE NOT EXISTS (SELECT 1 FROM revocation r "
        "  WHERE r.employee_code = p.employee_code AND r.generation = p.generation) "
        "GROUP BY p.employee_code");
    std::map<std::string, int> live;
    while (query.executeStep()) {
        live[query.getColumn(0).getString()] = query.getColumn(1).getInt();
    }
    return live;
}

long committed_batch_count(const std::filesystem::path& ledger)
{
    return count_of(ledger, "SELECT count(*) FROM batch WHERE status = 'committed'");
}

long placard_count(const std::filesystem::path& ledger)
{
    return count_of(ledger, "SELECT count(*) FROM placard");
}

}  // namespace placard::test
