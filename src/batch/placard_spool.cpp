#include "batch/placard_spool.hpp"

#include <stdexcept>
#include <string_view>

namespace placard::batch {

namespace {

// A record is its fields one after the other: a number as 4 bytes, least significant
// first; a string as its length in that form, then its bytes.
void put_number(std::string& record, std::uint32_t number)
{
    for (int shift = 0; shift < 32; shift += 8) {
        record.push_back(static_cast<char>((number >> shift) & 0xFFU));
    }
}

void put_text(std::string& record, const std::string& text)
{
    put_number(record, static_cast<std::uint32_t>(text.size()));
    record += text;
}

template <typename Enum>
void put_enum(std::string& record, Enum value)
{
    put_number(record, static_cast<std::uint32_t>(value));
}

class RecordReader {
public:
    explicit RecordReader(std::string_view record)
        : rest_(record)
    {}

    std::uint32_t number()
    {
        std::string_view bytes = take(4);
        std::uint32_t number = 0;
        for (int at = 3; at >= 0; --at) {
            number =
                (number << 8) | static_cast<unsigned char>(bytes[static_cast<std::size_t>(at)]);
        }
        return number;
    }

    std::string text() { return std::string(take(number())); }

    template <typename Enum>
    Enum enumeration()
    {
        return static_cast<Enum>(number());
    }

    bool at_end() const { return rest_.empty(); }

private:
    std::string_view take(std::size_t size)
    {
        // The file is this process's own and was written just before: a short record is
        // a bug, not bad input.
        if (size > rest_.size()) {
            throw std::logic_error("a spooled placard record is shorter than written");
        }
        std::string_view bytes = rest_.substr(0, size);
        rest_.remove_prefix(size);
        return bytes;
    }

    std::string_view rest_;
};

}  // namespace

PlacardSpool::PlacardSpool(const std::filesystem::path& folder)
    : file_(folder, "the placards waiting to be drawn")
{}

void PlacardSpool::append(
    const roster::Employee& employee, const IssueDecision& decision, const std::string& url)
{
    record_.clear();
    put_text(record_, employee.employee_code);
    put_text(record_, employee.first_name);
    put_text(record_, employee.last_name);
    put_text(record_, employee.job_title);
    put_text(record_, employee.office);
    put_text(record_, employee.agency);
    put_text(record_, employee.city);
    put_text(record_, employee.province);
    put_enum(record_, employee.gender);
    put_enum(record_, decision.action);
    put_number(record_, decision.generation);
    put_text(record_, decision.kid);
    put_number(record_, decision.revoked_generation);
    put_text(record_, decision.revoked_kid);
    put_enum(record_, decision.reason);
    put_text(record_, decision.fields_digest);
    put_text(record_, url);

    file_.write(record_.data(), record_.size());
    offsets_.push_back(offsets_.back() + record_.size());
}

SpooledPlacard PlacardSpool::read(std::size_t ordinal)
{
    if (ordinal >= size()) {
        throw std::out_of_range("no spooled placard has this ordinal");
    }
    file_.read_at(offsets_[ordinal], offsets_[ordinal + 1] - offsets_[ordinal], record_);
    RecordReader reader(record_);

    SpooledPlacard placard;
    roster::Employee& employee = placard.employee;
    IssueDecision& decision = placard.decision;
    employee.employee_code = reader.text();
    employee.first_name = reader.text();
    employee.last_name = reader.text();
    employee.job_title = reader.text();
    employee.office = reader.text();
    employee.agency = reader.text();
    employee.city = reader.text();
    employee.province = reader.text();
    employee.gender = reader.enumeration<roster::Gender>();
    decision.action = reader.enumeration<IssueAction>();
    decision.generation = reader.number();
    decision.kid = reader.text();
    decision.revoked_generation = reader.number();
    decision.revoked_kid = reader.text();
    decision.reason = reader.enumeration<ledger::RevokeReason>();
    decision.fields_digest = reader.text();
    placard.url = reader.text();
    if (!reader.at_end()) {
        throw std::logic_error("a spooled placard record is longer than read");
    }
    return placard;
}

}  // namespace placard::batch
