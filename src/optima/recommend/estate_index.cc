// EstateIndex: hash maps on lower-cased ids (Azure ids differ in case between APIs).
#include "optima/recommend/estate_index.h"

#include "optima/core/strings.h"

namespace optima::recommend {

EstateIndex::EstateIndex(const std::vector<inventory::Resource>& resources)
    : resources_(&resources) {
  by_id_.reserve(resources.size() * 2);
  for (size_t i = 0; i < resources.size(); ++i) {
    const auto& r = resources[i];
    if (!r.resource_id.empty()) by_id_.emplace(core::to_lower_ascii(r.resource_id), i);
    if (!r.native_id.empty()) by_id_.emplace(core::to_lower_ascii(r.native_id), i);
    if (r.kind == inventory::ResourceKind::kDisk) accounts_with_disks_.insert(r.account_id);
    auto it = r.attributes.find("attached_to");
    if (it != r.attributes.end() && !it->second.empty()) {
      attached_[core::to_lower_ascii(it->second)].push_back(i);
    }
  }
}

const inventory::Resource* EstateIndex::find(std::string_view resource_id) const {
  auto it = by_id_.find(core::to_lower_ascii(resource_id));
  return it == by_id_.end() ? nullptr : &(*resources_)[it->second];
}

bool EstateIndex::has_disks_in_account(const std::string& account_id) const {
  return accounts_with_disks_.count(account_id) > 0;
}

namespace {

std::vector<const inventory::Resource*> attached_of_kind(
    const std::unordered_map<std::string, std::vector<size_t>>& attached,
    const std::vector<inventory::Resource>& resources, const inventory::Resource& vm,
    inventory::ResourceKind kind) {
  std::vector<const inventory::Resource*> out;
  for (const std::string* id : {&vm.resource_id, &vm.native_id}) {
    if (id->empty()) continue;
    auto it = attached.find(core::to_lower_ascii(*id));
    if (it == attached.end()) continue;
    for (size_t i : it->second) {
      const auto* r = &resources[i];
      bool seen = false;
      for (const auto* o : out) seen = seen || o == r;
      if (r->kind == kind && !seen) out.push_back(r);
    }
  }
  return out;
}

}  // namespace

std::vector<const inventory::Resource*> EstateIndex::attached_disks(
    const inventory::Resource& vm) const {
  return attached_of_kind(attached_, *resources_, vm, inventory::ResourceKind::kDisk);
}

std::vector<const inventory::Resource*> EstateIndex::attached_addresses(
    const inventory::Resource& vm) const {
  return attached_of_kind(attached_, *resources_, vm, inventory::ResourceKind::kPublicIp);
}

}  // namespace optima::recommend
