#include "optima/ingest/azure_cost_dataset.h"

#include <string>

#include "optima/core/strings.h"

namespace optima::ingest {
namespace {

AzureCostDataset dataset_of_name(std::string_view name) {
  const std::string lower = core::to_lower_ascii(name);
  const bool amortized =
      lower.find("amortized") != std::string::npos || lower.find("amortised") != std::string::npos;
  const bool actual = lower.find("actual") != std::string::npos;
  if (amortized && !actual)
    return AzureCostDataset::kAmortized;
  if (actual && !amortized)
    return AzureCostDataset::kActual;
  return AzureCostDataset::kUnknown;
}

}  // namespace

AzureCostDataset azure_cost_dataset_of(const std::filesystem::path& path) {
  const AzureCostDataset from_file = dataset_of_name(path.filename().string());
  if (from_file != AzureCostDataset::kUnknown)
    return from_file;
  // <export-name>/<date range>/<run id>/part_*.csv: the export name is at most three folders up;
  // looking further would pick up unrelated folder names.
  constexpr int kFolderLevels = 3;
  auto dir = path.parent_path();
  for (int level = 0; level < kFolderLevels && dir.has_filename();
       ++level, dir = dir.parent_path()) {
    const AzureCostDataset from_dir = dataset_of_name(dir.filename().string());
    if (from_dir != AzureCostDataset::kUnknown)
      return from_dir;
  }
  return AzureCostDataset::kUnknown;
}

std::string_view azure_cost_dataset_name(AzureCostDataset dataset) {
  switch (dataset) {
    case AzureCostDataset::kActual:
      return "actual";
    case AzureCostDataset::kAmortized:
      return "amortized";
    case AzureCostDataset::kUnknown:
      return "unlabelled";
  }
  return "unlabelled";
}

}  // namespace optima::ingest
