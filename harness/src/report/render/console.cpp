// Console renderer: what a user reads at the end of a run.
#include <algorithm>

#include "report/render/renderers.hpp"

namespace xlb::report {
namespace {

// Counts UTF-8 code points so non-ASCII names do not shift the columns.
size_t width_of(const std::string& s) {
  size_t chars = 0;
  for (unsigned char c : s) chars += (c & 0xC0) != 0x80;
  return chars;
}

void write_table(const Table& t, const std::string& indent, std::ostream& out) {
  if (!t.title.empty()) out << indent << t.title << "\n";
  std::vector<size_t> widths(t.header.size(), 0);
  auto widen = [&](const std::vector<std::string>& cells) {
    // The last column (often a status or a reason) may be long: it sets no width.
    for (size_t i = 0; i + 1 < cells.size() && i < widths.size(); ++i) widths[i] = std::max(widths[i], width_of(cells[i]));
  };
  widen(t.header);
  for (const auto& r : t.rows) widen(r.cells);
  auto line = [&](const std::vector<std::string>& cells) {
    out << indent << "  ";
    for (size_t i = 0; i < cells.size(); ++i) {
      out << cells[i];
      if (i + 1 < cells.size()) out << std::string((i < widths.size() ? widths[i] : 0) - width_of(cells[i]) + 2, ' ');
    }
    out << "\n";
  };
  line(t.header);
  for (const auto& r : t.rows) line(r.cells);
  for (const auto& note : t.notes) out << indent << "  " << note << "\n";
}

// True when the console would print anything of the section besides its title.
bool has_console_content(const Section& s) {
  for (const auto& block : s.blocks) {
    if (const auto* p = std::get_if<Paragraph>(&block); p && p->tone != Tone::muted) return true;
    if (const auto* t = std::get_if<Table>(&block); t && !t->detail && t->folded.empty()) return true;
  }
  for (const auto& child : s.children)
    if (has_console_content(child)) return true;
  return false;
}

void write_section(const Section& s, int depth, std::ostream& out) {
  if (!has_console_content(s)) return;
  const std::string indent(depth == 0 ? 0 : 1, ' ');
  out << "\n" << (depth == 0 ? "== " + s.title + " ==" : indent + s.title) << "\n";
  for (const auto& block : s.blocks) {
    if (const auto* p = std::get_if<Paragraph>(&block)) {
      if (p->tone == Tone::plain) out << indent << p->text << "\n";
      else if (p->tone == Tone::warning) out << indent << "! " << p->text << "\n";
    } else if (const auto* t = std::get_if<Table>(&block)) {
      if (!t->detail && t->folded.empty()) write_table(*t, indent, out);
    }
  }
  for (const auto& child : s.children) write_section(child, depth + 1, out);
}

}  // namespace

void render_console(const Report& report, std::ostream& out) {
  out << "xlbench run " << report.run_id << " (" << report.headline << ")\n";
  for (const auto& s : report.sections)
    write_section(s, 0, out);  // "How to read this" is all explanation: has_console_content skips it
  out << "\nDetails, every table and the charts: report.md and report.html next to results.json.\n";
}

}  // namespace xlb::report
