#include "optima/inventory/aws_placebo_reader.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "optima/core/strings.h"
#include "optima/inventory/aws_resource_mapper.h"
#include "optima/inventory/cloudwatch_mapper.h"
#include "optima/inventory/placebo_file.h"

namespace optima::inventory {
namespace {

using ResourceMapper = core::Status (*)(const JsonView&, std::vector<Resource>*);

struct ResourceOperation {
  std::string_view service;
  std::string_view operation;
  ResourceMapper mapper;
};

constexpr ResourceOperation kResourceOperations[] = {
    {"ec2", "DescribeInstances", &map_ec2_instances},
    {"ec2", "DescribeVolumes", &map_ec2_volumes},
    {"ec2", "DescribeSnapshots", &map_ec2_snapshots},
    {"ec2", "DescribeAddresses", &map_ec2_addresses},
    {"ec2", "DescribeNatGateways", &map_ec2_nat_gateways},
    {"elasticloadbalancing", "DescribeLoadBalancers", &map_load_balancers},
    {"rds", "DescribeDBInstances", &map_rds_instances},
    {"s3", "ListBuckets", &map_s3_buckets},
};

struct PlaceboEntry {
  std::filesystem::path path;
  PlaceboName name;
};

// The resource kinds a metric can describe, to attribute CloudWatch calls.
std::vector<ResourceKind> kinds_for_metric(const std::string& metric) {
  if (metric == "cpu_percent" || metric == "memory_percent") {
    return {ResourceKind::kVirtualMachine, ResourceKind::kDatabase};
  }
  if (metric.rfind("network_", 0) == 0 || metric.rfind("status_check", 0) == 0) {
    return {ResourceKind::kVirtualMachine};
  }
  if (metric.rfind("disk_", 0) == 0 || metric.rfind("volume_", 0) == 0 || metric.rfind("burst", 0) == 0) {
    return {ResourceKind::kDisk, ResourceKind::kVirtualMachine};
  }
  if (metric == "connections" || metric.rfind("active_connection", 0) == 0 || metric.rfind("bytes_", 0) == 0 ||
      metric.rfind("packets_", 0) == 0) {
    return {ResourceKind::kNatGateway, ResourceKind::kDatabase, ResourceKind::kLoadBalancer};
  }
  if (metric == "requests" || metric.find("elb") != std::string::npos || metric.rfind("http", 0) == 0 ||
      metric == "processed_bytes" || metric.find("host_count") != std::string::npos) {
    return {ResourceKind::kLoadBalancer, ResourceKind::kObjectBucket};
  }
  if (metric.rfind("bucket_", 0) == 0 || metric == "number_of_objects" || metric == "get_requests") {
    return {ResourceKind::kObjectBucket};
  }
  if (metric.rfind("database_", 0) == 0 || metric.rfind("free_", 0) == 0 || metric.find("latency") != std::string::npos) {
    return {ResourceKind::kDatabase};
  }
  return {};
}

class FolderReader {
 public:
  explicit FolderReader(InventorySink* sink) : sink_(sink) {}

  core::Status read(std::vector<PlaceboEntry> entries) {
    // Describe calls first, in call order; then target health; then metrics.
    std::stable_sort(entries.begin(), entries.end(), [](const PlaceboEntry& a, const PlaceboEntry& b) {
      return std::tie(a.name.service, a.name.operation, a.name.sequence) <
             std::tie(b.name.service, b.name.operation, b.name.sequence);
    });
    std::vector<const PlaceboEntry*> metric_calls;
    std::vector<const PlaceboEntry*> health_calls;
    for (const PlaceboEntry& entry : entries) {
      const std::string file = entry.path.string();
      if (const ResourceMapper mapper = find_mapper(entry.name)) {
        OPTIMA_ASSIGN_OR_RETURN(std::optional<nlohmann::json> doc, load(entry.path));
        if (doc) OPTIMA_RETURN_IF_ERROR(mapper(JsonView((*doc)["data"], "$.data", file), &resources_));
      } else if (entry.name.service == "monitoring" &&
                 (entry.name.operation == "GetMetricStatistics" || entry.name.operation == "GetMetricData")) {
        metric_calls.push_back(&entry);
      } else if (entry.name.service == "elasticloadbalancing" &&
                 (entry.name.operation == "DescribeTargetGroups" || entry.name.operation == "DescribeTargetHealth" ||
                  entry.name.operation == "DescribeInstanceHealth")) {
        health_calls.push_back(&entry);
      } else {
        sink_->skip(file, fmt::format("{}.{} is not an inventory operation", entry.name.service,
                                      entry.name.operation));
      }
    }
    OPTIMA_RETURN_IF_ERROR(read_target_health(health_calls));
    for (const PlaceboEntry* call : metric_calls) OPTIMA_RETURN_IF_ERROR(read_metrics(*call));
    for (Resource& r : resources_) OPTIMA_RETURN_IF_ERROR(sink_->add_resource(std::move(r)));
    return core::Status::ok();
  }

