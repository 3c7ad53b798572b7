// Estate: the demo organisation — accounts, priced SKUs, resources with their usage meters,
// commitments and injected anomalies — as plain data.
//
// Built once by build_estate() (estate_builder.h) from the seed, then read concurrently by the
// simulator and the writers; nothing mutates it afterwards, so sharing it across threads is safe.
// Indices (uint32_t) link the vectors; kNoIndex marks "no such link".
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "optima/core/decimal.h"
#include "optima/core/time.h"
#include "optima/demo/catalog.h"

namespace optima::demo {

using core::Int128;
using core::Timestamp;

inline constexpr uint32_t kNoIndex = UINT32_MAX;
// Quantities are integers in 10^-9 of the pricing unit.
inline constexpr int64_t kQuantityOne = 1000000000;

enum class Env : uint8_t { kProd, kStaging, kDev };
std::string_view env_name(Env env);

// Row granularity of the usage exports that allow a choice (AWS CUR, GCP windows, FOCUS).
enum class Granularity : uint8_t { kDaily, kHourly };

struct Team {
  std::string name;           // "data"
  std::string cost_center;    // "CC-1300"
  std::string business_unit;  // AWS cost category value
  std::vector<std::string> apps;
};

enum class AzureAgreement : uint8_t { kNone, kEa, kMca };

// An AWS account, Azure subscription, GCP project or OCI compartment.
struct Account {
  uint32_t index = 0;
  Cloud cloud = Cloud::kAws;
  std::string id;      // 12 digits / subscription GUID / project id / compartment OCID
  std::string name;
  std::string number;  // GCP project number
  int team = -1;       // owning team, -1 = shared/organisation
  Env env = Env::kProd;
  AzureAgreement agreement = AzureAgreement::kNone;
  std::string invoice_section;     // Azure EA department / MCA invoice section name
  std::string invoice_section_id;
};

// How a meter's quantity is measured.
enum class MeterKind : uint8_t {
  kCompute,      // instance-hours (AWS/Azure/OCI) or vCPU-hours (GCP core SKU)
  kComputeRam,   // GiB-hours (GCP/OCI RAM SKU)
  kDatabase,     // database instance-hours (or vCPU-hours on GCP)
  kBlockStorage, // GB-months prorated per hour
  kObjectStorage,// GB-months prorated per hour, slowly growing
  kRequests,     // request counts (variable)
  kDataTransfer, // GB transferred (variable)
  kFixedHourly,  // a flat hourly fee (IP address, NAT gateway hour, cluster fee)
  kServerless,   // GB-seconds (variable)
  kLogs,         // GB ingested (variable)
  kMarketplace,  // third-party units (variable)
  kAnalysis,     // TiB scanned (variable)
};

// A priced SKU in one region, with the identifiers each provider's export writes for it.
struct Sku {
  uint32_t index = 0;
  Cloud cloud = Cloud::kAws;
  MeterKind kind = MeterKind::kCompute;
  const Region* region = nullptr;
  const MachineType* machine = nullptr;
  Int128 list_rate = 0;        // public price per pricing unit
  Int128 rate = 0;             // contracted price per pricing unit (what the account pays)
  bool marketplace = false;    // sold by a third party
  // FOCUS view.
  std::string service_name, service_category, service_subcategory;
  std::string pricing_unit;    // FOCUS PricingUnit ("Hours", "GB-Months", "Requests", "GB")
  std::string sku_id, sku_meter, description, resource_type;
  std::string publisher;       // seller for marketplace SKUs
  // AWS CUR.
  std::string product_code, product_name, usage_type, operation, product_family, aws_unit;
  std::string aws_sku, rate_code, rate_id, instance_type, operating_system, volume_api_name,
      storage_class, database_engine;
  // Azure cost details.
  std::string meter_id, meter_name, meter_category, meter_subcategory, unit_of_measure,
      consumed_service, service_family, product, part_number, product_id;
  // Google Cloud billing export.
  std::string gcp_service_id, gcp_service, gcp_sku_id, gcp_sku, usage_unit, gcp_pricing_unit;
  int64_t usage_per_unit = 1;  // usage units per pricing unit (seconds per hour = 3600)
};

enum class ResourceKind : uint8_t {
  kVm, kScaleSet, kDisk, kPublicIp, kDatabase, kBucket, kNatGateway, kLoadBalancer, kFunction,
  kClusterControlPlane, kTransitGateway, kWarehouse,
};
std::string_view resource_kind_name(ResourceKind kind);

enum class Schedule : uint8_t { kAlways, kBusinessHours };

// Planted utilization behaviour (what a rightsizing analysis should conclude).
enum class Profile : uint8_t { kNone, kIdle, kOversized, kRightSized, kBusy };
std::string_view profile_name(Profile profile);

using Tags = std::vector<std::pair<std::string, std::string>>;

struct Resource {
  uint32_t index = 0;
  Cloud cloud = Cloud::kAws;
  uint32_t account = 0;
  ResourceKind kind = ResourceKind::kVm;
  std::string id;            // the billing ResourceId (CUR lineItem/ResourceId, Azure ResourceId,
                             // GCP resource.global_name, FOCUS ResourceId)
  std::string name;          // display name / Name tag
  std::string native_id;     // i-..., vol-..., eipalloc-..., GCP numeric id, Azure vmId
  const Region* region = nullptr;
  std::string zone;          // "us-east-1a", "us-central1-b", Azure "1" or ""
  const MachineType* machine = nullptr;
  int count = 1;             // instances in a scale set
  int size_gb = 0;           // disks, buckets (initial size)
  std::string storage_class; // "gp3", "Premium_LRS", "pd-balanced", "STANDARD"
  uint32_t attached_to = kNoIndex;  // disk or address -> VM
  std::string resource_group;    // Azure
  int team = -1;
  Env env = Env::kProd;
  std::string app;
  Tags tags;
  Timestamp created;         // alive in [created, deleted)
  Timestamp deleted;
  Schedule schedule = Schedule::kAlways;
  bool stopped = false;      // a stopped VM: no compute charges, disks still billed
  Profile profile = Profile::kNone;
  std::string recommendation;    // expected finding, e.g. "downsize to m5.large"
  uint32_t anomaly = kNoIndex;
  int cluster = -1;          // Kubernetes node of cluster #
  bool commitment_eligible = true;
  std::vector<uint32_t> meters;
};

// Which commitments can cover a meter.
enum class CoverClass : uint8_t { kNone, kAwsEc2, kAzureVm, kGcpN2Core, kGcpN2Ram };

enum class Shape : uint8_t { kConstant, kVariable, kStorage };

// One priced usage stream: a resource's SKU (or an account-level one when resource == kNoIndex).
struct Meter {
  uint32_t index = 0;
  uint32_t sku = 0;
  uint32_t resource = kNoIndex;
  uint32_t account = 0;
  Shape shape = Shape::kConstant;
  int64_t base = 0;          // per hour (constant, variable) or per month (storage), 10^-9 units
  int diurnal_permille = 0;  // variable: daytime swing
  int weekend_permille = 0;  // variable: weekend dip
  int noise_permille = 0;    // variable: random +/- per hour
  int growth_ppm_per_day = 0;
  Timestamp active_from;     // meter lifetime inside the resource's lifetime
  Timestamp active_to;
  uint32_t anomaly = kNoIndex;
  CoverClass cover = CoverClass::kNone;
};

enum class CommitmentKind : uint8_t {
  kAwsReservedInstance, kAwsSavingsPlan, kAzureReservation, kAzureSavingsPlan, kGcpCud,
};
enum class Payment : uint8_t { kNoUpfront, kPartialUpfront, kAllUpfront, kMonthly };

struct Commitment {
  uint32_t index = 0;
  CommitmentKind kind = CommitmentKind::kAwsReservedInstance;
  Cloud cloud = Cloud::kAws;
  uint32_t account = 0;      // purchasing account / subscription / project
  AzureAgreement agreement = AzureAgreement::kNone;
  std::string id;            // ARN, benefitId, CUD self link
  std::string name;
  std::string order_id;      // Azure reservation/savings plan order id; AWS RI subscription id
  std::string reservation_id;// Azure reservation id (GUID)
  const Region* region = nullptr;
  const MachineType* machine = nullptr;  // RI / reservation size
  uint32_t sku = kNoIndex;      // the SKU its fee rows are written under
  CoverClass cover = CoverClass::kNone;
  int64_t units = 0;         // RI/reservation instances, CUD vCPUs or GiB (10^-9 units)
  Int128 hourly_commitment = 0;  // savings plans: $ per hour
  int discount_permille = 0;     // savings plans: discount off on-demand
  Int128 upfront_hourly = 0;     // amortized upfront per unit-hour (per $-hour for SPs)
  Int128 recurring_hourly = 0;   // recurring fee per unit-hour
  Payment payment = Payment::kNoUpfront;
  int term_months = 12;
  Timestamp start;
  Timestamp end;
  Timestamp cancelled;       // Azure exchange/refund time, or == end when never cancelled
  // Effective price of one covered unit-hour (upfront + recurring); for SPs the $ commitment.
  Int128 effective_hourly() const { return upfront_hourly + recurring_hourly; }
  Timestamp active_end() const { return cancelled < end ? cancelled : end; }
};

enum class AnomalyKind : uint8_t { kSpike, kLevelShift, kDrift };
std::string_view anomaly_kind_name(AnomalyKind kind);

struct Anomaly {
  uint32_t index = 0;
  AnomalyKind kind = AnomalyKind::kSpike;
  Cloud cloud = Cloud::kAws;
  uint32_t account = 0;
  const Region* region = nullptr;
  std::string service_name;      // FOCUS ServiceName of the affected meters
  std::string cause;             // what changed, in words
  std::vector<uint32_t> resources;
  std::vector<uint32_t> meters;
  Timestamp start;
  Timestamp end;                 // spike end; == window end for shifts and drifts
  int multiplier_permille = 1000;  // spike/level shift on a variable meter
  int drift_ppm_per_day = 0;       // drift: growth per day after start
  Int128 expected_daily_delta = 0; // spikes/shifts: extra cost per day; drifts: extra per day
                                   // after 30 days
};

struct KubernetesCluster {
  std::string name;
  Cloud cloud = Cloud::kAws;
  uint32_t account = 0;
  const Region* region = nullptr;
  uint32_t control_plane = kNoIndex;  // resource
  std::vector<uint32_t> nodes;     // resources
};

struct Estate {
  uint64_t seed = 0;
  Granularity granularity = Granularity::kDaily;
  Timestamp start;   // first billing period start
  Timestamp end;     // data end (exclusive)
  std::vector<core::Period> periods;  // calendar-month billing periods, last may be partial
  std::string organisation;           // "Northwind Analytics"
  std::string aws_payer_account;
  std::string aws_payer_name;
  std::string azure_ea_enrollment;    // EA billing account id
  std::string azure_ea_name;
  std::string azure_mca_billing_account;
  std::string azure_mca_billing_profile;
  std::string azure_mca_name;
  std::string gcp_billing_account;    // "01A2B3-C4D5E6-F7A8B9"
  std::string gcp_organization;       // numeric organisation id
  std::string oci_tenancy;
  std::vector<Team> teams;
  std::vector<Account> accounts;
  std::vector<Sku> skus;
  std::vector<Resource> resources;
  std::vector<Meter> meters;
  std::vector<Commitment> commitments;
  std::vector<Anomaly> anomalies;
  std::vector<KubernetesCluster> clusters;
  std::vector<uint32_t> fleet_count;  // per cloud: resources added to reach the row target

  const Sku& sku_of(const Meter& m) const { return skus[m.sku]; }
  const Resource* resource_of(const Meter& m) const {
    return m.resource == kNoIndex ? nullptr : &resources[m.resource];
  }
};

// The row granularity a cloud's export uses: Azure cost details are always daily; the others
// follow the estate's granularity.
inline Granularity cloud_granularity(const Estate& estate, Cloud cloud) {
  return cloud == Cloud::kAzure ? Granularity::kDaily : estate.granularity;
}

// Rates are per pricing unit with <= 9 fractional digits; quantities are 10^-9 units; the
// product is exact in Decimal units (10^-18).
inline Int128 cost_of(Int128 rate, int64_t quantity) {
  return rate / 1000000000 * quantity;
}

}  // namespace optima::demo
