// revoke, revocations and the ledger's own upkeep (merge, check).
#include "commands.hpp"
#include "exit_codes.hpp"
#include "ledger/ledger.hpp"
#include "ledger/run_identity.hpp"
#include "util/csv_writer.hpp"
#include "util/json.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <cstdio>
#include <iostream>
#include <memory>

namespace placard::cli {

namespace {

std::string iso_time(std::time_t moment)
{
    return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(moment));
}

void print_revoked(const ledger::RevokeOutcome& outcome)
{
    for (const ledger::Revocation& revoked : outcome.revoked) {
        std::printf(
            "revoked: key %s, employee %s, generation %u (%s)\n",
            revoked.kid.c_str(),
            revoked.employee_code.c_str(),
            revoked.generation,
            std::string(ledger::reason_name(revoked.reason)).c_str());
    }
    for (const ledger::Revocation& earlier : outcome.already_revoked) {
        std::printf(
            "already revoked: key %s, employee %s, generation %u (%s on %s)\n",
            earlier.kid.c_str(),
            earlier.employee_code.c_str(),
            earlier.generation,
            std::string(ledger::reason_name(earlier.reason)).c_str(),
            iso_time(earlier.revoked_at).c_str());
    }
}

void add_revoke(CLI::App& app, std::function<int()>& action)
{
    auto* command = app.add_subcommand("revoke", "Revoke placards without printing new ones");
    auto codes = std::make_shared<std::vector<std::string>>();
    auto reason = std::make_shared<std::string>();
    auto ledger_path = std::make_shared<std::string>();
    auto generation = std::make_shared<std::uint32_t>(0);
    auto wait = std::make_shared<double>(30);
    command->add_option("CODE", *codes, "Employee codes")->required();
    command->add_option("--reason", *reason, "lost, damaged, stolen, data-changed or key-leaked")
        ->required();
    command->add_option("--ledger", *ledger_path, "Print ledger")->required();
    command->add_option(
        "--generation", *generation, "Only this generation (default: every live placard)");
    command->add_option("--wait", *wait, "Seconds to wait for a run holding the ledger")
        ->check(CLI::Range(0.0, 86400.0));
    command->callback([=, &action] {
        action = [=] {
            std::optional<ledger::RevokeReason> why = ledger::parse_revoke_reason(*reason);
            if (!why) {
                throw UsageError(fmt::format(
                    "--reason \"{}\": use lost, damaged, stolen, data-changed or key-leaked",
                    *reason));
            }
            ledger::LedgerOptions options;
            options.wait = std::chrono::milliseconds(static_cast<long>(*wait * 1000));
            options.must_exist = true;
            ledger::Ledger ledger(*ledger_path, options);
            std::vector<ledger::RevokeRequest> requests;
            for (const std::string& code : *codes) {
                ledger::RevokeRequest request;
                request.employee_code = ledger.recorded_code(code);
                request.generation = *generation;
                request.reason = *why;
                request.operator_name = ledger::login_name();
                requests.push_back(request);
            }
            print_revoked(ledger.revoke(requests));
            return static_cast<int>(exit_ok);
        };
    });
}

void write_revocations_csv(const std::vector<ledger::Revocation>& revocations)
{
    std::cout << csv_record(
        {"kid", "employee_code", "generation", "reason", "revoked_at", "operator", "batch_id"});
    for (const ledger::Revocation& r : revocations) {
        std::cout << csv_record(
            {r.kid,
             r.employee_code,
             std::to_string(r.generation),
             std::string(ledger::reason_name(r.reason)),
             iso_time(r.revoked_at),
             r.operator_name,
             r.batch_id});
    }
}

void write_revocations_json(const std::vector<ledger::Revocation>& revocations)
{
    std::cout << "[";
    const char* separator = "\n";
    for (const ledger::Revocation& r : revocations) {
        std::cout << separator
                  << fmt::format(
                         "  {{\"kid\":{},\"employee_code\":{},\"generation\":{},\"reason\":\"{}\","
                         "\"revoked_at\":\"{}\"}}",
                         json_string(r.kid),
                         json_string(r.employee_code),
                         r.generation,
                         ledger::reason_name(r.reason),
                         iso_time(r.revoked_at));
        separator = ",\n";
    }
    std::cout << "\n]\n";
}

void add_revocations(CLI::App& app, std::function<int()>& action)
{
    auto* command = app.add_subcommand(
        "revocations", "Export the revoked placards (key id, employee, generation) for the server");
    auto ledger_path = std::make_shared<std::string>();
    auto format = std::make_shared<std::string>("csv");
    command->add_option("--ledger", *ledger_path, "Print ledger")->required();
    command->add_option("--format", *format, "csv or json")->check(CLI::IsMember({"csv", "json"}));
    command->callback([=, &action] {
        action = [=] {
            ledger::LedgerOptions options;
            options.read_only = true;
            ledger::Ledger ledger(*ledger_path, options);
            std::vector<ledger::Revocation> revocations = ledger.revocations();
            if (*format == "json") {
                write_revocations_json(revocations);
            } else {
                write_revocations_csv(revocations);
            }
            return static_cast<int>(exit_ok);
        };
    });
}

void add_ledger_merge(CLI::App& ledger_command, std::function<int()>& action)
{
    auto* command = ledger_command.add_subcommand(
        "merge", "Fold the ledgers of sharded runs into one; conflicts stop it, nothing merged");
    auto target = std::make_shared<std::string>();
    auto sources = std::make_shared<std::vector<std::string>>();
    command->add_option("TARGET", *target, "Ledger to merge into (created if missing)")->required();
    command->add_option("SOURCE", *sources, "Ledgers of the shards")->required();
    command->callback([=, &action] {
        action = [=] {
            std::vector<std::filesystem::path> paths(sources->begin(), sources->end());
            ledger::MergeSummary merged = ledger::Ledger::merge(*target, paths);
            std::fprintf(
                stderr,
                "placard: merged %zu ledgers into %s: %ld batches, %ld placards, %ld "
                "revocations added; %ld rows already there\n",
                paths.size(),
                target->c_str(),
                merged.batches_added,
                merged.placards_added,
                merged.revocations_added,
                merged.duplicates_skipped);
            return static_cast<int>(exit_ok);
        };
    });
}

void add_ledger_check(CLI::App& ledger_command, std::function<int()>& action)
{
    auto* command = ledger_command.add_subcommand(
        "check", "Run SQLite's integrity and foreign key checks and the ledger's own rules");
    auto path = std::make_shared<std::string>();
    command->add_option("LEDGER", *path, "Print ledger")->required();
    command->callback([=, &action] {
        action = [=] {
            ledger::LedgerOptions options;
            options.read_only = true;
            ledger::Ledger ledger(*path, options);
            std::vector<std::string> problems = ledger.integrity_check();
            for (const std::string& problem : problems) {
                std::printf("%s: %s\n", path->c_str(), problem.c_str());
            }
            if (problems.empty()) {
                std::printf("%s: ok\n", path->c_str());
            }
            return static_cast<int>(problems.empty() ? exit_ok : exit_failed);
        };
    });
}

}  // namespace

void add_ledger_commands(CLI::App& app, std::function<int()>& action)
{
    add_revoke(app, action);
    add_revocations(app, action);
    auto* ledger_command = app.add_subcommand("ledger", "Look after print ledgers");
    ledger_command->require_subcommand(1);
    add_ledger_merge(*ledger_command, action);
    add_ledger_check(*ledger_command, action);
}

}  // namespace placard::cli
