// AzureCostDataset: which Cost Management cost details dataset a file holds.
//
// Actual and amortized exports have identical headers (FOCUS.md §3.2); only the export's
// name tells them apart. Cost Management names both the export folder and the file after the
// export definition (".../<export-name>/<yyyyMMdd-yyyyMMdd>/<run-id>/part_0_0001.csv" or
// "<export-name>_<guid>.csv"), and users name exports "...ActualCost..." / "...AmortizedCost...",
// so the dataset is read from the file name, then from the enclosing folder names.
#pragma once

#include <filesystem>
#include <string_view>

namespace optima::ingest {

enum class AzureCostDataset {
  kActual,     // billed (actual) cost: commitment purchases as Purchase rows
  kAmortized,  // amortized cost: purchases spread over the covered usage, Unused* rows
  kUnknown,    // the name says neither (or both)
};

// The dataset named by the file name, else by the nearest of the three enclosing folders that
// names one:
// "amortized"/"amortised" -> kAmortized, "actual" -> kActual (case-insensitive). A name that
// contains both words decides nothing.
AzureCostDataset azure_cost_dataset_of(const std::filesystem::path& path);

std::string_view azure_cost_dataset_name(AzureCostDataset dataset);

}  // namespace optima::ingest
