// AwsCurWriter: one assembly of a legacy AWS Cost and Usage Report delivery for one billing
// period, laid out as AWS delivers it to S3 (the directory billing/aws is the bucket root):
//
//   cur/<report>/<yyyymmdd-yyyymmdd>/<assemblyId>/<report>-<n>.csv.gz   gzip CSV parts
//   cur/<report>/<yyyymmdd-yyyymmdd>/<assemblyId>/<report>-Manifest.json
//   cur/<report>/<yyyymmdd-yyyymmdd>/<report>-Manifest.json            (the current assembly)
//
// Headers use the category/Name form (lineItem/UnblendedCost, resourceTags/user:team). Savings
// plan coverage is written as SavingsPlanCoveredUsage plus SavingsPlanNegation, reserved
// instance coverage as DiscountedUsage with the reservation/* amortization columns, monthly
// RIFee lines carry the unused amounts, so AWS's amortized-cost formula reproduces the
// EffectiveCost of the charges. Not thread-safe; one writer per assembly.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "optima/demo/billing_writer.h"
#include "optima/demo/csv_row.h"
#include "optima/demo/estate.h"
#include "optima/demo/output_file.h"

namespace optima::demo {

inline constexpr const char* kCurReportName = "northwind-cur";

struct CurAssembly {
  uint32_t period = 0;
  std::string assembly_id;
  bool current = true;        // also write the period-level manifest
  uint64_t rows_per_part = 250000;
};

class AwsCurWriter : public BillingWriter {
 public:
  // `root` is the output directory (files go under root/billing/aws/cur/...).
  AwsCurWriter(const Estate& estate, std::filesystem::path root, CurAssembly assembly);
  ~AwsCurWriter() override;

  core::Status consume(const Charge& charge) override;
  core::Status finish() override;

  // "20240101-20240201": the folder name of a billing period.
  static std::string period_folder(const Estate& estate, uint32_t period);
  // Deterministic assembly id for (seed, period, version).
  static std::string assembly_id(const Estate& estate, uint32_t period, int version);

 private:
  struct Column {
    std::string category;
    std::string name;
    std::string type;
  };
  void define_columns();
  size_t add_column(const char* category, const std::string& name, const char* type);
  core::Status write_row();
  core::Status open_part();
  core::Status close_part();
  std::string manifest_json() const;
  void fill_common(const Charge& ch, const char* line_item_type);
  void fill_product(const Sku& sku, const Resource* resource);
  void fill_tags(const Resource* resource);
  void fill_reservation_terms(const Commitment& c);
  std::string line_item_id();

  const Estate& estate_;
  std::filesystem::path root_;
  CurAssembly assembly_;
  std::string folder_;            // relative: cur/<report>/<period>/<assembly>
  std::vector<Column> columns_;
  std::vector<std::string> tag_keys_;  // "user:team", ...
  size_t first_tag_column_ = 0;
  size_t business_unit_column_ = 0;
  size_t environment_column_ = SIZE_MAX;
  CsvRow row_{0};
  std::unique_ptr<OutputFile> part_;
  uint64_t part_rows_ = 0;
  int part_number_ = 0;
  std::vector<std::string> report_keys_;
  std::string buffer_;
  uint64_t line_counter_ = 0;
  std::string invoice_id_;
  std::string marketplace_invoice_id_;
};

}  // namespace optima::demo
