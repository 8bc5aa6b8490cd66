#include "checks/csv_checksum.hpp"

#include <algorithm>
#include <cstdint>
#include <map>

#include "core/errors.hpp"

namespace xlb {
namespace {

struct Column {
  std::int64_t n = 0, sum = 0, min = 0, max = 0;
};

struct Group {
  std::int64_t count = 0;
  std::vector<Column> columns;
};

// Optional sign, then 1 to 18 ASCII digits and nothing else (fits in int64).
bool parse_int(const std::string& s, std::int64_t& out) {
  size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  const size_t digits = s.size() - i;
  if (digits < 1 || digits > 18) return false;
  std::int64_t v = 0;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = s[0] == '-' ? -v : v;
  return true;
}

size_t column_index(const std::vector<std::string>& header, const std::string& name) {
  auto it = std::find(header.begin(), header.end(), name);
  if (it == header.end()) throw InputError("csv params: column '" + name + "' is not in the header");
  return static_cast<size_t>(it - header.begin());
}

std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 14695981039346656037ULL;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
  return h;
}

}  // namespace

std::vector<std::vector<std::string>> parse_csv(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool in_quotes = false;
  bool at_field_start = true;  // a quote here opens a quoted field
  bool was_quoted = false;     // `""` alone is an empty field, not an empty line
  auto end_field = [&] {
    record.push_back(std::move(field));
    field.clear();
    at_field_start = true;
    was_quoted = false;
  };
  auto end_record = [&] {
    if (record.empty() && field.empty() && !was_quoted) return;  // empty line
    end_field();
    records.push_back(std::move(record));
    record.clear();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool crlf = c == '\r' && i + 1 < text.size() && text[i + 1] == '\n';
    if (in_quotes) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        in_quotes = false;
      } else if (!crlf) {  // CRLF inside quotes reads as LF, as Go's encoding/csv does
        field += c;
      }
    } else if (c == '"' && at_field_start) {
      in_quotes = was_quoted = true;
      at_field_start = false;
    } else if (c == ',') {
      end_field();
      record.reserve(record.size() + 1);
    } else if (c == '\n') {
      end_record();
    } else if (!crlf) {
      field += c;  // lenient: a quote inside an unquoted field is data
      at_field_start = false;
    }
  }
  end_record();
  return records;
}

namespace {

struct Aggregate {
  std::string text;
  std::int64_t groups = 0, rows = 0, bad_rows = 0;
};

Aggregate aggregate(std::string_view text, const nlohmann::json& params) {
  if (!params.contains("key") || !params["key"].is_string() || !params.contains("int_columns") ||
      !params["int_columns"].is_array())
    throw InputError("csv params need a string 'key' and an array 'int_columns'");
  auto records = parse_csv(text);
  if (records.empty()) throw InputError("csv input has no header");
  const auto& header = records.front();
  const size_t key = column_index(header, params["key"].get<std::string>());
  std::vector<size_t> cols;
  for (const auto& c : params["int_columns"]) cols.push_back(column_index(header, c.get<std::string>()));

  std::map<std::string, Group> groups;  // std::string compares bytewise (char_traits<char>)
  std::int64_t rows = 0, bad = 0;
  for (size_t r = 1; r < records.size(); ++r) {
    const auto& rec = records[r];
    if (rec.size() != header.size()) {
      ++bad;
      continue;
    }
    ++rows;
    auto& g = groups[rec[key]];
    if (g.columns.empty()) g.columns.resize(cols.size());
    ++g.count;
    for (size_t c = 0; c < cols.size(); ++c) {
      std::int64_t v;
      if (!parse_int(rec[cols[c]], v)) continue;
      auto& col = g.columns[c];
      col.min = col.n == 0 ? v : std::min(col.min, v);
      col.max = col.n == 0 ? v : std::max(col.max, v);
      col.sum = static_cast<std::int64_t>(static_cast<std::uint64_t>(col.sum) + static_cast<std::uint64_t>(v));
      ++col.n;
    }
  }
  std::string out;
  for (const auto& [k, g] : groups) {
    out += k + "\t" + std::to_string(g.count);
    for (const auto& col : g.columns)
      out += "\t" + std::to_string(col.n) + "\t" + std::to_string(col.sum) + "\t" + std::to_string(col.min) + "\t" +
             std::to_string(col.max);
    out += "\n";
  }
  out += "rows\t" + std::to_string(rows) + "\tbad_rows\t" + std::to_string(bad) + "\n";
  return {out, static_cast<std::int64_t>(groups.size()), rows, bad};
}

}  // namespace

std::string csv_aggregate_text(std::string_view text, const nlohmann::json& params) {
  return aggregate(text, params).text;
}

nlohmann::json csv_checksum(std::string_view text, const nlohmann::json& params) {
  const auto a = aggregate(text, params);
  return {{"groups", a.groups},
          {"rows", a.rows},
          {"bad_rows", a.bad_rows},
          {"output_bytes", static_cast<std::int64_t>(a.text.size())},
          {"output_fnv1a", static_cast<std::int64_t>(fnv1a(a.text))}};
}

}  // namespace xlb
