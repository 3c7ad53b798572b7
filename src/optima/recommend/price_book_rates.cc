// PriceBookRates: field-by-field conversion of pricing types.
#include "optima/recommend/price_book_rates.h"

namespace optima::recommend {
namespace {

Rate convert(const pricing::Rate& r) {
  return Rate{r.per_unit, r.unit, r.description};
}

InstanceShape convert(const pricing::InstanceSpec& s) {
  InstanceShape out;
  out.type = s.type;
  out.family = s.family;
  out.generation = s.generation;
  out.vcpu = s.vcpu;
  out.memory_gib = s.memory_gib;
  out.architecture = std::string(pricing::architecture_name(s.architecture));
  out.previous_generation = s.previous_generation;
  out.database = s.database;
  return out;
}

}  // namespace

core::Result<Rate> PriceBookRates::hourly_rate(std::string_view provider, std::string_view region,
                                               std::string_view type) const {
  OPTIMA_ASSIGN_OR_RETURN(pricing::Rate r, book_.hourly_rate(provider, region, type));
  return convert(r);
}

core::Result<Rate> PriceBookRates::storage_rate(std::string_view provider, std::string_view region,
                                                std::string_view volume_type) const {
  OPTIMA_ASSIGN_OR_RETURN(pricing::Rate r, book_.storage_rate(provider, region, volume_type));
  return convert(r);
}

core::Result<Rate> PriceBookRates::network_fee(std::string_view provider, std::string_view region,
                                               NetworkFee fee) const {
  pricing::HourlyFee f = pricing::HourlyFee::kIdlePublicIp;
  if (fee == NetworkFee::kNatGateway) f = pricing::HourlyFee::kNatGateway;
  if (fee == NetworkFee::kLoadBalancer) f = pricing::HourlyFee::kLoadBalancer;
  OPTIMA_ASSIGN_OR_RETURN(pricing::Rate r, book_.hourly_fee(provider, region, f));
  return convert(r);
}

core::Result<InstanceShape> PriceBookRates::instance_shape(std::string_view provider,
                                                           std::string_view type) const {
  OPTIMA_ASSIGN_OR_RETURN(pricing::InstanceSpec s, book_.instance_spec(provider, type));
  return convert(s);
}

std::vector<InstanceOption> PriceBookRates::alternatives(std::string_view provider,
                                                         const InstanceShape& current,
                                                         int min_vcpu, double min_memory_gib,
                                                         std::string_view region) const {
  std::vector<InstanceOption> out;
  auto spec = book_.instance_spec(provider, current.type);
  if (!spec.is_ok()) return out;
  pricing::Requirement req;
  req.min_vcpu = min_vcpu;
  req.min_memory_gib = min_memory_gib;
  for (const auto& a : book_.alternatives(*spec, req, region)) {
    InstanceOption o;
    o.kind = std::string(pricing::alternative_kind_name(a.kind));
    o.shape = convert(a.spec);
    // Prefer the bill's learned rate for the alternative too, as hourly_rate does.
    auto learned = book_.hourly_rate(provider, region, a.spec.type);
    if (learned.is_ok()) {
      o.rate = convert(*learned);
    } else if (a.rate) {
      o.rate = convert(*a.rate);
    }
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace optima::recommend
