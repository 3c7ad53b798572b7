// BillingGenerator: deterministic, FOCUS 1.2 shaped billing rows for benchmarks, and the FOCUS
// CSV text they would come from (to quote sizes and ratios against).
//
// The model is one month of hourly AWS-like usage: `resources` resources, each billed every
// hour, rows ordered by hour. A resource fixes its service, SKU, region, account, tags and
// commitment coverage; quantities and costs vary per row (compute is 1 hour at a list price,
// storage and transfer get random quantities with up to 10 fractional digits). Row i depends
// only on i, so any batching yields the same rows.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "optima/core/decimal.h"
#include "optima/core/time.h"
#include "optima/focus/table.h"
#include "optima/focus/table_builder.h"

namespace optima::bench {

inline uint64_t mix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

class BillingGenerator {
 public:
  explicit BillingGenerator(uint32_t resources = 13440) : resources_(resources) {
    const char* services[][3] = {
        {"Amazon Elastic Compute Cloud", "Compute", "Virtual Machines"},
        {"Amazon Simple Storage Service", "Storage", "Object Storage"},
        {"Amazon Relational Database Service", "Databases", "Relational Databases"},
        {"AWS Data Transfer", "Networking", "Network Traffic"},
        {"Amazon Elastic Block Store", "Storage", "Block Storage"},
        {"AWS Lambda", "Compute", "Serverless Compute"},
        {"Amazon CloudWatch", "Management and Governance", "Observability"},
        {"Amazon DynamoDB", "Databases", "NoSQL Databases"},
    };
    const char* regions[][2] = {
        {"us-east-1", "US East (N. Virginia)"}, {"us-east-2", "US East (Ohio)"},
        {"us-west-2", "US West (Oregon)"},      {"eu-west-1", "Europe (Ireland)"},
        {"eu-central-1", "Europe (Frankfurt)"}, {"ap-southeast-1", "Asia Pacific (Singapore)"},
        {"ap-northeast-1", "Asia Pacific (Tokyo)"}, {"sa-east-1", "South America (Sao Paulo)"},
    };
    for (const auto& s : services) services_.push_back({s[0], s[1], s[2]});
    for (const auto& r : regions) regions_.push_back({r[0], r[1]});
    const char* types[] = {"t3.medium", "m5.large", "m5.xlarge", "c5.2xlarge",
                                   "r5.large",  "t3.small", "m6g.large", "c6g.xlarge"};
    for (uint32_t k = 0; k < 320; ++k) {
      Sku sku;
      const uint64_t h = mix64(k + 77);
      sku.service = k % services_.size();
      const std::string type = types[h % 8];
      sku.id = fmt::format("{:016X}", h);
      sku.price_id = fmt::format("{}.JRTCKXETXF.6YS6EN2CT7", sku.id);
      sku.list_price = core::Decimal::from_units(static_cast<core::Int128>(h % 400000 + 1000) *
                                                 100000000000000LL);  // 4 digits
      const bool compute = sku.service == 0 || sku.service == 2;
      sku.unit = compute ? "Hours" : sku.service == 3 ? "GB" : "GB-Hours";
      sku.meter = compute ? "Compute" : "Storage";
      sku.usage_type = fmt::format("{}-{}:{}", regions_[h % 8].id.substr(0, 2) == "us" ? "USE1" : "EUW1",
                                   compute ? "BoxUsage" : "TimedStorage-ByteHrs", type);
      sku.operation = compute ? "RunInstances" : "StandardStorage";
      sku.description = fmt::format("${} per On Demand Linux {} Instance Hour",
                                    sku.list_price.to_string(), type);
      sku.price_details = fmt::format(
          R"({{"InstanceType":"{}","OperatingSystem":"Linux","Tenancy":"Shared","vCPU":{}}})",
          type, 2 << (h % 4));
      skus_.push_back(std::move(sku));
    }
    const char* teams[] = {"payments", "search", "platform", "data", "ml", "web"};
    const char* envs[] = {"prod", "staging", "dev"};
    for (uint32_t t = 0; t < 150; ++t) {
      const uint64_t h = mix64(t + 1000);
      tag_sets_.push_back({{"app", fmt::format("app-{}", h % 40)},
                           {"env", envs[h % 3]},
                           {"team", teams[(h >> 8) % 6]}});
    }
  }

