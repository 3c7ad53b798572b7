// TableRateBook: explicit rate tables, for tests, benchmarks and estates without a catalog.
#include <algorithm>

#include <fmt/format.h>

#include "optima/recommend/rate_book.h"

namespace optima::recommend {
namespace {

std::string fee_key(NetworkFee fee) {
  switch (fee) {
    case NetworkFee::kIdlePublicIp: return "idle_public_ip";
    case NetworkFee::kNatGateway: return "nat_gateway";
    case NetworkFee::kLoadBalancer: return "load_balancer";
  }
  return "";
}

}  // namespace

void TableRateBook::add_hourly(std::string provider, std::string region, std::string type,
                               Rate rate) {
  hourly_[{std::move(provider), std::move(region), std::move(type)}] = std::move(rate);
}

void TableRateBook::add_storage(std::string provider, std::string region,
                                std::string volume_type, Rate rate) {
  storage_[{std::move(provider), std::move(region), std::move(volume_type)}] = std::move(rate);
}

void TableRateBook::add_network_fee(std::string provider, std::string region, NetworkFee fee,
                                    Rate rate) {
  fees_[{std::move(provider), std::move(region), fee_key(fee)}] = std::move(rate);
}

void TableRateBook::add_shape(std::string provider, InstanceShape shape) {
  std::string type = shape.type;
  shapes_[{std::move(provider), std::move(type)}] = std::move(shape);
}

const Rate* TableRateBook::find(const std::map<Key, Rate>& table, std::string_view provider,
                                std::string_view region, std::string_view name) const {
  for (const auto& p : {std::string(provider), std::string("*")}) {
    for (const auto& r : {std::string(region), std::string("*")}) {
      auto it = table.find({p, r, std::string(name)});
      if (it != table.end()) return &it->second;
    }
  }
  return nullptr;
}

core::Result<Rate> TableRateBook::hourly_rate(std::string_view provider, std::string_view region,
                                              std::string_view type) const {
  if (const Rate* r = find(hourly_, provider, region, type)) return *r;
  return core::not_found(fmt::format("no hourly rate for {} {} in {}", provider, type, region));
}

core::Result<Rate> TableRateBook::storage_rate(std::string_view provider, std::string_view region,
                                               std::string_view volume_type) const {
  if (const Rate* r = find(storage_, provider, region, volume_type)) return *r;
  return core::not_found(
      fmt::format("no storage rate for {} {} in {}", provider, volume_type, region));
}

core::Result<Rate> TableRateBook::network_fee(std::string_view provider, std::string_view region,
                                              NetworkFee fee) const {
  if (const Rate* r = find(fees_, provider, region, fee_key(fee))) return *r;
  return core::not_found(fmt::format("no {} fee for {} in {}", fee_key(fee), provider, region));
}

core::Result<InstanceShape> TableRateBook::instance_shape(std::string_view provider,
                                                          std::string_view type) const {
  for (const auto& p : {std::string(provider), std::string("*")}) {
    auto it = shapes_.find({p, std::string(type)});
    if (it != shapes_.end()) return it->second;
  }
  return core::not_found(fmt::format("no shape for {} {}", provider, type));
}

std::vector<InstanceOption> TableRateBook::alternatives(std::string_view provider,
                                                        const InstanceShape& current,
                                                        int min_vcpu, double min_memory_gib,
                                                        std::string_view region) const {
  std::vector<InstanceOption> out;
  const char letter = current.family.empty() ? '\0' : current.family[0];
  for (const auto& [key, shape] : shapes_) {
    if ((key.first != provider && key.first != "*") || shape.type == current.type) continue;
    if (shape.vcpu < min_vcpu || shape.memory_gib < min_memory_gib) continue;
    if (shape.database != current.database) continue;
    std::string kind;
    if (shape.family == current.family && shape.vcpu < current.vcpu) {
      kind = "cheaper_same_family";
    } else if (shape.architecture == "arm64" && current.architecture != "arm64" &&
               !shape.family.empty() && shape.family[0] == letter) {
      kind = "arm";
    } else if (!shape.family.empty() && shape.family[0] == letter &&
               shape.generation > current.generation) {
      kind = "newer_generation";
    } else {
      continue;
    }
    auto rate = hourly_rate(provider, region, shape.type);
    InstanceOption o{kind, shape, std::nullopt};
    if (rate.is_ok()) o.rate = *rate;
    out.push_back(std::move(o));
  }
  std::sort(out.begin(), out.end(), [](const InstanceOption& a, const InstanceOption& b) {
    return std::tie(a.kind, a.shape.type) < std::tie(b.kind, b.shape.type);
  });
  return out;
}

}  // namespace optima::recommend
