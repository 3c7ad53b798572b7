// Names of architectures, processor vendors and alternative kinds.
#include "optima/pricing/instance_spec.h"

namespace optima::pricing {

std::string_view architecture_name(Architecture arch) {
  return arch == Architecture::kArm64 ? "arm64" : "x86_64";
}

std::string_view processor_vendor_name(ProcessorVendor vendor) {
  switch (vendor) {
    case ProcessorVendor::kIntel:
      return "intel";
    case ProcessorVendor::kAmd:
      return "amd";
    case ProcessorVendor::kAwsGraviton:
      return "graviton";
    case ProcessorVendor::kAmpere:
      return "ampere";
    case ProcessorVendor::kUnknown:
      return "unknown";
  }
  return "unknown";
}

std::string_view alternative_kind_name(AlternativeKind kind) {
  switch (kind) {
    case AlternativeKind::kCheaperSameFamily:
      return "cheaper_same_family";
    case AlternativeKind::kNewerGeneration:
      return "newer_generation";
    case AlternativeKind::kArm:
      return "arm";
    case AlternativeKind::kAmd:
      return "amd";
  }
  return "";
}

}  // namespace optima::pricing
