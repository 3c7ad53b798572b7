#include "optima/demo/truth_writer.h"

#include <nlohmann/json.hpp>

#include "optima/demo/output_file.h"
#include "optima/demo/text_format.h"

namespace optima::demo {
namespace {

using nlohmann::ordered_json;

std::string decimal(Int128 units) { return decimal_text(units); }

ordered_json tags_json(const Tags& tags) {
  ordered_json t = ordered_json::object();
  for (const auto& [k, v] : tags) t[k] = v;
  return t;
}

const char* commitment_kind(CommitmentKind kind) {
  switch (kind) {
    case CommitmentKind::kAwsReservedInstance: return "aws_reserved_instance";
    case CommitmentKind::kAwsSavingsPlan: return "aws_savings_plan";
    case CommitmentKind::kAzureReservation: return "azure_reservation";
    case CommitmentKind::kAzureSavingsPlan: return "azure_savings_plan";
    case CommitmentKind::kGcpCud: return "gcp_committed_use_discount";
  }
  return "";
}

const char* payment_name(Payment p) {
  switch (p) {
    case Payment::kNoUpfront: return "no_upfront";
    case Payment::kPartialUpfront: return "partial_upfront";
    case Payment::kAllUpfront: return "all_upfront";
    case Payment::kMonthly: return "monthly";
  }
  return "";
}

// The id the cloud's inventory source uses for a resource.
std::string inventory_id(const Estate& e, const Resource& r) {
  switch (r.cloud) {
    case Cloud::kAws:
      return r.native_id;
    case Cloud::kAzure:
      return r.id;
    case Cloud::kGcp: {
      const Account& a = e.accounts[r.account];
      switch (r.kind) {
        case ResourceKind::kVm:
          return "//compute.googleapis.com/projects/" + a.id + "/zones/" + r.zone + "/instances/" + r.name;
        case ResourceKind::kDisk:
          return "//compute.googleapis.com/projects/" + a.id + "/zones/" + r.zone + "/disks/" + r.name;
        case ResourceKind::kBucket:
          return "//storage.googleapis.com/" + r.name;
        default:
          return r.id;
      }
    }
    case Cloud::kOci:
      return r.id;
  }
  return r.id;
}

core::Status write_json(const std::filesystem::path& root, const std::filesystem::path& relative,
                        const ordered_json& doc, std::vector<FileInfo>* files) {
  // error_handler replace: dump() never throws (all our text is ASCII anyway).
  const std::string text = doc.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
  OPTIMA_RETURN_IF_ERROR(write_whole_file(root / relative, text));
  files->push_back({relative, text.size(), 0});
  return core::Status::ok();
}

}  // namespace

Timestamp inventory_time(const Estate& estate) { return Timestamp{estate.end.unix_seconds - 3600}; }

bool in_inventory(const Estate& estate, const Resource& resource) {
  const Timestamp t = inventory_time(estate);
  return resource.created <= t && t < resource.deleted;
}

core::Status write_truth(const Estate& e, const std::filesystem::path& root,
                         std::vector<FileInfo>* files) {
  ordered_json anomalies = ordered_json::object();
  anomalies["seed"] = e.seed;
  anomalies["window"] = {{"start", iso8601_text(e.start)}, {"end", iso8601_text(e.end)}};
  anomalies["metric"] = "BilledCost";
  ordered_json list = ordered_json::array();
  for (const Anomaly& a : e.anomalies) {
    const Account& acc = e.accounts[a.account];
    ordered_json j;
    j["id"] = "anomaly-" + std::to_string(a.index + 1);
    j["kind"] = std::string(anomaly_kind_name(a.kind));
    j["provider"] = std::string(provider_name(a.cloud));
    j["start"] = iso8601_text(a.start);
    j["end"] = a.end < e.end ? ordered_json(iso8601_text(a.end)) : ordered_json(nullptr);
    j["expected_daily_delta"] = decimal(a.expected_daily_delta);
    j["size_basis"] = a.kind == AnomalyKind::kDrift ? "extra cost on the 30th day after start"
                                                    : "extra cost on the first full day";
    if (a.kind == AnomalyKind::kDrift) j["drift_percent_per_day"] = a.drift_ppm_per_day / 10000.0;
    if (a.multiplier_permille != 1000) j["usage_multiplier"] = a.multiplier_permille / 1000.0;
    ordered_json dims;
    dims["ProviderName"] = std::string(provider_name(a.cloud));
    dims["SubAccountId"] = acc.id;
    dims["SubAccountName"] = acc.name;
    if (a.region != nullptr) dims["RegionId"] = std::string(a.region->code);
    dims["ServiceName"] = a.service_name;
    j["dimensions"] = dims;
    ordered_json ids = ordered_json::array();
    for (const uint32_t r : a.resources) ids.push_back(e.resources[r].id);
    j["resource_ids"] = ids;
    j["cause"] = a.cause;
    list.push_back(std::move(j));
  }
  anomalies["anomalies"] = std::move(list);
  OPTIMA_RETURN_IF_ERROR(write_json(root, std::filesystem::path("truth") / "anomalies.json", anomalies, files));

  ordered_json resources = ordered_json::object();
  resources["inventory_time"] = iso8601_text(inventory_time(e));
  resources["tag_coverage"] = {{"key", "team"}, {"target_share_of_effective_cost", 0.78},
                               {"accepted_range", {0.70, 0.85}}};
  ordered_json items = ordered_json::array();
  for (const Resource& r : e.resources) {
    if (!in_inventory(e, r)) continue;
    const bool machine = r.kind == ResourceKind::kVm || r.kind == ResourceKind::kDatabase ||
                         r.kind == ResourceKind::kScaleSet;
    const bool waste = !r.recommendation.empty() && !machine;
    if (!machine && !waste) continue;
    const Account& acc = e.accounts[r.account];
    ordered_json j;
    j["provider"] = std::string(provider_name(r.cloud));
    j["resource_id"] = r.id;
    j["inventory_id"] = inventory_id(e, r);
    j["name"] = r.name;
    j["kind"] = std::string(resource_kind_name(r.kind));
    j["account_id"] = acc.id;
    j["account_name"] = acc.name;
    j["region"] = std::string(r.region->code);
    if (r.machine != nullptr) j["type"] = std::string(r.machine->name);
    if (r.size_gb > 0) j["size_gb"] = r.size_gb;
    j["state"] = r.stopped ? "stopped" : "running";
    j["schedule"] = r.schedule == Schedule::kBusinessHours ? "office_hours" : "always_on";
    j["profile"] = std::string(profile_name(r.profile));
    j["expected_finding"] = r.recommendation.empty() ? ordered_json(nullptr) : ordered_json(r.recommendation);
    if (r.cluster >= 0) j["kubernetes_cluster"] = e.clusters[static_cast<size_t>(r.cluster)].name;
    j["tags"] = tags_json(r.tags);
    items.push_back(std::move(j));
  }
  resources["resources"] = std::move(items);
  ordered_json commitments = ordered_json::array();
  for (const Commitment& c : e.commitments) {
    ordered_json j;
    j["provider"] = std::string(provider_name(c.cloud));
    j["kind"] = commitment_kind(c.kind);
    j["id"] = c.id;
    j["name"] = c.name;
    j["purchaser_account_id"] = e.accounts[c.account].id;
    j["start"] = iso8601_text(c.start);
    j["end"] = iso8601_text(c.end);
    if (c.cancelled < c.end) j["cancelled"] = iso8601_text(c.cancelled);
    j["payment"] = payment_name(c.payment);
    j["term_months"] = c.term_months;
    if (c.machine != nullptr) j["instance_type"] = std::string(c.machine->name);
    if (c.region != nullptr) j["region"] = std::string(c.region->code);
    if (c.hourly_commitment > 0) {
      j["hourly_commitment"] = decimal(c.hourly_commitment);
    } else {
      j["units"] = decimal(static_cast<Int128>(c.units) * 1000000000);
    }
    j["effective_hourly_rate"] = decimal(c.effective_hourly());
    commitments.push_back(std::move(j));
  }
  resources["commitments"] = std::move(commitments);
  return write_json(root, std::filesystem::path("truth") / "resources.json", resources, files);
}

}  // namespace optima::demo
