#include "optima/demo/kubernetes_writer.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "optima/demo/inventory_writer.h"
#include "optima/demo/output_file.h"
#include "optima/demo/random.h"
#include "optima/demo/text_format.h"
#include "optima/demo/utilization_writer.h"

namespace optima::demo {
namespace {

using nlohmann::ordered_json;

enum class Usage { kOverRequested, kRightSized, kHot, kIdle };

struct WorkloadPlan {
  const char* ns;
  const char* name;
  const char* team;
  int replicas;
  int cpu_request_milli;
  int memory_request_mib;
  int cpu_limit_milli;    // 0 = no limit
  int memory_limit_mib;
  Usage usage;
};

constexpr WorkloadPlan kWorkloads[] = {
    {"kube-system", "coredns", "platform", 2, 100, 70, 0, 170, Usage::kRightSized},
    {"monitoring", "prometheus", "platform", 1, 1000, 8192, 2000, 12288, Usage::kRightSized},
    {"monitoring", "grafana", "platform", 1, 250, 512, 500, 1024, Usage::kOverRequested},
    {"ingress-nginx", "ingress-nginx-controller", "platform", 2, 500, 512, 1000, 1024, Usage::kRightSized},
    {"web", "storefront", "web", 3, 500, 1024, 1000, 2048, Usage::kRightSized},
    {"web", "checkout", "web", 3, 1000, 2048, 2000, 4096, Usage::kOverRequested},
    {"web", "search", "web", 2, 2000, 4096, 2500, 6144, Usage::kHot},
    {"mobile", "mobile-api", "mobile", 3, 500, 1024, 1000, 2048, Usage::kRightSized},
    {"mobile", "push-gateway", "mobile", 2, 250, 512, 500, 1024, Usage::kOverRequested},
    {"data", "etl-pipeline", "data", 2, 1500, 6144, 3000, 8192, Usage::kRightSized},
    {"data", "warehouse-sync", "data", 1, 1000, 4096, 2000, 6144, Usage::kIdle},
    {"ml", "recommender", "ml", 2, 2000, 8192, 4000, 12288, Usage::kRightSized},
    {"ml", "fraud-model", "ml", 1, 1000, 4096, 1200, 5120, Usage::kHot},
    {"payments", "payments-api", "payments", 3, 1000, 2048, 2000, 4096, Usage::kOverRequested},
    {"payments", "ledger", "payments", 2, 500, 2048, 1000, 3072, Usage::kRightSized},
};

// Share of the request used on average (per mille), for CPU and memory.
std::pair<int, int> usage_share(Usage u) {
  switch (u) {
    case Usage::kOverRequested: return {120, 300};
    case Usage::kHot: return {950, 900};
    case Usage::kIdle: return {20, 150};
    case Usage::kRightSized: return {600, 700};
  }
  return {600, 700};
}

const char* usage_name(Usage u) {
  switch (u) {
    case Usage::kOverRequested: return "over_requested";
    case Usage::kHot: return "hot";
    case Usage::kIdle: return "idle";
    case Usage::kRightSized: return "right_sized";
  }
  return "";
}

const char* finding(Usage u) {
  switch (u) {
    case Usage::kOverRequested: return "lower CPU and memory requests";
    case Usage::kHot: return "raise CPU requests/limits (throttling risk)";
    case Usage::kIdle: return "scale to zero or remove idle workload";
    case Usage::kRightSized: return "none";
  }
  return "";
}

std::string cpu_text(int milli) {
  return milli % 1000 == 0 ? std::to_string(milli / 1000) : fmt::format("{}m", milli);
}

std::string memory_text(int mib) {
  return mib % 1024 == 0 ? fmt::format("{}Gi", mib / 1024) : fmt::format("{}Mi", mib);
}

constexpr std::array<int, 24> kDaily = {-700, -800, -850, -900, -900, -850, -700, -500,
                                        -300, -100, 100,  300,  500,  700,  850,  950,
                                        1000, 950,  850,  700,  500,  200,  -100, -400};

std::string dump(const ordered_json& doc) {
  return doc.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace

core::Status write_kubernetes(const Estate& e, const std::filesystem::path& root,
                              std::vector<FileInfo>* files) {
  if (e.clusters.empty()) return core::Status::ok();
  const KubernetesCluster& cluster = e.clusters.front();
  const std::filesystem::path dir = std::filesystem::path("kubernetes") / cluster.name;
  const Account& account = e.accounts[cluster.account];

  ordered_json doc;
  ordered_json nodes = ordered_json::array();
  std::vector<std::string> node_names;
  std::vector<int64_t> free_cpu;
  for (const uint32_t n : cluster.nodes) {
    const Resource& r = e.resources[n];
    const std::string name = aws_private_dns(e, r);
    node_names.push_back(name);
    const int alloc_cpu = r.machine->vcpu * 1000 - 90;
    const int alloc_mem = r.machine->memory_gib * 1024 * 91 / 100;
    free_cpu.push_back(alloc_cpu);
    ordered_json node;
    node["name"] = name;
    node["provider_id"] = fmt::format("aws:///{}/{}", r.zone, r.native_id);
    node["resource_id"] = r.id;
    node["instance_type"] = r.machine->name;
    node["zone"] = r.zone;
    node["capacity"] = {{"cpu", std::to_string(r.machine->vcpu)},
                        {"memory", fmt::format("{}Gi", r.machine->memory_gib)}, {"pods", "58"}};
    node["allocatable"] = {{"cpu", cpu_text(alloc_cpu)}, {"memory", memory_text(alloc_mem)}, {"pods", "58"}};
    node["labels"] = {{"kubernetes.io/hostname", name},
                      {"kubernetes.io/os", "linux"},
                      {"kubernetes.io/arch", "amd64"},
                      {"node.kubernetes.io/instance-type", r.machine->name},
                      {"topology.kubernetes.io/region", std::string(r.region->code)},
                      {"topology.kubernetes.io/zone", r.zone},
                      {"eks.amazonaws.com/nodegroup", "general"},
                      {"eks.amazonaws.com/capacityType", "ON_DEMAND"}};
    nodes.push_back(std::move(node));
  }

  ordered_json namespaces = ordered_json::array();
  std::vector<std::string> seen;
  for (const WorkloadPlan& w : kWorkloads) {
    if (std::find(seen.begin(), seen.end(), w.ns) != seen.end()) continue;
    seen.emplace_back(w.ns);
    const auto team = std::find_if(e.teams.begin(), e.teams.end(), [&](const Team& t) { return t.name == w.team; });
    ordered_json labels = {{"kubernetes.io/metadata.name", w.ns}, {"team", w.team}};
    if (team != e.teams.end()) labels["cost-center"] = team->cost_center;
    namespaces.push_back({{"name", w.ns}, {"labels", labels}});
  }

  struct Pod {
    std::string ns, name, container;
    const WorkloadPlan* plan;
    uint64_t key;
  };
  std::vector<Pod> pods;
  ordered_json workloads = ordered_json::array();
  ordered_json truth_workloads = ordered_json::array();
  size_t next_node = 0;
  for (size_t wi = 0; wi < std::size(kWorkloads); ++wi) {
    const WorkloadPlan& w = kWorkloads[wi];
    Rng rng(hash_keys(e.seed, hash_text("k8s/workload"), wi));
    const std::string hash = rng.alnum(10);
    ordered_json container = {{"name", w.name},
                              {"image", fmt::format("registry.northwind.example/{}:{}.{}.{}", w.name, rng.range(1, 4), rng.range(0, 20), rng.range(0, 9))},
                              {"requests", {{"cpu", cpu_text(w.cpu_request_milli)}, {"memory", memory_text(w.memory_request_mib)}}}};
    ordered_json limits = ordered_json::object();
    if (w.cpu_limit_milli > 0) limits["cpu"] = cpu_text(w.cpu_limit_milli);
    if (w.memory_limit_mib > 0) limits["memory"] = memory_text(w.memory_limit_mib);
    container["limits"] = limits;
    ordered_json pod_list = ordered_json::array();
    for (int p = 0; p < w.replicas; ++p) {
      // First node (round-robin) with room for the request.
      size_t node = next_node;
      for (size_t tries = 0; tries < free_cpu.size(); ++tries) {
        if (free_cpu[(next_node + tries) % free_cpu.size()] >= w.cpu_request_milli) {
          node = (next_node + tries) % free_cpu.size();
          break;
        }
      }
      free_cpu[node] -= w.cpu_request_milli;
      next_node = (node + 1) % free_cpu.size();
      const std::string pod_name = fmt::format("{}-{}-{}", w.name, hash, rng.alnum(5));
      pod_list.push_back({{"name", pod_name}, {"node", node_names[node]}, {"phase", "Running"}});
      pods.push_back({w.ns, pod_name, w.name, &w, hash_keys(e.seed, wi, static_cast<uint64_t>(p))});
    }
    ordered_json workload;
    workload["namespace"] = w.ns;
    workload["kind"] = "Deployment";
    workload["name"] = w.name;
    workload["replicas"] = w.replicas;
    workload["labels"] = {{"app", w.name}, {"team", w.team}};
    workload["containers"] = ordered_json::array({container});
    workload["pods"] = std::move(pod_list);
    workloads.push_back(std::move(workload));
    truth_workloads.push_back({{"namespace", w.ns}, {"name", w.name}, {"profile", usage_name(w.usage)},
                               {"expected_finding", finding(w.usage)}});
  }
  doc["cluster"] = {{"name", cluster.name},
                    {"provider", std::string(provider_name(cluster.cloud))},
                    {"account_id", account.id},
                    {"region", std::string(cluster.region->code)},
                    {"control_plane_resource_id", e.resources[cluster.control_plane].id},
                    {"kubernetes_version", "1.29"}};
  doc["nodes"] = std::move(nodes);
  doc["namespaces"] = std::move(namespaces);
  doc["workloads"] = std::move(workloads);
  const std::string cluster_text = dump(doc);
  OPTIMA_RETURN_IF_ERROR(write_whole_file(root / dir / "cluster.json", cluster_text));
  files->push_back({dir / "cluster.json", cluster_text.size(), 0});

  ordered_json truth;
  truth["cluster"] = cluster.name;
  ordered_json node_ids = ordered_json::array();
  for (const uint32_t n : cluster.nodes) node_ids.push_back(e.resources[n].id);
  truth["node_resource_ids"] = std::move(node_ids);
  truth["workloads"] = std::move(truth_workloads);
  const std::string truth_text = dump(truth);
  OPTIMA_RETURN_IF_ERROR(write_whole_file(root / "truth" / "kubernetes.json", truth_text));
  files->push_back({std::filesystem::path("truth") / "kubernetes.json", truth_text.size(), 0});

  // Usage samples: hourly, last 30 days, per pod.
  OPTIMA_ASSIGN_OR_RETURN(auto file, OutputFile::create(root / dir / "usage.csv", Compression::kNone));
  std::string buffer = "timestamp,namespace,pod,container,cpu_cores,memory_bytes\n";
  uint64_t rows = 0;
  const Timestamp from{e.end.unix_seconds - int64_t{kUtilizationDays} * core::kSecondsPerDay};
  for (Timestamp t = from; t < e.end; t.unix_seconds += 3600) {
    const std::string stamp = iso8601_text(t);
    const int hour = static_cast<int>((t.unix_seconds % core::kSecondsPerDay) / 3600);
    for (const Pod& pod : pods) {
      const WorkloadPlan& w = *pod.plan;
      const auto [cpu_share, mem_share] = usage_share(w.usage);
      const uint64_t h = hash_keys(pod.key, static_cast<uint64_t>(t.unix_seconds));
      const int64_t swing = w.usage == Usage::kIdle ? 0 : 250 * kDaily[static_cast<size_t>(hour)] / 1000;
      int64_t cpu_milli = int64_t{w.cpu_request_milli} * (cpu_share + swing * cpu_share / 1000) / 1000;
      cpu_milli += static_cast<int64_t>(h % 61) - 30;
      if (w.cpu_limit_milli > 0) cpu_milli = std::min<int64_t>(cpu_milli, w.cpu_limit_milli);
      cpu_milli = std::max<int64_t>(cpu_milli, 1);
      int64_t mem_mib = int64_t{w.memory_request_mib} * mem_share / 1000 + static_cast<int64_t>((h >> 20) % 41) - 20;
      mem_mib = std::max<int64_t>(mem_mib, 8);
      buffer += stamp;
      buffer.push_back(',');
      buffer += pod.ns;
      buffer.push_back(',');
      buffer += pod.name;
      buffer.push_back(',');
      buffer += pod.container;
      buffer.push_back(',');
      append_decimal(buffer, static_cast<Int128>(cpu_milli) * (core::Decimal::kOne / 1000));
      buffer.push_back(',');
      append_int(buffer, mem_mib * 1048576 + static_cast<int64_t>((h >> 40) % 1048576));
      buffer.push_back('\n');
      ++rows;
    }
    if (buffer.size() > (size_t{1} << 20)) {
      OPTIMA_RETURN_IF_ERROR(file->write(buffer));
      buffer.clear();
    }
  }
  OPTIMA_RETURN_IF_ERROR(file->write(buffer));
  OPTIMA_RETURN_IF_ERROR(file->close());
  files->push_back({dir / "usage.csv", file->file_bytes(), rows});
  return core::Status::ok();
}

}  // namespace optima::demo
