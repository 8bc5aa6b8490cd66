// Markdown renderer: report.md, also fit for a CI job summary.
#include "core/format.hpp"
#include "report/render/renderers.hpp"

namespace xlb::report {
namespace {

void write_table(const Table& t, std::ostream& out) {
  if (!t.title.empty()) out << "**" << markdown_cell(t.title) << "**\n\n";
  out << "|";
  for (const auto& h : t.header) out << " " << markdown_cell(h) << " |";
  out << "\n|";
  for (size_t i = 0; i < t.header.size(); ++i) out << "---|";
  out << "\n";
  for (const auto& r : t.rows) {
    out << "|";
    for (size_t i = 0; i < t.header.size(); ++i) out << " " << markdown_cell(i < r.cells.size() ? r.cells[i] : "") << " |";
    out << "\n";
  }
  out << "\n";
  for (const auto& note : t.notes) out << "- " << note << "\n";
  if (!t.notes.empty()) out << "\n";
}

void write_section(const Section& s, int depth, std::ostream& out) {
  out << std::string(static_cast<size_t>(depth) + 2, '#') << " " << s.title << "\n\n";
  for (const auto& block : s.blocks) {
    if (const auto* p = std::get_if<Paragraph>(&block)) {
      out << (p->tone == Tone::warning ? "> **Read with care:** " : "") << p->text << "\n\n";
    } else if (const auto* t = std::get_if<Table>(&block)) {
      write_table(*t, out);
    }
  }
  for (const auto& child : s.children) write_section(child, depth + 1, out);
}

}  // namespace

void render_markdown(const Report& report, std::ostream& out) {
  out << "# xlbench run " << report.run_id << "\n\n" << report.headline << "\n\n";
  for (const auto& s : report.sections) write_section(s, 0, out);
}

}  // namespace xlb::report
