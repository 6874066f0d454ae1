#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

namespace placard {

// A temporary file without a name, in a given folder: nothing can open it but this
// object, and it vanishes when closed, however the process ends (a crash or a kill -9
// included), so it never needs cleaning up. Written once, then read back, whole or in
// pieces.
class ScratchFile {
public:
    // `what` names what the file holds in error messages ("part 2 of out.pdf").
    ScratchFile(const std::filesystem::path& folder, std::string what);
    ~ScratchFile();
    ScratchFile(const ScratchFile&) = delete;
    ScratchFile& operator=(const ScratchFile&) = delete;
    ScratchFile(ScratchFile&& other) noexcept;  // `other` is left without a file
    ScratchFile& operator=(ScratchFile&&) = delete;

    void write(const void* data, std::size_t size);

    // Everything written so far.
    std::string read_all();

    // `size` bytes from `offset` of what was written, into `bytes` (resized to fit).
    void read_at(std::size_t offset, std::size_t size, std::string& bytes);

    std::size_t size() const { return size_; }

private:
    void flush();

    int fd_ = -1;
    std::string what_;
    std::string buffer_;
    std::size_t size_ = 0;
};

}  // namespace placard
