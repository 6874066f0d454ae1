#include "ledger/digest.hpp"

#include "util/error.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>

namespace placard::ledger {

namespace {

constexpr std::string_view fields_tag = "placard-printed-fields-v1";

struct ContextFree {
    void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};

// Streams bytes into SHA-256; OpenSSL failures here mean a broken library, not bad data.
class Sha256 {
public:
    Sha256()
        : context_(EVP_MD_CTX_new())
    {
        if (!context_ || EVP_DigestInit_ex(context_.get(), EVP_sha256(), nullptr) != 1) {
            throw Error("SHA-256 is not available in OpenSSL");
        }
    }

    void add(std::string_view bytes)
    {
        if (EVP_DigestUpdate(context_.get(), bytes.data(), bytes.size()) != 1) {
            throw Error("SHA-256 failed in OpenSSL");
        }
    }

    std::string hex()
    {
        std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
        unsigned size = 0;
        if (EVP_DigestFinal_ex(context_.get(), digest.data(), &size) != 1) {
            throw Error("SHA-256 failed in OpenSSL");
        }
        std::string text;
        for (unsigned i = 0; i < size; ++i) {
            text += fmt::format("{:02x}", digest[i]);
        }
        return text;
    }

private:
    std::unique_ptr<EVP_MD_CTX, ContextFree> context_;
};

}  // namespace

std::string sha256_hex(std::string_view bytes)
{
    Sha256 sha;
    sha.add(bytes);
    return sha.hex();
}

std::string sha256_file(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error(fmt::format("cannot read {}: {}", path.string(), std::strerror(errno)));
    }

    Sha256 sha;
    std::array<char, 1 << 16> block{};
    while (in.read(block.data(), block.size()) || in.gcount() > 0) {
        sha.add({block.data(), static_cast<std::size_t>(in.gcount())});
    }
    if (in.bad()) {
        throw Error(fmt::format("cannot read {}: read error", path.string()));
    }
    return sha.hex();
}

std::string printed_fields_digest(const roster::Employee& employee)
{
    Sha256 sha;
    sha.add(fields_tag);
    for (const std::string* field :
         {&employee.first_name,
          &employee.last_name,
          &employee.job_title,
          &employee.office,
          &employee.agency}) {
        sha.add(fmt::format("\n{}:", field->size()));
        sha.add(*field);
    }
    return sha.hex();
}

}  // namespace placard::ledger
