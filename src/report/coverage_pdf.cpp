// The PDF report: a summary page, a bar chart of coverage per group and the tables, on
// A4 pages laid out right to left.
#include "report/coverage_pdf.hpp"

#include "render/font_setup.hpp"
#include "render/pdf_document.hpp"
#include "report/coverage_output.hpp"
#include "report/iso_time.hpp"
#include "report/report_canvas.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/persian.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

namespace placard::report {

namespace {

constexpr double page_width = 595.276;  // A4 in points
constexpr double page_height = 841.89;
constexpr double margin = 42.5;  // 15 mm
constexpr double content_width = page_width - 2 * margin;
constexpr double row_height = 18.5;
constexpr double table_top = margin + 46;

constexpr Rgb ink{0.1, 0.1, 0.1};
constexpr Rgb muted{0.4, 0.4, 0.4};
constexpr Rgb brand{0.05, 0.32, 0.42};
constexpr Rgb rule{0.85, 0.85, 0.85};
constexpr Rgb stripe{0.95, 0.96, 0.97};

const char* field_word(GroupBy by)
{
    switch (by) {
    case GroupBy::province:
        return "استان";
    case GroupBy::city:
        return "شهر";
    case GroupBy::agency:
        return "دستگاه";
    case GroupBy::office:
        return "واحد";
    }
    return "استان";
}

// "استان / شهر" for --by province,city.
std::string group_word(const Grouping& grouping)
{
    std::string words;
    for (GroupBy field : grouping) {
        words += words.empty() ? "" : " / ";
        words += field_word(field);
    }
    return words;
}

const char* gap_label(Gap gap)
{
    switch (gap) {
    case Gap::never_printed:
        return "هرگز چاپ نشده";
    case Gap::revoked:
        return "باطل شده";
    case Gap::row_rejected:
        return "ردیف رد شده";
    }
    return "";
}

const char* follow_up_label(FollowUpKind kind)
{
    switch (kind) {
    case FollowUpKind::outdated:
        return "مشخصات تغییر کرده";
    case FollowUpKind::row_rejected:
        return "ردیف رد شده";
    case FollowUpKind::never_scanned:
        return "بدون اسکن";
    }
    return "";
}

// Latin text (a time, a file path) kept left to right inside a right-to-left line:
// without the isolate, "2026-03-01T08:00Z" and "/srv/hr/roster.csv" come out scrambled.
std::string left_to_right(const std::string& text)
{
    return "\u2066" + text + "\u2069";
}

std::string number(long value)
{
    return to_persian_digits(std::to_string(value));
}

// "۶۶٫۶٪": Persian digits, the Arabic decimal separator and percent sign.
std::string persian_percent(const GroupFigures& figures)
{
    std::string text = to_persian_digits(percent_text(figures));
    std::size_t dot = text.find('.');
    if (dot != std::string::npos) {
        text.replace(dot, 1, "\u066B");
    }
    return text + "\u066A";
}

// Green from 95 %, amber from 75 %, red below: the chart is read from across a room.
Rgb bar_colour(const GroupFigures& figures)
{
    long tenths = figures.employees == 0 ? 1000 : figures.covered * 1000 / figures.employees;
    if (tenths >= 950) {
        return {0.18, 0.55, 0.34};
    }
    return tenths >= 750 ? Rgb{0.85, 0.6, 0.1} : Rgb{0.78, 0.2, 0.18};
}

int pages_for(std::size_t rows, int per_page)
{
    return static_cast<int>((rows + static_cast<std::size_t>(per_page) - 1) / per_page);
}

// A table column, placed from the right edge of the page leftwards.
struct Column {
    std::string title;
    double width;
    Align align = Align::start;
};

using RowCells = std::function<std::vector<std::string>(std::size_t)>;

struct TableSpec {
    std::string title;
    std::vector<Column> columns;
    std::size_t rows = 0;
    RowCells cells;
};

class CoveragePdf {
public:
    CoveragePdf(const CoverageReport& report, ReportCanvas& canvas, render::PdfDocument& pdf)
        : report_(report)
        , canvas_(canvas)
        , pdf_(pdf)
        , plan_(plan_pdf_pages(report))
    {}

