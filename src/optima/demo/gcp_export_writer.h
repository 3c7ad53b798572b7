// GcpExportWriter: one invoice month of the Google Cloud detailed billing export
// (gcp_billing_export_resource_v1_<ACCOUNT>) extracted from BigQuery as newline-delimited JSON:
//
//   billing/gcp/gcp_billing_export_resource_v1_<ACCOUNT>/<YYYYMM>/<YYYYMM>-<n:012>.jsonl.gz
//
// One JSON object per line with the export's nested fields: service{}, sku{}, project{} with
// ancestors, labels[] and system_labels[] as key/value arrays, location{}, resource{}, usage{},
// price{}, credits[] (committed use, sustained use and promotion credits, negative), invoice{}
// with the month in US Pacific time, cost_type (regular, tax, adjustment), adjustment_info{}
// and subscription{} on CUD fee rows. TIMESTAMPs are "YYYY-MM-DD HH:MM:SS UTC"; NULL fields are
// omitted, as BigQuery writes them. Not thread-safe; one writer per month.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "optima/demo/billing_writer.h"
#include "optima/demo/estate.h"
#include "optima/demo/output_file.h"

namespace optima::demo {

class GcpExportWriter : public BillingWriter {
 public:
  GcpExportWriter(const Estate& estate, std::filesystem::path root, uint32_t period,
                  uint64_t rows_per_part);
  ~GcpExportWriter() override;

  core::Status consume(const Charge& charge) override;
  core::Status finish() override;

  // "gcp_billing_export_resource_v1_01A2B3_C4D5E6_F7A8B9".
  static std::string table_name(const Estate& estate);

 private:
  core::Status write_line();
  core::Status open_part();
  core::Status close_part();
  void begin(const Charge& ch, const Sku* sku);
  void add_project(const Account& a);
  void add_labels(const Resource* r);
  void add_location(const Charge& ch);
  void add_costs(const Charge& ch, Int128 cost, const Sku* sku);
  void add_usage(const Sku& sku, int64_t quantity);
  void add_credits(const Charge& ch);
  void finish_line(const Charge& ch, const char* cost_type);

  const Estate& estate_;
  std::filesystem::path root_;
  uint32_t period_;
  uint64_t rows_per_part_;
  std::string invoice_month_;
  std::unique_ptr<OutputFile> part_;
  std::filesystem::path part_path_;
  uint64_t part_rows_ = 0;
  int part_number_ = 0;
  std::string line_;
};

}  // namespace optima::demo
