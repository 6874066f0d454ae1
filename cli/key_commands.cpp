// keygen, url and verify-url: the keyring and single URLs.
#include "commands.hpp"
#include "exit_codes.hpp"
#include "ledger/ledger.hpp"
#include "sign/keyring.hpp"
#include "sign/survey_url.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <memory>

namespace placard::cli {

namespace {

void add_keygen(CLI::App& app, std::function<int()>& action)
{
    auto* command = app.add_subcommand("keygen", "Make a new 256-bit signing key");
    auto output = std::make_shared<std::string>();
    auto kid = std::make_shared<std::string>();
    auto activate = std::make_shared<bool>(false);
    command->add_option("-o,--output", *output, "Key file to create (mode 0600), or to add to")
        ->required();
    command->add_option("--kid", *kid, "Key id, 1 to 8 of A-Z and 0-9 (default: K1, K2, ...)");
    command->add_flag(
        "--activate",
        *activate,
        "Make the new key the one that signs (the first key of a file always is)");
    command->callback([=, &action] {
        action = [=] {
            bool exists = std::filesystem::exists(*output);
            sign::Keyring ring = exists ? sign::Keyring::load(*output) : sign::Keyring();
            const sign::SigningKey& key = ring.add_generated(*kid, *activate);
            std::string made = key.kid;
            ring.save(*output);
            std::fprintf(
                stderr,
                "placard: %s key %s in %s (active: %s)\n",
                exists ? "added" : "made",
                made.c_str(),
                output->c_str(),
                ring.active().kid.c_str());
            return static_cast<int>(exit_ok);
        };
    });
}

// The employee's live placard in a ledger, or an error saying there is none: printing
// generation 1 instead would hand out a URL the ledger may have revoked. `code` becomes
// the code as the ledger recorded it, the spelling its URL was signed with.
ledger::PlacardState live_placard(const std::string& ledger_path, std::string& code)
{
    ledger::LedgerOptions options;
    options.read_only = true;
    ledger::Ledger ledger(ledger_path, options);
    code = ledger.recorded_code(code);
    std::optional<ledger::PlacardState> state = ledger.placard_state(code);
    if (!state || !state->has_live()) {
        throw Error(fmt::format(
            "employee {} has no live placard in the ledger {}{}",
            code,
            ledger_path,
            state ? " (every placard issued to them is revoked)" : ""));
    }
    return *state;
}

void add_url(CLI::App& app, std::function<int()>& action)
{
    auto* command = app.add_subcommand("url", "Print the survey URL of one employee");
    auto key = std::make_shared<std::string>();
    auto base = std::make_shared<std::string>();
    auto code = std::make_shared<std::string>();
    auto generation = std::make_shared<std::uint32_t>(1);
    auto ledger_path = std::make_shared<std::string>();
    command->add_option("--key", *key, "Key file")->required();
    command->add_option("--base-url", *base, "Survey base URL, e.g. https://survey.example.ir/S")
        ->required();
    auto* generation_option =
        command->add_option("--generation", *generation, "Placard generation (default 1)")
            ->check(whole_number())
            ->check(CLI::Range(1, 999999));
    command
        ->add_option(
            "--ledger", *ledger_path, "Print the URL of the employee's live placard in this ledger")
        ->excludes(generation_option);
    command->add_option("EMPLOYEE_CODE", *code, "Employee code")->required();
    command->callback([=, &action] {
        action = [=] {
            sign::Keyring ring = sign::Keyring::load(*key);
            const sign::SigningKey* signer = &ring.active();
            std::uint32_t printed_generation = *generation;
            std::string employee_code = *code;
            if (!ledger_path->empty()) {
                ledger::PlacardState live = live_placard(*ledger_path, employee_code);
                printed_generation = live.generation;
                signer = ring.find(live.kid);
                if (signer == nullptr) {
                    throw Error(fmt::format(
                        "the live placard of {} is signed with key {}, which {} does not hold",
                        employee_code,
                        live.kid,
                        *key));
                }
            }
            std::string url = sign::make_survey_url(
                sign::normalise_base_url(*base), *signer, employee_code, printed_generation);
            std::printf("%s\n", url.c_str());
            return static_cast<int>(exit_ok);
        };
    });
}

// A signed URL is valid only if the ledger (when given) also says the placard was issued
// and not revoked.
int report_ledger_status(const std::string& ledger_path, const sign::UrlClaims& claims)
{
    ledger::LedgerOptions options;
    options.read_only = true;
    ledger::Ledger ledger(ledger_path, options);
    ledger::StatusAnswer answer =
        ledger.status(claims.kid, claims.employee_code, claims.generation);
    if (answer.status == ledger::PlacardStatus::revoked) {
        const ledger::Revocation& revocation = *answer.revocation;
        std::printf(
            "revoked: key %s, employee %s, generation %u: %s on %s\n",
            claims.kid.c_str(),
            claims.employee_code.c_str(),
            claims.generation,
            std::string(ledger::reason_name(revocation.reason)).c_str(),
            fmt::format("{:%Y-%m-%d}", fmt::gmtime(revocation.revoked_at)).c_str());
        return exit_url_revoked;
    }
    if (answer.status == ledger::PlacardStatus::unknown) {
        std::printf(
            "unknown: the signature is good, but the ledger never issued key %s, employee %s, "
            "generation %u\n",
            claims.kid.c_str(),
            claims.employee_code.c_str(),
            claims.generation);
        return exit_url_invalid;
    }
    std::printf(
        "valid: key %s, employee %s, generation %u (issued, not revoked)\n",
        claims.kid.c_str(),
        claims.employee_code.c_str(),
        claims.generation);
    return exit_ok;
}

void add_verify_url(CLI::App& app, std::function<int()>& action)
{
    auto* command = app.add_subcommand("verify-url", "Say whether a survey URL is valid");
    auto key = std::make_shared<std::string>();
    auto url = std::make_shared<std::string>();
    auto ledger = std::make_shared<std::string>();
    command->add_option("--key", *key, "Key file")->required();
    command->add_option("--ledger", *ledger, "Print ledger: also say whether it was revoked");
    command->add_option("URL", *url, "The URL to check")->required();
    command->callback([=, &action] {
        action = [=] {
            sign::Keyring ring = sign::Keyring::load(*key);
            sign::UrlVerdict verdict = sign::verify_survey_url(ring, *url);
            if (verdict.status != sign::UrlStatus::valid) {
                const char* kind = verdict.status == sign::UrlStatus::malformed ? "malformed"
                                   : verdict.status == sign::UrlStatus::unknown_key
                                       ? "unknown key"
                                       : "bad signature";
                std::printf("invalid: %s: %s\n", kind, verdict.reason.c_str());
                return static_cast<int>(exit_url_invalid);
            }
            if (!ledger->empty()) {
                return report_ledger_status(*ledger, verdict.claims);
            }
            std::printf(
                "valid: key %s, employee %s, generation %u\n",
                verdict.claims.kid.c_str(),
                verdict.claims.employee_code.c_str(),
                verdict.claims.generation);
            return static_cast<int>(exit_ok);
        };
    });
}

}  // namespace

void add_key_commands(CLI::App& app, std::function<int()>& action)
{
    add_keygen(app, action);
    add_url(app, action);
    add_verify_url(app, action);
}

}  // namespace placard::cli