    void draw();

private:
    std::string group_name(const std::string& name) const;
    void heading(const std::string& title);
    void end_page();
    void summary_page();
    void summary_line(double& y, const std::string& label, const std::string& value);
    void chart_pages();
    void chart_bar(const GroupFigures& group, double y);
    void table_pages(const TableSpec& table);
    void table_row(
        const TableSpec& table, const std::vector<std::string>& cells, double y, bool bold);
    TableSpec groups_table() const;
    TableSpec uncovered_table() const;
    TableSpec follow_up_table() const;
    TableSpec offices_table() const;

    const CoverageReport& report_;
    ReportCanvas& canvas_;
    render::PdfDocument& pdf_;
    PdfPagePlan plan_;
    int page_ = 1;
};

std::string CoveragePdf::group_name(const std::string& name) const
{
    return name.empty() ? fmt::format("(بدون {})", group_word(report_.by)) : name;
}

void CoveragePdf::heading(const std::string& title)
{
    canvas_.colour(brand);
    canvas_.text(title, margin, margin, content_width, 17, Align::start, true);
    canvas_.rectangle(margin, margin + 30, content_width, 1.2, brand);
}

// Every page ends with its number and what the report is, so a loose sheet is placed.
void CoveragePdf::end_page()
{
    canvas_.colour(muted);
    std::string footer = fmt::format(
        "صفحهٔ {} از {} — گزارش پوشش پلاکاردها، {}",
        number(page_),
        number(plan_.total()),
        solar_hijri_date(report_.as_of));
    canvas_.text(footer, margin, page_height - margin + 8, content_width, 8, Align::centre);
    pdf_.end_page();
    ++page_;
}

void CoveragePdf::summary_line(double& y, const std::string& label, const std::string& value)
{
    canvas_.colour(ink);
    canvas_.text(label, margin + content_width - 260, y, 260, 12, Align::start);
    canvas_.text(value, margin + content_width - 420, y, 150, 12, Align::start, true);
    y += 24;
}

void CoveragePdf::summary_page()
{
    const GroupFigures& total = report_.total;
    heading("گزارش پوشش پلاکاردهای نظرسنجی");
    canvas_.colour(muted);
    canvas_.text(
        fmt::format(
            "به تفکیک {}، تا {} {}",
            group_word(report_.by),
            solar_hijri_date(report_.as_of),
            left_to_right("(" + format_iso_time(report_.as_of) + ")")),
        margin,
        margin + 38,
        content_width,
        10);

    canvas_.colour(bar_colour(total));
    canvas_.text(
        persian_percent(total), margin, margin + 80, content_width, 54, Align::centre, true);
    canvas_.colour(ink);
    canvas_.text(
        "از کارکنان پلاکارد معتبر دارند", margin, margin + 160, content_width, 13, Align::centre);

    double y = margin + 220;
    summary_line(y, "کارکنان فعال", number(total.employees));
    summary_line(y, "دارای پلاکارد معتبر", number(total.covered));
    summary_line(y, "بدون پلاکارد", number(total.employees - total.covered));
    summary_line(y, "پلاکارد با مشخصات قدیمی", number(total.outdated));
    if (report_.with_scans) {
        summary_line(y, "اسکن‌شده دست کم یک بار", number(total.scanned));
        summary_line(
            y,
            fmt::format("بدون اسکن پس از {} روز", number(report_.stale_days)),
            number(total.never_scanned));
    }
    if (report_.with_reports) {
        summary_line(
            y,
            "واحدهای گزارش‌شده از سوی مردم",
            number(report_.total.reported_offices));
    }

    y += 16;
    canvas_.colour(muted);
    canvas_.text(
        fmt::format("فهرست کارکنان: {}", left_to_right(report_.roster)),
        margin,
        y,
        content_width,
        9);
    canvas_.text(
        fmt::format("دفتر چاپ: {}", left_to_right(report_.ledger)),
        margin,
        y + 16,
        content_width,
        9);
    end_page();
}

void CoveragePdf::chart_bar(const GroupFigures& group, double y)
{
    const double label_width = 150;
    const double value_width = 60;
    const double track_width = content_width - label_width - value_width - 16;
    const double track_right = margin + value_width + 8 + track_width;

    canvas_.colour(ink);
    canvas_.text(
        group_name(group.name), margin + content_width - label_width, y + 3, label_width, 10);
    canvas_.rectangle(track_right - track_width, y + 4, track_width, 14, stripe);
    double filled = track_width * std::clamp(group.percent(), 0.0, 100.0) / 100.0;
    canvas_.rectangle(track_right - filled, y + 4, filled, 14, bar_colour(group));
    canvas_.colour(ink);
    canvas_.text(persian_percent(group), margin, y + 3, value_width, 10, Align::end, true);
}

// Bars grow from the right, as the page reads; the longest bar is full coverage.
void CoveragePdf::chart_pages()
{
    const std::vector<GroupFigures>& groups = report_.groups;
    for (std::size_t first = 0; first < groups.size(); first += pdf_bars_per_page) {
        heading(fmt::format("درصد پوشش به تفکیک {}", group_word(report_.by)));
        std::size_t last = std::min(groups.size(), first + pdf_bars_per_page);
        for (std::size_t i = first; i < last; ++i) {
            chart_bar(groups[i], table_top + static_cast<double>(i - first) * 26);
        }
        end_page();
    }
}

void CoveragePdf::table_row(
    const TableSpec& table, const std::vector<std::string>& cells, double y, bool bold)
{
    double right = margin + content_width;
    for (std::size_t c = 0; c < table.columns.size() && c < cells.size(); ++c) {
        const Column& column = table.columns[c];
        canvas_.text(
            cells[c], right - column.width + 2, y + 3, column.width - 4, 8.5, column.align, bold);
        right -= column.width;
    }
}

void CoveragePdf::table_pages(const TableSpec& table)
{
    std::vector<std::string> titles;
    for (const Column& column : table.columns) {
        titles.emplace_back(column.title);
    }
    for (std::size_t first = 0; first < table.rows; first += pdf_rows_per_page) {
        heading(table.title);
        canvas_.rectangle(margin, table_top, content_width, row_height, rule);
        canvas_.colour(ink);
        table_row(table, titles, table_top, true);
        std::size_t last = std::min(table.rows, first + pdf_rows_per_page);
        for (std::size_t i = first; i < last; ++i) {
            double y = table_top + static_cast<double>(i - first + 1) * row_height;
            if ((i - first) % 2 == 1) {
                canvas_.rectangle(margin, y, content_width, row_height, stripe);
            }
            canvas_.colour(ink);
            table_row(table, table.cells(i), y, false);
        }
        end_page();
    }
}

TableSpec CoveragePdf::groups_table() const
{
    TableSpec table;
    table.title = fmt::format("پوشش به تفکیک {}", group_word(report_.by));
    table.columns = {
        {group_word(report_.by), 0},
        {"کارکنان", 52, Align::centre},
        {"دارای پلاکارد", 62, Align::centre},
        {"درصد", 52, Align::centre},
        {"قدیمی", 62, Align::centre}};
    if (report_.with_scans) {
        table.columns.push_back({"اسکن‌شده", 52, Align::centre});
        table.columns.push_back({"بدون اسکن", 52, Align::centre});
    }
    if (report_.with_reports) {
        table.columns.push_back({"واحد گزارش‌شده", 62, Align::centre});
    }
    double used = 0;
    for (const Column& column : table.columns) {
        used += column.width;
    }
    table.columns[0].width = content_width - used;

    // The groups, then the whole roster as the last row.
    table.rows = report_.groups.size() + 1;
    table.cells = [this](std::size_t i) {
        bool total = i == report_.groups.size();
        const GroupFigures& g = total ? report_.total : report_.groups[i];
        std::vector<std::string> cells = {
            total ? std::string("همه") : group_name(g.name),
            number(g.employees),
            number(g.covered),
            persian_percent(g),
            number(g.outdated)};
        if (report_.with_scans) {
            cells.push_back(number(g.scanned));
            cells.push_back(number(g.never_scanned));
        }
        if (report_.with_reports) {
            cells.push_back(number(g.reported_offices));
        }
        return cells;
    };
    return table;
}

std::vector<Column> employee_columns(const char* status_title)
{
    return {
        {"ردیف", 36, Align::centre},
        {"کد کارمند", 58, Align::centre},
        {"نام", 88},
        {"واحد", 88},
        {"گروه", 58},
        {status_title, 72},
        {"شرح", content_width - 400, Align::end}};
}

std::vector<std::string> employee_cells(
    const EmployeeRef& who, const std::string& group, const char* status, const std::string& detail)
{
    return {
        number(who.line),
        who.employee_code,
        who.name,
        who.office,
        group,
        status,
        left_to_right(detail)};
}

TableSpec CoveragePdf::uncovered_table() const
{
    TableSpec table;
    table.title = fmt::format(
        "کارکنان بدون پلاکارد معتبر ({})", number(static_cast<long>(report_.uncovered.size())));
    table.columns = employee_columns("علت");
    table.rows = report_.uncovered.size();
    table.cells = [this](std::size_t i) {
        const UncoveredEmployee& e = report_.uncovered[i];
        // "never printed" says it all; the other reasons have a code and a date to show.
        std::string detail = e.gap == Gap::never_printed ? std::string() : e.detail;
        return employee_cells(e.who, group_name(e.who.group), gap_label(e.gap), detail);
    };
    return table;
}

TableSpec CoveragePdf::follow_up_table() const
{
    TableSpec table;
    table.title = fmt::format(
        "پلاکاردهای نیازمند پیگیری ({})", number(static_cast<long>(report_.follow_ups.size())));
    table.columns = employee_columns("موضوع");
    table.rows = report_.follow_ups.size();
    table.cells = [this](std::size_t i) {
        const FollowUp& f = report_.follow_ups[i];
        return employee_cells(f.who, group_name(f.who.group), follow_up_label(f.kind), f.detail);
    };
    return table;
}

TableSpec CoveragePdf::offices_table() const
{
    TableSpec table;
    table.title =
        "واحدهایی که مردم نبود پلاکارد را گزارش کرده‌اند";
    table.columns = {
        {"واحد", 130},
        {"شهر", 80},
        {"دستگاه", 100},
        {"گزارش", 45, Align::centre},
        {"آخرین گزارش", 70, Align::centre},
        {"کارکنان", 45, Align::centre},
        {"دارای پلاکارد", content_width - 470, Align::centre}};
    table.rows = report_.reported_offices.size();
    table.cells = [this](std::size_t i) {
        const ReportedOffice& o = report_.reported_offices[i];
        return std::vector<std::string>{
            o.office,
            o.city.empty() ? "(هر شهر)" : o.city,
            o.agency.empty() ? "(هر دستگاه)" : o.agency,
            number(o.reports),
            o.last_reported ? solar_hijri_date(*o.last_reported) : "-",
            number(o.employees),
            number(o.covered)};
    };
    return table;
}

void CoveragePdf::draw()
{
    summary_page();
    chart_pages();
    table_pages(groups_table());
    table_pages(uncovered_table());
    table_pages(follow_up_table());
    table_pages(offices_table());
    if (page_ - 1 != plan_.total()) {
        throw std::logic_error("coverage PDF: pages drawn differ from the plan");
    }
}

}  // namespace

PdfPagePlan plan_pdf_pages(const CoverageReport& report)
{
    PdfPagePlan plan;
    plan.chart = pages_for(report.groups.size(), pdf_bars_per_page);
    plan.groups = pages_for(report.groups.size() + 1, pdf_rows_per_page);
    plan.uncovered = pages_for(report.uncovered.size(), pdf_rows_per_page);
    plan.follow_ups = pages_for(report.follow_ups.size(), pdf_rows_per_page);
    plan.reported_offices = pages_for(report.reported_offices.size(), pdf_rows_per_page);
    return plan;
}

void write_coverage_pdf(
    const CoverageReport& report,
    const std::filesystem::path& output,
    const std::filesystem::path& font_dir)
{
    render::FontSetup fonts("Vazirmatn", font_dir);
    if (!fonts.family_available()) {
        throw Error(fmt::format(
            "font Vazirmatn is not installed (fontconfig offered {}); run scripts/setup.sh",
            fonts.resolved_family()));
    }

    AtomicFile file(output);
    render::PdfDocument pdf(
        file,
        page_width,
        page_height,
        {fmt::format("placard coverage by {}", grouping_name(report.by)),
         "placard " PLACARD_VERSION,
         format_iso_time(report.as_of)});
    ReportCanvas canvas(fonts, pdf.context());
    CoveragePdf(report, canvas, pdf).draw();
    pdf.finish();
    file.commit();
}

}  // namespace placard::report
