// Test support: a small synthetic billing estate in memory for the anomaly scan tests, with an
// optional injected spike of new resources in one account, service and region.
#pragma once

#include <memory>
#include <string>

#include <fmt/format.h>

#include "optima/focus/table_builder.h"
#include "optima/store/table_source.h"

namespace optima::analysis::testing {

struct InjectedSpike {
  int first_day = 70;
  int days = 3;
  int resources = 14;
  std::string account = "prod-3";
  std::string region = "us-east-1";
  std::string usage_type = "BoxUsage:m6i.4xlarge";
  int64_t cents_per_resource_day = 9000;  // $90 per resource-day
};

// 100 days from 2025-01-01 of three accounts × two services × two regions, each with four
// resources; cost has a weekly pattern (weekends at 60%) and a deterministic wobble; one row per
// resource and day, USD.
inline std::shared_ptr<store::InMemoryTableSource> synthetic_estate(const InjectedSpike* spike) {
  focus::TableBuilder b;
  const int64_t day0 = core::days_from_civil({2025, 1, 1});
  const char* accounts[] = {"prod-1", "prod-2", "prod-3"};
  const char* services[] = {"Amazon EC2", "Amazon S3"};
  const char* regions[] = {"us-east-1", "eu-west-1"};
  auto row = [&](int64_t day, const std::string& account, const std::string& service,
                 const std::string& region, const std::string& resource, const std::string& usage,
                 int64_t cents) {
    b.set_time(focus::Column::kChargePeriodStart, core::Timestamp{(day0 + day) * core::kSecondsPerDay});
    b.set_time(focus::Column::kChargePeriodEnd, core::Timestamp{(day0 + day + 1) * core::kSecondsPerDay});
    b.set_string(focus::Column::kBillingCurrency, "USD");
    b.set_string(focus::Column::kChargeCategory, "Usage");
    b.set_string(focus::Column::kSubAccountId, "id-" + account);
    b.set_string(focus::Column::kSubAccountName, account);
    b.set_string(focus::Column::kServiceName, service);
    b.set_string(focus::Column::kRegionId, region);
    b.set_string(focus::Column::kResourceId, resource);
    b.set_extension("x_UsageType", usage);
    b.set_decimal(focus::Column::kBilledCost,
                  core::Decimal::from_units(static_cast<core::Int128>(cents) * (core::Decimal::kOne / 100)));
    b.finish_row();
  };
  for (int64_t d = 0; d < 100; ++d) {
    const int64_t weekday = (day0 + d + 4) % 7;  // 0 = Sunday (1970-01-01 was a Thursday)
    const bool weekend = weekday == 0 || weekday == 6;
    for (const char* a : accounts) {
      for (const char* s : services) {
        for (const char* r : regions) {
          for (int k = 0; k < 4; ++k) {
            const int64_t base = 2000 + 500 * k + ((d * 7 + k * 13) % 11) * 10;
            const std::string id = fmt::format("{}-{}-{}-{}", a, s[7], r, k);
            row(d, a, s, r, id, s[7] == 'E' ? "BoxUsage:m5.large" : "TimedStorage-ByteHrs",
                weekend ? base * 6 / 10 : base);
          }
        }
      }
    }
    if (spike != nullptr && d >= spike->first_day && d < spike->first_day + spike->days) {
      for (int k = 0; k < spike->resources; ++k) {
        row(d, spike->account, "Amazon EC2", spike->region, fmt::format("i-new{:02d}", k),
            spike->usage_type, spike->cents_per_resource_day);
      }
    }
  }
  auto source = std::make_shared<store::InMemoryTableSource>();
  source->add(std::make_shared<const focus::Table>(b.finish()));
  return source;
}

}  // namespace optima::analysis::testing
