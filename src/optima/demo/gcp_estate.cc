// The Google Cloud part of the demo estate: twelve projects on one billing account, Compute
// Engine VMs (billed as core and RAM SKUs), persistent disks, Cloud Storage, Cloud SQL, a GKE
// cluster, BigQuery, resource-based committed use discounts, and two anomalies (a storage
// drift and a BigQuery level shift).
#include <algorithm>
#include <cctype>
#include <map>

#include <fmt/format.h>

#include "optima/demo/cloud_recipes.h"
#include "optima/demo/usage_model.h"

namespace optima::demo {
namespace {

constexpr int64_t kOne = kQuantityOne;
constexpr int64_t kGiB = int64_t{1} << 30;

struct ProjectPlan {
  const char* id;
  const char* name;
  const char* team;
  Env env;
  const char* region;
};

constexpr ProjectPlan kProjects[] = {
    {"nw-data-lake-prod", "Data Lake (prod)", "data", Env::kProd, "us-central1"},
    {"nw-data-lake-dev", "Data Lake (dev)", "data", Env::kDev, "us-central1"},
    {"nw-ml-training", "ML Training", "ml", Env::kProd, "us-central1"},
    {"nw-ml-serving", "ML Serving", "ml", Env::kProd, "us-east1"},
    {"nw-analytics-bq", "Analytics Warehouse", "analytics", Env::kProd, "us-central1"},
    {"nw-web-prod", "Web (prod)", "web", Env::kProd, "us-central1"},
    {"nw-web-staging", "Web (staging)", "web", Env::kStaging, "us-central1"},
    {"nw-mobile-backend", "Mobile Backend", "mobile", Env::kProd, "us-east1"},
    {"nw-gke-shared", "Shared GKE", "platform", Env::kProd, "us-central1"},
    {"nw-network-host", "Network Host", "platform", Env::kProd, "us-central1"},
    {"nw-security-ops", "Security Operations", "security", Env::kProd, "europe-west1"},
    {"nw-sandbox", "Sandbox", "platform", Env::kDev, "us-central1"},
};

int team_index(const Estate& estate, std::string_view name) {
  for (size_t i = 0; i < estate.teams.size(); ++i) {
    if (estate.teams[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

std::vector<std::string_view> team_types(std::string_view team) {
  if (team == "data" || team == "analytics") return {"n2-highmem-8", "n2-standard-8"};
  if (team == "ml") return {"n1-standard-4", "c2-standard-8", "n2-standard-16"};
  if (team == "platform") return {"n2-standard-8", "e2-standard-4"};
  if (team == "security") return {"e2-standard-2"};
  return {"n2-standard-4", "e2-standard-4", "n2-standard-2"};
}

// "N2", "E2", "N1 Predefined", "Compute optimized" as Google names the families in SKUs.
std::string family_label(std::string_view family) {
  if (family == "n1") return "N1 Predefined Instance";
  if (family == "c2") return "Compute optimized";
  std::string f(family);
  for (char& c : f) c = static_cast<char>(std::toupper(c));
  return f + " Instance";
}

Sku gcp_sku(const Region& r, MeterKind kind, std::string_view price, std::string service_id,
            std::string service, std::string description, std::string usage_unit,
            std::string pricing_unit, int64_t usage_per_unit) {
  Sku s;
  s.cloud = Cloud::kGcp;
  s.kind = kind;
  s.region = &r;
  s.list_rate = regional_price(price_units(price), r);
  s.gcp_service_id = std::move(service_id);
  s.gcp_service = std::move(service);
  s.gcp_sku = std::move(description);
  s.gcp_sku_id = google_style_id(s.gcp_sku);
  s.usage_unit = std::move(usage_unit);
  s.gcp_pricing_unit = std::move(pricing_unit);
  s.usage_per_unit = usage_per_unit;
  s.service_name = s.gcp_service;
  s.sku_id = s.gcp_sku_id;
  s.sku_meter = s.gcp_sku;
  s.description = s.gcp_sku;
  return s;
}

void set_focus(Sku& s, const char* category, const char* subcategory, const char* unit,
               const char* resource_type) {
  s.service_category = category;
  s.service_subcategory = subcategory;
  s.pricing_unit = unit;
  s.resource_type = resource_type;
}

constexpr const char* kComputeId = "6F81-5844-456A";
constexpr const char* kStorageId = "95FF-2EF5-5EA1";
constexpr const char* kSqlId = "9662-B51E-5089";
constexpr const char* kGkeId = "CCD8-9BF1-090E";
constexpr const char* kBigQueryId = "24E6-581D-38E5";

uint32_t core_sku(BuildContext& ctx, const MachineType& m, const Region& r, bool ram) {
  const std::string key = fmt::format("gcp/{}/{}/{}", r.code, m.family, ram ? "ram" : "core");
  if (ctx.has_sku(key)) return ctx.sku(key, Sku{});
  const std::string desc = fmt::format("{} {} running in {}", family_label(m.family),
                                       ram ? "Ram" : "Core", r.meter_region);
  Sku s = ram ? gcp_sku(r, MeterKind::kComputeRam, m.ram_price, kComputeId, "Compute Engine", desc,
                        "byte-seconds", "gibibyte hour", kGiB * 3600)
              : gcp_sku(r, MeterKind::kCompute, m.hourly_price, kComputeId, "Compute Engine", desc,
                        "seconds", "hour", 3600);
  s.machine = &m;
  set_focus(s, "Compute", "Virtual Machines", ram ? "GiB-Hours" : "Hours", "Instance");
  return ctx.sku(key, std::move(s));
}

uint32_t disk_sku(BuildContext& ctx, const std::string& type, const Region& r) {
  const std::string key = fmt::format("gcp/{}/disk/{}", r.code, type);
  if (ctx.has_sku(key)) return ctx.sku(key, Sku{});
  const bool balanced = type == "pd-balanced";
  const std::string desc = fmt::format("{} in {}", balanced ? "Balanced PD Capacity" : "Storage PD Capacity",
                                       r.name);
  Sku s = gcp_sku(r, MeterKind::kBlockStorage, balanced ? "0.1" : "0.04", kComputeId,
                  "Compute Engine", desc, "byte-seconds", "gibibyte month", kGiB * 2628000);
  s.storage_class = type;
  // FOCUS: a ServiceName has one ServiceCategory; persistent disks are billed under Compute
  // Engine.
  set_focus(s, "Compute", "Virtual Machines", "GiB-Months", "Disk");
  return ctx.sku(key, std::move(s));
}

uint32_t simple(BuildContext& ctx, const Region& r, MeterKind kind, const char* price,
                const char* service_id, const char* service, const std::string& description,
                const char* usage_unit, const char* pricing_unit, int64_t usage_per_unit,
                const char* category, const char* subcategory, const char* unit,
                const char* resource_type) {
  const std::string key = fmt::format("gcp/{}/{}", r.code, description);
  if (ctx.has_sku(key)) return ctx.sku(key, Sku{});
  Sku s = gcp_sku(r, kind, price, service_id, service, description, usage_unit, pricing_unit,
                  usage_per_unit);
  set_focus(s, category, subcategory, unit, resource_type);
  return ctx.sku(key, std::move(s));
}

struct Builder {
  BuildContext& ctx;
  Estate& e;

  std::string zone(const Region& r, Rng& rng) const {
    return fmt::format("{}-{}", r.code,
                       r.zones[static_cast<size_t>(rng.range(0, static_cast<int64_t>(r.zones.size()) - 1))]);
  }

  uint32_t vm(const Account& a, const MachineType& m, const Region& r, const std::string& name,
              const std::string& app, Rng& rng) {
    Resource res;
    res.cloud = Cloud::kGcp;
    res.account = a.index;
    res.kind = ResourceKind::kVm;
    res.native_id = rng.digits(19);
    res.zone = zone(r, rng);
    res.id = fmt::format("//compute.googleapis.com/projects/{}/zones/{}/instances/{}", a.id,
                         res.zone, res.native_id);
    res.name = name;
    res.region = &r;
    res.machine = &m;
    res.team = ctx.owner_team(a);
    res.env = a.env;
    res.app = app;
    res.tags = ctx.standard_tags(res.team, a.env, app, "");
    if (a.env == Env::kDev) res.schedule = Schedule::kBusinessHours;
    const uint32_t idx = ctx.add_resource(std::move(res)).index;
    const bool n2 = m.family == "n2";
    Meter& core = ctx.add_meter(idx, a.index, core_sku(ctx, m, r, false), Shape::kConstant,
                                int64_t{m.vcpu} * kOne);
    core.cover = n2 ? CoverClass::kGcpN2Core : CoverClass::kNone;
    Meter& ram = ctx.add_meter(idx, a.index, core_sku(ctx, m, r, true), Shape::kConstant,
                               int64_t{m.memory_gib} * kOne);
    ram.cover = n2 ? CoverClass::kGcpN2Ram : CoverClass::kNone;
    return idx;
  }

  uint32_t disk(const Account& a, uint32_t vm_index, int size_gb, const std::string& type,
                const Region& r, const std::string& name, Rng& rng) {
    Resource res;
    res.cloud = Cloud::kGcp;
    res.account = a.index;
    res.kind = ResourceKind::kDisk;
    res.native_id = rng.digits(19);
    res.name = name;
    res.region = &r;
    res.size_gb = size_gb;
    res.storage_class = type;
    res.attached_to = vm_index;
    if (vm_index != kNoIndex) {
      const Resource& owner = e.resources[vm_index];
      res.zone = owner.zone;
      res.team = owner.team;
      res.env = owner.env;
      res.app = owner.app;
      res.tags = owner.tags;
      res.created = owner.created;
      res.deleted = owner.deleted;
    } else {
      res.zone = zone(r, rng);
      res.team = ctx.owner_team(a);
      res.env = a.env;
      res.app = ctx.pick_app(res.team, rng);
      res.tags = ctx.standard_tags(res.team, a.env, res.app, "");
      res.recommendation = "delete unattached persistent disk (snapshot first)";
    }
    res.id = fmt::format("//compute.googleapis.com/projects/{}/zones/{}/disks/{}", a.id, res.zone,
                         res.native_id);
    const uint32_t idx = ctx.add_resource(std::move(res)).index;
    ctx.add_meter(idx, a.index, disk_sku(ctx, type, r), Shape::kStorage, int64_t{size_gb} * kOne);
    return idx;
  }

  uint32_t bucket(const Account& a, const std::string& name, int size_gb, const std::string& app,
                  Rng& rng) {
    const Region& r = region(Cloud::kGcp, "us-central1");
    Resource res;
    res.cloud = Cloud::kGcp;
    res.account = a.index;
    res.kind = ResourceKind::kBucket;
    res.native_id = name;
    res.id = "//storage.googleapis.com/projects/_/buckets/" + name;
    res.name = name;
    res.region = &r;
    res.size_gb = size_gb;
    res.storage_class = "STANDARD";
    res.team = ctx.owner_team(a);
    res.env = a.env;
    res.app = app;
    res.tags = ctx.standard_tags(res.team, a.env, app, "");
    const uint32_t idx = ctx.add_resource(std::move(res)).index;
    const uint32_t sku = simple(ctx, r, MeterKind::kObjectStorage, "0.026", kStorageId,
                                "Cloud Storage", "Standard Storage US Multi-region",
                                "byte-seconds", "gibibyte month", kGiB * 2628000, "Storage",
                                "Object Storage", "GiB-Months", "Bucket");
    Meter& m = ctx.add_meter(idx, a.index, sku, Shape::kStorage, int64_t{size_gb} * kOne);
    m.growth_ppm_per_day = static_cast<int>(rng.range(300, 1500));
    return idx;
  }

  uint32_t sql(const Account& a, const MachineType& m, const Region& r, const std::string& name,
               const std::string& app, Rng& rng) {
    Resource res;
    res.cloud = Cloud::kGcp;
    res.account = a.index;
    res.kind = ResourceKind::kDatabase;
    res.native_id = name;
    res.id = fmt::format("//cloudsql.googleapis.com/projects/{}/instances/{}", a.id, name);
    res.name = name;
    res.region = &r;
    res.zone = zone(r, rng);
    res.machine = &m;
    res.size_gb = 200;
    res.team = ctx.owner_team(a);
    res.env = a.env;
    res.app = app;
    res.tags = ctx.standard_tags(res.team, a.env, app, "");
    res.commitment_eligible = false;
    const uint32_t idx = ctx.add_resource(std::move(res)).index;
    const std::string where = std::string(r.meter_region);
    const uint32_t cpu = simple(ctx, r, MeterKind::kDatabase, "0.0413", kSqlId, "Cloud SQL",
                                "Cloud SQL for PostgreSQL: Zonal - vCPU in " + where, "seconds",
                                "hour", 3600, "Databases", "Relational Databases", "Hours",
                                "Instance");
    ctx.add_meter(idx, a.index, cpu, Shape::kConstant, int64_t{m.vcpu} * kOne);
    const uint32_t ram = simple(ctx, r, MeterKind::kDatabase, "0.007", kSqlId, "Cloud SQL",
                                "Cloud SQL for PostgreSQL: Zonal - RAM in " + where,
                                "byte-seconds", "gibibyte hour", kGiB * 3600, "Databases",
                                "Relational Databases", "GiB-Hours", "Instance");
    ctx.add_meter(idx, a.index, ram, Shape::kConstant, int64_t{m.memory_gib} * kOne);
    return idx;
  }

  // Internet egress in tenths of a GB per hour.
  void project_meters(const Account& a, const Region& r, int64_t egress_tenths) {
    const uint32_t egress = simple(
        ctx, r, MeterKind::kDataTransfer, "0.12", kComputeId, "Compute Engine",
        fmt::format("Network Internet Egress from {} to {}", r.meter_region, r.meter_region),
        "bytes", "gibibyte", kGiB, "Compute", "Virtual Machines", "GiB", "");
    Meter& m = ctx.add_meter(kNoIndex, a.index, egress, Shape::kVariable, egress_tenths * kOne / 10);
    m.diurnal_permille = 600;
    m.weekend_permille = 300;
    m.noise_permille = 200;
  }
};

}  // namespace

void add_gcp_core(BuildContext& ctx) {
  Estate& e = ctx.estate();
  Builder b{ctx, e};
  Rng ids = ctx.rng("gcp/ids");
  std::string account = ids.hex(6) + "-" + ids.hex(6) + "-" + ids.hex(6);
  for (char& c : account) c = static_cast<char>(std::toupper(c));
  e.gcp_billing_account = account;
  e.gcp_organization = ids.digits(12);
  std::vector<uint32_t> projects;
  for (const ProjectPlan& plan : kProjects) {
    Account a;
    a.cloud = Cloud::kGcp;
    a.id = fmt::format("{}-{}", plan.id, ids.digits(4));
    a.name = plan.name;
    a.number = ids.digits(12);
    a.team = team_index(e, plan.team);
    a.env = plan.env;
    projects.push_back(ctx.add_account(std::move(a)).index);
  }

  for (size_t i = 0; i < std::size(kProjects); ++i) {
    const ProjectPlan& plan = kProjects[i];
    const Account a = e.accounts[projects[i]];
    const Region& r = region(Cloud::kGcp, plan.region);
    Rng rng = ctx.rng("gcp/project", i);
    const int team = ctx.owner_team(a);
    const Team& t = e.teams[static_cast<size_t>(team)];
    const auto types = team_types(t.name);
    const std::string_view id(plan.id);
    b.project_meters(a, r, a.env == Env::kProd ? 40 : 4);
    const std::string env(env_name(a.env));

    if (id == "nw-network-host") continue;  // shared VPC host: egress only
    if (id == "nw-analytics-bq") {
      const uint32_t analysis = simple(ctx, r, MeterKind::kAnalysis, "6.25", kBigQueryId,
                                       "BigQuery", "Analysis", "bytes", "tebibyte",
                                       kGiB * 1024, "Analytics", "Data Processing", "TiB", "");
      Meter& m = ctx.add_meter(kNoIndex, a.index, analysis, Shape::kVariable, kOne / 10);
      m.diurnal_permille = 700;
      m.weekend_permille = 600;
      m.noise_permille = 300;
      // Level shift: a new set of scheduled dashboard refreshes triples the bytes scanned.
      Anomaly an;
      an.index = static_cast<uint32_t>(e.anomalies.size());
      an.kind = AnomalyKind::kLevelShift;
      an.cloud = Cloud::kGcp;
      an.account = a.index;
      an.region = &r;
      an.service_name = "BigQuery";
      an.cause = "new scheduled dashboard refresh queries triple BigQuery bytes scanned";
      Rng arng = ctx.rng("gcp/anomaly/bigquery");
      an.start = core::start_of_day(ctx.at_fraction(0.45 + arng.uniform() * 0.05));
      an.end = BuildContext::forever();
      an.multiplier_permille = 3000;
      m.anomaly = an.index;
      an.meters.push_back(m.index);
      e.anomalies.push_back(std::move(an));
      b.bucket(a, fmt::format("nw-bq-exports-{}", rng.hex(6)), 4000, "reporting", rng);
      continue;
    }
    if (id == "nw-gke-shared") {
      Resource gke;
      gke.cloud = Cloud::kGcp;
      gke.account = a.index;
      gke.kind = ResourceKind::kClusterControlPlane;
      gke.native_id = "gke-shared-prod";
      gke.id = fmt::format("//container.googleapis.com/projects/{}/locations/{}/clusters/{}",
                           a.id, r.code, gke.native_id);
      gke.name = gke.native_id;
      gke.region = &r;
      gke.team = team;
      gke.env = a.env;
      gke.app = "shared-k8s";
      gke.tags = ctx.standard_tags(team, a.env, "shared-k8s", "");
      const uint32_t gi = ctx.add_resource(std::move(gke)).index;
      const uint32_t fee = simple(ctx, r, MeterKind::kFixedHourly, "0.1", kGkeId,
                                  "Kubernetes Engine", "Regional Kubernetes Clusters", "seconds",
                                  "hour", 3600, "Compute", "Containers", "Hours", "Cluster");
      ctx.add_meter(gi, a.index, fee, Shape::kConstant, kOne);
      for (int n = 0; n < 4; ++n) {
        const uint32_t node = b.vm(a, machine_type(Cloud::kGcp, "n2-standard-8"), r,
                                   fmt::format("gke-gke-shared-prod-default-pool-{}", rng.hex(8)),
                                   "shared-k8s", rng);
        e.resources[node].tags.emplace_back("goog-k8s-cluster-name", "gke-shared-prod");
        b.disk(a, node, 100, "pd-balanced", r, e.resources[node].name, rng);
      }
      continue;
    }

    const int vms = 2;
    for (int v = 0; v < vms; ++v) {
      const MachineType& m = machine_type(Cloud::kGcp, types[static_cast<size_t>(v) % types.size()]);
      const std::string app = t.apps[static_cast<size_t>(v) % t.apps.size()];
      const std::string name = fmt::format("{}-{}-{}", app, env, rng.alnum(4));
      const uint32_t vm = b.vm(a, m, r, name, app, rng);
      b.disk(a, vm, static_cast<int>(rng.range(2, 10)) * 10, "pd-balanced", r, name, rng);
      if (t.name == "data" && a.env == Env::kProd) {
        b.disk(a, vm, static_cast<int>(rng.range(2, 8)) * 250, "pd-standard", r, name + "-data", rng);
      }
    }
    if (a.env == Env::kProd && (t.name == "web" || t.name == "data" || t.name == "mobile")) {
      b.sql(a, machine_type(Cloud::kGcp, t.name == "data" ? "db-custom-8-32768" : "db-custom-4-16384"),
            r, fmt::format("{}-pg-{}", t.name, env), t.apps[0], rng);
    }
    const int bucket_gb = id == "nw-data-lake-prod" ? 150000 : static_cast<int>(rng.range(200, 4000));
    const uint32_t bucket = b.bucket(a, fmt::format("{}-{}", a.id, rng.hex(4)), bucket_gb, t.apps[0], rng);
    if (id == "nw-data-lake-prod") {
      // Drift: object lifecycle expiry was switched off; the lake grows 1.5% a day.
      Anomaly an;
      an.index = static_cast<uint32_t>(e.anomalies.size());
      an.kind = AnomalyKind::kDrift;
      an.cloud = Cloud::kGcp;
      an.account = a.index;
      an.region = e.resources[bucket].region;
      an.service_name = "Cloud Storage";
      an.cause = "object lifecycle expiry disabled on the data lake bucket; stored bytes grow daily";
      Rng arng = ctx.rng("gcp/anomaly/drift");
      an.start = core::start_of_day(ctx.at_fraction(0.50 + arng.uniform() * 0.05));
      an.end = BuildContext::forever();
      an.drift_ppm_per_day = 15000;
      Meter& m = e.meters[e.resources[bucket].meters.front()];
      m.anomaly = an.index;
      an.meters.push_back(m.index);
      an.resources.push_back(bucket);
      e.resources[bucket].anomaly = an.index;
      e.anomalies.push_back(std::move(an));
    }
    if (id == "nw-data-lake-dev") b.disk(a, kNoIndex, 500, "pd-standard", r, "old-etl-scratch", rng);
  }
}

uint32_t add_gcp_fleet_unit(BuildContext& ctx, uint32_t k) {
  Estate& e = ctx.estate();
  Builder b{ctx, e};
  Rng rng = ctx.rng("gcp/fleet", k);
  static constexpr size_t kProdProjects[] = {0, 2, 3, 5, 7, 8};
  const size_t slot = kProdProjects[k % std::size(kProdProjects)];
  const Account a = e.accounts[cloud_accounts(e, Cloud::kGcp)[slot]];
  const int team = ctx.owner_team(a);
  const auto types = team_types(e.teams[static_cast<size_t>(team)].name);
  const MachineType& m = machine_type(Cloud::kGcp, types[static_cast<size_t>(rng.range(0, static_cast<int64_t>(types.size()) - 1))]);
  const Region& r = region(Cloud::kGcp, kProjects[slot].region);
  const std::string& app = ctx.pick_app(team, rng);
  const std::string name = fmt::format("{}-mig-{}", app, rng.alnum(4));
  const uint32_t vm = b.vm(a, m, r, name, app, rng);
  Resource& res = e.resources[vm];
  const int64_t span = e.end.unix_seconds - e.start.unix_seconds;
  res.created = Timestamp{e.start.unix_seconds - 60 * core::kSecondsPerDay +
                          static_cast<int64_t>(rng.uniform() * static_cast<double>(span + 50 * core::kSecondsPerDay))};
  res.created.unix_seconds -= res.created.unix_seconds % 3600;
  res.deleted = Timestamp{res.created.unix_seconds + rng.range(20, 320) * core::kSecondsPerDay};
  if (rng.chance(0.15)) res.deleted = BuildContext::forever();
  b.disk(a, vm, 50, "pd-balanced", r, name, rng);
  return vm;
}

void add_gcp_commitments(BuildContext& ctx) {
  Estate& e = ctx.estate();
  Rng rng = ctx.rng("gcp/commitments");
  const Region& r = region(Cloud::kGcp, "us-central1");
  double cores = 0.0;
  double ram = 0.0;
  for (const Meter& m : e.meters) {
    const Sku& s = e.skus[m.sku];
    if (s.region != &r) continue;
    if (m.cover == CoverClass::kGcpN2Core) cores += mean_hourly_quantity(e, m) / kQuantityOne;
    if (m.cover == CoverClass::kGcpN2Ram) ram += mean_hourly_quantity(e, m) / kQuantityOne;
  }
  const Account& owner = e.accounts[cloud_accounts(e, Cloud::kGcp)[8]];  // nw-gke-shared
  struct Plan {
    int months_before_start;
    int term_months;
    int permille;
    int discount_permille;
  };
  // A 1-year CUD that expires mid-window and a 3-year CUD bought in the window.
  const Plan plans[] = {{3, 12, 600, 370}, {-7, 36, 350, 550}};
  for (const Plan& p : plans) {
    const std::string name = fmt::format("n2-commitment-{}", rng.alnum(6));
    const Timestamp start = [&] {
      Timestamp t = core::add_months(e.start, -p.months_before_start);
      t.unix_seconds += rng.range(1, 20) * core::kSecondsPerDay;
      return t;
    }();
    for (const bool is_ram : {false, true}) {
      Commitment c;
      c.index = static_cast<uint32_t>(e.commitments.size());
      c.kind = CommitmentKind::kGcpCud;
      c.cloud = Cloud::kGcp;
      c.account = owner.index;
      c.region = &r;
      c.cover = is_ram ? CoverClass::kGcpN2Ram : CoverClass::kGcpN2Core;
      const double amount = (is_ram ? ram : cores) * p.permille / 1000.0;
      c.units = std::max<int64_t>(1, static_cast<int64_t>(amount)) * kQuantityOne;
      c.term_months = p.term_months;
      c.payment = Payment::kMonthly;
      c.start = start;
      c.end = Timestamp{start.unix_seconds + int64_t{p.term_months} * 730 * 3600};
      c.cancelled = c.end;
      const MachineType& n2 = machine_type(Cloud::kGcp, "n2-standard-4");
      const Int128 od = regional_price(price_units(is_ram ? n2.ram_price : n2.hourly_price), r);
      c.recurring_hourly = scale_price(od, 1000 - p.discount_permille, 9);
      c.order_id = rng.digits(19);
      c.id = fmt::format("projects/{}/regions/{}/commitments/{}", owner.id, r.code, name);
      c.name = name;
      const std::string desc = fmt::format("Commitment v1: N2 {} in {} for {} Year{}",
                                           is_ram ? "Ram" : "Cpu", r.meter_region,
                                           p.term_months / 12, p.term_months > 12 ? "s" : "");
      Sku s = gcp_sku(r, is_ram ? MeterKind::kComputeRam : MeterKind::kCompute, "0", kComputeId,
                      "Compute Engine", desc, is_ram ? "byte-seconds" : "seconds",
                      is_ram ? "gibibyte hour" : "hour", is_ram ? kGiB * 3600 : 3600);
      s.list_rate = c.recurring_hourly;
      s.rate = c.recurring_hourly;
      set_focus(s, "Compute", "Virtual Machines", is_ram ? "GiB-Hours" : "Hours", "Commitment");
      c.sku = ctx.sku("gcp/cud/" + desc, std::move(s));
      e.commitments.push_back(std::move(c));
    }
  }
}

}  // namespace optima::demo
