// InstanceSpec: the shape of a VM / database instance type (vCPU, memory, family, generation,
// architecture), from the bundled catalog, and the requirement an alternative must meet.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "optima/pricing/provider.h"
#include "optima/pricing/rate.h"

namespace optima::pricing {

enum class Architecture { kX86_64, kArm64 };
enum class ProcessorVendor { kIntel, kAmd, kAwsGraviton, kAmpere, kUnknown };

// "x86_64", "arm64"; "intel", "amd", "graviton", "ampere", "unknown".
std::string_view architecture_name(Architecture arch);
std::string_view processor_vendor_name(ProcessorVendor vendor);

struct InstanceSpec {
  Provider provider = Provider::kAws;
  std::string type;      // "m5.large", "Standard_D4s_v5", "n2-standard-4", "db.r5.large"
  std::string family;    // "m5", "Dsv5", "n2", "db.r5" — sizes of one family scale linearly
  std::string category;  // "general purpose", "compute optimized", "memory optimized", …
  int generation = 0;    // 5 for m5 / Dsv5 / n2 (2); 0 when unknown
  int vcpu = 0;
  double memory_gib = 0;  // a measurement, not money
  int gpus = 0;
  Architecture architecture = Architecture::kX86_64;
  ProcessorVendor vendor = ProcessorVendor::kUnknown;
  bool previous_generation = false;  // the provider lists it as previous generation
  bool database = false;             // an RDS / SQL / Cloud SQL class, not a VM
  std::string source;                // where the spec comes from (catalog file and its source)
};

// What an alternative must offer at least.
struct Requirement {
  int min_vcpu = 0;
  double min_memory_gib = 0;
  // nullopt: any architecture (ARM alternatives included).
  std::optional<Architecture> architecture;
};

enum class AlternativeKind {
  kCheaperSameFamily,  // a smaller size of the same family that still meets the requirement
  kNewerGeneration,    // the same category and size in a newer generation
  kArm,                // an arm64 (Graviton / Ampere) equivalent
  kAmd,                // an AMD equivalent
};
// "cheaper_same_family", "newer_generation", "arm", "amd".
std::string_view alternative_kind_name(AlternativeKind kind);

struct Alternative {
  AlternativeKind kind = AlternativeKind::kCheaperSameFamily;
  InstanceSpec spec;
  // The alternative's on-demand hourly rate in the asked region, when one is known.
  std::optional<Rate> rate;
};

}  // namespace optima::pricing
