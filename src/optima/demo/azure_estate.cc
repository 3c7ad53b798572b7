// The Azure part of the demo estate: seven subscriptions under an Enterprise Agreement
// enrollment and five under a Microsoft Customer Agreement billing profile, their VMs, disks,
// SQL databases, storage, an AKS cluster, a marketplace SaaS plan, reservations (one cancelled
// with a refund), a savings plan, and a level-shift anomaly.
#include <algorithm>
#include <cmath>
#include <cctype>
#include <map>

#include <fmt/format.h>

#include "optima/demo/cloud_recipes.h"
#include "optima/demo/usage_model.h"

namespace optima::demo {
namespace {

constexpr int64_t kOne = kQuantityOne;

struct SubscriptionPlan {
  const char* name;
  const char* team;
  Env env;
  AzureAgreement agreement;
  const char* section;
  const char* region;
};

constexpr SubscriptionPlan kSubscriptions[] = {
    {"nw-platform-prod", "platform", Env::kProd, AzureAgreement::kEa, "Platform", "eastus"},
    {"nw-web-prod", "web", Env::kProd, AzureAgreement::kEa, "Digital", "eastus"},
    {"nw-web-dev", "web", Env::kDev, AzureAgreement::kEa, "Digital", "eastus"},
    {"nw-data-prod", "data", Env::kProd, AzureAgreement::kEa, "Data", "eastus"},
    {"nw-payments-prod", "payments", Env::kProd, AzureAgreement::kEa, "Finance Systems", "westeurope"},
    {"nw-security", "security", Env::kProd, AzureAgreement::kEa, "Security", "eastus"},
    {"nw-shared-services", "platform", Env::kProd, AzureAgreement::kEa, "Platform", "eastus"},
    {"nw-analytics-prod", "analytics", Env::kProd, AzureAgreement::kMca, "Data and AI", "westeurope"},
    {"nw-ml-prod", "ml", Env::kProd, AzureAgreement::kMca, "Data and AI", "eastus"},
    {"nw-ml-dev", "ml", Env::kDev, AzureAgreement::kMca, "Data and AI", "eastus"},
    {"nw-mobile-prod", "mobile", Env::kProd, AzureAgreement::kMca, "Digital", "eastus"},
    {"nw-sandbox", "platform", Env::kDev, AzureAgreement::kMca, "Platform", "uksouth"},
};

int team_index(const Estate& estate, std::string_view name) {
  for (size_t i = 0; i < estate.teams.size(); ++i) {
    if (estate.teams[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

std::vector<std::string_view> team_sizes(std::string_view team) {
  if (team == "data" || team == "analytics") return {"Standard_E4s_v5", "Standard_E8s_v5"};
  if (team == "ml") return {"Standard_F4s_v2", "Standard_NC4as_T4_v3"};
  if (team == "security" || team == "platform") return {"Standard_D2s_v5", "Standard_B2s"};
  return {"Standard_D4s_v5", "Standard_D2s_v5"};
}

// "Standard_D4s_v5" -> "D4s v5".
std::string meter_name_of(std::string_view size) {
  std::string s(size.substr(size.find('_') + 1));
  std::replace(s.begin(), s.end(), '_', ' ');
  return s;
}

std::string part_number(std::string_view key) {
  const uint64_t h = hash_text(key);
  std::string out = "A";
  out.push_back(static_cast<char>('A' + h % 26));
  out.push_back(static_cast<char>('A' + (h >> 8) % 26));
  return fmt::format("{}-{:05d}", out, (h >> 16) % 100000);
}

std::string product_id(std::string_view key) {
  static constexpr char kChars[] = "0123456789BCDFGHJKLMNPQRSTVWXZ";
  uint64_t h = hash_keys(hash_text(key), 7);
  std::string out = "DZH318Z0";
  for (int i = 0; i < 4; ++i) {
    out.push_back(kChars[h % 30]);
    h /= 30;
  }
  return out;
}

std::string meter_guid(std::string_view key) {
  Rng rng(hash_keys(hash_text(key), 0x3e7e5ULL));
  return rng.uuid();
}

Sku azure_sku(const Region& r, MeterKind kind, std::string_view price, std::string category,
              std::string subcategory, std::string meter, std::string unit, std::string consumed,
              std::string family, std::string product) {
  Sku s;
  s.cloud = Cloud::kAzure;
  s.kind = kind;
  s.region = &r;
  s.list_rate = regional_price(price_units(price), r);
  s.meter_category = std::move(category);
  s.meter_subcategory = std::move(subcategory);
  s.meter_name = std::move(meter);
  s.unit_of_measure = std::move(unit);
  s.consumed_service = std::move(consumed);
  s.service_family = std::move(family);
  s.product = std::move(product);
  const std::string key = s.product + "|" + s.meter_name + "|" + std::string(r.code);
  s.meter_id = meter_guid(key);
  s.part_number = part_number(key);
  s.product_id = product_id(key);
  s.sku_id = s.product_id;
  s.sku_meter = s.meter_name;
  s.description = s.product;
  return s;
}

void set_focus(Sku& s, const char* service, const char* category, const char* subcategory,
               const char* unit, const char* resource_type) {
  s.service_name = service;
  s.service_category = category;
  s.service_subcategory = subcategory;
  s.pricing_unit = unit;
  s.resource_type = resource_type;
}

uint32_t vm_sku(BuildContext& ctx, const MachineType& m, const Region& r) {
  const std::string key = fmt::format("azure/vm/{}/{}", r.code, m.name);
  if (ctx.has_sku(key)) return ctx.sku(key, Sku{});
  const std::string meter = meter_name_of(m.name);
  const std::string sub = std::string(m.family) + " Series";
  Sku s = azure_sku(r, MeterKind::kCompute, m.hourly_price, "Virtual Machines", sub, meter,
                    "1 Hour", "Microsoft.Compute", "Compute",
                    fmt::format("Virtual Machines {} - {} - {}", sub, meter, r.meter_region));
  s.machine = &m;
  s.instance_type = std::string(m.name);
  set_focus(s, "Virtual Machines", "Compute", "Virtual Machines", "Hours", "Virtual machine");
  return ctx.sku(key, std::move(s));
}

struct DiskTier {
  const char* name;
  int size_gb;
  const char* price;
};
constexpr DiskTier kDiskTiers[] = {{"P10", 128, "19.71"}, {"P20", 512, "73.22"},
                                   {"P30", 1024, "135.17"}, {"E10", 128, "9.6"}};

uint32_t disk_sku(BuildContext& ctx, const DiskTier& tier, const Region& r) {
  const std::string key = fmt::format("azure/disk/{}/{}", r.code, tier.name);
  if (ctx.has_sku(key)) return ctx.sku(key, Sku{});
  const bool premium = tier.name[0] == 'P';
  const std::string sub = premium ? "Premium SSD Managed Disks" : "Standard SSD Managed Disks";
  Sku s = azure_sku(r, MeterKind::kBlockStorage, tier.price, "Storage", sub,
                    fmt::format("{} LRS Disk", tier.name), "1/Month", "Microsoft.Compute",
                    "Storage", fmt::format("{} - {} LRS - {}", sub, tier.name, r.meter_region));
  s.storage_class = premium ? "Premium_LRS" : "StandardSSD_LRS";
  set_focus(s, "Virtual Machines", "Compute", "Virtual Machines", "Units/Month", "Disk");
  return ctx.sku(key, std::move(s));
}

uint32_t simple(BuildContext& ctx, const Region& r, MeterKind kind, const char* price,
                const char* category, const char* subcategory, const char* meter,
                const char* unit, const char* consumed, const char* family,
                const char* service, const char* focus_category, const char* focus_sub,
                const char* focus_unit, const char* resource_type) {
  const std::string key = fmt::format("azure/{}/{}/{}/{}", r.code, category, subcategory, meter);
  if (ctx.has_sku(key)) return ctx.sku(key, Sku{});
  std::string product = std::string(subcategory).empty()
                            ? fmt::format("{} - {} - {}", category, meter, r.meter_region)
                            : fmt::format("{} - {} - {}", subcategory, meter, r.meter_region);
  Sku s = azure_sku(r, kind, price, category, subcategory, meter, unit, consumed, family,
                    std::move(product));
  set_focus(s, service, focus_category, focus_sub, focus_unit, resource_type);
  return ctx.sku(key, std::move(s));
}

struct Builder {
  BuildContext& ctx;
  Estate& e;

  std::string rg_path(const Account& a, const std::string& rg) const {
    return fmt::format("/subscriptions/{}/resourceGroups/{}", a.id, rg);
  }

  Resource base(const Account& a, ResourceKind kind, const Region& r, const std::string& rg,
                const std::string& provider_path, const std::string& name,
                const std::string& app) {
    Resource res;
    res.cloud = Cloud::kAzure;
    res.account = a.index;
    res.kind = kind;
    res.name = name;
    res.resource_group = rg;
    res.id = fmt::format("{}/providers/{}/{}", rg_path(a, rg), provider_path, name);
    res.region = &r;
    res.team = ctx.owner_team(a);
    res.env = a.env;
    res.app = app;
    res.tags = ctx.standard_tags(res.team, a.env, app, "");
    return res;
  }

  uint32_t vm(const Account& a, const MachineType& m, const Region& r, const std::string& rg,
              const std::string& name, const std::string& app, Rng& rng) {
    Resource res = base(a, ResourceKind::kVm, r, rg, "Microsoft.Compute/virtualMachines", name, app);
    res.native_id = rng.uuid();
    res.machine = &m;
    res.zone = std::to_string(rng.range(1, 3));
    if (a.env == Env::kDev) res.schedule = Schedule::kBusinessHours;
    const uint32_t idx = ctx.add_resource(std::move(res)).index;
    Meter& meter = ctx.add_meter(idx, a.index, vm_sku(ctx, m, r), Shape::kConstant, kOne);
    meter.cover = CoverClass::kAzureVm;
    return idx;
  }

  uint32_t disk(const Account& a, uint32_t vm_index, const DiskTier& tier, const Region& r,
                const std::string& rg, const std::string& name, Rng& rng) {
    const std::string app = vm_index == kNoIndex ? ctx.pick_app(ctx.owner_team(a), rng)
                                                 : e.resources[vm_index].app;
    Resource res = base(a, ResourceKind::kDisk, r, rg, "Microsoft.Compute/disks", name, app);
    res.native_id = rng.uuid();
    res.size_gb = tier.size_gb;
    res.storage_class = tier.name[0] == 'P' ? "Premium_LRS" : "StandardSSD_LRS";
    res.attached_to = vm_index;
    if (vm_index != kNoIndex) {
      const Resource& owner = e.resources[vm_index];
      res.tags = owner.tags;
      res.created = owner.created;
      res.deleted = owner.deleted;
      res.zone = owner.zone;
    } else {
      res.recommendation = "delete unattached managed disk (snapshot first)";
    }
    const uint32_t idx = ctx.add_resource(std::move(res)).index;
    ctx.add_meter(idx, a.index, disk_sku(ctx, tier, r), Shape::kStorage, kOne);
    return idx;
  }

  uint32_t public_ip(const Account& a, uint32_t vm_index, const Region& r, const std::string& rg,
                     const std::string& name, Rng& rng) {
    const std::string app = vm_index == kNoIndex ? ctx.pick_app(ctx.owner_team(a), rng)
                                                 : e.resources[vm_index].app;
    Resource res = base(a, ResourceKind::kPublicIp, r, rg, "Microsoft.Network/publicIPAddresses", name, app);
    res.native_id = fmt::format("20.{}.{}.{}", rng.range(1, 254), rng.range(1, 254), rng.range(1, 254));
    res.attached_to = vm_index;
    if (vm_index == kNoIndex) res.recommendation = "delete unassociated public IP address";
    const uint32_t idx = ctx.add_resource(std::move(res)).index;
    const uint32_t sku = simple(ctx, r, MeterKind::kFixedHourly, "0.005", "Virtual Network",
                                "IP Addresses", "Standard IPv4 Static Public IP", "1 Hour",
                                "Microsoft.Network", "Networking", "Virtual Network",
                                "Networking", "Network Infrastructure", "Hours",
                                "Public IP address");
    ctx.add_meter(idx, a.index, sku, Shape::kConstant, kOne);
    return idx;
  }

  uint32_t sql_sku(const Region& r) {
    return simple(ctx, r, MeterKind::kDatabase, "0.2522", "SQL Database",
                  "General Purpose - Compute Gen5", "vCore", "1 Hour", "Microsoft.Sql",
                  "Databases", "Azure SQL Database", "Databases", "Relational Databases",
                  "Hours", "SQL database");
  }

  uint32_t database(const Account& a, const MachineType& m, const Region& r,
                    const std::string& rg, const std::string& server, const std::string& name,
                    const std::string& app, Rng& rng) {
    Resource res = base(a, ResourceKind::kDatabase, r, rg,
                        fmt::format("Microsoft.Sql/servers/{}/databases", server), name, app);
    res.native_id = rng.uuid();
    res.machine = &m;
    res.size_gb = 250;
    res.commitment_eligible = false;
    const uint32_t idx = ctx.add_resource(std::move(res)).index;
    ctx.add_meter(idx, a.index, sql_sku(r), Shape::kConstant, int64_t{m.vcpu} * kOne);
    return idx;
  }

  uint32_t storage_account(const Account& a, const Region& r, const std::string& rg,
                           const std::string& name, int size_gb, int64_t writes_per_hour,
                           const std::string& app, Rng& rng) {
    Resource res = base(a, ResourceKind::kBucket, r, rg, "Microsoft.Storage/storageAccounts", name, app);
    res.native_id = name;
    res.size_gb = size_gb;
    res.storage_class = "Standard_LRS";
    const uint32_t idx = ctx.add_resource(std::move(res)).index;
    const uint32_t data = simple(ctx, r, MeterKind::kObjectStorage, "0.0208", "Storage",
                                 "Tiered Block Blob", "Hot LRS Data Stored", "1 GB/Month",
                                 "Microsoft.Storage", "Storage", "Storage Accounts", "Storage",
                                 "Storage Platforms", "GB/Month", "Storage account");
    Meter& st = ctx.add_meter(idx, a.index, data, Shape::kStorage, int64_t{size_gb} * kOne);
    st.growth_ppm_per_day = static_cast<int>(rng.range(200, 1200));
    const uint32_t ops = simple(ctx, r, MeterKind::kRequests, "0.065", "Storage",
                                "Tiered Block Blob", "Hot LRS Write Operations", "10K",
                                "Microsoft.Storage", "Storage", "Storage Accounts", "Storage",
                                "Storage Platforms", "10K Units", "Storage account");
    if (writes_per_hour == 0) return idx;
    // Quantity in 10K-operation blocks.
    Meter& w = ctx.add_meter(idx, a.index, ops, Shape::kVariable, writes_per_hour * kOne / 10000);
    w.diurnal_permille = 600;
    w.weekend_permille = 300;
    w.noise_permille = 200;
    return idx;
  }

  // Egress and log ingestion, in tenths of a GB per hour.
  void subscription_meters(const Account& a, const Region& r, int64_t egress_tenths, int64_t logs_tenths) {
    if (egress_tenths == 0 && logs_tenths == 0) return;
    const uint32_t bw = simple(ctx, r, MeterKind::kDataTransfer, "0.087", "Bandwidth",
                               "Inter-Region", "Standard Data Transfer Out", "1 GB",
                               "Microsoft.Network", "Networking", "Bandwidth", "Networking",
                               "Network Connectivity", "GB", "");
    if (egress_tenths > 0) {
      Meter& m = ctx.add_meter(kNoIndex, a.index, bw, Shape::kVariable, egress_tenths * kOne / 10);
      m.diurnal_permille = 600;
      m.weekend_permille = 300;
      m.noise_permille = 200;
    }
    const uint32_t la = simple(ctx, r, MeterKind::kLogs, "2.3", "Log Analytics", "",
                               "Analytics Logs Data Ingestion", "1 GB",
                               "Microsoft.OperationalInsights", "Management and Governance",
                               "Azure Monitor", "Management and Governance", "Observability",
                               "GB", "");
    if (logs_tenths == 0) return;
    Meter& l = ctx.add_meter(kNoIndex, a.index, la, Shape::kVariable, logs_tenths * kOne / 10);
    l.diurnal_permille = 400;
    l.weekend_permille = 200;
    l.noise_permille = 150;
  }
};

}  // namespace

void add_azure_core(BuildContext& ctx) {
  Estate& e = ctx.estate();
  Builder b{ctx, e};
  Rng ids = ctx.rng("azure/ids");
  e.azure_ea_enrollment = ids.digits(8);
  e.azure_ea_name = "Northwind Analytics EA";
  e.azure_mca_billing_account =
      fmt::format("{}:{}_2019-05-31", ids.uuid(), ids.uuid());
  e.azure_mca_billing_profile = fmt::format("{}-{}-{}-{}", ids.alnum(4), ids.alnum(4),
                                            ids.alnum(3), ids.alnum(3));
  for (char& c : e.azure_mca_billing_profile) c = static_cast<char>(std::toupper(c));
  e.azure_mca_name = "Northwind Analytics";

  std::vector<uint32_t> subs;
  std::map<std::string, std::string> section_ids;
  for (const SubscriptionPlan& plan : kSubscriptions) {
    Account a;
    a.cloud = Cloud::kAzure;
    a.id = ids.uuid();
    a.name = plan.name;
    a.team = team_index(e, plan.team);
    a.env = plan.env;
    a.agreement = plan.agreement;
    a.invoice_section = plan.section;
    auto [it, inserted] = section_ids.emplace(plan.section, "");
    if (inserted) {
      it->second = plan.agreement == AzureAgreement::kEa
                       ? ids.digits(6)
                       : fmt::format("{}-{}-{}-{}", ids.alnum(4), ids.alnum(4), ids.alnum(3), ids.alnum(3));
      for (char& c : it->second) c = static_cast<char>(std::toupper(c));
    }
    a.invoice_section_id = it->second;
    subs.push_back(ctx.add_account(std::move(a)).index);
  }

  for (size_t i = 0; i < std::size(kSubscriptions); ++i) {
    const SubscriptionPlan& plan = kSubscriptions[i];
    const Account a = e.accounts[subs[i]];
    const Region& r = region(Cloud::kAzure, plan.region);
    Rng rng = ctx.rng("azure/subscription", i);
    const int team = ctx.owner_team(a);
    const Team& t = e.teams[static_cast<size_t>(team)];
    const auto sizes = team_sizes(t.name);
    b.subscription_meters(a, r, a.env == Env::kProd ? 30 : 0,
                          t.name == "platform" || t.name == "security" ? 3 : 0);
    const std::string env(env_name(a.env));

    if (std::string_view(plan.name) == "nw-platform-prod") {
      // AKS: a managed cluster whose nodes run in a scale set (billed as one resource).
      const std::string rg = "rg-aks-platform-prod";
      Resource aks = b.base(a, ResourceKind::kClusterControlPlane, r, rg,
                            "Microsoft.ContainerService/managedClusters", "aks-platform-prod",
                            "shared-k8s");
      aks.native_id = rng.uuid();
      const uint32_t aks_index = ctx.add_resource(std::move(aks)).index;
      const uint32_t sla = simple(ctx, r, MeterKind::kFixedHourly, "0.1",
                                  "Azure Kubernetes Service", "Standard", "Standard Uptime SLA",
                                  "1 Hour", "Microsoft.ContainerService", "Compute",
                                  "Azure Kubernetes Service", "Compute", "Containers", "Hours",
                                  "Kubernetes service");
      ctx.add_meter(aks_index, a.index, sla, Shape::kConstant, kOne);
      const std::string node_rg = "MC_rg-aks-platform-prod_aks-platform-prod_eastus";
      Resource vmss = b.base(a, ResourceKind::kScaleSet, r, node_rg,
                             "Microsoft.Compute/virtualMachineScaleSets",
                             fmt::format("aks-nodepool1-{}-vmss", rng.digits(8)), "shared-k8s");
      vmss.native_id = rng.uuid();
      vmss.machine = &machine_type(Cloud::kAzure, "Standard_D8s_v5");
      vmss.count = 5;
      vmss.tags.emplace_back("aks-managed-poolName", "nodepool1");
      const uint32_t vmss_index = ctx.add_resource(std::move(vmss)).index;
      Meter& m = ctx.add_meter(vmss_index, a.index, vm_sku(ctx, *e.resources[vmss_index].machine, r),
                               Shape::kConstant, 5 * kOne);
      m.cover = CoverClass::kAzureVm;
      continue;
    }

    const int vms = 2;
    const std::string rg = fmt::format("rg-{}-{}", t.apps[0], env);
    for (int v = 0; v < vms; ++v) {
      const MachineType& m = machine_type(Cloud::kAzure, sizes[static_cast<size_t>(v) % sizes.size()]);
      const std::string app = t.apps[static_cast<size_t>(v) % t.apps.size()];
      const std::string name = fmt::format("vm-{}-{}-{:02d}", app, env, v + 1);
      const uint32_t vm = b.vm(a, m, r, rg, name, app, rng);
      b.disk(a, vm, kDiskTiers[0], r, rg, name + "_OsDisk_1_" + rng.hex(32), rng);
      if ((t.name == "data" || t.name == "analytics") && v == 0) {
        b.disk(a, vm, kDiskTiers[rng.chance(0.5) ? 1 : 2], r, rg, name + "-data-01", rng);
      }
      if (v == 0 && a.env == Env::kProd && (t.name == "web" || t.name == "mobile")) {
        b.public_ip(a, vm, r, rg, name + "-pip", rng);
      }
    }
    if (a.env == Env::kProd && t.name != "security") {
      const MachineType& db = machine_type(Cloud::kAzure, t.name == "payments" ? "GP_Gen5_4" : "GP_Gen5_2");
      const uint32_t dbi = b.database(a, db, r, rg, fmt::format("sql-{}-{}", t.name, env),
                                      fmt::format("sqldb-{}", t.apps[0]), t.apps[0], rng);
      if (t.name == "payments") {
        // Level shift: the database is scaled from 4 to 16 vCores and stays there.
        Anomaly an;
        an.index = static_cast<uint32_t>(e.anomalies.size());
        an.kind = AnomalyKind::kLevelShift;
        an.cloud = Cloud::kAzure;
        an.account = a.index;
        an.region = &r;
        an.service_name = "Azure SQL Database";
        an.cause = "payments database scaled up from GP_Gen5_4 to GP_Gen5_16 (4 -> 16 vCores)";
        Rng arng = ctx.rng("azure/anomaly/shift");
        an.start = core::start_of_day(ctx.at_fraction(0.62 + arng.uniform() * 0.05));
        an.end = BuildContext::forever();
        Resource& res = e.resources[dbi];
        const MachineType& bigger = machine_type(Cloud::kAzure, "GP_Gen5_16");
        res.machine = &bigger;
        res.anomaly = an.index;
        Meter& old_meter = e.meters[res.meters.front()];
        old_meter.active_to = an.start;
        const uint32_t sku = old_meter.sku;
        Meter& new_meter = ctx.add_meter(dbi, a.index, sku, Shape::kConstant, int64_t{bigger.vcpu} * kOne);
        new_meter.active_from = an.start;
        new_meter.anomaly = an.index;
        an.meters.push_back(new_meter.index);
        an.resources.push_back(dbi);
        an.expected_daily_delta =
            cost_of(e.skus[sku].rate, int64_t{bigger.vcpu - db.vcpu} * kOne) * 24;
        e.anomalies.push_back(std::move(an));
      }
    }
    b.storage_account(a, r, rg, fmt::format("st{}{}{}", t.name, env, rng.hex(6)),
                      t.name == "data" ? 90000 : static_cast<int>(rng.range(300, 5000)),
                      a.env == Env::kProd && t.name == "data" ? 40000 : 0, t.apps[0], rng);
    if (std::string_view(plan.name) == "nw-web-dev") {
      b.disk(a, kNoIndex, kDiskTiers[1], r, rg, "vm-old-build-agent-data", rng);
    }
    if (std::string_view(plan.name) == "nw-sandbox") {
      b.public_ip(a, kNoIndex, r, rg, "pip-test-unused", rng);
    }
    if (std::string_view(plan.name) == "nw-analytics-prod") {
      // A SaaS plan bought through Azure Marketplace on the MCA, billed per host-hour.
      const std::string key = "azure/marketplace/acme";
      Sku s = azure_sku(r, MeterKind::kMarketplace, "0.012", "SaaS", "Acme Observability",
                        "Host Hours", "1 Hour", "Microsoft.SaaS", "Management and Governance",
                        "Acme Observability Platform - Business");
      s.marketplace = true;
      s.publisher = "Acme Observability";
      set_focus(s, "Acme Observability Platform", "Management and Governance", "Observability",
                "Hours", "SaaS");
      const uint32_t sku = ctx.sku(key, std::move(s));
      Resource saas = b.base(a, ResourceKind::kFunction, r, rg, "Microsoft.SaaS/resources",
                             "acme-observability", "bi-dashboards");
      saas.native_id = rng.uuid();
      saas.id = fmt::format("/subscriptions/{}/resourceGroups/{}/providers/Microsoft.SaaS/resources/acme-observability",
                            a.id, rg);
      const uint32_t saas_index = ctx.add_resource(std::move(saas)).index;
      Meter& m = ctx.add_meter(saas_index, a.index, sku, Shape::kVariable, 40 * kOne);
      m.noise_permille = 50;
    }
  }
}

uint32_t add_azure_fleet_unit(BuildContext& ctx, uint32_t k) {
  Estate& e = ctx.estate();
  Builder b{ctx, e};
  Rng rng = ctx.rng("azure/fleet", k);
  static constexpr size_t kProdSubscriptions[] = {1, 3, 4, 7, 8, 10};
  const size_t slot = kProdSubscriptions[k % std::size(kProdSubscriptions)];
  const Account a = e.accounts[cloud_accounts(e, Cloud::kAzure)[slot]];
  const int team = ctx.owner_team(a);
  const Team& t = e.teams[static_cast<size_t>(team)];
  const auto sizes = team_sizes(t.name);
  const MachineType& m = machine_type(Cloud::kAzure, sizes[static_cast<size_t>(rng.range(0, static_cast<int64_t>(sizes.size()) - 1))]);
  const Region& r = region(Cloud::kAzure, kSubscriptions[slot].region);
  const std::string& app = ctx.pick_app(team, rng);
  const std::string rg = fmt::format("rg-{}-{}", app, env_name(a.env));
  const std::string name = fmt::format("vm-{}-{}", app, rng.hex(6));
  const uint32_t vm = b.vm(a, m, r, rg, name, app, rng);
  Resource& res = e.resources[vm];
  const int64_t span = e.end.unix_seconds - e.start.unix_seconds;
  res.created = Timestamp{e.start.unix_seconds - 60 * core::kSecondsPerDay +
                          static_cast<int64_t>(rng.uniform() * static_cast<double>(span + 50 * core::kSecondsPerDay))};
  res.created.unix_seconds -= res.created.unix_seconds % 3600;
  res.deleted = Timestamp{res.created.unix_seconds + rng.range(20, 320) * core::kSecondsPerDay};
  if (rng.chance(0.15)) res.deleted = BuildContext::forever();
  b.disk(a, vm, kDiskTiers[0], r, rg, name + "_OsDisk_1_" + rng.hex(32), rng);
  return vm;
}

void add_azure_commitments(BuildContext& ctx) {
  Estate& e = ctx.estate();
  Rng rng = ctx.rng("azure/commitments");
  const auto subs = cloud_accounts(e, Cloud::kAzure);
  // Average concurrently running EA VM instances by (size, region), counting scale-set
  // instances; and the MCA on-demand VM spend per hour.
  std::map<std::pair<std::string_view, std::string_view>, double> ea_groups;
  double mca_ondemand_per_hour = 0.0;
  for (const Meter& m : e.meters) {
    if (m.cover != CoverClass::kAzureVm) continue;
    const Resource& r = e.resources[m.resource];
    const Sku& s = e.skus[m.sku];
    const Account& a = e.accounts[m.account];
    const double running = mean_hourly_quantity(e, m) / static_cast<double>(kQuantityOne);
    if (a.agreement == AzureAgreement::kEa) {
      if (r.schedule == Schedule::kAlways) ea_groups[{s.machine->name, s.region->code}] += running;
    } else {
      mca_ondemand_per_hour += core::Decimal::from_units(s.rate).to_double() * running;
    }
  }
  std::vector<std::pair<double, std::pair<std::string_view, std::string_view>>> ranked;
  for (const auto& [key, count] : ea_groups) ranked.emplace_back(count, key);
  std::sort(ranked.begin(), ranked.end(), [](const auto& x, const auto& y) {
    return x.first != y.first ? x.first > y.first : x.second < y.second;
  });

  struct Plan {
    int months_before_start;
    Payment payment;
    int term_months;
    int permille;
    int cancel_after_months;  // 0 = not cancelled
  };
  // A three-year reservation paid monthly (bought before the window) and a one-year upfront
  // reservation bought in the window 30% larger than needed (unused hours), exchanged
  // (refunded) seven months later.
  const Plan plans[] = {{4, Payment::kMonthly, 36, 800, 0}, {-2, Payment::kAllUpfront, 12, 1300, 7}};
  const Account& purchaser = e.accounts[subs[6]];  // nw-shared-services holds the benefits
  for (size_t i = 0; i < std::size(plans) && i < ranked.size(); ++i) {
    const auto& [count, key] = ranked[i];
    const Plan& p = plans[i];
    const MachineType& m = machine_type(Cloud::kAzure, key.first);
    const Region& r = region(Cloud::kAzure, key.second);
    Commitment c;
    c.index = static_cast<uint32_t>(e.commitments.size());
    c.kind = CommitmentKind::kAzureReservation;
    c.cloud = Cloud::kAzure;
    c.account = purchaser.index;
    c.agreement = AzureAgreement::kEa;
    c.region = &r;
    c.machine = &m;
    c.cover = CoverClass::kAzureVm;
    // Oversized plans round up (some hours stay unused); the others round down.
    const double wanted = count * p.permille / 1000.0;
    c.units = std::max<int64_t>(1, static_cast<int64_t>(p.permille > 1000 ? std::ceil(wanted) : wanted)) * kQuantityOne;
    c.payment = p.payment;
    c.term_months = p.term_months;
    c.start = core::add_months(e.start, -p.months_before_start);
    c.start.unix_seconds += rng.range(2, 20) * core::kSecondsPerDay + 3600 * rng.range(8, 18);
    c.end = Timestamp{c.start.unix_seconds + int64_t{p.term_months} * 730 * 3600};
    c.cancelled = c.end;
    if (p.cancel_after_months > 0) {
      c.cancelled = core::add_months(c.start, p.cancel_after_months);
      c.cancelled.unix_seconds += 10 * 3600;
    }
    const Int128 od = regional_price(price_units(m.hourly_price), r);
    const Int128 effective = scale_price(od, p.term_months == 36 ? 420 : 600, 6);
    if (p.payment == Payment::kAllUpfront) {
      c.upfront_hourly = effective;
    } else {
      c.recurring_hourly = effective;
    }
    c.order_id = rng.uuid();
    c.reservation_id = rng.uuid();
    c.id = fmt::format("/providers/Microsoft.Capacity/reservationOrders/{}/reservations/{}",
                       c.order_id, c.reservation_id);
    const core::CivilDate d = core::date_of(c.start);
    c.name = fmt::format("VM_RI_{:02d}-{:02d}-{}_{:02d}-{:02d}", d.month, d.day, d.year,
                         static_cast<int>(c.start.unix_seconds % 86400 / 3600), rng.range(0, 59));
    Sku s = e.skus[vm_sku(ctx, m, r)];
    s.consumed_service = "Microsoft.Capacity";
    s.product = fmt::format("Reserved VM Instance, {}, {}, {} {}", m.name, r.name,
                            p.term_months / 12, p.term_months == 12 ? "Year" : "Years");
    s.resource_type = "Reservation";
    c.sku = ctx.sku(fmt::format("azure/reservation/{}", c.reservation_id), std::move(s));
    e.commitments.push_back(std::move(c));
  }

  // MCA savings plan: about 30% of the MCA on-demand VM spend, three years, paid monthly.
  Commitment c;
  c.index = static_cast<uint32_t>(e.commitments.size());
  c.kind = CommitmentKind::kAzureSavingsPlan;
  c.cloud = Cloud::kAzure;
  c.account = e.accounts[subs[7]].index;
  c.agreement = AzureAgreement::kMca;
  c.cover = CoverClass::kAzureVm;
  c.hourly_commitment = core::Decimal::from_int(static_cast<int64_t>(mca_ondemand_per_hour * 0.3 * 4) + 1).units() / 4;
  c.recurring_hourly = c.hourly_commitment;
  c.discount_permille = 300;
  c.payment = Payment::kMonthly;
  c.term_months = 36;
  c.start = core::add_months(e.start, -9);
  c.start.unix_seconds += rng.range(2, 20) * core::kSecondsPerDay + 3600 * 9;
  c.end = Timestamp{c.start.unix_seconds + int64_t{36} * 730 * 3600};
  c.cancelled = c.end;
  c.order_id = rng.uuid();
  c.reservation_id = rng.uuid();
  c.id = fmt::format("/providers/Microsoft.BillingBenefits/savingsPlanOrders/{}/savingsPlans/{}",
                     c.order_id, c.reservation_id);
  const core::CivilDate d = core::date_of(c.start);
  c.name = fmt::format("Compute_SavingsPlan_{:02d}-{:02d}-{}_09-00", d.month, d.day, d.year);
  const Region& r = region(Cloud::kAzure, "eastus");
  Sku s = azure_sku(r, MeterKind::kCompute, "0", "Savings Plan", "Compute Savings Plan",
                    "Compute Savings Plan", "1 Hour", "Microsoft.BillingBenefits", "Compute",
                    "Compute savings plan, 3 Years");
  s.list_rate = c.hourly_commitment;
  s.rate = c.hourly_commitment;
  set_focus(s, "Virtual Machines", "Compute", "Virtual Machines", "Hours", "Savings plan");
  c.sku = ctx.sku("azure/savingsplan", std::move(s));
  e.commitments.push_back(std::move(c));
}

}  // namespace optima::demo
