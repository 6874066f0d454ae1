#pragma once

#include <sys/types.h>

#include <cstddef>
#include <filesystem>
#include <string>

namespace placard {

// A file that appears under its final name only when complete. Bytes go to a temporary
// file in the target's folder (so the rename stays on one file system); commit() syncs
// it, renames it over the final name and syncs the folder. If commit() is never reached
// (an error, an exception, a crash) the final name is untouched and the temporary file
// is removed by the destructor. A final name that is a symbolic link is refused.
class AtomicFile {
public:
    explicit AtomicFile(std::filesystem::path final_path, mode_t mode = 0644);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    void write(const void* data, std::size_t size);

    void write(const std::string& text) { write(text.data(), text.size()); }

    void commit();

    const std::filesystem::path& final_path() const { return final_path_; }

    const std::filesystem::path& temp_path() const { return temp_path_; }

    std::size_t bytes_written() const { return bytes_written_; }

private:
    void flush();

    std::filesystem::path final_path_;
    std::filesystem::path temp_path_;
    int fd_ = -1;
    std::size_t bytes_written_ = 0;
    std::string buffer_;  // PDF writers hand over many small pieces; write them in blocks
    bool committed_ = false;
};

// Writes all `size` bytes to `fd`, again after a signal interrupts; false (errno set)
// when the system refuses.
bool write_fully(int fd, const char* bytes, std::size_t size);

// The prefix of every temporary file placard writes, so an interrupted run's leftovers
// are recognisable.
inline constexpr const char* temp_file_prefix = ".placard-tmp-";

}  // namespace placard
