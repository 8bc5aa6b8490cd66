#include "inputs/holding_inputs.hpp"

#include <array>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/rng.hpp"

namespace xlb {
namespace {

using ojson = nlohmann::ordered_json;

constexpr std::array kKinds = {"Deployment", "StatefulSet", "ReplicaSet"};
constexpr std::array kApps = {"checkout", "payments", "catalog", "search", "inventory", "auth",
                              "notifications", "recommendations", "shipping", "ledger"};
constexpr std::array kComponents = {"api", "worker", "cache", "gateway", "scheduler"};
constexpr std::array kTeams = {"commerce", "platform", "identity", "growth", "data"};
constexpr std::array kNamespaces = {"default", "prod-eu", "prod-us", "staging", "team-commerce",
                                    "team-platform", "observability", "batch-jobs"};
constexpr std::array kTiers = {"frontend", "backend", "data"};
constexpr std::array kEnvironments = {"production", "staging", "development"};
constexpr std::array kLogLevels = {"debug", "info", "warn", "error"};
constexpr std::array kSidecars = {"istio-proxy", "log-shipper", "config-reloader"};
constexpr std::array kSidecarImages = {"docker.io/istio/proxyv2:1.22.3", "cr.fluentbit.io/fluent/fluent-bit:3.1.4",
                                       "ghcr.io/example/config-reloader:v0.14.0"};
constexpr std::array kCpu = {"50m", "100m", "250m", "500m", "1", "2"};
constexpr std::array kMemory = {"64Mi", "128Mi", "256Mi", "512Mi", "1Gi", "2Gi"};
// Descriptions with non-ASCII text and characters JSON escapes, as people write them.
constexpr std::array kDescriptions = {"Zahlungsdienst für Bestellungen — owned by Zoë's team",
                                      "Serves the \"catalog\" API; see runbook\tRB-12",
                                      "Traite les notifications (e-mail, SMS) ✉",
                                      "検索インデックスの更新", "Handles back-pressure\nwith a token bucket"};
constexpr std::array kConditionTypes = {"Available", "Progressing", "ReplicaFailure"};

template <typename Array>
const char* pick(Rng& rng, const Array& items) {
  return items[rng.below(items.size())];
}

std::string hex(Rng& rng, int digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < digits; ++i) out += kHex[rng.below(16)];
  return out;
}

std::string timestamp(Rng& rng) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "2026-%02d-%02dT%02d:%02d:%02dZ", static_cast<int>(1 + rng.below(12)),
                static_cast<int>(1 + rng.below(28)), static_cast<int>(rng.below(24)), static_cast<int>(rng.below(60)),
                static_cast<int>(rng.below(60)));
  return buf;
}

ojson container(Rng& rng, const std::string& app, bool main) {
  const std::string name = main ? app : pick(rng, kSidecars);
  const std::string image =
      main ? "registry.example.com/" + app + ":v" + std::to_string(1 + rng.below(4)) + "." +
                 std::to_string(rng.below(30)) + "." + std::to_string(rng.below(10)) + "@sha256:" + hex(rng, 64)
           : kSidecarImages[rng.below(kSidecarImages.size())];
  ojson args = ojson::array();
  const auto n_args = main ? 1 + rng.below(6) : rng.below(3);
  for (std::uint64_t i = 0; i < n_args; ++i) {
    switch (rng.below(4)) {
      case 0: args.push_back("--port=" + std::to_string(8000 + rng.below(1000))); break;
      case 1: args.push_back(std::string("--log-level=") + pick(rng, kLogLevels)); break;
      case 2: args.push_back("--config=/etc/" + app + "/config-" + std::to_string(rng.below(100)) + ".yaml"); break;
      default: args.push_back("--max-connections=" + std::to_string(16 << rng.below(6))); break;
    }
  }
  ojson env = ojson::array();
  const auto n_env = main ? 3 + rng.below(10) : rng.below(3);
  for (std::uint64_t i = 0; i < n_env; ++i) {
    switch (i % 5) {
      case 0: env.push_back({{"name", "LOG_LEVEL"}, {"value", pick(rng, kLogLevels)}}); break;
      case 1:
        env.push_back({{"name", "OTEL_EXPORTER_OTLP_ENDPOINT"},
                       {"value", "http://otel-collector.observability.svc.cluster.local:4317"}});
        break;
      case 2:
        env.push_back({{"name", "DATABASE_URL"},
                       {"value", "postgres://" + app + "@db-" + std::to_string(rng.below(8)) + ".internal:5432/" + app +
                                     "?sslmode=require"}});
        break;
      case 3: env.push_back({{"name", "FEATURE_FLAGS"}, {"value", "beta-ui,fast-path," + hex(rng, 8)}}); break;
      default:
        env.push_back({{"name", "CACHE_TTL_SECONDS_" + std::to_string(i)}, {"value", std::to_string(rng.below(3600))}});
        break;
    }
  }
  ojson ports = ojson::array();
  const auto n_ports = main ? 1 + rng.below(3) : rng.below(2);
  for (std::uint64_t i = 0; i < n_ports; ++i)
    ports.push_back({{"containerPort", static_cast<std::int64_t>(8000 + rng.below(2000))},
                     {"protocol", rng.below(5) == 0 ? "UDP" : "TCP"}});
  ojson limits = {{"cpu", pick(rng, kCpu)}, {"memory", pick(rng, kMemory)}};
  ojson requests = {{"cpu", pick(rng, kCpu)}, {"memory", pick(rng, kMemory)}};
  if (rng.below(3) == 0) requests["ephemeral-storage"] = std::to_string(1 + rng.below(10)) + "Gi";
  return {{"name", name},           {"image", image}, {"args", args}, {"env", env}, {"ports", ports},
          {"resources", {{"limits", limits}, {"requests", requests}}}};
}

