#include "kinds/server/server_runner.hpp"

#include <algorithm>
#include <optional>
#include <thread>

#include "core/atomic_file.hpp"
#include "core/format.hpp"
#include "fixtures/postgres/database_cluster.hpp"
#include "kinds/server/http_server_driver.hpp"
#include "kinds/server/load_job.hpp"
#include "kinds/server/remote_load_client.hpp"
#include "remote/remote_site.hpp"
#include "kinds/server/server_process.hpp"
#include "remote/ssh_host.hpp"
#include "remote/ssh_command.hpp"
#include "os/process.hpp"
#include "kinds/server/sql_api_database.hpp"

namespace xlb {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;


struct EndpointState {
  std::string status = "ok";  // ok | invalid | failed
  std::vector<LoadPhase> open;            // fixed by the first round's sweep
  bool open_planned = false;
};

// One variant across rounds: its rows in the document and what earlier rounds decided.
class VariantBench {
 public:
  VariantBench(const ServerWorkloadJob& job, ServerDriver& driver, std::size_t index, const Plan& plan,
               ResultsDoc& doc, const ServerRunHooks& hooks)
      : job_(job), driver_(driver), variant_(*job.variants[index]), command_(job.commands[index]), plan_(plan), doc_(doc),
        hooks_(hooks), endpoints_(job.endpoints.size()) {
    life_ = add_row(kLifecycleMode, kLifecycleInput);
    row(life_).load = to_json(LifecycleRow{});
    if (auto it = job.build_failed.find(variant_.build_key()); it != job.build_failed.end()) {
      row(life_).status = "failed";
      row(life_).reason = it->second;
      failed_ = true;
    }
  }

  // False when the user interrupted.
  bool run_round(int round);

 private:
  Measurement& row(std::size_t i) { return doc_.measurements[i]; }
  std::size_t add_row(const std::string& mode, const std::string& input);
  std::size_t phase_row(std::size_t e, const LoadPhase& phase);
  void fail_variant(const std::string& reason, std::optional<std::size_t> culprit = std::nullopt);
  void mark_endpoint(std::size_t e, const std::string& status, const std::string& reason);
  std::optional<std::string> start(ServerProcess& server, json& record);
  std::string verify(std::size_t e, int port);
  bool run_phase(ServerProcess& server, std::size_t e, const LoadPhase& phase, int round, double& achieved);
  void finish(ServerProcess& server, json record, int round, bool measured);
  void log(const std::string& text) const {
    if (hooks_.log) hooks_.log(text);
  }
  void save() const {
    if (hooks_.save) hooks_.save();
  }

