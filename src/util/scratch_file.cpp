#include "util/scratch_file.hpp"

#include "util/atomic_file.hpp"
#include "util/error.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <utility>

namespace placard {

namespace {

// O_TMPFILE makes the file without ever giving it a name; file systems without it get
// a named file that is removed at once.
int open_unnamed(const std::filesystem::path& folder)
{
    const std::filesystem::path where = folder.empty() ? "." : folder;
    int fd = ::open(where.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd >= 0) {
        return fd;
    }
    std::string pattern = (where / ".placard-tmp-part.XXXXXX").string();
    fd = ::mkstemp(pattern.data());
    if (fd >= 0) {
        ::unlink(pattern.c_str());
    }
    return fd;
}

}  // namespace

ScratchFile::ScratchFile(const std::filesystem::path& folder, std::string what)
    : fd_(open_unnamed(folder))
    , what_(std::move(what))
{
    if (fd_ < 0) {
        throw Error(fmt::format(
            "cannot create a temporary file for {} in {}: {}",
            what_,
            folder.empty() ? "." : folder.string(),
            std::strerror(errno)));
    }
}

ScratchFile::ScratchFile(ScratchFile&& other) noexcept
    : fd_(std::exchange(other.fd_, -1))
    , what_(std::move(other.what_))
    , buffer_(std::move(other.buffer_))
    , size_(std::exchange(other.size_, 0))
{}

ScratchFile::~ScratchFile()
{
    if (fd_ >= 0) {
        ::close(fd_);
    }
}

void ScratchFile::write(const void* data, std::size_t size)
{
    constexpr std::size_t block_size = 1 << 16;
    buffer_.append(static_cast<const char*>(data), size);
    size_ += size;
    if (buffer_.size() >= block_size) {
        flush();
    }
}

void ScratchFile::flush()
{
    if (!write_fully(fd_, buffer_.data(), buffer_.size())) {
        throw Error(fmt::format("cannot write {}: {}", what_, std::strerror(errno)));
    }
    buffer_.clear();
}

std::string ScratchFile::read_all()
{
    std::string bytes;
    read_at(0, size_, bytes);
    return bytes;
}

void ScratchFile::read_at(std::size_t offset, std::size_t size, std::string& bytes)
{
    if (!buffer_.empty()) {
        flush();
    }
    if (offset > size_ || size > size_ - offset) {
        throw std::out_of_range(fmt::format("read past the end of {}", what_));
    }
    bytes.resize(size);
    std::size_t done = 0;
    while (done < size) {
        ssize_t got =
            ::pread(fd_, bytes.data() + done, size - done, static_cast<off_t>(offset + done));
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got <= 0) {
            throw Error(fmt::format(
                "cannot read back {}: {}",
                what_,
                got == 0 ? "it is shorter than written" : std::strerror(errno)));
        }
        done += static_cast<std::size_t>(got);
    }
}

}  // namespace placard
