#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace placard::fuzz {

// An anonymous in-memory file with a path (/proc/self/fd/N), for the readers that take a
// path: each run rewrites it instead of creating files on disk thousands of times a second.
class MemoryFile {
public:
    explicit MemoryFile(const char* name);
    ~MemoryFile();
    MemoryFile(const MemoryFile&) = delete;
    MemoryFile& operator=(const MemoryFile&) = delete;

    // Replaces the whole content with these bytes.
    void assign(const std::uint8_t* data, std::size_t size);

    const std::string& path() const { return path_; }

private:
    int fd_ = -1;
    std::string path_;
};

}  // namespace placard::fuzz
