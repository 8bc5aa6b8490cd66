#include "model/server_plan.hpp"

namespace xlb {

ServerPlan quick_server_plan() {
  ServerPlan p;
  // One closed and one open phase per endpoint keeps the quick suite within its time budget;
  // the full plan sweeps connections and loads at 50% as well.
  p.connections = {64};
  p.open_percents = {90};
  p.warmup_ms = 100;
  p.window_ms = 500;
  p.rounds = 1;
  return p;
}

ServerPlan full_server_plan() { return ServerPlan{}; }

nlohmann::json server_plan_json(const ServerPlan& p) {
  return {{"connections", p.connections}, {"open_percents", p.open_percents},
          {"warmup_ms", p.warmup_ms},     {"window_ms", p.window_ms},     {"interval_ms", p.interval_ms},
          {"rounds", p.rounds},           {"ready_timeout_ms", p.ready_timeout_ms},
          {"term_grace_ms", p.term_grace_ms}, {"request_timeout_ms", p.request_timeout_ms}};
}

std::vector<LoadPhase> closed_phases(const ServerPlan& plan) {
  std::vector<LoadPhase> phases;
  for (int c : plan.connections) phases.push_back({"c" + std::to_string(c), false, c, 0, 0});
  return phases;
}

std::vector<LoadPhase> open_phases(const ServerPlan& plan, double max_rate, int connections) {
  std::vector<LoadPhase> phases;
  if (max_rate <= 0) return phases;
  for (int pct : plan.open_percents)
    phases.push_back({"open" + std::to_string(pct), true, connections, pct, max_rate * pct / 100.0});
  return phases;
}

std::optional<ClosedOutcome> best_closed(const std::vector<ClosedOutcome>& outcomes) {
  std::optional<ClosedOutcome> best;
  for (const auto& o : outcomes)
    if (o.rate > 0 && (!best || o.rate > best->rate)) best = o;
  return best;
}

double load_seconds(const ServerPlan& plan, int servers, int endpoints) {
  const double per_phase = (plan.warmup_ms + plan.window_ms) / 1000.0;
  const auto phases = plan.connections.size() + plan.open_percents.size();
  return per_phase * static_cast<double>(phases) * servers * endpoints * plan.rounds;
}

}  // namespace xlb
