// EstateIndex: read-only lookups over the inventory that recommenders need across resources —
// a resource by id, the disks and addresses attached to an instance, whether a snapshot's
// source volume still exists. Built once per run; thread-safe for const use.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "optima/inventory/resource.h"

namespace optima::recommend {

class EstateIndex {
 public:
  // Indexes `resources`, which must outlive the index.
  explicit EstateIndex(const std::vector<inventory::Resource>& resources);

  const std::vector<inventory::Resource>& resources() const { return *resources_; }
  // nullptr when unknown. Ids match as given and also case-insensitively (Azure ARM ids).
  const inventory::Resource* find(std::string_view resource_id) const;
  // Disks whose attached_to names this instance (by resource_id or native_id).
  std::vector<const inventory::Resource*> attached_disks(const inventory::Resource& vm) const;
  // True when the inventory holds at least one disk of this account.
  bool has_disks_in_account(const std::string& account_id) const;
  // Public IPs whose attached_to names this instance.
  std::vector<const inventory::Resource*> attached_addresses(const inventory::Resource& vm) const;

 private:
  const std::vector<inventory::Resource>* resources_;
  std::unordered_map<std::string, size_t> by_id_;  // lower-cased resource_id and native_id
  std::unordered_map<std::string, std::vector<size_t>> attached_;  // lower-cased owner id
  std::unordered_set<std::string> accounts_with_disks_;
};

}  // namespace optima::recommend