  const ServerWorkloadJob& job_;
  ServerDriver& driver_;
  const VariantSpec& variant_;
  const std::vector<std::string>& command_;
  const Plan& plan_;
  ResultsDoc& doc_;
  const ServerRunHooks& hooks_;
  std::vector<EndpointState> endpoints_;
  std::size_t life_ = 0;
  std::map<std::string, std::size_t> rows_;  // "mode/input" -> index in doc_.measurements
  std::vector<std::string> argv_;
  bool failed_ = false;
};

std::size_t VariantBench::add_row(const std::string& mode, const std::string& input) {
  Measurement m;
  m.workload = job_.workload->name;
  m.kind = job_.workload->kind;
  m.mode = mode;
  m.input = input;
  m.language = variant_.language;
  m.variant = variant_.name;
  m.label = variant_.label;
  m.library = variant_.library;
  m.params = job_.input->params;
  // The URL of a remote database carries its per-run password: results files get "***".
  if (auto url = m.params.find("database_url"); url != m.params.end() && url->is_string())
    *url = redact_url_password(url->get<std::string>());
  doc_.measurements.push_back(std::move(m));
  rows_[mode + "/" + input] = doc_.measurements.size() - 1;
  return doc_.measurements.size() - 1;
}

std::size_t VariantBench::phase_row(std::size_t e, const LoadPhase& phase) {
  const auto& endpoint = job_.endpoints[e];
  if (auto it = rows_.find(endpoint.mode + "/" + phase.name); it != rows_.end()) return it->second;
  const auto i = add_row(endpoint.mode, phase.name);
  PhaseRow header;
  header.phase = phase.name;
  header.open_loop = phase.open_loop;
  header.connections = phase.connections;
  header.percent_of_max = phase.percent;
  header.target_rate = phase.rate;
  header.endpoint = endpoint.to_json();
  row(i).load = to_json(header);
  return i;
}

void VariantBench::fail_variant(const std::string& reason, std::optional<std::size_t> culprit) {
  failed_ = true;
  for (const auto& [key, i] : rows_) {
    auto& m = row(i);
    if (i == life_ || i == culprit || m.status != "ok") continue;
    m.status = "failed";
    m.reason = "not compared: the server failed later in the run (" + reason + ")";
  }
  auto& life = row(life_);
  if (life.status == "ok") {
    life.status = "failed";
    life.reason = reason;
  }
}

void VariantBench::mark_endpoint(std::size_t e, const std::string& status, const std::string& reason) {
  endpoints_[e].status = status;
  const auto& mode = job_.endpoints[e].mode;
  bool any = false;
  for (const auto& [key, i] : rows_) {
    auto& m = row(i);
    if (m.mode != mode || i == life_) continue;
    any = true;
    if (m.status == "ok" || status == "invalid") {
      m.status = status;
      m.reason = reason;
    }
    if (status == "invalid") m.samples.clear();  // a wrong answer keeps no timings
  }
  if (!any) {
    const auto i = add_row(mode, "verify");
    row(i).status = status;
    row(i).reason = reason;
  }
}

// The request file's path and the command that starts the server with it.
std::pair<std::filesystem::path, std::vector<std::string>> write_server_request(
    const ServerWorkloadJob& job, const VariantSpec& variant, const std::vector<std::string>& command,
    const Plan& plan, const std::filesystem::path& dir, const std::string& input_path) {
  json modes = json::array();
  for (const auto& e : job.endpoints) modes.push_back(e.mode);
  if (!job.served_modes.empty()) modes = job.served_modes;
  const json request = {{"protocol", 1},
                        {"workload", job.workload->name},
                        {"mode", "all"},  // a server serves every endpoint; the harness picks what it loads
                        {"endpoints", modes},
                        {"input",
                         {{"name", job.input->name},
                          {"path", input_path},
                          {"schema", job.input->schema},
                          {"bytes", job.input->bytes}}},
                        {"params", job.input->params},
                        {"threads", server_threads(plan)},
                        {"host", job.bind_host},
                        {"port", 0}};
  const auto path = dir / (job.workload->name + "-" + job.input->name + "-" + variant.language + "-" + variant.name +
                           ".json");
  write_file_atomically(path, request.dump(2) + "\n");
  auto argv = command;
  argv.push_back("--request");
  argv.push_back(path.string());
  return {path, argv};
}

// Spawn, ready line, first successful response; fills the round's lifecycle record.
std::optional<std::string> VariantBench::start(ServerProcess& server, json& record) {
  // --timeout-s bounds every wait on a variant, this one included.
  const milliseconds ready_timeout{std::min<long>(plan_.server.ready_timeout_ms, plan_.timeout_s * 1000L)};
  if (!server.started()) return server.problem();
  if (!server.wait_ready(ready_timeout)) return server.problem();
  const auto deadline = server.spawned_at() + ready_timeout;
  for (;;) {
    const auto problem = driver_.probe(job_.connect_host, server.port(), milliseconds(1000));
    if (problem.empty()) break;
    if (!server.alive()) return server.problem();
    if (Clock::now() >= deadline)
      return "no successful response to " + driver_.probe_name() + " within " +
             fixed(static_cast<double>(ready_timeout.count()) / 1000.0, 1) + " s of the start (" + problem + ")";
    if (interrupt_requested()) return "interrupted by the user";
    std::this_thread::sleep_for(milliseconds(2));
  }
  const auto cold = Clock::now() - server.spawned_at();
  const long idle_rss = server.rss_kb();
  const auto hello = server.hello();
  record["ready_ms"] = std::chrono::duration<double, std::milli>(server.ready_after()).count();
  record["cold_start_ms"] = std::chrono::duration<double, std::milli>(cold).count();
  record["idle_rss_kb"] = idle_rss;
  record["port"] = server.port();
  record["host_reported"] = server.host();
  record["threads_requested"] = server_threads(plan_);
  record["threads_reported"] = hello.value("threads", json());
  auto& life = row(life_);
  life.hello = hello;
  life.samples.push_back({1, std::max<std::int64_t>(1, std::chrono::duration_cast<std::chrono::nanoseconds>(cold).count())});
  return std::nullopt;
}

std::string VariantBench::verify(std::size_t e, int port) {
  return driver_.verify(e, job_.connect_host, port, milliseconds(plan_.server.request_timeout_ms));
}

bool VariantBench::run_phase(ServerProcess& server, std::size_t e, const LoadPhase& phase, int round,
                             double& achieved) {
  const auto& endpoint = job_.endpoints[e];
  const auto i = phase_row(e, phase);
  LoadOptions options;
  options.host = job_.connect_host;
  options.port = server.port();
  options.connections = phase.connections;
  // On the client host: its own CPUs, unpinned (this machine's CPU numbers mean nothing there).
  options.cpus = job_.client ? std::vector<int>{} : effective_loadgen_cpus(plan_);
  options.threads = job_.client ? job_.client_threads : loadgen_threads(plan_);
  options.warmup = milliseconds(plan_.server.warmup_ms);
  options.duration = milliseconds(plan_.server.window_ms);
  options.request_timeout = milliseconds(plan_.server.request_timeout_ms);
  options.interval = milliseconds(plan_.server.interval_ms);
  if (phase.open_loop) options.rate_per_s = phase.rate;

  // Server CPU and RSS over the recorded window only, not the load generator's warm-up.
  server.begin_window(Clock::now() + options.warmup);
  if (job_.database) job_.database->begin_window(Clock::now() + options.warmup);
  LoadResult result;
  std::string load_error;
  try {
    const auto load = driver_.load_job(e, options);
    result = job_.client ? job_.client->run(load) : run_load_job(load);
  } catch (const std::exception& ex) {
    load_error = ex.what();
  }
  const ResourceWindow window = server.end_window();
  const DatabaseWindow db = job_.database ? job_.database->end_window() : DatabaseWindow{};

  int empty_intervals = 0;
  auto samples = interval_samples(result.per_interval, result.interval, empty_intervals);
  ServerWindowFigures figures;
  figures.rss_peak_kb = window.rss_peak_kb;
  figures.rss_mean_kb = window.rss_mean_kb;
  figures.rss_samples = window.rss_samples;
  figures.cpu_utilization = window.wall_s > 0 ? window.cpu_s / window.wall_s : 0;
  // Per request from the two rates, so a window edge a few ms off the generator's does not bias it.
  if (result.achieved_rate > 0) figures.cpu_s_per_1k_requests = figures.cpu_utilization / result.achieved_rate * 1000.0;
  // The load generator's own record (rates, errors, latency histogram, per-interval counts) plus the server's side.
  PhaseRound record = phase_round(round, result, figures);
  record.load_error = load_error;
  record.record["empty_intervals"] = empty_intervals;
  record.record["server"] = window.to_json();  // wall and CPU seconds too
  if (job_.database) {
    DatabaseWindowFigures d;
    d.measured = db.measured;
    if (db.measured) {
      d.cpu_utilization = db.wall_s > 0 ? db.cpu_s / db.wall_s : 0;
      if (result.achieved_rate > 0) d.cpu_s_per_1k_requests = d.cpu_utilization / result.achieved_rate * 1000.0;
      record.record["database"] = {{"wall_s", db.wall_s}, {"cpu_s", db.cpu_s}};
    }
    record.database = d;
  }
  record.record["cpus"] = {{"server", server.cpus_granted()}, {"loadgen", result.cpus_used}};
  record.record["server_threads"] = server_threads(plan_);
  record.record["loadgen_threads"] = options.threads;
  if (phase.open_loop) record.record["target_rate"] = phase.rate;
  auto& m = row(i);
  m.hello = server.hello();
  m.load["rounds"].push_back(to_json(record));

  const std::string where = endpoint.mode + "/" + phase.name;
  if (auto problem = server.problem(); !problem.empty()) {
    m.status = "failed";
    m.reason = problem + " during " + where;
    m.stderr_tail = server.stderr_tail();
    fail_variant(m.reason, i);
    return false;
  }
  if (!load_error.empty()) {
    m.status = "failed";
    m.reason = "load generator: " + load_error;
    endpoints_[e].status = "failed";
  } else if (const auto wrong = driver_.wrong_answers(result.errors); !wrong.empty()) {
    mark_endpoint(e, "invalid", "wrong responses under load in " + phase.name + ": " + wrong);
  } else if (result.requests == 0 || samples.empty()) {
    m.status = "failed";
    m.reason = "no request completed in the " + phase.name + " window (" + std::to_string(result.errors.total()) +
               " errors: " + to_json(record)["errors"].dump() + ")";
    endpoints_[e].status = "failed";
  } else {
    m.samples.insert(m.samples.end(), samples.begin(), samples.end());
    m.rounds_done = round + 1;
    achieved = result.achieved_rate;
  }
  const auto p99 = result.latency.count() ? result.latency.percentile_ns(0.99) : 0;
  log(variant_.id() + " " + where + " round " + std::to_string(round + 1) + ": " + human(result.achieved_rate) +
      " " + job_.rate_unit + (phase.open_loop ? " (target " + human(phase.rate) + ")" : "") + ", p99 " +
      latency_text(static_cast<double>(p99)) + ", errors " + std::to_string(result.errors.total()) +
      (m.status == "ok" ? "" : " -> " + m.status + ": " + m.reason));
  save();
  return true;
}

// Stops the server and records the round in the lifecycle row.
void VariantBench::finish(ServerProcess& server, json record, int round, bool measured) {
  const ServerExit exit = server.stop();
  auto& life = row(life_);
  record["round"] = round;
  record["cpus"] = {{"server", server.cpus_granted()},
                    {"loadgen", job_.client ? std::vector<int>{} : effective_loadgen_cpus(plan_)}};
  if (server.started()) record["exit"] = exit.to_json();
  life.load["rounds"].push_back(record);
  if (server.started()) {
    ProcessRun run;
    run.command = argv_;
    run.cpus_granted = server.cpus_granted();
    run.wall_s = exit.wall_s;
    run.user_s = exit.user_s;
    run.sys_s = exit.sys_s;
    run.max_rss_kb = exit.max_rss_kb;
    run.sampled_peak_rss_kb = exit.peak_rss_kb;
    run.peak_rss_kb = exit.peak_rss_kb;
    run.outcome = exit.clean() ? "ok" : exit.describe();
    life.runs.push_back(run);
    life.facts = server.done_facts();
    life.stderr_tail = server.stderr_tail();
  }
  if (!server.hello().is_null()) life.hello = server.hello();
  if (server.started() && !exit.clean()) {
    if (exit.exited_before_stop && !failed_) {
      fail_variant(exit.describe());  // it died between phases: nothing it served is trusted
    } else if (measured) {
      // A bad shutdown does not change what it served: only the lifecycle row fails.
      failed_ = true;
      if (life.status == "ok") {
        life.status = "failed";
        life.reason = exit.describe();
      }
    }
  }
  if (life.status == "ok") life.rounds_done = round + 1;
  save();
}

bool VariantBench::run_round(int round) {
  if (failed_) return true;
  ServerLaunch launch;
  std::string input_path = job_.input->path.empty() ? std::string() : job_.input->path.string();
  try {
    if (job_.site && !input_path.empty()) input_path = job_.site->put(job_.input->path);
    auto [request, argv] = write_server_request(job_, variant_, command_, plan_, hooks_.requests_dir, input_path);
    if (job_.site) {
      // The binary and this round's request file in the run's directory on the server host.
      argv.front() = job_.site->put(argv.front());
      argv.back() = job_.site->put(request, true);
      launch.remote_host = job_.site->host();
      launch.ssh_tools = job_.site->tools();
      launch.remote_dir = job_.site->dir();
      launch.rss_interval = milliseconds(100);  // each sample is a line over the link
    }
    argv_ = argv;
  } catch (const std::exception& ex) {
    fail_variant(std::string("copying to the server host: ") + ex.what());
    log(variant_.id() + " failed: " + ex.what());
    return !interrupt_requested();
  }
  launch.argv = argv_;
  if (!job_.site) launch.cpus = plan_.variant_cpus;
  launch.env["GOMAXPROCS"] = std::to_string(server_threads(plan_));
  launch.term_grace = milliseconds(plan_.server.term_grace_ms);
  if (job_.database) {
    try {
      job_.database->reset();  // every server starts on the same rows
    } catch (const std::exception& ex) {
      fail_variant(std::string("resetting the database: ") + ex.what());
      return !interrupt_requested();
    }
  }
  ServerProcess server(launch);
  json record = json::object();
  if (auto problem = start(server, record)) {
    row(life_).stderr_tail = server.stderr_tail();
    fail_variant(*problem);
    finish(server, record, round, false);
    log(variant_.id() + " failed to start: " + *problem);
    return !interrupt_requested();
  }
  log(variant_.id() + " ready on port " + std::to_string(server.port()) + ", cold start " +
      fixed(record["cold_start_ms"].get<double>(), 1) + " ms, idle RSS " +
      fixed(record["idle_rss_kb"].get<double>() / 1024.0, 1) + " MB");

  bool alive = true, interrupted = false;
  for (std::size_t e = 0; e < job_.endpoints.size() && alive && !interrupted; ++e) {
    auto& state = endpoints_[e];
    if (state.status != "ok") continue;
    if (auto problem = verify(e, server.port()); !problem.empty()) {
      if (!server.alive()) {
        fail_variant(server.problem() + " while verifying " + job_.endpoints[e].mode);
        alive = false;
        break;
      }
      mark_endpoint(e, "invalid", problem);
      log(variant_.id() + " " + job_.endpoints[e].mode + " invalid: " + problem);
      save();
      continue;
    }
    std::vector<ClosedOutcome> sweep;
    for (const auto& phase : closed_phases(plan_.server)) {
      double achieved = 0;
      alive = run_phase(server, e, phase, round, achieved);
      interrupted = interrupt_requested();
      if (!alive || interrupted || state.status != "ok") break;
      sweep.push_back({phase, achieved});
    }
    if (!alive || interrupted || state.status != "ok") continue;
    if (!state.open_planned) {
      // The open-loop rates are fixed by the first round, so every round loads the same rate.
      if (auto best = best_closed(sweep)) state.open = open_phases(plan_.server, best->rate, best->phase.connections);
      state.open_planned = true;
    }
    for (const auto& phase : state.open) {
      double achieved = 0;
      alive = run_phase(server, e, phase, round, achieved);
      interrupted = interrupt_requested();
      if (!alive || interrupted || state.status != "ok") break;
    }
  }
  finish(server, record, round, alive);
  return !interrupted && !interrupt_requested();
}

}  // namespace

