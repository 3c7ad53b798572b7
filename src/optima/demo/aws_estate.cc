// The AWS part of the demo estate: an AWS Organization of 16 accounts under one payer, their
// workloads, a shared EKS cluster and network hub, a marketplace subscription, reserved
// instances and savings plans, and two anomalies.
#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "optima/demo/cloud_recipes.h"
#include "optima/demo/usage_model.h"

namespace optima::demo {
namespace {

constexpr int64_t kOne = kQuantityOne;

enum class Role { kManagement, kNetwork, kKubernetes, kSecurity, kLogArchive, kWorkload };

struct AccountPlan {
  const char* name;
  const char* team;  // "" = organisation
  Env env;
  Role role;
  const char* region;
};

constexpr AccountPlan kAccounts[] = {
    {"northwind-management", "", Env::kProd, Role::kManagement, "us-east-1"},
    {"shared-network", "platform", Env::kProd, Role::kNetwork, "us-east-1"},
    {"shared-k8s", "platform", Env::kProd, Role::kKubernetes, "us-east-1"},
    {"security-tooling", "security", Env::kProd, Role::kSecurity, "us-east-1"},
    {"log-archive", "security", Env::kProd, Role::kLogArchive, "us-east-1"},
    {"web-prod", "web", Env::kProd, Role::kWorkload, "us-east-1"},
    {"web-staging", "web", Env::kStaging, Role::kWorkload, "us-east-1"},
    {"mobile-prod", "mobile", Env::kProd, Role::kWorkload, "us-west-2"},
    {"data-prod", "data", Env::kProd, Role::kWorkload, "us-east-1"},
    {"data-dev", "data", Env::kDev, Role::kWorkload, "us-east-1"},
    {"ml-prod", "ml", Env::kProd, Role::kWorkload, "us-west-2"},
    {"ml-dev", "ml", Env::kDev, Role::kWorkload, "us-west-2"},
    {"payments-prod", "payments", Env::kProd, Role::kWorkload, "us-east-1"},
    {"payments-staging", "payments", Env::kStaging, Role::kWorkload, "us-east-1"},
    {"analytics-prod", "analytics", Env::kProd, Role::kWorkload, "eu-west-1"},
    {"sandbox", "platform", Env::kDev, Role::kWorkload, "us-east-1"},
};

int team_index(const Estate& estate, std::string_view name) {
  for (size_t i = 0; i < estate.teams.size(); ++i) {
    if (estate.teams[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

// Machine types each team runs (the first is the most common).
std::vector<std::string_view> team_machines(std::string_view team) {
  if (team == "web") return {"m5.xlarge", "m6i.large", "m5.large"};
  if (team == "mobile") return {"c5.xlarge", "m5.large"};
  if (team == "data") return {"r5.xlarge", "r5.2xlarge", "m5.2xlarge"};
  if (team == "ml") return {"c5.2xlarge", "g4dn.xlarge", "m6i.xlarge"};
  if (team == "payments") return {"m5.xlarge", "m6i.xlarge"};
  if (team == "analytics") return {"r5.large", "m5.xlarge"};
  if (team == "security") return {"t3.large"};
  return {"m6i.xlarge", "t3.medium"};
}

// AWS resource ids: a prefix and 17 hex digits, the first a zero ("i-0a1b2c3d4e5f60718").
std::string hex_id(Rng& rng, const char* prefix) { return std::string(prefix) + "0" + rng.hex(16); }

// ---- SKUs ----------------------------------------------------------------------------------

Sku base_sku(const Region& region, MeterKind kind, std::string product_code,
             std::string product_name, std::string usage_type, std::string operation,
             std::string family, std::string unit, std::string_view price) {
  Sku s;
  s.cloud = Cloud::kAws;
  s.kind = kind;
  s.region = &region;
  s.list_rate = regional_price(price_units(price), region);
  s.product_code = std::move(product_code);
  s.product_name = std::move(product_name);
  s.usage_type = std::string(region.aws_prefix) + usage_type;
  s.operation = std::move(operation);
  s.product_family = std::move(family);
  s.aws_unit = std::move(unit);
  s.aws_sku = aws_style_sku(s.product_code + s.usage_type + s.operation);
  s.rate_code = s.aws_sku + ".JRTCKXETXF.6YS6EN2CT7";
  s.rate_id = std::to_string(hash_keys(hash_text(s.rate_code)) % 90000000000ULL + 10000000000ULL);
  s.sku_id = s.aws_sku;
  s.sku_meter = s.usage_type;
  s.service_name = s.product_name;
  return s;
}

void set_focus(Sku& s, const char* category, const char* subcategory, const char* unit,
               std::string resource_type) {
  s.service_category = category;
  s.service_subcategory = subcategory;
  s.pricing_unit = unit;
  s.resource_type = std::move(resource_type);
}

uint32_t ec2_sku(BuildContext& ctx, const MachineType& m, const Region& r) {
  const std::string key = fmt::format("aws/ec2/{}/{}", r.code, m.name);
  if (ctx.has_sku(key)) return ctx.sku(key, Sku{});
  Sku s = base_sku(r, MeterKind::kCompute, "AmazonEC2", "Amazon Elastic Compute Cloud",
                   fmt::format("BoxUsage:{}", m.name), "RunInstances", "Compute Instance", "Hrs",
                   m.hourly_price);
  s.machine = &m;
  s.instance_type = std::string(m.name);
  s.operating_system = "Linux";
  s.description = fmt::format("${} per On Demand Linux {} Instance Hour",
                              core::Decimal::from_units(s.list_rate).to_string(), m.name);
  set_focus(s, "Compute", "Virtual Machines", "Hours", "Instance");
  return ctx.sku(key, std::move(s));
}

uint32_t ebs_sku(BuildContext& ctx, const std::string& type, const Region& r) {
  const std::string key = fmt::format("aws/ebs/{}/{}", r.code, type);
  if (ctx.has_sku(key)) return ctx.sku(key, Sku{});
  const char* price = type == "gp2" ? "0.10" : "0.08";
  Sku s = base_sku(r, MeterKind::kBlockStorage, "AmazonEC2", "Amazon Elastic Compute Cloud",
                   "EBS:VolumeUsage." + type, "CreateVolume-" + std::string(type == "gp2" ? "Gp2" : "Gp3"),
                   "Storage", "GB-Mo", price);
  s.volume_api_name = type;
  s.description = fmt::format("${} per GB-month of General Purpose ({}) provisioned storage",
                              core::Decimal::from_units(s.list_rate).to_string(), type);
  // FOCUS: a ServiceName has one ServiceCategory; EBS is billed under Amazon EC2.
  set_focus(s, "Compute", "Virtual Machines", "GB-Months", "Volume");
  return ctx.sku(key, std::move(s));
}

uint32_t simple_sku(BuildContext& ctx, const Region& r, MeterKind kind, const char* code,
                    const char* product, const std::string& usage, const char* op,
                    const char* family, const char* unit, const char* price,
                    const char* description, const char* category, const char* subcategory,
                    const char* focus_unit, const char* resource_type) {
  const std::string key = fmt::format("aws/{}/{}/{}", code, r.code, usage);
  if (ctx.has_sku(key)) return ctx.sku(key, Sku{});
  Sku s = base_sku(r, kind, code, product, usage, op, family, unit, price);
  s.description = description;
  set_focus(s, category, subcategory, focus_unit, resource_type);
  return ctx.sku(key, std::move(s));
}

uint32_t rds_sku(BuildContext& ctx, const MachineType& m, const Region& r) {
  const std::string key = fmt::format("aws/rds/{}/{}", r.code, m.name);
  if (ctx.has_sku(key)) return ctx.sku(key, Sku{});
  Sku s = base_sku(r, MeterKind::kDatabase, "AmazonRDS", "Amazon Relational Database Service",
                   fmt::format("InstanceUsage:{}", m.name), "CreateDBInstance:0014",
                   "Database Instance", "Hrs", m.hourly_price);
  s.machine = &m;
  s.instance_type = std::string(m.name);
  s.database_engine = "PostgreSQL";
  s.description = fmt::format("${} per RDS {} Single-AZ instance hour (or partial hour) running PostgreSQL",
                              core::Decimal::from_units(s.list_rate).to_string(), m.name);
  set_focus(s, "Databases", "Relational Databases", "Hours", "DBInstance");
  return ctx.sku(key, std::move(s));
}

// ---- resources -----------------------------------------------------------------------------

struct Builder {
  BuildContext& ctx;
  Estate& e;

  std::string az(const Region& r, Rng& rng) const {
    const auto zones = r.zones;
    return std::string(r.code) + zones[static_cast<size_t>(rng.range(0, static_cast<int64_t>(zones.size()) - 1))];
  }

  uint32_t vm(const Account& a, const MachineType& m, const Region& r, const std::string& name,
              const std::string& app, Rng& rng) {
    Resource res;
    res.cloud = Cloud::kAws;
    res.account = a.index;
    res.kind = ResourceKind::kVm;
    res.native_id = hex_id(rng, "i-");
    res.id = res.native_id;
    res.name = name;
    res.region = &r;
    res.zone = az(r, rng);
    res.machine = &m;
    res.team = ctx.owner_team(a);
    res.env = a.env;
    res.app = app;
    res.tags = ctx.standard_tags(res.team, a.env, app, name);
    if (a.env == Env::kDev) res.schedule = Schedule::kBusinessHours;
    const uint32_t idx = ctx.add_resource(std::move(res)).index;
    Meter& meter = ctx.add_meter(idx, a.index, ec2_sku(ctx, m, r), Shape::kConstant, kOne);
    meter.cover = CoverClass::kAwsEc2;
    return idx;
  }

  uint32_t volume(const Account& a, uint32_t vm_index, int size_gb, const std::string& type,
                  const Region& r, const std::string& zone, const std::string& name, Rng& rng) {
    Resource res;
    res.cloud = Cloud::kAws;
    res.account = a.index;
    res.kind = ResourceKind::kDisk;
    res.native_id = hex_id(rng, "vol-");
    res.id = res.native_id;
    res.name = name;
    res.region = &r;
    res.zone = zone;
    res.size_gb = size_gb;
    res.storage_class = type;
    res.attached_to = vm_index;
    if (vm_index != kNoIndex) {
      const Resource& owner = e.resources[vm_index];
      res.team = owner.team;
      res.env = owner.env;
      res.app = owner.app;
      res.tags = owner.tags;
      res.created = owner.created;
      res.deleted = owner.deleted;
    } else {
      res.team = ctx.owner_team(a);
      res.env = a.env;
      res.app = ctx.pick_app(res.team, rng);
      res.tags = ctx.standard_tags(res.team, a.env, res.app, name);
      res.recommendation = "delete unattached volume (snapshot first)";
    }
    const uint32_t idx = ctx.add_resource(std::move(res)).index;
    ctx.add_meter(idx, a.index, ebs_sku(ctx, type, r), Shape::kStorage, int64_t{size_gb} * kOne);
    return idx;
  }

  uint32_t address(const Account& a, uint32_t vm_index, const Region& r, Rng& rng) {
    Resource res;
    res.cloud = Cloud::kAws;
    res.account = a.index;
    res.kind = ResourceKind::kPublicIp;
    res.native_id = hex_id(rng, "eipalloc-");
    res.id = res.native_id;
    res.name = fmt::format("{}.{}.{}.{}", 3 + rng.range(0, 50), rng.range(1, 254),
                           rng.range(1, 254), rng.range(1, 254));
    res.region = &r;
    res.attached_to = vm_index;
    res.team = ctx.owner_team(a);
    res.env = a.env;
    res.app = vm_index == kNoIndex ? ctx.pick_app(res.team, rng) : e.resources[vm_index].app;
    res.tags = ctx.standard_tags(res.team, a.env, res.app, "");
    if (vm_index == kNoIndex) res.recommendation = "release unassociated Elastic IP";
    const uint32_t idx = ctx.add_resource(std::move(res)).index;
    const bool idle = vm_index == kNoIndex;
    const uint32_t sku = simple_sku(
        ctx, r, MeterKind::kFixedHourly, "AmazonVPC", "Amazon Virtual Private Cloud",
        idle ? "PublicIPv4:IdleAddress" : "PublicIPv4:InUseAddress",
        idle ? "AllocateAddressVPC" : "AssociateAddressVPC", "VPC Public IPv4 Address", "Hrs",
        "0.005",
        idle ? "$0.005 per Idle public IPv4 address per hour"
             : "$0.005 per In-use public IPv4 address per hour",
        "Networking", "Network Connectivity", "Hours", "IPAddress");
    ctx.add_meter(idx, a.index, sku, Shape::kConstant, kOne);
    return idx;
  }

  uint32_t database(const Account& a, const MachineType& m, const Region& r, int storage_gb,
                    const std::string& name, const std::string& app, Rng& rng) {
    Resource res;
    res.cloud = Cloud::kAws;
    res.account = a.index;
    res.kind = ResourceKind::kDatabase;
    res.native_id = name;
    res.id = fmt::format("arn:aws:rds:{}:{}:db:{}", r.code, a.id, name);
    res.name = name;
    res.region = &r;
    res.zone = az(r, rng);
    res.machine = &m;
    res.size_gb = storage_gb;
    res.storage_class = "gp2";
    res.team = ctx.owner_team(a);
    res.env = a.env;
    res.app = app;
    res.tags = ctx.standard_tags(res.team, a.env, app, name);
    res.commitment_eligible = false;
    const uint32_t idx = ctx.add_resource(std::move(res)).index;
    ctx.add_meter(idx, a.index, rds_sku(ctx, m, r), Shape::kConstant, kOne);
    const uint32_t storage = simple_sku(
        ctx, r, MeterKind::kBlockStorage, "AmazonRDS", "Amazon Relational Database Service",
        "RDS:GP2-Storage", "CreateDBInstance:0014", "Database Storage", "GB-Mo", "0.115",
        "$0.115 per GB-month of provisioned GP2 storage running PostgreSQL", "Databases",
        "Relational Databases", "GB-Months", "DBInstance");
    ctx.add_meter(idx, a.index, storage, Shape::kStorage, int64_t{storage_gb} * kOne);
    return idx;
  }

  uint32_t bucket(const Account& a, const Region& r, const std::string& name, int size_gb,
                  int64_t requests_per_hour, const std::string& app, Rng& rng) {
    Resource res;
    res.cloud = Cloud::kAws;
    res.account = a.index;
    res.kind = ResourceKind::kBucket;
    res.native_id = name;
    res.id = name;
    res.name = name;
    res.region = &r;
    res.size_gb = size_gb;
    res.storage_class = "STANDARD";
    res.team = ctx.owner_team(a);
    res.env = a.env;
    res.app = app;
    res.tags = ctx.standard_tags(res.team, a.env, app, "");
    const uint32_t idx = ctx.add_resource(std::move(res)).index;
    const uint32_t storage = simple_sku(
        ctx, r, MeterKind::kObjectStorage, "AmazonS3", "Amazon Simple Storage Service",
        "TimedStorage-ByteHrs", "StandardStorage", "Storage", "GB-Mo", "0.023",
        "$0.023 per GB - first 50 TB / month of storage used", "Storage", "Object Storage",
        "GB-Months", "Bucket");
    Meter& st = ctx.add_meter(idx, a.index, storage, Shape::kStorage, int64_t{size_gb} * kOne);
    st.growth_ppm_per_day = static_cast<int>(rng.range(200, 1500));
    const uint32_t tier2 = simple_sku(
        ctx, r, MeterKind::kRequests, "AmazonS3", "Amazon Simple Storage Service",
        "Requests-Tier2", "GetObject", "API Request", "Requests", "0.0000004",
        "$0.0004 per 1,000 GET and all other requests", "Storage", "Object Storage", "Requests",
        "Bucket");
    if (a.env != Env::kProd) return idx;
    Meter& get = ctx.add_meter(idx, a.index, tier2, Shape::kVariable, requests_per_hour * kOne);
    get.diurnal_permille = 600;
    get.weekend_permille = 300;
    get.noise_permille = 250;
    return idx;
  }

  uint32_t nat_gateway(const Account& a, const Region& r, int64_t gb_per_hour, Rng& rng) {
    Resource res;
    res.cloud = Cloud::kAws;
    res.account = a.index;
    res.kind = ResourceKind::kNatGateway;
    res.native_id = hex_id(rng, "nat-");
    res.id = fmt::format("arn:aws:ec2:{}:{}:natgateway/{}", r.code, a.id, res.native_id);
    res.name = a.name + "-nat-" + std::string(1, static_cast<char>('a' + rng.range(0, 2)));
    res.region = &r;
    res.team = ctx.owner_team(a);
    res.env = a.env;
    res.app = a.team < 0 ? "network-hub" : ctx.pick_app(res.team, rng);
    res.tags = ctx.standard_tags(res.team, a.env, res.app, res.name);
    const uint32_t idx = ctx.add_resource(std::move(res)).index;
    const uint32_t hours = simple_sku(
        ctx, r, MeterKind::kFixedHourly, "AmazonEC2", "Amazon Elastic Compute Cloud",
        "NatGateway-Hours", "NatGateway", "NAT Gateway", "Hrs", "0.045",
        "$0.045 per NAT Gateway Hour", "Compute", "Virtual Machines", "Hours", "NatGateway");
    ctx.add_meter(idx, a.index, hours, Shape::kConstant, kOne);
    const uint32_t bytes = simple_sku(
        ctx, r, MeterKind::kDataTransfer, "AmazonEC2", "Amazon Elastic Compute Cloud",
        "NatGateway-Bytes", "NatGateway", "NAT Gateway", "GB", "0.045",
        "$0.045 per GB Data Processed by NAT Gateways", "Compute", "Virtual Machines", "GB",
        "NatGateway");
    Meter& m = ctx.add_meter(idx, a.index, bytes, Shape::kVariable, gb_per_hour * kOne);
    m.diurnal_permille = 500;
    m.weekend_permille = 250;
    m.noise_permille = 150;
    return idx;
  }

  uint32_t load_balancer(const Account& a, const Region& r, const std::string& name,
                         const std::string& app, Rng& rng) {
    Resource res;
    res.cloud = Cloud::kAws;
    res.account = a.index;
    res.kind = ResourceKind::kLoadBalancer;
    res.native_id = rng.hex(16);
    res.id = fmt::format("arn:aws:elasticloadbalancing:{}:{}:loadbalancer/app/{}/{}", r.code,
                         a.id, name, res.native_id);
    res.name = name;
    res.region = &r;
    res.team = ctx.owner_team(a);
    res.env = a.env;
    res.app = app;
    res.tags = ctx.standard_tags(res.team, a.env, app, name);
    const uint32_t idx = ctx.add_resource(std::move(res)).index;
    const uint32_t hours = simple_sku(
        ctx, r, MeterKind::kFixedHourly, "AWSELB", "Elastic Load Balancing", "LoadBalancerUsage",
        "LoadBalancing:Application", "Load Balancer-Application", "Hrs", "0.0225",
        "$0.0225 per Application LoadBalancer-hour (or partial hour)", "Networking",
        "Application Networking", "Hours", "LoadBalancer");
    ctx.add_meter(idx, a.index, hours, Shape::kConstant, kOne);
    const uint32_t lcu = simple_sku(
        ctx, r, MeterKind::kRequests, "AWSELB", "Elastic Load Balancing", "LCUUsage",
        "LoadBalancing:Application", "Load Balancer-Application", "LCU-Hrs", "0.008",
        "$0.008 per used Application load balancer capacity unit-hour (or partial hour)",
        "Networking", "Application Networking", "Units", "LoadBalancer");
    Meter& m = ctx.add_meter(idx, a.index, lcu, Shape::kVariable, rng.range(2, 12) * kOne);
    m.diurnal_permille = 700;
    m.weekend_permille = 300;
    m.noise_permille = 200;
    return idx;
  }

  uint32_t function(const Account& a, const Region& r, const std::string& name,
                    const std::string& app, Rng& rng) {
    Resource res;
    res.cloud = Cloud::kAws;
    res.account = a.index;
    res.kind = ResourceKind::kFunction;
    res.native_id = name;
    res.id = fmt::format("arn:aws:lambda:{}:{}:function:{}", r.code, a.id, name);
    res.name = name;
    res.region = &r;
    res.team = ctx.owner_team(a);
    res.env = a.env;
    res.app = app;
    res.tags = ctx.standard_tags(res.team, a.env, app, "");
    const uint32_t idx = ctx.add_resource(std::move(res)).index;
    const uint32_t gbs = simple_sku(
        ctx, r, MeterKind::kServerless, "AWSLambda", "AWS Lambda", "Lambda-GB-Second", "Invoke",
        "Serverless", "Lambda-GB-Second", "0.000016667",
        "AWS Lambda - Total Compute - US East (Northern Virginia)", "Compute",
        "Serverless Compute", "GB-Seconds", "Function");
    Meter& m = ctx.add_meter(idx, a.index, gbs, Shape::kVariable, rng.range(20000, 90000) * kOne);
    m.diurnal_permille = 800;
    m.weekend_permille = 350;
    m.noise_permille = 300;
    return idx;
  }

  // Account-level meters (no resource): data transfer out and log ingestion, in tenths of a
  // GB per hour.
  void account_meters(const Account& a, const Region& r, int64_t dt_tenths, int64_t logs_tenths) {
    const uint32_t dt = simple_sku(
        ctx, r, MeterKind::kDataTransfer, "AWSDataTransfer", "AWS Data Transfer",
        "DataTransfer-Out-Bytes", "RunInstances", "Data Transfer", "GB", "0.09",
        "$0.090 per GB - first 10 TB / month data transfer out beyond the global free tier",
        "Networking", "Network Connectivity", "GB", "");
    Meter& m = ctx.add_meter(kNoIndex, a.index, dt, Shape::kVariable, dt_tenths * kOne / 10);
    m.diurnal_permille = 600;
    m.weekend_permille = 250;
    m.noise_permille = 200;
    const uint32_t logs = simple_sku(
        ctx, r, MeterKind::kLogs, "AmazonCloudWatch", "AmazonCloudWatch",
        "DataProcessing-Bytes", "PutLogEvents", "Data Payload", "GB", "0.5",
        "$0.50 per GB custom log data ingested", "Management and Governance", "Observability",
        "GB", "");
    if (logs_tenths == 0) return;
    Meter& l = ctx.add_meter(kNoIndex, a.index, logs, Shape::kVariable, logs_tenths * kOne / 10);
    l.diurnal_permille = 400;
    l.weekend_permille = 200;
    l.noise_permille = 150;
  }
};

}  // namespace

void add_aws_core(BuildContext& ctx) {
  Estate& e = ctx.estate();
  Builder b{ctx, e};
  Rng ids = ctx.rng("aws/ids");
  e.aws_payer_account = ids.digits(12);
  e.aws_payer_name = "northwind-management";
  std::vector<uint32_t> accounts;
  for (const AccountPlan& plan : kAccounts) {
    Account a;
    a.cloud = Cloud::kAws;
    a.id = accounts.empty() ? e.aws_payer_account : ids.digits(12);
    a.name = plan.name;
    a.team = plan.team[0] == '\0' ? -1 : team_index(e, plan.team);
    a.env = plan.env;
    accounts.push_back(ctx.add_account(std::move(a)).index);
  }

  for (size_t i = 0; i < std::size(kAccounts); ++i) {
    const AccountPlan& plan = kAccounts[i];
    const Account a = e.accounts[accounts[i]];
    const Region& r = region(Cloud::kAws, plan.region);
    Rng rng = ctx.rng("aws/account", i);
    const int team = ctx.owner_team(a);
    const std::string& team_name = e.teams[static_cast<size_t>(team)].name;
    const auto machines = team_machines(team_name);
    b.account_meters(a, r, a.env == Env::kProd ? 50 : 5, a.env == Env::kProd ? 6 : 0);

    switch (plan.role) {
      case Role::kManagement:
        break;
      case Role::kNetwork: {
        b.nat_gateway(a, r, 120, rng);
        b.nat_gateway(a, region(Cloud::kAws, "us-west-2"), 60, rng);
        Resource tgw;
        tgw.cloud = Cloud::kAws;
        tgw.account = a.index;
        tgw.kind = ResourceKind::kTransitGateway;
        tgw.native_id = hex_id(rng, "tgw-");
        tgw.id = fmt::format("arn:aws:ec2:{}:{}:transit-gateway/{}", r.code, a.id, tgw.native_id);
        tgw.name = "northwind-hub";
        tgw.region = &r;
        tgw.team = team;
        tgw.env = a.env;
        tgw.app = "network-hub";
        tgw.tags = ctx.standard_tags(team, a.env, "network-hub", tgw.name);
        const uint32_t idx = ctx.add_resource(std::move(tgw)).index;
        for (int attachment = 0; attachment < 6; ++attachment) {
          const uint32_t hours = simple_sku(
              ctx, r, MeterKind::kFixedHourly, "AmazonVPC", "Amazon Virtual Private Cloud",
              "TransitGateway-Hours", "TransitGatewayVPC", "Transit Gateway", "hour", "0.05",
              "$0.05 per Transit Gateway attachment hour", "Networking", "Network Connectivity",
              "Hours", "TransitGateway");
          ctx.add_meter(idx, a.index, hours, Shape::kConstant, kOne);
        }
        const uint32_t bytes = simple_sku(
            ctx, r, MeterKind::kDataTransfer, "AmazonVPC", "Amazon Virtual Private Cloud",
            "TransitGateway-Bytes", "TransitGatewayVPC", "Transit Gateway", "GB", "0.02",
            "$0.02 per GB Data Processed by Transit Gateway", "Networking", "Network Connectivity",
            "GB", "TransitGateway");
        Meter& m = ctx.add_meter(idx, a.index, bytes, Shape::kVariable, 300 * kOne);
        m.diurnal_permille = 500;
        m.weekend_permille = 200;
        m.noise_permille = 120;
        break;
      }
      case Role::kKubernetes: {
        KubernetesCluster cluster;
        cluster.name = "platform-prod";
        cluster.cloud = Cloud::kAws;
        cluster.account = a.index;
        cluster.region = &r;
        Resource cp;
        cp.cloud = Cloud::kAws;
        cp.account = a.index;
        cp.kind = ResourceKind::kClusterControlPlane;
        cp.native_id = cluster.name;
        cp.id = fmt::format("arn:aws:eks:{}:{}:cluster/{}", r.code, a.id, cluster.name);
        cp.name = cluster.name;
        cp.region = &r;
        cp.team = team;
        cp.env = a.env;
        cp.app = "shared-k8s";
        cp.tags = ctx.standard_tags(team, a.env, "shared-k8s", cluster.name);
        cluster.control_plane = ctx.add_resource(std::move(cp)).index;
        const uint32_t eks = simple_sku(
            ctx, r, MeterKind::kFixedHourly, "AmazonEKS", "Amazon Elastic Container Service for Kubernetes",
            "AmazonEKS-Hours:perCluster", "CreateOperation", "Compute", "Hours", "0.10",
            "Amazon EKS cluster usage in US East (N. Virginia)", "Compute", "Containers", "Hours",
            "Cluster");
        ctx.add_meter(cluster.control_plane, a.index, eks, Shape::kConstant, kOne);
        const MachineType& node_type = machine_type(Cloud::kAws, "m6i.2xlarge");
        for (int n = 0; n < 6; ++n) {
          const uint32_t node = b.vm(a, node_type, r, fmt::format("platform-prod-node-{}", n),
                                     "shared-k8s", rng);
          Resource& res = e.resources[node];
          res.cluster = static_cast<int>(e.clusters.size());
          res.tags.emplace_back("eks:cluster-name", cluster.name);
          res.tags.emplace_back("eks:nodegroup-name", "general");
          cluster.nodes.push_back(node);
          b.volume(a, node, 100, "gp3", r, res.zone, res.name + "-root", rng);
        }
        b.load_balancer(a, r, "platform-ingress", "shared-k8s", rng);
        b.nat_gateway(a, r, 25, rng);
        e.clusters.push_back(std::move(cluster));
        break;
      }
      case Role::kSecurity: {
        const uint32_t gd = simple_sku(
            ctx, r, MeterKind::kRequests, "AmazonGuardDuty", "Amazon GuardDuty",
            "PaidEventsAnalyzed", "AnalyzeEvents", "Security Services", "Events", "0.000004",
            "$4.00 per million events analyzed", "Security", "Threat Detection and Response",
            "Events", "");
        Meter& m = ctx.add_meter(kNoIndex, a.index, gd, Shape::kVariable, 900000 * kOne);
        m.diurnal_permille = 300;
        m.noise_permille = 100;
        for (int v = 0; v < 2; ++v) {
          const uint32_t vm = b.vm(a, machine_type(Cloud::kAws, "t3.large"), r,
                                   fmt::format("scanner-{}", v), "scanner", rng);
          b.volume(a, vm, 50, "gp3", r, e.resources[vm].zone, fmt::format("scanner-{}-root", v), rng);
        }
        break;
      }
      case Role::kLogArchive:
        b.bucket(a, r, fmt::format("northwind-org-logs-{}", rng.hex(6)), 60000, 2000, "siem", rng);
        break;
      case Role::kWorkload: {
        const int vms = a.env == Env::kProd ? 3 : 2;
        std::vector<uint32_t> vm_indices;
        for (int v = 0; v < vms; ++v) {
          const MachineType& m = machine_type(Cloud::kAws, machines[static_cast<size_t>(v) % machines.size()]);
          const std::string app = e.teams[static_cast<size_t>(team)].apps[static_cast<size_t>(v) % e.teams[static_cast<size_t>(team)].apps.size()];
          const std::string name = fmt::format("{}-{}-{}", app, env_name(a.env), v + 1);
          const uint32_t vm = b.vm(a, m, r, name, app, rng);
          vm_indices.push_back(vm);
          const std::string zone = e.resources[vm].zone;
          b.volume(a, vm, static_cast<int>(rng.range(3, 10)) * 10, "gp3", r, zone, name + "-root", rng);
          if ((team_name == "data" || team_name == "analytics") && a.env == Env::kProd) {
            b.volume(a, vm, static_cast<int>(rng.range(2, 8)) * 250, rng.chance(0.5) ? "gp2" : "gp3",
                     r, zone, name + "-data", rng);
          }
        }
        if (a.env != Env::kDev) {
          const MachineType& db_type = machine_type(
              Cloud::kAws, team_name == "payments" ? "db.r5.xlarge"
                           : team_name == "data"   ? "db.r5.2xlarge"
                           : team_name == "web"    ? "db.m5.large"
                                                   : "db.t3.medium");
          b.database(a, db_type, r, static_cast<int>(rng.range(1, 5)) * 100,
                     fmt::format("{}-{}-db", team_name, env_name(a.env)),
                     e.teams[static_cast<size_t>(team)].apps[0], rng);
        }
        const int bucket_gb = team_name == "data" ? (a.env == Env::kProd ? 180000 : 8000)
                              : team_name == "analytics" ? 40000
                                                         : static_cast<int>(rng.range(200, 3000));
        b.bucket(a, r, fmt::format("northwind-{}-{}-{}", team_name, env_name(a.env), rng.hex(6)),
                 bucket_gb, a.env == Env::kProd ? 30000 : 2000, e.teams[static_cast<size_t>(team)].apps[0], rng);
        if (a.env == Env::kProd) b.nat_gateway(a, r, team_name == "data" ? 80 : 30, rng);
        if ((team_name == "web" || team_name == "mobile" || team_name == "payments") &&
            a.env != Env::kDev) {
          b.load_balancer(a, r, fmt::format("{}-{}-alb", team_name, env_name(a.env)),
                          e.teams[static_cast<size_t>(team)].apps[0], rng);
        }
        if ((team_name == "web" || team_name == "mobile" || team_name == "data") && a.env == Env::kProd) {
          b.function(a, r, fmt::format("{}-{}-events", team_name, env_name(a.env)),
                     e.teams[static_cast<size_t>(team)].apps[0], rng);
        }
        // Planted waste: an unattached volume, an idle Elastic IP, a stopped instance.
        if (a.name == "data-dev" || a.name == "web-staging") {
          b.volume(a, kNoIndex, 500, "gp2", r, std::string(r.code) + "a", a.name + "-orphan", rng);
        }
        if (a.name == "sandbox" || a.name == "web-staging") b.address(a, kNoIndex, r, rng);
        if (a.name == "web-prod") b.address(a, vm_indices.front(), r, rng);
        if (a.name == "ml-dev") {
          const uint32_t vm = b.vm(a, machine_type(Cloud::kAws, "g4dn.xlarge"), r,
                                   "notebook-gpu-old", "fraud-model", rng);
          e.resources[vm].stopped = true;
          e.resources[vm].recommendation = "stopped instance: delete or snapshot its volumes";
          b.volume(a, vm, 500, "gp3", r, e.resources[vm].zone, "notebook-gpu-old-root", rng);
        }
        if (a.name == "web-prod") {
          // A third-party subscription bought through AWS Marketplace, billed per host-hour.
          Rng mp = ctx.rng("aws/marketplace");
          Sku s = base_sku(r, MeterKind::kMarketplace, mp.alnum(25), "Acme Observability Platform",
                           "MP:HostHour-Units", "Unit", "Marketplace", "Units", "0.012");
          s.usage_type = "MP:HostHour-Units";
          s.marketplace = true;
          s.publisher = "Acme Observability, Inc.";
          s.description = "Acme Observability Platform - host hours";
          set_focus(s, "Management and Governance", "Observability", "Units", "");
          const uint32_t sku = ctx.sku("aws/marketplace/acme", std::move(s));
          Meter& m = ctx.add_meter(kNoIndex, a.index, sku, Shape::kVariable, 60 * kOne);
          m.noise_permille = 50;
        }
        break;
      }
    }
  }

  // Anomaly 1: a burst of new compute-optimized instances in data-dev (a load test left
  // running for four days).
  {
    const Account& a = e.accounts[accounts[9]];
    const Region& r = region(Cloud::kAws, "us-east-1");
    Rng rng = ctx.rng("aws/anomaly/spike");
    Anomaly an;
    an.index = static_cast<uint32_t>(e.anomalies.size());
    an.kind = AnomalyKind::kSpike;
    an.cloud = Cloud::kAws;
    an.account = a.index;
    an.region = &r;
    an.service_name = "Amazon Elastic Compute Cloud";
    an.cause = "8 new c5.4xlarge instances launched for a load test and left running";
    an.start = core::start_of_day(ctx.at_fraction(0.70 + rng.uniform() * 0.05));
    an.end = Timestamp{an.start.unix_seconds + 4 * core::kSecondsPerDay};
    const MachineType& m = machine_type(Cloud::kAws, "c5.4xlarge");
    for (int i = 0; i < 8; ++i) {
      const uint32_t vm = b.vm(a, m, r, fmt::format("loadtest-{}", i + 1), "etl-pipeline", rng);
      Resource& res = e.resources[vm];
      res.created = an.start;
      res.deleted = an.end;
      res.schedule = Schedule::kAlways;
      res.anomaly = an.index;
      res.commitment_eligible = false;
      for (const uint32_t mi : res.meters) e.meters[mi].cover = CoverClass::kNone;
      an.resources.push_back(vm);
    }
    e.anomalies.push_back(std::move(an));
  }
  // Anomaly 2: NAT gateway data processing jumps eightfold in web-prod for two days (a
  // misconfigured backup pulling through the NAT instead of a VPC endpoint).
  {
    const Account& a = e.accounts[accounts[5]];
    Rng rng = ctx.rng("aws/anomaly/nat");
    Anomaly an;
    an.index = static_cast<uint32_t>(e.anomalies.size());
    an.kind = AnomalyKind::kSpike;
    an.cloud = Cloud::kAws;
    an.account = a.index;
    an.multiplier_permille = 8000;
    an.cause = "backup job routed through the NAT gateway instead of an S3 gateway endpoint";
    an.start = core::start_of_day(ctx.at_fraction(0.55 + rng.uniform() * 0.05));
    an.end = Timestamp{an.start.unix_seconds + 2 * core::kSecondsPerDay};
    for (Meter& m : e.meters) {
      const Sku& s = e.skus[m.sku];
      if (m.account == a.index && s.usage_type.ends_with("NatGateway-Bytes")) {
        m.anomaly = an.index;
        an.meters.push_back(m.index);
        an.region = s.region;
        an.service_name = s.service_name;
        if (m.resource != kNoIndex) an.resources.push_back(m.resource);
      }
    }
    e.anomalies.push_back(std::move(an));
  }
}

void add_aws_commitments(BuildContext& ctx) {
  Estate& e = ctx.estate();
  Rng rng = ctx.rng("aws/commitments");
  const Account& payer = e.accounts[cloud_accounts(e, Cloud::kAws).front()];
  // Average concurrently running, always-on EC2 instances by (type, region), to size reserved
  // instances; and the average on-demand EC2 spend per hour, to size savings plans.
  std::map<std::pair<std::string_view, std::string_view>, double> groups;
  double ondemand_per_hour = 0.0;
  for (const Meter& m : e.meters) {
    if (m.cover != CoverClass::kAwsEc2) continue;
    const Resource& r = e.resources[m.resource];
    const Sku& s = e.skus[m.sku];
    const double running = mean_hourly_quantity(e, m) / static_cast<double>(kQuantityOne);
    if (r.schedule == Schedule::kAlways) groups[{s.machine->name, s.region->code}] += running;
    ondemand_per_hour += core::Decimal::from_units(s.rate).to_double() * running;
  }
  std::vector<std::pair<double, std::pair<std::string_view, std::string_view>>> ranked;
  for (const auto& [key, running] : groups) ranked.emplace_back(running, key);
  std::sort(ranked.begin(), ranked.end(), [](const auto& x, const auto& y) {
    return x.first != y.first ? x.first > y.first : x.second < y.second;
  });

  struct RiPlan {
    int months_before_start;  // purchased this many months before the window starts (<0: after)
    Payment payment;
    int term_months;
    int permille_of_fleet;
  };
  // An RI bought before the window that expires mid-window, one bought in the window (its
  // upfront fee is visible), one three-year no-upfront RI sized above its usage (unused hours).
  const RiPlan plans[] = {{5, Payment::kPartialUpfront, 12, 800},
                          {-3, Payment::kAllUpfront, 12, 700},
                          {8, Payment::kNoUpfront, 36, 1150}};
  for (size_t i = 0; i < std::size(plans) && i < ranked.size(); ++i) {
    const auto& [count, key] = ranked[i];
    const RiPlan& p = plans[i];
    const MachineType& m = machine_type(Cloud::kAws, key.first);
    const Region& r = region(Cloud::kAws, key.second);
    Commitment c;
    c.index = static_cast<uint32_t>(e.commitments.size());
    c.kind = CommitmentKind::kAwsReservedInstance;
    c.cloud = Cloud::kAws;
    c.account = payer.index;
    c.region = &r;
    c.machine = &m;
    c.cover = CoverClass::kAwsEc2;
    // Oversized plans round up (some hours stay unused); the others round down.
    const double wanted = count * p.permille_of_fleet / 1000.0;
    const int64_t units = std::max<int64_t>(1, static_cast<int64_t>(p.permille_of_fleet > 1000 ? std::ceil(wanted) : wanted));
    c.units = units * kQuantityOne;
    c.payment = p.payment;
    c.term_months = p.term_months;
    c.start = core::add_months(e.start, -p.months_before_start);
    c.start.unix_seconds += rng.range(1, 20) * core::kSecondsPerDay + 3600 * rng.range(0, 23);
    c.end = Timestamp{c.start.unix_seconds + int64_t{p.term_months} * 730 * 3600};
    c.cancelled = c.end;
    // Standard 1-year RIs save ~37% (3-year ~55%) against on-demand.
    const Int128 od = regional_price(price_units(m.hourly_price), r);
    const Int128 effective = scale_price(od, p.term_months == 36 ? 450 : 630, 6);
    switch (p.payment) {
      case Payment::kAllUpfront: c.upfront_hourly = effective; break;
      case Payment::kPartialUpfront:
        c.upfront_hourly = scale_price(effective, 500, 6);
        c.recurring_hourly = effective - c.upfront_hourly;
        break;
      default: c.recurring_hourly = effective; break;
    }
    c.order_id = rng.digits(9);
    c.reservation_id = rng.uuid();
    c.id = fmt::format("arn:aws:ec2:{}:{}:reserved-instances/{}", r.code, payer.id, c.reservation_id);
    c.name = fmt::format("{} x{} {}", m.name, units, r.code);
    Sku s = base_sku(r, MeterKind::kCompute, "AmazonEC2", "Amazon Elastic Compute Cloud",
                     fmt::format("HeavyUsage:{}", m.name), "RunInstances", "Compute Instance",
                     "Hrs", m.hourly_price);
    s.machine = &m;
    s.instance_type = std::string(m.name);
    s.operating_system = "Linux";
    s.description = fmt::format("USD {} hourly fee per Linux/UNIX (Amazon VPC), {} instance",
                                core::Decimal::from_units(c.recurring_hourly).to_string(), m.name);
    set_focus(s, "Compute", "Virtual Machines", "Hours", "ReservedInstance");
    c.sku = ctx.sku(fmt::format("aws/ri/{}/{}/{}", r.code, m.name, static_cast<int>(p.payment)), std::move(s));
    e.commitments.push_back(std::move(c));
  }

  // Compute Savings Plans: one bought before the window (no upfront), one in it (partial
  // upfront), together about half of the remaining on-demand EC2 spend.
  struct SpPlan {
    int months_before_start;
    Payment payment;
    int permille_of_spend;
    int discount_permille;
  };
  const SpPlan sp_plans[] = {{4, Payment::kNoUpfront, 300, 270}, {-6, Payment::kPartialUpfront, 250, 280}};
  for (const SpPlan& p : sp_plans) {
    Commitment c;
    c.index = static_cast<uint32_t>(e.commitments.size());
    c.kind = CommitmentKind::kAwsSavingsPlan;
    c.cloud = Cloud::kAws;
    c.account = payer.index;
    c.cover = CoverClass::kAwsEc2;
    const double dollars = ondemand_per_hour * p.permille_of_spend / 1000.0;
    c.hourly_commitment = core::Decimal::from_int(static_cast<int64_t>(dollars * 4) + 1).units() / 4;
    c.discount_permille = p.discount_permille;
    c.payment = p.payment;
    c.term_months = 12;
    c.start = core::add_months(e.start, -p.months_before_start);
    c.start.unix_seconds += rng.range(1, 20) * core::kSecondsPerDay;
    c.end = Timestamp{c.start.unix_seconds + int64_t{12} * 730 * 3600};
    c.cancelled = c.end;
    if (p.payment == Payment::kPartialUpfront) {
      c.upfront_hourly = scale_price(c.hourly_commitment, 500, 6);
      c.recurring_hourly = c.hourly_commitment - c.upfront_hourly;
    } else {
      c.recurring_hourly = c.hourly_commitment;
    }
    c.order_id = rng.uuid();
    c.id = fmt::format("arn:aws:savingsplans::{}:savingsplan/{}", payer.id, c.order_id);
    c.name = fmt::format("Compute SP {}/h", core::Decimal::from_units(c.hourly_commitment).to_string());
    const Region& r = region(Cloud::kAws, "us-east-1");
    const char* payment_name = p.payment == Payment::kPartialUpfront ? "PartialUpfront" : "NoUpfront";
    Sku s = base_sku(r, MeterKind::kCompute, "ComputeSavingsPlans", "Savings Plans for AWS Compute usage",
                     fmt::format("ComputeSP:1yr{}", payment_name), "", "Savings Plan", "Hrs", "0");
    s.usage_type = fmt::format("ComputeSP:1yr{}", payment_name);
    s.list_rate = c.hourly_commitment;
    s.rate = c.hourly_commitment;
    s.description = fmt::format("1 year {} Compute Savings Plan",
                                p.payment == Payment::kPartialUpfront ? "Partial Upfront" : "No Upfront");
    set_focus(s, "Compute", "Virtual Machines", "Hours", "SavingsPlan");
    c.sku = ctx.sku(fmt::format("aws/sp/{}", payment_name), std::move(s));
    e.commitments.push_back(std::move(c));
  }
}

uint32_t add_aws_fleet_unit(BuildContext& ctx, uint32_t k) {
  Estate& e = ctx.estate();
  Builder b{ctx, e};
  Rng rng = ctx.rng("aws/fleet", k);
  // Fleet machines run in the production workload accounts.
  static constexpr size_t kProdAccounts[] = {5, 7, 8, 10, 12, 14, 2};
  const size_t slot = kProdAccounts[k % std::size(kProdAccounts)];
  const Account a = e.accounts[cloud_accounts(e, Cloud::kAws)[slot]];
  const int team = ctx.owner_team(a);
  const auto machines = team_machines(e.teams[static_cast<size_t>(team)].name);
  const MachineType& m = machine_type(Cloud::kAws, machines[static_cast<size_t>(rng.range(0, static_cast<int64_t>(machines.size()) - 1))]);
  const Region& r = region(Cloud::kAws, kAccounts[slot].region);
  const std::string& app = ctx.pick_app(team, rng);
  const std::string name = fmt::format("{}-asg-{}", app, rng.hex(6));
  const uint32_t vm = b.vm(a, m, r, name, app, rng);
  Resource& res = e.resources[vm];
  // Autoscaled: launched at some point (possibly before the window), lives weeks to months.
  const int64_t span = e.end.unix_seconds - e.start.unix_seconds;
  res.created = Timestamp{e.start.unix_seconds - 60 * core::kSecondsPerDay +
                          static_cast<int64_t>(rng.uniform() * static_cast<double>(span + 50 * core::kSecondsPerDay))};
  res.created.unix_seconds -= res.created.unix_seconds % 3600;
  res.deleted = Timestamp{res.created.unix_seconds + rng.range(20, 320) * core::kSecondsPerDay};
  if (rng.chance(0.15)) res.deleted = BuildContext::forever();
  b.volume(a, vm, 50, "gp3", r, res.zone, name + "-root", rng);
  return vm;
}

}  // namespace optima::demo
