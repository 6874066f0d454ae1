#include "util/atomic_file.hpp"

#include "util/error.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <mutex>
#include <set>
#include <stdexcept>

namespace placard {

namespace {

std::string system_message(const std::string& what, const std::filesystem::path& path)
{
    return fmt::format("cannot {} {}: {}", what, path.string(), std::strerror(errno));
}

void sync_folder(const std::filesystem::path& folder)
{
    int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        // A failed folder sync only weakens durability after a power loss; the rename
        // itself has happened, so it is not worth failing a finished run for.
        (void)::fsync(fd);
        ::close(fd);
    }
}

// The rename at commit would replace a symbolic link with a regular file, leaving the
// file it pointed to stale while the user believes it was rewritten; writing through it
// would let whoever planted the link choose where placard writes. Neither is safe.
void refuse_symbolic_link(const std::filesystem::path& path)
{
    struct stat info {};

    if (::lstat(path.c_str(), &info) != 0 || !S_ISLNK(info.st_mode)) {
        return;
    }
    std::error_code ignored;
    std::filesystem::path target = std::filesystem::read_symlink(path, ignored);
    throw Error(fmt::format(
        "{} is a symbolic link (to {}); placard writes only regular files, so give the real "
        "path or a new name",
        path.string(),
        target.string()));
}

// Removes the temporary file at `path` if no live run owns it: a writer holds an
// exclusive lock on its temporary file from creation to rename, and the kernel drops the
// lock when the process dies (a kill -9 included). The age guard covers the instant
// between creating a file and locking it, and writers that take no lock (an older placard
// still running); a live writer touches its file with every block it writes.
void remove_if_abandoned(const std::filesystem::path& path)
{
    int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        return;
    }

    struct stat opened {};

    struct stat named {};

    const std::time_t now = std::time(nullptr);
    bool abandoned = ::fstat(fd, &opened) == 0 && S_ISREG(opened.st_mode)
                     && now - opened.st_mtime > stale_temp_file_seconds
                     && ::flock(fd, LOCK_EX | LOCK_NB) == 0;
    // Unlink only the very file that was checked, in case the name changed meanwhile.
    if (abandoned && ::lstat(path.c_str(), &named) == 0 && named.st_ino == opened.st_ino
        && named.st_dev == opened.st_dev) {
        ::unlink(path.c_str());
    }
    ::close(fd);
}

// A split run makes one AtomicFile per group in one folder: that folder is looked at
// once, not once per file.
void remove_stale_temp_files_once(const std::filesystem::path& folder)
{
    static std::mutex guard;
    static std::set<std::filesystem::path> cleaned;
    std::error_code ignored;  // no working folder: the relative name serves as the key
    std::filesystem::path key = std::filesystem::absolute(folder, ignored).lexically_normal();
    std::lock_guard<std::mutex> lock(guard);
    if (cleaned.insert(key.empty() ? folder : key).second) {
        remove_stale_temp_files(folder);
    }
}

}  // namespace

void remove_stale_temp_files(const std::filesystem::path& folder)
{
    std::error_code error;
    std::filesystem::directory_iterator entry(folder.empty() ? "." : folder, error);
    for (; !error && entry != std::filesystem::directory_iterator(); entry.increment(error)) {
        if (entry->path().filename().string().starts_with(temp_file_prefix)) {
            remove_if_abandoned(entry->path());
        }
    }
}

AtomicFile::AtomicFile(std::filesystem::path final_path, mode_t mode)
    : final_path_(std::move(final_path))
{
    refuse_symbolic_link(final_path_);
    std::filesystem::path folder = final_path_.parent_path();
    remove_stale_temp_files_once(folder);
    std::string pattern =
        (folder / (std::string(temp_file_prefix) + final_path_.filename().string() + ".XXXXXX"))
            .string();
    fd_ = ::mkstemp(pattern.data());
    if (fd_ < 0) {
        throw Error(system_message("create a temporary file in", folder.empty() ? "." : folder));
    }
    temp_path_ = pattern;
    // Marks the file as owned by a live run (see remove_stale_temp_files). Without the
    // lock (a file system that has none) only the age guard protects it.
    (void)::flock(fd_, LOCK_EX | LOCK_NB);
    if (::fchmod(fd_, mode) != 0) {
        int saved = errno;
        ::close(fd_);
        ::unlink(temp_path_.c_str());
        errno = saved;
        throw Error(system_message("set the mode of", temp_path_));
    }
}