ojson resource(Rng& rng, std::int64_t index) {
  const std::string app = pick(rng, kApps), component = pick(rng, kComponents), team = pick(rng, kTeams);
  char number[24];
  std::snprintf(number, sizeof number, "%05lld", static_cast<long long>(index));
  const std::string name = app + "-" + component + "-" + number;
  const std::string ns = pick(rng, kNamespaces);
  const std::string uid = hex(rng, 8) + "-" + hex(rng, 4) + "-4" + hex(rng, 3) + "-a" + hex(rng, 3) + "-" + hex(rng, 12);

  ojson selector = {{"app.kubernetes.io/name", app}, {"app.kubernetes.io/instance", name}};
  ojson labels = selector;
  labels["app.kubernetes.io/component"] = component;
  labels["app.kubernetes.io/part-of"] = team;
  if (rng.below(2) == 0) labels["app.kubernetes.io/version"] = "v" + std::to_string(1 + rng.below(4));
  if (rng.below(2) == 0) labels["tier"] = pick(rng, kTiers);
  if (rng.below(3) == 0) labels["environment"] = pick(rng, kEnvironments);
  ojson template_labels = labels;
  if (rng.below(2) == 0) template_labels["sidecar.istio.io/inject"] = "true";

  ojson containers = ojson::array();
  containers.push_back(container(rng, app, true));
  for (std::uint64_t s = rng.below(3); s > 0; --s) containers.push_back(container(rng, app, false));

  const auto replicas = static_cast<std::int64_t>(1 + rng.below(10));
  const auto generation = static_cast<std::int64_t>(1 + rng.below(40));
  const std::string kind = pick(rng, kKinds);
  ojson spec = {{"replicas", replicas},
                {"selector", {{"matchLabels", selector}}},
                {"template", {{"metadata", {{"labels", template_labels}}}, {"spec", {{"containers", containers}}}}}};

  // What `kubectl apply` records: the applied object, compact, as one string value.
  ojson applied = {{"apiVersion", "apps/v1"},
                   {"kind", kind},
                   {"metadata", {{"name", name}, {"namespace", ns}, {"labels", labels}}},
                   {"spec", spec}};
  ojson annotations = ojson::object();
  annotations["deployment.kubernetes.io/revision"] = std::to_string(generation);
  if (rng.below(4) != 0) annotations["kubectl.kubernetes.io/last-applied-configuration"] = applied.dump() + "\n";
  if (rng.below(2) == 0) {
    annotations["prometheus.io/scrape"] = "true";
    annotations["prometheus.io/port"] = std::to_string(9000 + rng.below(100));
  }
  if (rng.below(3) == 0) annotations["description"] = pick(rng, kDescriptions);

  const auto ready = static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(replicas) + 1));
  ojson conditions = ojson::array();
  const auto n_conditions = 1 + rng.below(3);
  for (std::uint64_t i = 0; i < n_conditions; ++i) {
    const bool ok = ready == replicas || i > 0;
    conditions.push_back({{"type", kConditionTypes[i]},
                          {"status", ok ? "True" : "False"},
                          {"reason", ok ? "MinimumReplicasAvailable" : "ProgressDeadlineExceeded"},
                          {"message", ok ? kind + " \"" + name + "\" has minimum availability."
                                         : "ReplicaSet \"" + name + "-" + hex(rng, 10) + "\" has timed out progressing."},
                          {"lastUpdateTime", timestamp(rng)},
                          {"lastTransitionTime", timestamp(rng)}});
  }

  ojson doc = {{"apiVersion", "apps/v1"}, {"kind", kind}};
  doc["metadata"] = {{"name", name},
                     {"namespace", ns},
                     {"uid", uid},
                     {"labels", labels},
                     {"annotations", annotations},
                     {"creationTimestamp", timestamp(rng)},
                     {"resourceVersion", std::to_string(100000 + rng.below(90000000))},
                     {"generation", generation}};
  doc["spec"] = spec;
  doc["status"] = {{"observedGeneration", generation},
                   {"replicas", replicas},
                   {"readyReplicas", ready},
                   {"availableReplicas", ready},
                   {"updatedReplicas", static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(replicas) + 1))},
                   {"conditions", conditions}};
  return doc;
}

}  // namespace

std::string generate_k8s_resources(std::uint64_t seed, std::int64_t resources) {
  std::string out;
  for (std::int64_t i = 0; i < resources; ++i) {
    // A generator per document, so document i does not depend on the count.
    Rng rng(seed ^ (0x9e3779b97f4a7c15ULL * static_cast<std::uint64_t>(i + 1)));
    out += resource(rng, i).dump();
    out += '\n';
  }
  return out;
}

}  // namespace xlb
