#include "model/resumable_rows.hpp"

#include <string>

#include "os/process.hpp"

namespace xlb {
namespace {

bool same_key(const Measurement& a, const Measurement& b) {
  return a.workload == b.workload && a.mode == b.mode && a.input == b.input && a.language == b.language &&
         a.variant == b.variant;
}

bool starts_with_interrupt(const std::string& text) { return text.starts_with(kInterruptedByUser); }

}  // namespace

using nlohmann::json;

std::optional<std::size_t> find_measurement(const ResultsDoc& doc, const Measurement& key) {
  for (std::size_t i = 0; i < doc.measurements.size(); ++i)
    if (same_key(doc.measurements[i], key)) return i;
  return std::nullopt;
}

bool interrupted_by_user(const Measurement& m) { return m.status == "failed" && starts_with_interrupt(m.reason); }

void reopen_interrupted(Measurement& m) {
  if (!interrupted_by_user(m)) return;
  m.status = "ok";
  m.reason.clear();
  std::erase_if(m.runs, [](const ProcessRun& r) { return starts_with_interrupt(r.outcome); });
  json kept = json::array();
  for (const auto& w : m.warmup)
    if (!(w.is_object() && w.contains("outcome") && w["outcome"].is_string() &&
          starts_with_interrupt(w["outcome"].get<std::string>())))
      kept.push_back(w);
  m.warmup = std::move(kept);
}

}  // namespace xlb
