#include "memory_file.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>

namespace placard::fuzz {

MemoryFile::MemoryFile(const char* name)
    : fd_(::memfd_create(name, 0))
{
    if (fd_ < 0) {
        throw std::runtime_error("memfd_create failed");
    }
    path_ = "/proc/self/fd/" + std::to_string(fd_);
}

MemoryFile::~MemoryFile()
{
    ::close(fd_);
}

void MemoryFile::assign(const std::uint8_t* data, std::size_t size)
{
    // A harness that cannot set up its input would report false findings; stop instead.
    if (::ftruncate(fd_, 0) != 0) {
        std::abort();
    }
    std::size_t done = 0;
    while (done < size) {
        ssize_t written = ::pwrite(fd_, data + done, size - done, static_cast<off_t>(done));
        if (written <= 0) {
            std::abort();
        }
        done += static_cast<std::size_t>(written);
    }
}

}  // namespace placard::fuzz
