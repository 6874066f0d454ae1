#include "check/placard_checks.hpp"

#include "check/name_match.hpp"
#include "util/printable.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

namespace placard::check {

namespace {

// The placard template promises a quiet zone of four modules on every side (the QR
// standard's own minimum); a reader may not find a symbol with less.
constexpr int promised_quiet_modules = 4;

std::string short_url(const std::string& url)
{
    std::string shown = printable(url);
    return shown.size() > 100 ? shown.substr(0, 100) + "..." : shown;
}

void check_signature(
    const sign::UrlVerdict& verdict, const std::string& url, PlacardReport& placard)
{
    switch (verdict.status) {
    case sign::UrlStatus::valid:
        return;
    case sign::UrlStatus::malformed:
        add_finding(
            placard,
            Severity::error,
            "url-malformed",
            fmt::format(
                "the QR holds \"{}\", not a placard URL: {}", short_url(url), verdict.reason));
        return;
    case sign::UrlStatus::unknown_key:
        add_finding(
            placard,
            Severity::error,
            "unknown-key",
            fmt::format(
                "the URL of {} is signed with key {}, which the keyring does not hold",
                verdict.claims.employee_code,
                verdict.claims.kid));
        return;
    case sign::UrlStatus::bad_signature:
        add_finding(
            placard,
            Severity::error,
            "bad-signature",
            fmt::format(
                "the URL of {} does not carry a valid signature of key {}; it was signed with "
                "another key or altered",
                verdict.claims.employee_code,
                verdict.claims.kid));
        return;
    }
}

std::string revocation_text(const ledger::Revocation& revocation)
{
    return fmt::format(
        "{} on {:%Y-%m-%d} by {}",
        ledger::reason_name(revocation.reason),
        fmt::gmtime(revocation.revoked_at),
        printable(revocation.operator_name));
}

void check_ledger(CheckContext& context, QrReport& code, PlacardReport& placard)
{
    if (!context.ledger || code.signature != sign::UrlStatus::valid) {
        return;
    }
    const sign::UrlClaims& claims = code.claims;
    ledger::StatusAnswer answer =
        context.ledger->status(claims.kid, claims.employee_code, claims.generation);
    code.ledger_state = answer.status;
    if (answer.status == ledger::PlacardStatus::revoked) {
        add_finding(
            placard,
            Severity::error,
            "revoked",
            fmt::format(
                "{} generation {} was revoked ({})",
                claims.employee_code,
                claims.generation,
                answer.revocation ? revocation_text(*answer.revocation) : "no details"));
    } else if (answer.status == ledger::PlacardStatus::unknown) {
        add_finding(
            placard,
            Severity::error,
            "not-in-ledger",
            fmt::format(
                "the ledger never issued {} generation {} under key {}",
                claims.employee_code,
                claims.generation,
                claims.kid));
    }
}

void check_module_size(
    const CheckContext& context, const QrMeasure& measure, PlacardReport& placard)
{
    // One pixel spread over the symbol is what the measure cannot tell apart.
    double slack = measure.resolution_mm / measure.modules;
    if (measure.module_mm + slack >= context.look.min_module_mm) {
        return;
    }
    add_finding(
        placard,
        Severity::error,
        "qr-module-small",
        fmt::format(
            "QR modules measure {:.2f} mm ({:.1f} mm across {} modules), below the template's "
            "{} mm minimum",
            measure.module_mm,
            measure.side_mm,
            measure.modules,
            context.look.min_module_mm));
}

void check_quiet_zone(const QrMeasure& measure, PlacardReport& placard)
{
    double promised = promised_quiet_modules * measure.module_mm;
    // The edge of the symbol and the edge of the ink are each good to about a pixel.
    if (measure.quiet_zone_mm + 1.5 * measure.resolution_mm >= promised) {
        return;
    }
    add_finding(
        placard,
        Severity::error,
        "qr-quiet-zone-small",
        fmt::format(
            "the white margin on the {} of the QR is {:.1f} mm ({:.1f} modules), less than the "
            "{} modules ({:.1f} mm) a reader needs",
            measure.quiet_side,
            measure.quiet_zone_mm,
            measure.quiet_zone_mm / measure.module_mm,
            promised_quiet_modules,
            promised));
}

void check_measure(const CheckContext& context, const QrMeasure& measure, PlacardReport& placard)
{
    if (!measure.counted) {
        add_finding(
            placard,
            Severity::warning,
            "qr-not-measured",
            fmt::format(
                "the QR's module grid is not clear at {} dpi, so its size and quiet zone were "
                "not measured; use a higher --dpi",
                context.options.dpi));
        return;
    }
    check_module_size(context, measure, placard);
    check_quiet_zone(measure, placard);
}

void check_duplicates(
    CheckContext& context, const QrReport& code, const std::string& where, PlacardReport& placard)
{
    auto [first, fresh] = context.url_seen.emplace(code.url, where);
    if (!fresh) {
        add_finding(
            placard,
            Severity::error,
            "duplicate-url",
            fmt::format("the same URL as {} ({})", first->second, code.claims.employee_code));
        return;
    }
    if (code.signature != sign::UrlStatus::valid) {
        return;
    }
    auto [earlier, new_employee] = context.code_seen.emplace(code.claims.employee_code, where);
    if (!new_employee) {
        add_finding(
            placard,
            Severity::error,
            "duplicate-employee",
            fmt::format(
                "a second placard of {} (generation {}); {} has one already",
                code.claims.employee_code,
                code.claims.generation,
                earlier->second));
    }
}

QrReport check_code(
    CheckContext& context,
    const FoundQr& found,
    const QrMeasure& measure,
    const std::string& where,
    PlacardReport& placard)
{
    QrReport code;
    code.decoded = found.decoded;
    code.measure = measure;
    if (!found.decoded) {
        add_finding(
            placard,
            Severity::error,
            "qr-unreadable",
            fmt::format("a QR code is there but cannot be read: {}", found.problem));
        return code;
    }

    code.url = found.text;
    sign::UrlVerdict verdict = sign::verify_survey_url(context.keyring, code.url);
    code.signature = verdict.status;
    code.claims = verdict.claims;
    check_signature(verdict, code.url, placard);
    check_ledger(context, code, placard);
    check_measure(context, measure, placard);
    check_duplicates(context, code, where, placard);
    return code;
}

// The printed name is a second witness after the QR: NFKC on both sides, ZWNJ and spaces
// ignored, either reading order accepted (see docs/check.md).
void check_name(const CheckContext& context, const std::string& text, PlacardReport& placard)
{
    if (placard.codes.empty() || placard.codes.front().signature != sign::UrlStatus::valid) {
        return;
    }
    const std::string& code = placard.codes.front().claims.employee_code;
    auto known = context.roster.position.find(code);
    if (known == context.roster.position.end()) {
        return;
    }
    if (fold_for_match(text).empty()) {
        add_finding(
            placard,
            Severity::info,
            "name-not-checked",
            "the page has no text to compare the printed name with");
        return;
    }
    const RosterEmployee& employee = context.roster.expected[known->second];
    for (const auto& [part, value] :
         {std::pair{"first name", &employee.first_name}, {"last name", &employee.last_name}}) {
        if (!text_holds(text, *value)) {
            add_finding(
                placard,
                Severity::error,
                "name-mismatch",
                fmt::format(
                    "the {} of {} in the roster ({} {}) is not printed on the placard",
                    part,
                    code,
                    employee.is_row ? "row" : "line",
                    employee.line));
        }
    }
}

}  // namespace

PlacardReport check_placard(
    CheckContext& context, const std::string& file_path, const SlotRef& ref, SlotReading reading)
{
    PlacardReport placard;
    placard.file = ref.file;
    placard.slot = ref.slot;
    std::string where = fmt::format("{} {}", file_path, slot_label(ref.slot));
    if (!reading.problem.empty()) {
        add_finding(placard, Severity::error, "page-unreadable", reading.problem);
        return placard;
    }
    if (reading.codes.empty()) {
        add_finding(
            placard,
            Severity::error,
            "no-qr",
            fmt::format("no QR code found at {} dpi", context.options.dpi));
    }
    for (std::size_t i = 0; i < reading.codes.size(); ++i) {
        placard.codes.push_back(
            check_code(context, reading.codes[i], reading.measures[i], where, placard));
    }
    if (reading.codes.size() > 1) {
        add_finding(
            placard,
            Severity::error,
            "several-qr",
            fmt::format("{} QR codes on one placard; it should hold one", reading.codes.size()));
    }
    if (context.roster.used) {
        check_name(context, reading.text, placard);
    }
    return placard;
}

}  // namespace placard::check
