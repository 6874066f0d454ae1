#include "ledger/run_identity.hpp"

#include <pwd.h>
#include <unistd.h>

#include <array>
#include <cstdlib>

namespace placard::ledger {

std::string login_name()
{
    // cron and sudo leave no controlling terminal, so getlogin() is often empty there;
    // the user the process runs as is what the record needs.
    if (const passwd* entry = ::getpwuid(::geteuid()); entry != nullptr && entry->pw_name) {
        return entry->pw_name;
    }
    if (const char* user = std::getenv("USER"); user != nullptr && *user != '\0') {
        return user;
    }
    return "uid-" + std::to_string(::geteuid());
}

std::string host_name()
{
    std::array<char, 256> name{};
    if (::gethostname(name.data(), name.size() - 1) != 0 || name[0] == '\0') {
        return "unknown-host";
    }
    return name.data();
}

}  // namespace placard::ledger
