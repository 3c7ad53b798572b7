// The Oracle Cloud part of the demo estate: one tenancy with two compartments (a disaster
// recovery copy of the payments stack and a legacy ERP), billed through OCI's FOCUS reports.
#include <fmt/format.h>

#include "optima/demo/cloud_recipes.h"

namespace optima::demo {
namespace {

constexpr int64_t kOne = kQuantityOne;

std::string ocid(const char* type, Rng& rng) {
  return fmt::format("ocid1.{}.oc1.iad.{}", type, rng.alnum(60));
}

uint32_t oci_sku(BuildContext& ctx, const Region& r, MeterKind kind, const char* part,
                 const char* name, std::string_view price, const char* service, const char* category,
                 const char* subcategory, const char* unit, const char* resource_type) {
  const std::string key = fmt::format("oci/{}", part);
  if (ctx.has_sku(key)) return ctx.sku(key, Sku{});
  Sku s;
  s.cloud = Cloud::kOci;
  s.kind = kind;
  s.region = &r;
  s.list_rate = regional_price(price_units(price), r);
  s.sku_id = part;
  s.sku_meter = name;
  s.description = name;
  s.service_name = service;
  s.service_category = category;
  s.service_subcategory = subcategory;
  s.pricing_unit = unit;
  s.resource_type = resource_type;
  return ctx.sku(key, std::move(s));
}

struct Builder {
  BuildContext& ctx;
  Estate& e;

  uint32_t vm(const Account& a, const MachineType& m, const std::string& name,
              const std::string& app, Rng& rng) {
    const Region& r = region(Cloud::kOci, "us-ashburn-1");
    Resource res;
    res.cloud = Cloud::kOci;
    res.account = a.index;
    res.kind = ResourceKind::kVm;
    res.native_id = ocid("instance", rng);
    res.id = res.native_id;
    res.name = name;
    res.region = &r;
    res.zone = fmt::format("Uocm:US-ASHBURN-AD-{}", rng.range(1, 3));
    res.machine = &m;
    res.team = ctx.owner_team(a);
    res.env = a.env;
    res.app = app;
    res.tags = ctx.standard_tags(res.team, a.env, app, "");
    const uint32_t idx = ctx.add_resource(std::move(res)).index;
    const bool e4 = m.family == "E4";
    ctx.add_meter(idx, a.index,
                  oci_sku(ctx, r, MeterKind::kCompute, e4 ? "B93113" : "B88514",
                          e4 ? "Compute - Standard - E4 - OCPU" : "Compute - Standard - X9 - OCPU",
                          m.hourly_price, "Compute", "Compute", "Virtual Machines", "OCPU Hours",
                          "Instance"),
                  Shape::kConstant, int64_t{m.vcpu} * kOne);
    ctx.add_meter(idx, a.index,
                  oci_sku(ctx, r, MeterKind::kComputeRam, e4 ? "B93114" : "B88515",
                          e4 ? "Compute - Standard - E4 - Memory" : "Compute - Standard - X9 - Memory",
                          m.ram_price, "Compute", "Compute", "Virtual Machines", "GB-Hours",
                          "Instance"),
                  Shape::kConstant, int64_t{m.memory_gib} * kOne);
    return idx;
  }

