#include "optima/demo/catalog.h"

#include <array>

namespace optima::demo {
namespace {

constexpr std::array<Region, 3> kAwsRegions{{
    {Cloud::kAws, "us-east-1", "US East (N. Virginia)", "", "", "US", "abcd", 1000},
    {Cloud::kAws, "us-west-2", "US West (Oregon)", "USW2-", "", "US", "abc", 1000},
    {Cloud::kAws, "eu-west-1", "EU (Ireland)", "EU-", "", "IE", "abc", 1120},
}};

constexpr std::array<Region, 3> kAzureRegions{{
    {Cloud::kAzure, "eastus", "East US", "", "US East", "US", "123", 1000},
    {Cloud::kAzure, "westeurope", "West Europe", "", "EU West", "NL", "123", 1100},
    {Cloud::kAzure, "uksouth", "UK South", "", "UK South", "GB", "123", 1080},
}};

constexpr std::array<Region, 3> kGcpRegions{{
    {Cloud::kGcp, "us-central1", "Iowa", "", "Americas", "US", "abcf", 1000},
    {Cloud::kGcp, "us-east1", "South Carolina", "", "Americas", "US", "bcd", 1000},
    {Cloud::kGcp, "europe-west1", "Belgium", "", "EMEA", "BE", "bcd", 1100},
}};

constexpr std::array<Region, 1> kOciRegions{{
    {Cloud::kOci, "us-ashburn-1", "US East (Ashburn)", "", "", "US", "123", 1000},
}};

constexpr std::array<MachineType, 23> kAwsTypes{{
    {Cloud::kAws, "t3.medium", "t3", 2, 4, "0.0416", "", 2, false},
    {Cloud::kAws, "t3.large", "t3", 2, 8, "0.0832", "", 4, false},
    {Cloud::kAws, "m5.large", "m5", 2, 8, "0.096", "", 4, false},
    {Cloud::kAws, "m5.xlarge", "m5", 4, 16, "0.192", "", 8, false},
    {Cloud::kAws, "m5.2xlarge", "m5", 8, 32, "0.384", "", 16, false},
    {Cloud::kAws, "m6i.large", "m6i", 2, 8, "0.096", "", 4, false},
    {Cloud::kAws, "m6i.xlarge", "m6i", 4, 16, "0.192", "", 8, false},
    {Cloud::kAws, "m6i.2xlarge", "m6i", 8, 32, "0.384", "", 16, false},
    {Cloud::kAws, "m6i.4xlarge", "m6i", 16, 64, "0.768", "", 32, false},
    {Cloud::kAws, "c5.xlarge", "c5", 4, 8, "0.17", "", 8, false},
    {Cloud::kAws, "c5.2xlarge", "c5", 8, 16, "0.34", "", 16, false},
    {Cloud::kAws, "c5.4xlarge", "c5", 16, 32, "0.68", "", 32, false},
    {Cloud::kAws, "r5.large", "r5", 2, 16, "0.126", "", 4, false},
    {Cloud::kAws, "r5.xlarge", "r5", 4, 32, "0.252", "", 8, false},
    {Cloud::kAws, "r5.2xlarge", "r5", 8, 64, "0.504", "", 16, false},
    {Cloud::kAws, "g4dn.xlarge", "g4dn", 4, 16, "0.526", "", 8, false},
    {Cloud::kAws, "db.t3.medium", "t3", 2, 4, "0.068", "", 2, true},
    {Cloud::kAws, "db.m5.large", "m5", 2, 8, "0.171", "", 4, true},
    {Cloud::kAws, "db.m5.xlarge", "m5", 4, 16, "0.342", "", 8, true},
    {Cloud::kAws, "db.r5.large", "r5", 2, 16, "0.25", "", 4, true},
    {Cloud::kAws, "db.r5.xlarge", "r5", 4, 32, "0.5", "", 8, true},
    {Cloud::kAws, "db.r5.2xlarge", "r5", 8, 64, "1", "", 16, true},
    {Cloud::kAws, "db.r5.4xlarge", "r5", 16, 128, "2", "", 32, true},
}};

constexpr std::array<MachineType, 13> kAzureTypes{{
    {Cloud::kAzure, "Standard_B2s", "BS", 2, 4, "0.0416", "", 1, false},
    {Cloud::kAzure, "Standard_D2s_v5", "Dsv5", 2, 8, "0.096", "", 1, false},
    {Cloud::kAzure, "Standard_D4s_v5", "Dsv5", 4, 16, "0.192", "", 1, false},
    {Cloud::kAzure, "Standard_D8s_v5", "Dsv5", 8, 32, "0.384", "", 1, false},
    {Cloud::kAzure, "Standard_D16s_v5", "Dsv5", 16, 64, "0.768", "", 1, false},
    {Cloud::kAzure, "Standard_E4s_v5", "Esv5", 4, 32, "0.252", "", 1, false},
    {Cloud::kAzure, "Standard_E8s_v5", "Esv5", 8, 64, "0.504", "", 1, false},
    {Cloud::kAzure, "Standard_F4s_v2", "FSv2", 4, 8, "0.169", "", 1, false},
    {Cloud::kAzure, "Standard_NC4as_T4_v3", "NCasT4v3", 4, 28, "0.526", "", 1, false},
    // Azure SQL Database vCore sizes: price per instance-hour of the whole size.
    {Cloud::kAzure, "GP_Gen5_2", "SQL Gen5", 2, 10, "0.5044", "", 1, true},
    {Cloud::kAzure, "GP_Gen5_4", "SQL Gen5", 4, 20, "1.0088", "", 1, true},
    {Cloud::kAzure, "GP_Gen5_8", "SQL Gen5", 8, 41, "2.0176", "", 1, true},
    {Cloud::kAzure, "GP_Gen5_16", "SQL Gen5", 16, 83, "4.0352", "", 1, true},
}};

constexpr std::array<MachineType, 12> kGcpTypes{{
    {Cloud::kGcp, "e2-standard-2", "e2", 2, 8, "0.021811", "0.002923", 1, false},
    {Cloud::kGcp, "e2-standard-4", "e2", 4, 16, "0.021811", "0.002923", 1, false},
    {Cloud::kGcp, "n2-standard-2", "n2", 2, 8, "0.031611", "0.004237", 1, false},
    {Cloud::kGcp, "n2-standard-4", "n2", 4, 16, "0.031611", "0.004237", 1, false},
    {Cloud::kGcp, "n2-standard-8", "n2", 8, 32, "0.031611", "0.004237", 1, false},
    {Cloud::kGcp, "n2-highmem-8", "n2", 8, 64, "0.031611", "0.004237", 1, false},
    {Cloud::kGcp, "n1-standard-4", "n1", 4, 15, "0.031611", "0.004237", 1, false},
    {Cloud::kGcp, "c2-standard-8", "c2", 8, 32, "0.03398", "0.00455", 1, false},
    {Cloud::kGcp, "n2-standard-16", "n2", 16, 64, "0.031611", "0.004237", 1, false},
    {Cloud::kGcp, "db-custom-2-8192", "cloudsql", 2, 8, "0.0413", "0.007", 1, true},
    {Cloud::kGcp, "db-custom-4-16384", "cloudsql", 4, 16, "0.0413", "0.007", 1, true},
    {Cloud::kGcp, "db-custom-8-32768", "cloudsql", 8, 32, "0.0413", "0.007", 1, true},
}};

constexpr std::array<MachineType, 2> kOciTypes{{
    {Cloud::kOci, "VM.Standard.E4.Flex", "E4", 2, 16, "0.025", "0.0015", 1, false},
    {Cloud::kOci, "VM.Standard3.Flex", "Standard3", 4, 32, "0.04", "0.0015", 1, false},
}};

}  // namespace

std::string_view provider_name(Cloud cloud) {
  switch (cloud) {
    case Cloud::kAws: return "AWS";
    case Cloud::kAzure: return "Microsoft";
    case Cloud::kGcp: return "Google Cloud";
    case Cloud::kOci: return "Oracle";
  }
  return "";
}

std::string_view cloud_key(Cloud cloud) {
  switch (cloud) {
    case Cloud::kAws: return "aws";
    case Cloud::kAzure: return "azure";
    case Cloud::kGcp: return "gcp";
    case Cloud::kOci: return "oci";
  }
  return "";
}

std::span<const Region> regions(Cloud cloud) {
  switch (cloud) {
    case Cloud::kAws: return kAwsRegions;
    case Cloud::kAzure: return kAzureRegions;
    case Cloud::kGcp: return kGcpRegions;
    case Cloud::kOci: return kOciRegions;
  }
  return {};
}

std::span<const MachineType> machine_types(Cloud cloud) {
  switch (cloud) {
    case Cloud::kAws: return kAwsTypes;
    case Cloud::kAzure: return kAzureTypes;
    case Cloud::kGcp: return kGcpTypes;
    case Cloud::kOci: return kOciTypes;
  }
  return {};
}

const Region& region(Cloud cloud, std::string_view code) {
  for (const Region& r : regions(cloud)) {
    if (r.code == code) return r;
  }
  OPTIMA_CHECK(false && "unknown region");
  return regions(cloud)[0];
}

const MachineType& machine_type(Cloud cloud, std::string_view name) {
  for (const MachineType& m : machine_types(cloud)) {
    if (m.name == name) return m;
  }
  OPTIMA_CHECK(false && "unknown machine type");
  return machine_types(cloud)[0];
}

core::Int128 price_units(std::string_view text) {
  core::Decimal d;
  const bool ok = core::Decimal::parse(text, &d);
  OPTIMA_CHECK(ok);
  return d.units();
}

core::Int128 scale_price(core::Int128 units, int permille, int digits) {
  const core::Int128 scaled = units * permille / 1000;
  return core::Decimal::from_units(scaled).round(digits).units();
}

core::Int128 regional_price(core::Int128 base_units, const Region& region) {
  return scale_price(base_units, region.price_permille, 9);
}

}  // namespace optima::demo
