// The demo's price catalog: clouds, regions and machine types with public list prices.
//
// Prices are the providers' published on-demand Linux prices for the base region (rounded; they
// need only be plausible), held as exact decimal text and converted to core::Decimal units.
// Every rate has at most 9 fractional digits, so rate × quantity (in 10^-9 units) is exact.
// The tables are constant data; thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "optima/core/decimal.h"

namespace optima::demo {

enum class Cloud : uint8_t { kAws, kAzure, kGcp, kOci };
inline constexpr int kCloudCount = 4;

// FOCUS ProviderName for each cloud ("AWS", "Microsoft", "Google Cloud", "Oracle").
std::string_view provider_name(Cloud cloud);
// Short lower-case key used in file names and summaries: "aws", "azure", "gcp", "oci".
std::string_view cloud_key(Cloud cloud);

struct Region {
  Cloud cloud;
  std::string_view code;          // "us-east-1", "eastus", "us-central1"
  std::string_view name;          // "US East (N. Virginia)", "East US", "Iowa"
  std::string_view aws_prefix;    // AWS usage-type prefix: "", "USW2-", "EU-"
  std::string_view meter_region;  // Azure MeterRegion ("US East"), GCP location group ("Americas")
  std::string_view country;       // "US", "IE", "BE", ...
  std::string_view zones;         // zone suffixes, e.g. "abc"
  int price_permille;             // price factor relative to the base region, 1000 = same
};

// VM and managed-database sizes.
struct MachineType {
  Cloud cloud;
  std::string_view name;          // "m5.large", "Standard_D4s_v5", "n2-standard-4", "db.r5.large"
  std::string_view family;        // "m5", "Dsv5", "n2", "r5"
  int vcpu;
  int memory_gib;
  // AWS/Azure/OCI: price per instance-hour; GCP: price per vCPU-hour (RAM priced separately).
  std::string_view hourly_price;
  std::string_view ram_price;     // GCP: per GiB-hour; empty elsewhere
  int normalization;              // AWS RI normalization factor (large = 4)
  bool database;                  // an RDS/SQL size, not a VM
};

std::span<const Region> regions(Cloud cloud);
std::span<const MachineType> machine_types(Cloud cloud);
// Requires: the name exists in the table (programmer error otherwise).
const Region& region(Cloud cloud, std::string_view code);
const MachineType& machine_type(Cloud cloud, std::string_view name);

// Exact Decimal units of a decimal literal. Requires: valid text (catalog constants only).
core::Int128 price_units(std::string_view text);
// price × factor/1000, rounded to 9 fractional digits (regional price).
core::Int128 regional_price(core::Int128 base_units, const Region& region);
// units × permille / 1000 rounded to `digits` fractional digits.
core::Int128 scale_price(core::Int128 units, int permille, int digits);

}  // namespace optima::demo