  void volume(const Account& a, uint32_t vm_index, int size_gb, Rng& rng) {
    const Region& r = region(Cloud::kOci, "us-ashburn-1");
    const Resource& owner = e.resources[vm_index];
    Resource res;
    res.cloud = Cloud::kOci;
    res.account = a.index;
    res.kind = ResourceKind::kDisk;
    res.native_id = ocid("bootvolume", rng);
    res.id = res.native_id;
    res.name = owner.name + " (Boot Volume)";
    res.region = &r;
    res.zone = owner.zone;
    res.size_gb = size_gb;
    res.attached_to = vm_index;
    res.team = owner.team;
    res.env = owner.env;
    res.app = owner.app;
    res.tags = owner.tags;
    res.created = owner.created;
    res.deleted = owner.deleted;
    const uint32_t idx = ctx.add_resource(std::move(res)).index;
    ctx.add_meter(idx, a.index,
                  oci_sku(ctx, r, MeterKind::kBlockStorage, "B91961", "Block Volume - Storage",
                          "0.0255", "Block Storage", "Storage", "Block Storage", "GB-Months",
                          "BootVolume"),
                  Shape::kStorage, int64_t{size_gb} * kOne);
  }
};

}  // namespace

void add_oci_core(BuildContext& ctx) {
  Estate& e = ctx.estate();
  Builder b{ctx, e};
  Rng ids = ctx.rng("oci/ids");
  e.oci_tenancy = ocid("tenancy", ids);
  const char* names[] = {"nw-payments-dr", "nw-legacy-erp"};
  int payments = -1;
  for (size_t i = 0; i < e.teams.size(); ++i) {
    if (e.teams[i].name == "payments") payments = static_cast<int>(i);
  }
  for (const char* name : names) {
    Account a;
    a.cloud = Cloud::kOci;
    a.id = ocid("compartment", ids);
    a.name = name;
    a.team = payments;
    a.env = Env::kProd;
    const Account& acc = ctx.add_account(std::move(a));
    const Account copy = acc;
    Rng rng = ctx.rng("oci/compartment", hash_text(name));
    const int vms = copy.name == "nw-payments-dr" ? 3 : 2;
    for (int v = 0; v < vms; ++v) {
      const MachineType& m = machine_type(Cloud::kOci, v == 0 ? "VM.Standard3.Flex" : "VM.Standard.E4.Flex");
      const std::string app = copy.name == "nw-legacy-erp" ? "ledger" : "payments-api";
      const uint32_t vm = b.vm(copy, m, fmt::format("{}-{}", app, v + 1), app, rng);
      b.volume(copy, vm, 100, rng);
    }
    if (copy.name == "nw-payments-dr") {
      const Region& r = region(Cloud::kOci, "us-ashburn-1");
      Resource bucket;
      bucket.cloud = Cloud::kOci;
      bucket.account = copy.index;
      bucket.kind = ResourceKind::kBucket;
      bucket.native_id = ocid("bucket", rng);
      bucket.id = bucket.native_id;
      bucket.name = "payments-dr-backups";
      bucket.region = &r;
      bucket.size_gb = 20000;
      bucket.team = payments;
      bucket.env = Env::kProd;
      bucket.app = "payments-api";
      bucket.tags = ctx.standard_tags(payments, Env::kProd, "payments-api", "");
      const uint32_t idx = ctx.add_resource(std::move(bucket)).index;
      Meter& m = ctx.add_meter(idx, copy.index,
                               oci_sku(ctx, r, MeterKind::kObjectStorage, "B91628",
                                       "Object Storage - Storage", "0.0255", "Object Storage",
                                       "Storage", "Object Storage", "GB-Months", "Bucket"),
                               Shape::kStorage, int64_t{20000} * kOne);
      m.growth_ppm_per_day = 800;
    }
  }
}

uint32_t add_oci_fleet_unit(BuildContext& ctx, uint32_t k) {
  Estate& e = ctx.estate();
  Builder b{ctx, e};
  Rng rng = ctx.rng("oci/fleet", k);
  const Account a = e.accounts[cloud_accounts(e, Cloud::kOci)[k % 2]];
  const MachineType& m = machine_type(Cloud::kOci, "VM.Standard.E4.Flex");
  const uint32_t vm = b.vm(a, m, fmt::format("batch-{}", rng.alnum(5)), "payments-api", rng);
  Resource& res = e.resources[vm];
  const int64_t span = e.end.unix_seconds - e.start.unix_seconds;
  res.created = Timestamp{e.start.unix_seconds +
                          static_cast<int64_t>(rng.uniform() * static_cast<double>(span))};
  res.created.unix_seconds -= res.created.unix_seconds % 3600;
  res.deleted = Timestamp{res.created.unix_seconds + rng.range(20, 200) * core::kSecondsPerDay};
  b.volume(a, vm, 50, rng);
  return vm;
}

}  // namespace optima::demo
