#include "sign/keyring.hpp"

#include "util/atomic_file.hpp"
#include "util/error.hpp"

#include <fmt/format.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

namespace placard::sign {

namespace {

constexpr const char* file_magic = "placard-keyring 1";

std::string to_hex(const Secret& secret)
{
    std::string text;
    for (std::uint8_t byte : secret) {
        text += fmt::format("{:02x}", byte);
    }
    return text;
}

bool from_hex(const std::string& text, Secret& secret)
{
    if (text.size() != secret.size() * 2) {
        return false;
    }
    for (std::size_t i = 0; i < secret.size(); ++i) {
        unsigned value = 0;
        for (char digit : text.substr(i * 2, 2)) {
            unsigned nibble = 0;
            if (digit >= '0' && digit <= '9') {
                nibble = static_cast<unsigned>(digit - '0');
            } else if (digit >= 'a' && digit <= 'f') {
                nibble = static_cast<unsigned>(digit - 'a' + 10);
            } else {
                return false;
            }
            value = value * 16 + nibble;
        }
        secret[i] = static_cast<std::uint8_t>(value);
    }
    return true;
}

void refuse_loose_permissions(const std::filesystem::path& path)
{
    struct stat info {};

    if (::stat(path.c_str(), &info) != 0) {
        throw Error(
            fmt::format("cannot read key file {}: no such file or not accessible", path.string()));
    }
    if ((info.st_mode & 077) != 0) {
        throw Error(fmt::format(
            "key file {} is open to group or others (mode {:04o}); run chmod 600 on it, and "
            "consider the key leaked if others could read it",
            path.string(),
            info.st_mode & 07777));
    }
}

Secret random_secret()
{
    Secret secret{};
    if (RAND_bytes(secret.data(), static_cast<int>(secret.size())) != 1) {
        throw Error("the system random generator failed; no key was made");
    }
    return secret;
}

}  // namespace

bool is_valid_kid(const std::string& kid)
{
    if (kid.empty() || kid.size() > 8) {
        return false;
    }
    for (char c : kid) {
        bool allowed = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!allowed) {
            return false;
        }
    }
    return true;
}

Keyring Keyring::load(const std::filesystem::path& path)
{
    refuse_loose_permissions(path);
    std::ifstream in(path);
    if (!in) {
        throw Error(fmt::format("cannot read key file {}", path.string()));
    }

    Keyring ring;
    std::string line;
    long number = 0;
    bool seen_magic = false;
    while (std::getline(in, line)) {
        ++number;
        SourceLocation where{path.string(), number, 0, ""};
        if (line.empty() || line[0] == '#') {
            continue;
        }
        if (!seen_magic) {
            if (line != file_magic) {
                throw Error(
                    fmt::format("not a placard key file; expected \"{}\"", file_magic), where);
            }
            seen_magic = true;
            continue;
        }
        std::istringstream words(line);
        std::string keyword, kid, hex, flag;
        words >> keyword >> kid >> hex >> flag;
        SigningKey key;
        key.kid = kid;
        if (keyword != "key" || !is_valid_kid(kid) || !from_hex(hex, key.secret)) {
            OPENSSL_cleanse(line.data(), line.size());
            throw Error("malformed key line; expected \"key KID 64-hex-digits [active]\"", where);
        }
        if (ring.find(kid) != nullptr) {
            throw Error(fmt::format("key id {} appears twice", kid), where);
        }
        if (flag == "active") {
            ring.active_kid_ = kid;
        }
        ring.keys_.push_back(key);
        OPENSSL_cleanse(line.data(), line.size());
        OPENSSL_cleanse(hex.data(), hex.size());
    }
    if (ring.keys_.empty()) {
        throw Error(fmt::format("key file {} holds no key", path.string()));
    }
    if (ring.active_kid_.empty()) {
        ring.active_kid_ = ring.keys_.back().kid;
    }
    return ring;
}

void Keyring::save(const std::filesystem::path& path) const
{
    std::string text = "# placard signing keys: secret; keep this file mode 0600\n";
    text += std::string(file_magic) + "\n";
    for (const SigningKey& key : keys_) {
        text += fmt::format(
            "key {} {}{}\n", key.kid, to_hex(key.secret), key.kid == active_kid_ ? " active" : "");
    }
    AtomicFile file(path, 0600);
    file.write(text);
    OPENSSL_cleanse(text.data(), text.size());
    file.commit();
}

const SigningKey& Keyring::add_generated(const std::string& kid, bool make_active)
{
    std::string chosen = kid;
    for (int n = 1; chosen.empty(); ++n) {
        std::string candidate = fmt::format("K{}", n);
        if (find(candidate) == nullptr) {
            chosen = candidate;
        }
    }
    if (!is_valid_kid(chosen)) {
        throw Error(fmt::format(
            "key id \"{}\" is not valid; expected 1 to 8 characters of A-Z and 0-9", chosen));
    }
    if (find(chosen) != nullptr) {
        throw Error(fmt::format("key id {} is already in the keyring", chosen));
    }
    keys_.push_back(SigningKey{chosen, random_secret()});
    if (make_active || keys_.size() == 1) {
        active_kid_ = chosen;
    }
    return keys_.back();
}

const SigningKey& Keyring::active() const
{
    const SigningKey* key = find(active_kid_);
    if (key == nullptr) {
        throw std::logic_error("keyring has no active key");
    }
    return *key;
}

const SigningKey* Keyring::find(const std::string& kid) const
{
    for (const SigningKey& key : keys_) {
        if (key.kid == kid) {
            return &key;
        }
    }
    return nullptr;
}

}  // namespace placard::sign