  uint64_t rows_per_month() const { return uint64_t{resources_} * 744; }

  // Rows [begin, end) of the dataset.
  focus::Table rows(uint64_t begin, uint64_t end) const {
    using focus::Column;
    focus::TableBuilder b;
    for (const focus::ColumnInfo& info : focus::all_columns()) b.declare(info.column);
    b.declare_extension("x_Operation");
    b.declare_extension("x_UsageType");
    const core::Timestamp month = core::make_timestamp({2024, 3, 1});
    const core::Timestamp next = core::make_timestamp({2024, 4, 1});
    for (uint64_t i = begin; i < end; ++i) {
      const uint64_t hour = (i / resources_) % 744;
      const uint64_t r = mix64(i % resources_) % resources_;  // resource order within an hour
      const uint64_t h = mix64(r * 31 + 7);
      const Sku& sku = skus_[h % skus_.size()];
      const Service& service = services_[sku.service];
      const Region& region = regions_[(h >> 12) % regions_.size()];
      const uint64_t account = (h >> 20) % 60;
      const uint64_t noise = mix64(i * 131 + 17);
      const bool compute = sku.service == 0 || sku.service == 2;
      const bool covered = compute && (h >> 28) % 5 == 0;

      b.set_string(Column::kAvailabilityZone, region.id + "a");
      b.set_string(Column::kBillingAccountId, "123412340534");
      b.set_string(Column::kBillingAccountName, "Acme Corp");
      b.set_string(Column::kBillingAccountType, "Billing Account");
      b.set_string(Column::kBillingCurrency, "USD");
      b.set_time(Column::kBillingPeriodStart, month);
      b.set_time(Column::kBillingPeriodEnd, next);
      b.set_string(Column::kChargeCategory, "Usage");
      b.set_string(Column::kChargeDescription, sku.description);
      b.set_string(Column::kChargeFrequency, "Usage-Based");
      const core::Timestamp start{month.unix_seconds + static_cast<int64_t>(hour) * 3600};
      b.set_time(Column::kChargePeriodStart, start);
      b.set_time(Column::kChargePeriodEnd, {start.unix_seconds + 3600});

      core::Decimal quantity = core::Decimal::from_int(1);
      if (!compute) {
        quantity = core::Decimal::from_units(static_cast<core::Int128>(noise % 90000000000ULL) *
                                             100000000);  // up to 10 fractional digits
      }
      const core::Decimal list_cost = core::Decimal::multiply(quantity, sku.list_price).round(10);
      const core::Decimal effective =
          covered ? core::Decimal::multiply(list_cost, core::Decimal::from_units(core::Decimal::kOne * 72 / 100))
                        .round(10)
                  : list_cost;
      const core::Decimal billed = covered ? core::Decimal() : list_cost;
      b.set_decimal(Column::kBilledCost, billed);
      b.set_decimal(Column::kEffectiveCost, effective);
      b.set_decimal(Column::kListCost, list_cost);
      b.set_decimal(Column::kContractedCost, list_cost);
      b.set_decimal(Column::kPricingCurrencyEffectiveCost, effective);
      b.set_decimal(Column::kListUnitPrice, sku.list_price);
      b.set_decimal(Column::kContractedUnitPrice, sku.list_price);
      b.set_decimal(Column::kPricingCurrencyListUnitPrice, sku.list_price);
      b.set_decimal(Column::kPricingCurrencyContractedUnitPrice, sku.list_price);
      b.set_decimal(Column::kConsumedQuantity, quantity);
      b.set_decimal(Column::kPricingQuantity, quantity);
      b.set_string(Column::kConsumedUnit, sku.unit);
      b.set_string(Column::kPricingUnit, sku.unit);
      b.set_string(Column::kPricingCategory, covered ? "Committed" : "Standard");
      b.set_string(Column::kPricingCurrency, "USD");
      if (covered) {
        b.set_string(Column::kCommitmentDiscountId,
                     fmt::format("arn:aws:savingsplans::123412340534:savingsplan/{:08x}-sp", h % 4));
        b.set_string(Column::kCommitmentDiscountName, fmt::format("compute-sp-{}", h % 4));
        b.set_string(Column::kCommitmentDiscountCategory, "Spend");
        b.set_string(Column::kCommitmentDiscountStatus, "Used");
        b.set_string(Column::kCommitmentDiscountType, "Compute Savings Plan");
        b.set_decimal(Column::kCommitmentDiscountQuantity, effective);
        b.set_string(Column::kCommitmentDiscountUnit, "USD");
      }
      b.set_string(Column::kInvoiceId, "EUINUS24-0001");
      b.set_string(Column::kInvoiceIssuerName, "Amazon Web Services, Inc.");
      b.set_string(Column::kProviderName, "AWS");
      b.set_string(Column::kPublisherName, "AWS");
      b.set_string(Column::kRegionId, region.id);
      b.set_string(Column::kRegionName, region.name);
      const std::string resource_id =
          compute ? fmt::format("arn:aws:ec2:{}:{:012}:instance/i-{:017x}", region.id,
                                account + 100000000000ULL, h >> 4)
                  : fmt::format("arn:aws:s3:::bucket-{:x}-{}", h >> 8, account);
      b.set_string(Column::kResourceId, resource_id);
      b.set_string(Column::kResourceName, fmt::format("{}-{:x}", service.category, h % 100000));
      b.set_string(Column::kResourceType, compute ? "Instance" : "Bucket");
      b.set_string(Column::kServiceCategory, service.category);
      b.set_string(Column::kServiceName, service.name);
      b.set_string(Column::kServiceSubcategory, service.subcategory);
      b.set_string(Column::kSkuId, sku.id);
      b.set_string(Column::kSkuMeter, sku.meter);
      b.set_string(Column::kSkuPriceDetails, sku.price_details);
      b.set_string(Column::kSkuPriceId, sku.price_id);
      b.set_string(Column::kSubAccountId, fmt::format("{:012}", account + 100000000000ULL));
      b.set_string(Column::kSubAccountName, fmt::format("acme-account-{}", account));
      b.set_string(Column::kSubAccountType, "AWS Account");
      if ((h >> 40) % 10 != 0) {
        for (const auto& [k, v] : tag_sets_[(h >> 44) % tag_sets_.size()]) b.add_tag(k, v);
      }
      b.set_extension("x_Operation", sku.operation);
      b.set_extension("x_UsageType", sku.usage_type);
      b.finish_row();
    }
    return b.finish();
  }