AtomicFile::~AtomicFile()
{
    if (fd_ >= 0) {
        ::close(fd_);
    }
    if (!committed_ && !temp_path_.empty()) {
        ::unlink(temp_path_.c_str());
    }
}

void AtomicFile::write(const void* data, std::size_t size)
{
    constexpr std::size_t block_size = 1 << 16;
    buffer_.append(static_cast<const char*>(data), size);
    bytes_written_ += size;
    if (buffer_.size() >= block_size) {
        flush();
    }
}

void AtomicFile::flush()
{
    if (!write_fully(fd_, buffer_.data(), buffer_.size())) {
        // Named by its final name: the temporary file is gone once the error is read.
        throw Error(system_message("write", final_path_));
    }
    buffer_.clear();
}

bool write_fully(int fd, const char* bytes, std::size_t size)
{
    while (size > 0) {
        ssize_t written = ::write(fd, bytes, size);
        if (written < 0 && errno == EINTR) {
            continue;
        }
        if (written < 0) {
            return false;
        }
        bytes += written;
        size -= static_cast<std::size_t>(written);
    }
    return true;
}

void AtomicFile::commit()
{
    finish();
    publish();
}

void AtomicFile::finish()
{
    if (finished_) {
        return;
    }
    flush();
    if (::fsync(fd_) != 0) {
        throw Error(system_message("sync", final_path_));
    }
    finished_ = true;
}

// The file stays open, and so locked, until it has its final name: a run that cleans up
// stale temporary files must never take a finished one for abandoned.
void AtomicFile::publish()
{
    if (!finished_) {
        throw std::logic_error("AtomicFile::publish before finish");
    }
    if (::rename(temp_path_.c_str(), final_path_.c_str()) != 0) {
        throw Error(system_message("rename the finished file to", final_path_));
    }
    committed_ = true;
    // The bytes were synced by finish(); a failed close cannot lose them any more.
    (void)::close(fd_);
    fd_ = -1;
    sync_folder(final_path_.parent_path());
}

void JointCommit::add(AtomicFile& file, bool must_be_new)
{
    targets_.push_back(Target{&file, must_be_new, false});
}

void JointCommit::prepare()
{
    for (Target& target : targets_) {
        target.file->finish();
    }
    for (Target& target : targets_) {
        const std::filesystem::path& path = target.file->final_path();

        struct stat info {};

        if (::lstat(path.c_str(), &info) != 0) {
            if (errno != ENOENT) {
                throw Error(system_message("check the final name", path));
            }
            target.replaces = false;
            continue;
        }
        refuse_symbolic_link(path);
        if (!S_ISREG(info.st_mode)) {
            throw Error(fmt::format(
                "{} exists and is not a regular file ({}), so the finished file cannot take its "
                "name; nothing of this run was put under a final name",
                path.string(),
                S_ISDIR(info.st_mode) ? "a folder" : "a special file"));
        }
        if (target.must_be_new) {
            throw Error(fmt::format(
                "{} appeared while this run was writing into its folder (another run?); "
                "nothing of this run was put under a final name",
                path.string()));
        }
        target.replaces = true;
    }
}

void JointCommit::publish()
{
    for (std::size_t at = 0; at < targets_.size(); ++at) {
        try {
            targets_[at].file->publish();
        } catch (const Error& error) {
            undo_and_throw(at, error.what());
        }
    }
}

void JointCommit::undo_and_throw(std::size_t failed, const std::string& failure)
{
    std::vector<std::string> kept;
    for (std::size_t at = 0; at < failed; ++at) {
        const std::filesystem::path& path = targets_[at].file->final_path();
        // A name that was free before holds this run's file only: removing it restores
        // the folder. A file that replaced an older one cannot be undone.
        if (targets_[at].replaces || ::unlink(path.c_str()) != 0) {
            kept.push_back(path.string());
        }
    }
    std::string message = failure + "; ";
    if (kept.empty()) {
        message += "no file of this run was left under a final name";
    } else {
        message += "these files of this run were already under their final names and stay: ";
        for (std::size_t at = 0; at < kept.size(); ++at) {
            message += (at == 0 ? "" : ", ") + kept[at];
        }
    }
    throw Error(message);
}

}  // namespace placard
