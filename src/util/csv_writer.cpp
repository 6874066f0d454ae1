#include "util/csv_writer.hpp"

namespace placard {

namespace {

bool starts_like_formula(const std::string& cell)
{
    return !cell.empty() && std::string("=+-@\t\r").find(cell.front()) != std::string::npos;
}

std::string csv_cell(const std::string& raw)
{
    std::string cell = starts_like_formula(raw) ? "'" + raw : raw;
    if (cell.find_first_of(",\"\r\n") == std::string::npos) {
        return cell;
    }
    std::string quoted = "\"";
    for (char c : cell) {
        quoted += c;
        if (c == '"') {
            quoted += '"';
        }
    }
    return quoted + "\"";
}

}  // namespace

std::string csv_record(const std::vector<std::string>& cells)
{
    std::string record;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i > 0) {
            record += ',';
        }
        record += csv_cell(cells[i]);
    }
    return record + "\r\n";
}

}  // namespace placard
