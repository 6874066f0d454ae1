#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace placard::sign {

using Secret = std::array<std::uint8_t, 32>;

struct SigningKey {
    std::string kid;  // 1 to 8 characters of A-Z and 0-9: it sits in the URL
    Secret secret{};
};

// Every key a site has used: one active key signs new placards, the others stay to
// verify placards printed before a rotation. The file format is in docs/url-format.md.
class Keyring {
public:
    // Reads a keyring file. Refuses a file that group or others may read or write, and
    // never puts any part of a secret into an error message.
    static Keyring load(const std::filesystem::path& path);

    // Writes the keyring through a temporary file created with mode 0600.
    void save(const std::filesystem::path& path) const;

    // Adds a freshly generated 256-bit key. An empty kid picks the next free "K<n>".
    // The first key of a keyring is always active.
    const SigningKey& add_generated(const std::string& kid, bool make_active);

    const SigningKey& active() const;
    const SigningKey* find(const std::string& kid) const;

    const std::vector<SigningKey>& keys() const { return keys_; }

private:
    std::vector<SigningKey> keys_;
    std::string active_kid_;
};

bool is_valid_kid(const std::string& kid);

}  // namespace placard::sign