  // The table as FOCUS CSV (header included when `header`), appended to *out.
  static void append_csv(const focus::Table& table, bool header, std::string* out) {
    std::vector<focus::Column> columns;
    for (const focus::ColumnInfo& info : focus::all_columns()) {
      if (table.present(info.column)) columns.push_back(info.column);
    }
    if (header) {
      for (const focus::Column c : columns) {
        out->append(focus::column_name(c));
        out->push_back(',');
      }
      for (const auto& ext : table.extensions()) {
        out->append(ext.name);
        out->push_back(',');
      }
      out->back() = '\n';
    }
    for (size_t r = 0; r < table.num_rows(); ++r) {
      for (const focus::Column c : columns) {
        append_field(table.cell_text(r, c), out);
        out->push_back(',');
      }
      for (const auto& ext : table.extensions()) {
        if (!ext.data.is_null(r)) append_field(ext.data.value(r), out);
        out->push_back(',');
      }
      out->back() = '\n';
    }
  }

 private:
  struct Service {
    std::string name;
    std::string category;
    std::string subcategory;
  };
  struct Region {
    std::string id;
    std::string name;
  };
  struct Sku {
    size_t service = 0;
    std::string id;
    std::string price_id;
    core::Decimal list_price;
    std::string unit;
    std::string meter;
    std::string usage_type;
    std::string operation;
    std::string description;
    std::string price_details;
  };

  static void append_field(const std::string& value, std::string* out) {
    if (value.find_first_of(",\"\n") == std::string::npos) {
      out->append(value);
      return;
    }
    out->push_back('"');
    for (const char c : value) {
      if (c == '"') out->push_back('"');
      out->push_back(c);
    }
    out->push_back('"');
  }

  uint32_t resources_;
  std::vector<Service> services_;
  std::vector<Region> regions_;
  std::vector<Sku> skus_;
  std::vector<std::vector<std::pair<std::string, std::string>>> tag_sets_;
};

}  // namespace optima::bench