ServerWorkloadJob server_job(const WorkloadSpec& workload, const ResolvedInput& input,
                             const std::vector<std::string>& modes, const std::vector<const VariantSpec*>& variants,
                             const ProjectPaths& paths, const std::map<std::string, std::string>& build_failed) {
  ServerWorkloadJob job;
  job.workload = &workload;
  job.input = &input;
  for (const auto& mode : modes) job.endpoints.push_back(endpoint_spec(workload, mode, input.params));
  job.variants = variants;
  for (const auto* v : variants) job.commands.push_back(variant_command(*v, paths));
  job.build_failed = build_failed;
  return job;
}

int server_threads(const Plan& plan) {
  if (plan.server_threads > 0) return plan.server_threads;
  if (!plan.server_host.empty() || plan.variant_cpus.empty()) return plan.threads;
  return static_cast<int>(plan.variant_cpus.size());
}

int loadgen_threads(const Plan& plan) {
  const auto cpus = effective_loadgen_cpus(plan);
  return std::max<int>(1, static_cast<int>(cpus.size()));
}

std::vector<Sample> interval_samples(const std::vector<std::uint64_t>& per_interval, std::chrono::nanoseconds interval,
                                     int& empty_intervals) {
  std::vector<Sample> samples;
  empty_intervals = 0;
  if (interval.count() <= 0) return samples;
  for (auto count : per_interval) {
    if (count == 0) {
      ++empty_intervals;
      continue;
    }
    samples.push_back({static_cast<std::int64_t>(count), interval.count()});
  }
  return samples;
}

