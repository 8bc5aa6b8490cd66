#include "report/model/report_model.hpp"

namespace xlb::report {
namespace {

using nlohmann::json;

const char* tone_name(Tone t) {
  switch (t) {
    case Tone::plain: return "plain";
    case Tone::muted: return "muted";
    case Tone::warning: return "warning";
  }
  return "plain";
}

json block_json(const Block& block) {
  if (const auto* p = std::get_if<Paragraph>(&block)) return {{"paragraph", p->text}, {"tone", tone_name(p->tone)}};
  if (const auto* t = std::get_if<Table>(&block)) {
    json rows = json::array();
    for (const auto& r : t->rows) rows.push_back({{"cells", r.cells}, {"tag", r.tag}});
    return {{"table", t->title}, {"header", t->header}, {"rows", rows}, {"notes", t->notes}, {"detail", t->detail}};
  }
  json charts = json::array();
  for (const auto& c : std::get<ChartRow>(block).charts)
    charts.push_back({{"title", c.title}, {"caption", c.caption}, {"spec", c.spec}});
  return {{"charts", charts}};
}

json section_json(const Section& s) {
  json blocks = json::array(), children = json::array();
  for (const auto& b : s.blocks) blocks.push_back(block_json(b));
  for (const auto& c : s.children) children.push_back(section_json(c));
  return {{"id", s.id}, {"title", s.title}, {"kind", s.kind}, {"blocks", blocks}, {"children", children}};
}

}  // namespace

json to_json(const Report& report) {
  json sections = json::array();
  for (const auto& s : report.sections) sections.push_back(section_json(s));
  return {{"run_id", report.run_id}, {"headline", report.headline}, {"sections", sections}};
}

}  // namespace xlb::report
