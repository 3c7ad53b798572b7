// BuildContext: the mutable state and helpers shared by the per-cloud estate recipes while
// build_estate() assembles an Estate (SKU de-duplication, resource and meter creation,
// lifecycles, standard tags). Used only during the build, on one thread.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "optima/demo/estate.h"
#include "optima/demo/random.h"

namespace optima::demo {

class BuildContext {
 public:
  explicit BuildContext(Estate& estate);

  Estate& estate() { return estate_; }
  // A generator for one named purpose; the same name always yields the same stream.
  Rng rng(std::string_view purpose) const;
  Rng rng(std::string_view purpose, uint64_t key) const;

  // Returns the index of the SKU registered under `key`, or registers `sku` and returns its
  // index. Keys make SKUs unique per (cloud, product, region).
  uint32_t sku(const std::string& key, Sku sku);
  bool has_sku(const std::string& key) const { return sku_keys_.contains(key); }

  Account& add_account(Account account);
  // Appends a resource (index assigned); lifetime defaults to the whole window.
  Resource& add_resource(Resource resource);
  // Adds a meter to a resource (or an account-level meter when resource == kNoIndex). The meter's
  // lifetime defaults to the whole window.
  Meter& add_meter(uint32_t resource, uint32_t account, uint32_t sku, Shape shape, int64_t base);

  // Standard tags for a resource owned by `team` in `env` running `app`.
  Tags standard_tags(int team, Env env, const std::string& app, const std::string& name) const;
  // Owner of an account: its team, or the platform team for shared accounts.
  int owner_team(const Account& account) const;
  const std::string& pick_app(int team, Rng& rng) const;

  // The first instant of the window and its end.
  Timestamp window_start() const { return estate_.start; }
  Timestamp window_end() const { return estate_.end; }
  // A point in the window `fraction` of the way through (0..1), truncated to the hour.
  Timestamp at_fraction(double fraction) const;
  // Far future: resources that are never deleted.
  static Timestamp forever() { return Timestamp{4102444800}; }  // 2100-01-01

 private:
  Estate& estate_;
  std::map<std::string, uint32_t, std::less<>> sku_keys_;
};

}  // namespace optima::demo
