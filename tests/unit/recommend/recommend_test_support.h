// Helpers for the recommend tests: small estates, series and a rate book of a few AWS types.
#pragma once

#include <cmath>
#include <functional>
#include <string>

#include "optima/core/decimal.h"
#include "optima/core/time.h"
#include "optima/inventory/metric_series.h"
#include "optima/inventory/resource.h"
#include "optima/recommend/profile.h"
#include "optima/recommend/rate_book.h"

namespace optima::recommend::testing {

inline core::Decimal rec_dec(const char* text) { return core::Decimal::from_string(text).value(); }

// 2025-06-30 00:00 UTC (a Monday) — the end of every test window.
inline core::Timestamp rec_as_of() { return core::make_timestamp({2025, 6, 30}); }

inline inventory::Resource rec_vm(std::string id, std::string type, std::string state = "running") {
  inventory::Resource r;
  r.provider = "AWS";
  r.resource_id = std::move(id);
  r.name = r.resource_id;
  r.kind = inventory::ResourceKind::kVirtualMachine;
  r.account_id = "111122223333";
  r.region = "us-east-1";
  r.type = std::move(type);
  r.state = std::move(state);
  return r;
}

// `days` days of samples every `step` seconds ending at rec_as_of(), value = f(time).
inline inventory::MetricSeries rec_series(const std::string& id, const std::string& metric,
                                          int days, int64_t step,
                                          const std::function<double(core::Timestamp)>& f) {
  inventory::MetricSeries s;
  s.resource_id = id;
  s.metric = metric;
  s.step_seconds = step;
  const int64_t end = rec_as_of().unix_seconds;
  for (int64_t t = end - int64_t{days} * 86400; t < end; t += step) {
    s.samples.push_back({core::Timestamp{t}, f(core::Timestamp{t})});
  }
  return s;
}

inline Rate rec_rate(const char* amount, std::string unit = "hour") {
  return Rate{rec_dec(amount), std::move(unit), std::string("catalog: test table ") + amount};
}

// m5 (large, xlarge, 2xlarge), m4.xlarge (previous generation), m6g.large (arm), gp2/gp3.
inline TableRateBook rec_rate_book() {
  TableRateBook b;
  auto shape = [&](const char* type, const char* family, int gen, int vcpu, double mem,
                   const char* arch, bool previous, const char* price) {
    b.add_shape("AWS", InstanceShape{type, family, gen, vcpu, mem, arch, previous, false});
    b.add_hourly("AWS", "us-east-1", type, rec_rate(price));
  };
  shape("m5.large", "m5", 5, 2, 8, "x86_64", false, "0.096");
  shape("m5.xlarge", "m5", 5, 4, 16, "x86_64", false, "0.192");
  shape("m5.2xlarge", "m5", 5, 8, 32, "x86_64", false, "0.384");
  shape("m4.xlarge", "m4", 4, 4, 16, "x86_64", true, "0.2");
  shape("m6g.large", "m6g", 6, 2, 8, "arm64", false, "0.077");
  b.add_storage("AWS", "*", "gp2", rec_rate("0.10", "GB-month"));
  b.add_storage("AWS", "*", "gp3", rec_rate("0.08", "GB-month"));
  b.add_storage("AWS", "*", "snapshot", rec_rate("0.05", "GB-month"));
  b.add_network_fee("AWS", "*", NetworkFee::kIdlePublicIp, rec_rate("0.005"));
  b.add_network_fee("AWS", "*", NetworkFee::kLoadBalancer, rec_rate("0.0225"));
  b.add_network_fee("AWS", "*", NetworkFee::kNatGateway, rec_rate("0.045"));
  return b;
}

inline Profile rec_profile(const char* name) { return load_profile(name).value(); }

}  // namespace optima::recommend::testing
