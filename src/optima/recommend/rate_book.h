// RateBook: the narrow view of prices the recommenders need — hourly rates of instance types,
// storage rates per GB-month, network fees, instance shapes and cheaper alternatives — each
// rate carrying its provenance text. PriceBookRates adapts pricing::PriceBook to it; tests and
// benchmarks may use TableRateBook. Implementations must be thread-safe for const calls.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "optima/core/decimal.h"
#include "optima/core/status.h"

namespace optima::recommend {

struct Rate {
  core::Decimal per_unit;
  std::string unit = "hour";  // "hour", "GB-month"
  std::string source;         // "catalog: …" or "bill: …"
  friend bool operator==(const Rate&, const Rate&) = default;
};

struct InstanceShape {
  std::string type;
  std::string family;
  int generation = 0;
  int vcpu = 0;
  double memory_gib = 0;
  std::string architecture = "x86_64";  // "x86_64", "arm64"
  bool previous_generation = false;
  bool database = false;
  friend bool operator==(const InstanceShape&, const InstanceShape&) = default;
};

// A candidate replacement: "cheaper_same_family", "newer_generation", "arm", "amd".
struct InstanceOption {
  std::string kind;
  InstanceShape shape;
  std::optional<Rate> rate;  // on-demand hourly in the asked region, when known
};

enum class NetworkFee { kIdlePublicIp, kNatGateway, kLoadBalancer };

class RateBook {
 public:
  virtual ~RateBook() = default;
  // On-demand hourly rate of one instance. Errors: NotFound.
  virtual core::Result<Rate> hourly_rate(std::string_view provider, std::string_view region,
                                         std::string_view type) const = 0;
  // Rate per GB-month of a volume type ("gp2", "gp3", "snapshot", …). Errors: NotFound.
  virtual core::Result<Rate> storage_rate(std::string_view provider, std::string_view region,
                                          std::string_view volume_type) const = 0;
  // Hourly fee of a network item. Errors: NotFound.
  virtual core::Result<Rate> network_fee(std::string_view provider, std::string_view region,
                                         NetworkFee fee) const = 0;
  // Shape of an instance type. Errors: NotFound.
  virtual core::Result<InstanceShape> instance_shape(std::string_view provider,
                                                     std::string_view type) const = 0;
  // Types with at least min_vcpu and min_memory_gib that are cheaper same-family sizes, newer
  // generations, ARM or AMD equivalents of `current`, priced in `region` where known.
  virtual std::vector<InstanceOption> alternatives(std::string_view provider,
                                                   const InstanceShape& current, int min_vcpu,
                                                   double min_memory_gib,
                                                   std::string_view region) const = 0;
};

// A RateBook from explicit tables (keys are matched exactly; provider and region "*" match
// any). Alternatives: every listed shape of the same provider whose family equals the current
// one (smaller, kind cheaper_same_family), or whose generation is higher in the same family
// prefix letter (newer_generation), or arm64 (arm) — meeting the minimums and priced.
class TableRateBook final : public RateBook {
 public:
  void add_hourly(std::string provider, std::string region, std::string type, Rate rate);
  void add_storage(std::string provider, std::string region, std::string volume_type, Rate rate);
  void add_network_fee(std::string provider, std::string region, NetworkFee fee, Rate rate);
  void add_shape(std::string provider, InstanceShape shape);

  core::Result<Rate> hourly_rate(std::string_view provider, std::string_view region,
                                 std::string_view type) const override;
  core::Result<Rate> storage_rate(std::string_view provider, std::string_view region,
                                  std::string_view volume_type) const override;
  core::Result<Rate> network_fee(std::string_view provider, std::string_view region,
                                 NetworkFee fee) const override;
  core::Result<InstanceShape> instance_shape(std::string_view provider,
                                             std::string_view type) const override;
  std::vector<InstanceOption> alternatives(std::string_view provider, const InstanceShape& current,
                                           int min_vcpu, double min_memory_gib,
                                           std::string_view region) const override;

 private:
  using Key = std::tuple<std::string, std::string, std::string>;
  const Rate* find(const std::map<Key, Rate>& table, std::string_view provider,
                   std::string_view region, std::string_view name) const;
  std::map<Key, Rate> hourly_;
  std::map<Key, Rate> storage_;
  std::map<Key, Rate> fees_;
  std::map<std::pair<std::string, std::string>, InstanceShape> shapes_;
};

}  // namespace optima::recommend
