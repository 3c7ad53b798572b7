// The recommender table. Order is the order of the list and of evaluation.
#include "optima/recommend/registry.h"

#include "optima/recommend/recommenders.h"

namespace optima::recommend {

const std::vector<RecommenderInfo>& recommender_registry() {
  static const std::vector<RecommenderInfo> kRegistry = {
      {"idle_vm", Category::kCompute, Pillar::kCostOptimization, Level::kMedium, Level::kLow,
       "virtual_machine",
       "Running VM whose CPU (and network, when measured) meet the profile's idle conditions "
       "(idle_vm) over its lookback: stop or terminate it.",
       evaluate_idle_vm},
      {"vm_rightsizing", Category::kCompute, Pillar::kCostOptimization, Level::kMedium,
       Level::kMedium, "virtual_machine",
       "CPU and memory statistic of the profile (rightsizing) projected onto cheaper types — "
       "smaller same family, newer generation, ARM, AMD — stays under the target: resize.",
       evaluate_vm_rightsizing},
      {"previous_generation", Category::kCompute, Pillar::kPerformanceEfficiency, Level::kLow,
       Level::kMedium, "virtual_machine",
       "Instance type the provider lists as previous generation with a newer-generation type of "
       "at least the same vCPU and memory at a lower or equal rate: migrate.",
       evaluate_previous_generation},
      {"spot_candidate", Category::kCompute, Pillar::kCostOptimization, Level::kHigh,
       Level::kMedium, "virtual_machine, scale_set",
       "On-demand machine marked interruption-tolerant (autoscaling group member, stateless or "
       "batch tag from the profile's spot.stateless_tags, scale set): run it on spot.",
       evaluate_spot_candidate},
      {"stopped_vm", Category::kStorage, Pillar::kCostOptimization, Level::kLow, Level::kLow,
       "virtual_machine",
       "VM stopped for at least storage.stopped_vm_min_days whose disks and addresses still "
       "bill: snapshot and delete them, or terminate.",
       evaluate_stopped_vm},
      {"unattached_disk", Category::kStorage, Pillar::kCostOptimization, Level::kMedium,
       Level::kLow, "disk",
       "Disk attached to nothing for at least storage.unattached_disk_min_days: snapshot, then "
       "delete.",
       evaluate_unattached_disk},
      {"old_snapshot", Category::kStorage, Pillar::kCostOptimization, Level::kMedium, Level::kLow,
       "snapshot",
       "Snapshot older than storage.snapshot_max_age_days, or whose source volume no longer "
       "exists: delete (or archive).",
       evaluate_old_snapshot},
      {"gp2_to_gp3", Category::kStorage, Pillar::kCostOptimization, Level::kLow, Level::kLow,
       "disk",
       "gp2 volume of at most 1,000 GB (baseline ≤ 3,000 IOPS, which gp3 includes): modify to "
       "gp3 in place.",
       evaluate_gp2_to_gp3},
      {"overprovisioned_iops", Category::kStorage, Pillar::kCostOptimization, Level::kMedium,
       Level::kLow, "disk",
       "Provisioned IOPS above storage.iops_overprovision_ratio × the peak IOPS used: lower "
       "them.",
       evaluate_overprovisioned_iops},
      {"object_storage_tiering", Category::kStorage, Pillar::kCostOptimization, Level::kLow,
       Level::kLow, "object_bucket",
       "Bucket with no GET requests for storage.object_cold_after_days: a lifecycle rule to the "
       "infrequent-access tier.",
       evaluate_object_storage_tiering},
      {"unused_ip", Category::kNetwork, Pillar::kCostOptimization, Level::kLow, Level::kLow,
       "public_ip", "Public IP associated with nothing: release it.", evaluate_unused_ip},
      {"idle_load_balancer", Category::kNetwork, Pillar::kCostOptimization, Level::kMedium,
       Level::kLow, "load_balancer",
       "Load balancer without targets, or with at most network.idle_lb_max_requests_per_day "
       "requests: delete.",
       evaluate_idle_load_balancer},
      {"idle_nat_gateway", Category::kNetwork, Pillar::kCostOptimization, Level::kMedium,
       Level::kLow, "nat_gateway",
       "NAT gateway processing at most network.idle_nat_max_bytes_per_day: delete.",
       evaluate_idle_nat_gateway},
      {"idle_database", Category::kDatabase, Pillar::kCostOptimization, Level::kMedium,
       Level::kLow, "database",
       "Database with at most database.idle_max_connections connections and peak CPU under "
       "database.idle_cpu_max_percent: stop or delete (snapshot first).",
       evaluate_idle_database},
      {"database_rightsizing", Category::kDatabase, Pillar::kCostOptimization, Level::kMedium,
       Level::kMedium, "database",
       "Database whose p95 CPU is at most database.downsize_cpu_p95_percent: half the vCPUs in "
       "the same family.",
       evaluate_database_rightsizing},
      {"off_hours_schedule", Category::kSchedule, Pillar::kCostOptimization, Level::kLow,
       Level::kLow, "virtual_machine, database",
       "Non-production resource (env tag in schedule.non_production_values) idle in at least "
       "schedule.min_off_hours_per_week hours of the 24×7 heatmap: stop it on that schedule.",
       evaluate_off_hours_schedule},
      {"license_benefit", Category::kLicensing, Pillar::kCostOptimization, Level::kLow,
       Level::kMedium, "virtual_machine, database",
       "Billing rows charge a Windows or SQL Server licence: Azure Hybrid Benefit or bring your "
       "own licence removes that part.",
       evaluate_license_benefit},
  };
  return kRegistry;
}

const RecommenderInfo* find_recommender(std::string_view id) {
  for (const auto& r : recommender_registry()) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

}  // namespace optima::recommend
