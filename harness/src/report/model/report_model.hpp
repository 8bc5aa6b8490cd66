#pragma once
// One report model: a results document becomes sections of paragraphs, tables
// and charts once (report/sections), and every format renders that model
// (report/render). A renderer never looks at measurements or kinds.
#include <nlohmann/json.hpp>
#include <string>
#include <variant>
#include <vector>

namespace xlb::report {

enum class Tone {
  plain,    // every format
  muted,    // explanations: Markdown and HTML, not the console summary
  warning,  // changes how to read the numbers: every format, highlighted
};

struct Paragraph {
  std::string text;
  Tone tone = Tone::plain;
};

struct Row {
  std::vector<std::string> cells;
  std::string tag;  // "bad" for an invalid or failed row, "v-<verdict>" for claims; HTML uses it as a class
};

struct Table {
  std::string title;  // may be empty
  std::vector<std::string> header;
  std::vector<Row> rows;
  std::vector<std::string> notes;  // lines under the table (ratios, saturation), every format
  bool detail = false;             // numbers behind a chart: Markdown and HTML, not the console
  std::string folded;              // non-empty: HTML folds the table away behind this summary

  Table() = default;
  Table(std::string table_title, std::vector<std::string> columns)
      : title(std::move(table_title)), header(std::move(columns)) {}
  void add(std::vector<std::string> cells, std::string tag = "") { rows.push_back({std::move(cells), std::move(tag)}); }
};

// A chart spec for the HTML page script (report/render/html_charts.hpp says its shape); text
// formats point at the table that holds its numbers.
struct Chart {
  nlohmann::json spec;
  int height_px = 300;
  std::string title, caption;
};

// Charts drawn side by side on a wide screen.
struct ChartRow {
  std::vector<Chart> charts;
};

using Block = std::variant<Paragraph, Table, ChartRow>;

struct Section {
  std::string id;     // unique in the report, used as the HTML anchor
  std::string title;  // top-level sections: the workload or topic; children: the cell or endpoint
  std::string kind;   // the workload kind, or the topic ("findings", "claims", ...)
  std::vector<Block> blocks;
  std::vector<Section> children;

  Section& paragraph(std::string text, Tone tone = Tone::plain) {
    blocks.emplace_back(Paragraph{std::move(text), tone});
    return *this;
  }
  Section& table(Table t) {
    blocks.emplace_back(std::move(t));
    return *this;
  }
  Section& charts(std::vector<Chart> row) {
    if (!row.empty()) blocks.emplace_back(ChartRow{std::move(row)});
    return *this;
  }
};

struct Report {
  std::string run_id;
  std::string headline;  // one line under the title: status, plan, CPU
  std::vector<Section> sections;
};

// The model as JSON (xlbench report -f model): what every other format renders.
nlohmann::json to_json(const Report& report);

}  // namespace xlb::report
