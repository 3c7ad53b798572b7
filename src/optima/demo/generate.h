// `cloudoptima demo generate`: a deterministic multi-cloud organisation written in the
// providers' native export formats (AWS CUR delivery, Azure EA/MCA cost details, Google
// BigQuery billing export as JSON lines, FOCUS 1.2 CSV for Oracle Cloud), plus inventory,
// utilization, a Kubernetes cluster and the ground truth of what was planted
// (docs/demo-estate.md describes every file).
//
// The same options (seed, end date, rows, formats) always produce byte-identical files.
// Memory stays bounded for any --rows: rows are streamed to disk period by period.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "optima/core/decimal.h"
#include "optima/core/status.h"
#include "optima/core/time.h"
#include "optima/demo/estate.h"
#include "optima/demo/file_info.h"

namespace optima::demo {

enum class OutputFormats : uint8_t {
  kNative,  // every provider in its own format, plus inventory, utilization, cluster, truth
  kFocus,   // FOCUS 1.2 CSV only, every provider (benchmark data)
};

struct GenerateOptions {
  std::filesystem::path out_dir;
  uint64_t rows = 200000;    // target number of billing rows over all files
  uint64_t seed = 42;
  // Data ends here (exclusive, truncated to midnight UTC); default: today 00:00 UTC.
  std::optional<core::Timestamp> end_date;
  OutputFormats formats = OutputFormats::kNative;
  // Default: hourly rows when the requested size can hold an hourly estate, else daily.
  std::optional<Granularity> granularity;
  int months = 13;           // billing months ending with the month of end_date - 1 day (>= 2)
  // CUR deliveries are split into parts of this many rows; BigQuery extracts into parts of
  // twice as many lines.
  uint64_t cur_rows_per_part = 250000;
  size_t threads = 0;        // worker threads; 0 = one per core
};

struct ProviderSummary {
  std::string provider;        // FOCUS ProviderName
  uint64_t rows = 0;           // billing rows written (current deliveries only)
  core::Decimal billed_cost;   // FOCUS BilledCost total, USD
  core::Decimal effective_cost;
  core::Decimal list_cost;
  core::Decimal tagged_effective_cost;  // EffectiveCost of rows whose resource has a team tag
};

struct GenerateSummary {
  uint64_t target_rows = 0;
  uint64_t billing_rows = 0;   // all providers, current deliveries
  uint64_t superseded_rows = 0;  // rows in restated (older) CUR assemblies
  Granularity granularity = Granularity::kDaily;
  core::Timestamp start;
  core::Timestamp end;
  std::vector<ProviderSummary> providers;
  std::vector<FileInfo> files;
  uint64_t total_bytes = 0;
  double seconds = 0.0;        // wall-clock time
};

// Writes the estate into options.out_dir (created if missing; existing files with the same
// names are replaced). Errors: InvalidArgument for bad options (rows below the smallest
// estate, months < 2, empty out_dir), IoError when a file cannot be written.
core::Result<GenerateSummary> generate(const GenerateOptions& options);

// The end date generate() uses for options.end_date: given or today, truncated to midnight.
core::Timestamp resolve_end_date(const GenerateOptions& options);

}  // namespace optima::demo