RemoteRoles::RemoteRoles() = default;
RemoteRoles::RemoteRoles(RemoteRoles&&) noexcept = default;
RemoteRoles::~RemoteRoles() = default;

RemoteRoles attach_remote_hosts(ServerWorkloadJob& job, const Plan& plan, const std::filesystem::path& work_dir) {
  RemoteRoles roles;
  if (!plan.server_host.empty()) {
    const auto host = parse_ssh_host("--server-host", plan.server_host);
    try {
      roles.server = std::make_unique<RemoteSite>(host, ssh_tools_from_env());
    } catch (const std::exception& e) {
      throw std::runtime_error(std::string("--server-host: ") + e.what());
    }
    job.site = roles.server.get();
    job.bind_host = plan.server_bind.empty() ? host.host : plan.server_bind;
    // A wildcard bind is reached by the name the harness reaches the host by.
    job.connect_host = job.bind_host == "0.0.0.0" ? host.host : job.bind_host;
  } else if (!plan.server_bind.empty()) {
    job.bind_host = job.connect_host = plan.server_bind;  // local servers a load generator elsewhere reaches
  }
  if (!plan.client_host.empty()) {
    const auto host = parse_ssh_host("--client-host", plan.client_host);
    try {
      roles.client = std::make_unique<RemoteLoadClient>(host, ssh_tools_from_env(),
                                                        std::filesystem::read_symlink("/proc/self/exe"),
                                                        work_dir / "client");
    } catch (const std::exception& e) {
      throw std::runtime_error(std::string("--client-host: ") + e.what());
    }
    job.client = roles.client.get();
    job.client_threads = plan.client_threads > 0 ? plan.client_threads : roles.client->logical_cpus();
  }
  return roles;
}

