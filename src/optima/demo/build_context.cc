#include "optima/demo/build_context.h"

namespace optima::demo {

BuildContext::BuildContext(Estate& estate) : estate_(estate) {}

Rng BuildContext::rng(std::string_view purpose) const {
  return Rng(hash_keys(estate_.seed, hash_text(purpose)));
}

Rng BuildContext::rng(std::string_view purpose, uint64_t key) const {
  return Rng(hash_keys(estate_.seed, hash_text(purpose), key));
}

uint32_t BuildContext::sku(const std::string& key, Sku sku) {
  if (auto it = sku_keys_.find(key); it != sku_keys_.end()) return it->second;
  const auto index = static_cast<uint32_t>(estate_.skus.size());
  sku.index = index;
  if (sku.rate == 0) sku.rate = sku.list_rate;
  estate_.skus.push_back(std::move(sku));
  sku_keys_.emplace(key, index);
  return index;
}

Account& BuildContext::add_account(Account account) {
  account.index = static_cast<uint32_t>(estate_.accounts.size());
  estate_.accounts.push_back(std::move(account));
  return estate_.accounts.back();
}

Resource& BuildContext::add_resource(Resource resource) {
  resource.index = static_cast<uint32_t>(estate_.resources.size());
  if (resource.deleted.unix_seconds == 0) resource.deleted = forever();
  estate_.resources.push_back(std::move(resource));
  return estate_.resources.back();
}

Meter& BuildContext::add_meter(uint32_t resource, uint32_t account, uint32_t sku, Shape shape,
                               int64_t base) {
  Meter m;
  m.index = static_cast<uint32_t>(estate_.meters.size());
  m.sku = sku;
  m.resource = resource;
  m.account = account;
  m.shape = shape;
  m.base = base;
  m.active_from = Timestamp{0};
  m.active_to = forever();
  estate_.meters.push_back(m);
  if (resource != kNoIndex) estate_.resources[resource].meters.push_back(m.index);
  return estate_.meters.back();
}

Tags BuildContext::standard_tags(int team, Env env, const std::string& app,
                                 const std::string& name) const {
  Tags tags;
  if (!name.empty()) tags.emplace_back("Name", name);
  if (team >= 0) {
    const Team& t = estate_.teams[static_cast<size_t>(team)];
    tags.emplace_back("team", t.name);
    tags.emplace_back("env", std::string(env_name(env)));
    tags.emplace_back("cost-center", t.cost_center);
    tags.emplace_back("app", app);
  }
  return tags;
}

int BuildContext::owner_team(const Account& account) const {
  return account.team >= 0 ? account.team : 0;
}

const std::string& BuildContext::pick_app(int team, Rng& rng) const {
  const auto& apps = estate_.teams[static_cast<size_t>(team)].apps;
  return apps[static_cast<size_t>(rng.range(0, static_cast<int64_t>(apps.size()) - 1))];
}

Timestamp BuildContext::at_fraction(double fraction) const {
  const int64_t span = estate_.end.unix_seconds - estate_.start.unix_seconds;
  const auto offset = static_cast<int64_t>(static_cast<double>(span) * fraction);
  const int64_t t = estate_.start.unix_seconds + offset;
  return Timestamp{t - t % 3600};
}

}  // namespace optima::demo
