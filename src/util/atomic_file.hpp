#pragma once

#include <sys/types.h>

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace placard {

// A file that appears under its final name only when complete. Bytes go to a temporary
// file in the target's folder (so the rename stays on one file system); commit() syncs
// it, renames it over the final name and syncs the folder. If commit() is never reached
// (an error, an exception) the final name is untouched and the temporary file is removed
// by the destructor; after a kill, by a later run writing into the same folder once the
// file is stale (remove_stale_temp_files). A final name that is a symbolic link is
// refused.
class AtomicFile {
public:
    explicit AtomicFile(std::filesystem::path final_path, mode_t mode = 0644);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    void write(const void* data, std::size_t size);

    void write(const std::string& text) { write(text.data(), text.size()); }

    // finish() then publish().
    void commit();

    // Writes what is buffered and syncs the temporary file: its bytes are final and may
    // be read from temp_path(), but the final name is not touched yet.
    void finish();

    // Renames the finished temporary file over the final name, closes it and syncs the
    // folder.
    void publish();

    bool published() const { return committed_; }

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
    bool finished_ = false;
    bool committed_ = false;
};

// Several files that reach their final names together: a split run's PDFs, manifests
// and rejects list, or one PDF and its rejects list. Every final name is checked before
// the first rename, so a name that cannot be replaced (a folder, a symbolic link, or a
// file that appeared where none may be) stops the run with no file of it under a final
// name. If a rename still fails (the folder changed in between), the files that took a
// new name are removed again; only those that replaced an older file stay, and the
// error lists them.
class JointCommit {
public:
    // `must_be_new`: the final name may not exist (a fresh split folder); otherwise an
    // older regular file under it is replaced.
    void add(AtomicFile& file, bool must_be_new);

    // Finishes every file and checks every final name; throws placard::Error naming the
    // first that cannot be replaced.
    void prepare();

    // Renames every prepared file into place, in the order added.
    void publish();

private:
    struct Target {
        AtomicFile* file = nullptr;
        bool must_be_new = false;
        bool replaces = false;  // a regular file is under the final name
    };

    [[noreturn]] void undo_and_throw(std::size_t failed, const std::string& failure);

    std::vector<Target> targets_;
};

// Writes all `size` bytes to `fd`, again after a signal interrupts; false (errno set)
// when the system refuses.
bool write_fully(int fd, const char* bytes, std::size_t size);

// The prefix of every temporary file placard writes, so an interrupted run's leftovers
// are recognisable.
inline constexpr const char* temp_file_prefix = ".placard-tmp-";

// A run killed while writing (kill -9, a power cut) leaves its temporary file behind.
// Every AtomicFile first removes, in its own folder, the temporary files that no live
// run holds (each writer keeps an exclusive lock on its file until the rename) and that
// have not been written to for this long.
inline constexpr long stale_temp_file_seconds = 15L * 60;

void remove_stale_temp_files(const std::filesystem::path& folder);

}  // namespace placard