bool run_server_workload(const ServerWorkloadJob& job, const Plan& plan, ResultsDoc& doc, const ServerRunHooks& hooks) {
  std::unique_ptr<ServerDriver> http;
  ServerDriver* driver = job.driver;
  if (!driver) driver = (http = make_http_server_driver(job.endpoints)).get();
  std::vector<std::unique_ptr<VariantBench>> benches;
  for (std::size_t i = 0; i < job.variants.size(); ++i) {
    const auto& v = *job.variants[i];
    const bool on_record = std::any_of(doc.measurements.begin(), doc.measurements.end(), [&](const Measurement& m) {
      return m.workload == job.workload->name && m.mode == kLifecycleMode && m.input == kLifecycleInput &&
             m.language == v.language && m.variant == v.name;
    });
    if (on_record) {  // a resumed run: a server's rounds are not split, so what it measured stays as it is
      if (hooks.log) hooks.log(v.id() + ": on record from the earlier run, not measured again");
      continue;
    }
    benches.push_back(std::make_unique<VariantBench>(job, *driver, i, plan, doc, hooks));
  }
  if (hooks.save) hooks.save();
  for (int round = 0; round < plan.server.rounds; ++round) {
    // A B .. B A: drift over the run hits every server alike.
    for (std::size_t k = 0; k < benches.size(); ++k) {
      const std::size_t i = round % 2 ? benches.size() - 1 - k : k;
      if (!benches[i]->run_round(round)) return false;
    }
  }
  return true;
}

}  // namespace xlb