 private:
  // The document of a successful call; nullopt (listed as skipped) for a recorded failed call.
  core::Result<std::optional<nlohmann::json>> load(const std::filesystem::path& path) {
    OPTIMA_ASSIGN_OR_RETURN(PlaceboDocument doc, load_placebo_document(path));
    sink_->add_source(path.string());
    if (!doc.succeeded()) {
      sink_->skip(path.string(), "recorded failed call: " + doc.failure());
      return std::optional<nlohmann::json>();
    }
    return std::optional<nlohmann::json>(std::move(doc.document));
  }

  static ResourceMapper find_mapper(const PlaceboName& name) {
    for (const ResourceOperation& op : kResourceOperations) {
      if (op.service == name.service && op.operation == name.operation) return op.mapper;
    }
    return nullptr;
  }

  Resource* find_resource(const std::string& id) {
    for (Resource& r : resources_) {
      if (r.resource_id == id || (!r.native_id.empty() && r.native_id == id)) return &r;
    }
    return nullptr;
  }

  // DescribeTargetGroups lists groups with their load balancers; DescribeTargetHealth call n
  // reports the targets of group n (requests are per group); DescribeInstanceHealth call n the
  // instances of classic load balancer n.
  core::Status read_target_health(const std::vector<const PlaceboEntry*>& calls) {
    std::vector<std::vector<std::string>> group_balancers;
    std::vector<nlohmann::json> docs;
    docs.reserve(calls.size());
    for (const PlaceboEntry* call : calls) {
      const std::string file = call->path.string();
      OPTIMA_ASSIGN_OR_RETURN(std::optional<nlohmann::json> doc, load(call->path));
      docs.push_back(doc ? std::move(*doc) : nlohmann::json());
      if (!doc) continue;
      JsonView data(docs.back()["data"], "$.data", file);
      if (call->name.operation == "DescribeTargetGroups") {
        OPTIMA_ASSIGN_OR_RETURN(JsonView groups, data.at("TargetGroups"));
        OPTIMA_RETURN_IF_ERROR(groups.expect_array());
        for (size_t i = 0; i < groups.size(); ++i) {
          std::vector<std::string> arns;
          OPTIMA_ASSIGN_OR_RETURN(std::optional<JsonView> lbs, groups.element(i).optional_array("LoadBalancerArns"));
          for (size_t j = 0; lbs && j < lbs->size(); ++j) {
            OPTIMA_ASSIGN_OR_RETURN(std::string arn, lbs->element(j).string());
            arns.push_back(std::move(arn));
          }
          group_balancers.push_back(std::move(arns));
        }
      }
    }
    size_t target_health_call = 0;
    size_t instance_health_call = 0;
    for (size_t c = 0; c < calls.size(); ++c) {
      const std::string file = calls[c]->path.string();
      if (docs[c].is_null()) continue;
      JsonView data(docs[c]["data"], "$.data", file);
      if (calls[c]->name.operation == "DescribeTargetHealth") {
        OPTIMA_ASSIGN_OR_RETURN(JsonView targets, data.at("TargetHealthDescriptions"));
        OPTIMA_ASSIGN_OR_RETURN(int healthy, count_healthy(targets, "TargetHealth", "healthy"));
        const size_t group = target_health_call++;
        if (group >= group_balancers.size()) {
          sink_->skip(file, "no target group recorded for this DescribeTargetHealth call");
          continue;
        }
        for (const std::string& arn : group_balancers[group]) {
          if (Resource* lb = find_resource(arn)) add_targets(lb, static_cast<int>(targets.size()), healthy);
        }
      } else if (calls[c]->name.operation == "DescribeInstanceHealth") {
        OPTIMA_ASSIGN_OR_RETURN(JsonView states, data.at("InstanceStates"));
        OPTIMA_ASSIGN_OR_RETURN(int healthy, count_healthy(states, "", "inservice"));
        std::vector<Resource*> classic;
        for (Resource& r : resources_) {
          if (r.kind == ResourceKind::kLoadBalancer && r.type == "classic") classic.push_back(&r);
        }
        const size_t n = instance_health_call++;
        if (n >= classic.size()) {
          sink_->skip(file, "no classic load balancer recorded for this DescribeInstanceHealth call");
          continue;
        }
        classic[n]->attributes["target_count"] = std::to_string(states.size());
        classic[n]->attributes["healthy_targets"] = std::to_string(healthy);
      }
    }
    return core::Status::ok();
  }

