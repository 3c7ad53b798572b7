// BillingFacts: what the bill says about each resource over a window — its EffectiveCost and
// the part of it charged for Windows / SQL Server licences — read from the store with one
// grouped query. Recommenders use it as a rate of last resort ("bill: …") and for licensing;
// verification uses it to compare a resource's cost before and after a change.
// Thread-safe for const use.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "optima/core/decimal.h"
#include "optima/core/status.h"
#include "optima/core/time.h"
#include "optima/recommend/rate_book.h"
#include "optima/store/table_source.h"

namespace optima::recommend {

struct ResourceBill {
  core::Decimal cost;          // Σ EffectiveCost in the window
  core::Decimal license_cost;  // Σ EffectiveCost of rows whose ChargeDescription or SkuMeter
                               // names a Windows or SQL Server licence
  std::string license_description;  // one such row's description
};

class BillingFacts {
 public:
  BillingFacts() = default;
  explicit BillingFacts(core::Period window) : window_(window) {}

  // Sums EffectiveCost per ResourceId (and its licence part) over `window`.
  // Errors: the query's (an unreadable segment).
  static core::Result<BillingFacts> load(const store::TableSource& source, core::Period window);

  // Adds cost to a resource (tests, benchmarks, load()).
  void add(const std::string& resource_id, core::Decimal cost, core::Decimal license_cost,
           std::string_view license_description);

  core::Period window() const { return window_; }
  bool empty() const { return bills_.empty(); }
  // nullptr when the bill has no rows for the resource (ids match case-insensitively).
  const ResourceBill* find(std::string_view resource_id) const;
  // The resource's average hourly cost over the window, as a Rate whose source says so:
  // cost / window hours. nullopt without rows or with a zero-length window.
  std::optional<Rate> hourly_cost(std::string_view resource_id) const;
  // The average hourly licence cost, likewise.
  std::optional<Rate> hourly_license_cost(std::string_view resource_id) const;

 private:
  core::Period window_;
  std::unordered_map<std::string, ResourceBill> bills_;  // lower-cased ResourceId
};

// True when a charge description names a Windows or SQL Server licence charge.
bool is_license_charge(std::string_view description);

}  // namespace optima::recommend