  static core::Result<int> count_healthy(const JsonView& list, std::string_view nested,
                                         std::string_view healthy_state) {
    OPTIMA_RETURN_IF_ERROR(list.expect_array());
    int healthy = 0;
    for (size_t i = 0; i < list.size(); ++i) {
      JsonView item = list.element(i);
      std::string state;
      if (nested.empty()) {
        OPTIMA_ASSIGN_OR_RETURN(state, item.string_or_empty("State"));
      } else if (std::optional<JsonView> health = item.find(nested)) {
        OPTIMA_ASSIGN_OR_RETURN(state, health->string_or_empty("State"));
      }
      if (core::iequals(state, healthy_state)) ++healthy;
    }
    return healthy;
  }

  static void add_targets(Resource* lb, int targets, int healthy) {
    const auto add = [&](const std::string& key, int n) {
      const std::optional<int64_t> before = core::parse_int64(lb->attributes[key]);
      lb->attributes[key] = std::to_string(before.value_or(0) + n);
    };
    add("target_count", targets);
    add("healthy_targets", healthy);
  }

  core::Status read_metrics(const PlaceboEntry& call) {
    const std::string file = call.path.string();
    OPTIMA_ASSIGN_OR_RETURN(std::optional<nlohmann::json> doc, load(call.path));
    if (!doc) return core::Status::ok();
    JsonView data((*doc)["data"], "$.data", file);
    std::vector<MetricSeries> series;
    std::vector<std::string> labels;
    if (call.name.operation == "GetMetricStatistics") {
      OPTIMA_RETURN_IF_ERROR(map_get_metric_statistics(data, &series));
    } else {
      OPTIMA_RETURN_IF_ERROR(map_get_metric_data(data, &series, &labels));
    }
    for (size_t i = 0; i < series.size(); ++i) {
      const Resource* owner = nullptr;
      if (i < labels.size()) {
        for (std::string_view word : core::split(labels[i], ' ')) {
          if (const Resource* r = find_resource(std::string(word))) owner = r;
        }
      }
      if (owner == nullptr) owner = nth_candidate(series[i].metric, call.name.sequence);
      if (owner == nullptr) {
        sink_->skip(file, fmt::format("metric {} names no resource and the folder has none it applies to",
                                      series[i].metric));
        continue;
      }
      series[i].resource_id = owner->resource_id;
      OPTIMA_RETURN_IF_ERROR(sink_->add_series(std::move(series[i])));
    }
    return core::Status::ok();
  }

  const Resource* nth_candidate(const std::string& metric, int sequence) const {
    const std::vector<ResourceKind> kinds = kinds_for_metric(metric);
    std::vector<const Resource*> candidates;
    for (const Resource& r : resources_) {
      if (std::find(kinds.begin(), kinds.end(), r.kind) != kinds.end()) candidates.push_back(&r);
    }
    if (candidates.empty()) return nullptr;
    const size_t index = static_cast<size_t>(std::max(sequence, 1) - 1) % candidates.size();
    return candidates[index];
  }

  InventorySink* sink_;
  std::vector<Resource> resources_;
};

class AwsPlaceboReader final : public InventoryReader {
 public:
  std::string_view name() const override { return "aws-placebo"; }
  std::string_view description() const override {
    return "AWS API responses (boto3, Cloud Custodian placebo layout: <service>.<Operation>_<n>.json)";
  }
  bool detect(const std::filesystem::path& path, std::string_view prefix) const override {
    return parse_placebo_name(path.filename().string()).has_value() && prefix.starts_with("{");
  }
  core::Status read(const std::vector<std::filesystem::path>& files, InventorySink* sink) const override {
    std::vector<PlaceboEntry> entries;
    for (const auto& path : files) {
      std::optional<PlaceboName> name = parse_placebo_name(path.filename().string());
      if (!name) {
        return core::invalid_argument(fmt::format("{}: not a placebo file name (<service>.<Operation>_<n>.json)",
                                                  path.string()));
      }
      entries.push_back({path, *name});
    }
    return FolderReader(sink).read(std::move(entries));
  }
};

}  // namespace

std::unique_ptr<InventoryReader> make_aws_placebo_reader() { return std::make_unique<AwsPlaceboReader>(); }

}  // namespace optima::inventory
