// PriceBook: bill-learned rates first, then the bundled catalog.
#include "optima/pricing/price_book.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "optima/core/paths.h"
#include "optima/core/strings.h"
#include "optima/pricing/price_catalog.h"

namespace optima::pricing {
namespace {

core::Result<Provider> provider_of(std::string_view text) {
  const auto p = parse_provider(text);
  if (!p)
    return core::invalid_argument("unknown provider " + core::quote_for_message(text) +
                                  ": expected aws, azure or gcp");
  return *p;
}

bool is_per_gb_month(std::string_view unit) {
  const std::string u = core::to_lower_ascii(unit);
  return (u.find("gb") != std::string::npos || u.find("gib") != std::string::npos) &&
         u.find("mo") != std::string::npos;
}

// True when a meter / usage type names the volume type as a whole token
// ("EBS:VolumeUsage.gp3" names gp3); snapshots match any meter mentioning "snapshot".
bool names_volume_type(std::string_view meter, std::string_view volume_type) {
  const std::string m = core::to_lower_ascii(meter);
  const std::string t = core::to_lower_ascii(volume_type);
  if (t == "snapshot")
    return m.find("snapshot") != std::string::npos;
  std::string token;
  for (size_t i = 0; i <= m.size(); ++i) {
    const char c = i < m.size() ? m[i] : ' ';
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') {
      token += c;
    } else {
      if (token == t)
        return true;
      token.clear();
    }
  }
  return false;
}

// True when a usage type / meter bills the hourly fee: AWS usage types (NatGateway-Hours,
// LoadBalancerUsage, PublicIPv4:IdleAddress), Azure meters (Standard IPv4 Static Public IP),
// Google SKUs (Cloud NAT Gateway Uptime, Network Load Balancing: Forwarding Rule, Static Ip
// Charge). Azure bills a public IP the same idle or attached.
bool names_fee(std::string_view meter, HourlyFee fee) {
  const std::string m = core::to_lower_ascii(meter);
  const auto has = [&](std::string_view needle) {
    return m.find(needle) != std::string::npos;
  };
  switch (fee) {
    case HourlyFee::kIdlePublicIp:
      return has("idleaddress") || has("static public ip") || has("static ip charge");
    case HourlyFee::kNatGateway:
      return has("natgateway-hours") || has("nat gateway");
    case HourlyFee::kLoadBalancer:
      return has("loadbalancerusage") || has("load balancer") || has("forwarding rule");
  }
  return false;
}

// The sum of the learned rates that `match` accepts, or nullopt when none has a quantity.
template <typename Match>
std::optional<LearnedRate> sum_learned(const std::vector<LearnedRate>& learned, Match match) {
  std::optional<LearnedRate> total;
  for (const LearnedRate& r : learned) {
    if (!match(r))
      continue;
    if (!total) {
      total = r;
      continue;
    }
    total->quantity += r.quantity;
    total->effective_cost += r.effective_cost;
    total->list_cost += r.list_cost;
    total->contracted_cost += r.contracted_cost;
    total->rows += r.rows;
  }
  if (total && total->quantity.is_zero())
    return std::nullopt;
  return total;
}

Rate bill_rate(const LearnedRate& r, std::string unit) {
  Rate rate;
  rate.per_unit = r.effective_rate();
  rate.unit = std::move(unit);
  rate.currency = r.currency.empty() ? "USD" : r.currency;
  rate.source = RateSource::kBill;
  rate.description = r.description();
  return rate;
}

Rate constant_rate(const CatalogConstant& c, std::string unit, std::string_view what,
                   std::string_view region) {
  Rate rate;
  rate.per_unit = c.value;
  rate.unit = std::move(unit);
  rate.source = RateSource::kCatalog;
  rate.description = fmt::format(
      "catalog: {} list price of {} in {}{}", c.base_region, what, c.base_region,
      region == c.base_region ? std::string() : fmt::format(" (applied to {})", region));
  return rate;
}

// Burstable lines (AWS t*, Azure B-series) trade sustained CPU for price: never an equivalent of
// a fixed-performance type, nor the other way round.
bool is_burstable(const InstanceSpec& s) {
  if (s.provider == Provider::kAws)
    return s.family.size() >= 2 && s.family[0] == 't' &&
           std::isdigit(static_cast<unsigned char>(s.family[1]));
  if (s.provider == Provider::kAzure)
    return !s.family.empty() && s.family[0] == 'B';
  return false;
}

}  // namespace

std::string_view hourly_fee_name(HourlyFee fee) {
  switch (fee) {
    case HourlyFee::kIdlePublicIp:
      return "idle_public_ip";
    case HourlyFee::kNatGateway:
      return "nat_gateway";
    case HourlyFee::kLoadBalancer:
      return "load_balancer";
  }
  return "";
}

PriceBook::PriceBook(std::unique_ptr<const PriceCatalog> catalog) : catalog_(std::move(catalog)) {}
PriceBook::PriceBook(PriceBook&&) noexcept = default;
PriceBook& PriceBook::operator=(PriceBook&&) noexcept = default;
PriceBook::~PriceBook() = default;

core::Result<PriceBook> PriceBook::load(const std::filesystem::path& catalog_dir) {
  OPTIMA_ASSIGN_OR_RETURN(std::unique_ptr<PriceCatalog> catalog, PriceCatalog::load(catalog_dir));
  return PriceBook(std::move(catalog));
}

core::Result<std::filesystem::path> PriceBook::default_catalog_dir() {
  OPTIMA_ASSIGN_OR_RETURN(std::filesystem::path file, core::find_data_file("pricing/aws_ec2.json"));
  return file.parent_path();
}

core::Result<PriceBook> PriceBook::load_bundled() {
  OPTIMA_ASSIGN_OR_RETURN(std::filesystem::path dir, default_catalog_dir());
  return load(dir);
}

core::Status PriceBook::learn_from_bill(const store::TableSource& source, core::Period period) {
  OPTIMA_ASSIGN_OR_RETURN(learned_, learn_rates(source, period));
  return core::Status::ok();
}

const std::vector<LearnedRate>& PriceBook::learned_rates() const {
  return learned_;
}

core::Result<Rate> PriceBook::hourly_rate(std::string_view provider, std::string_view region,
                                          std::string_view instance_type,
                                          const PricingOption& option) const {
  OPTIMA_ASSIGN_OR_RETURN(const Provider p, provider_of(provider));
  if (option.model == PricingOption::Model::kOnDemand) {
    const auto learned = sum_learned(learned_, [&](const LearnedRate& r) {
      return r.is_hourly() && core::iequals(r.instance_type, instance_type) &&
             core::iequals(r.region, region) && parse_provider(r.provider) == p &&
             (r.pricing_category == "Standard" || r.pricing_category.empty());
    });
    if (learned)
      return bill_rate(*learned, "hour");
  }
  return catalog_hourly_rate(provider, region, instance_type, option);
}

core::Result<Rate> PriceBook::catalog_hourly_rate(std::string_view provider,
                                                  std::string_view region,
                                                  std::string_view instance_type,
                                                  const PricingOption& option) const {
  OPTIMA_ASSIGN_OR_RETURN(const Provider p, provider_of(provider));
  const std::string what = option.to_string();
  const CatalogInstance* inst = catalog_->find(p, instance_type);
  if (inst != nullptr) {
    const auto by_region = inst->prices.find(std::string(region));
    if (by_region != inst->prices.end()) {
      const auto price = by_region->second.find(what);
      if (price != by_region->second.end()) {
        Rate rate;
        rate.per_unit = price->second;
        rate.source = RateSource::kCatalog;
        rate.description = fmt::format("catalog: {}, {} {}, {}", inst->spec.source, what,
                                       inst->price_basis, region);
        return rate;
      }
    }
  }
  return core::not_found(fmt::format("no list price for {} {} in {} ({}{})", provider_key(p),
                                     instance_type, region, what,
                                     inst == nullptr ? ", type not in the catalog" : ""));
}

core::Result<Rate> PriceBook::storage_rate(std::string_view provider, std::string_view region,
                                           std::string_view volume_type) const {
  OPTIMA_ASSIGN_OR_RETURN(const Provider p, provider_of(provider));
  const auto learned = sum_learned(learned_, [&](const LearnedRate& r) {
    return is_per_gb_month(r.unit) && core::iequals(r.region, region) &&
           parse_provider(r.provider) == p &&
           (names_volume_type(r.sku_meter, volume_type) ||
            names_volume_type(r.usage_type, volume_type));
  });
  if (learned)
    return bill_rate(*learned, "GB-month");
  const auto c = catalog_->storage(p, volume_type);
  if (!c)
    return core::not_found(
        fmt::format("no list price for {} storage {} in {}", provider_key(p), volume_type, region));
  return constant_rate(*c, "GB-month", fmt::format("{} storage", volume_type), region);
}

core::Result<Rate> PriceBook::hourly_fee(std::string_view provider, std::string_view region,
                                         HourlyFee fee) const {
  OPTIMA_ASSIGN_OR_RETURN(const Provider p, provider_of(provider));
  const auto learned = sum_learned(learned_, [&](const LearnedRate& r) {
    return r.is_hourly() && core::iequals(r.region, region) && parse_provider(r.provider) == p &&
           (names_fee(r.usage_type, fee) || names_fee(r.sku_meter, fee));
  });
  if (learned)
    return bill_rate(*learned, "hour");
  const auto c = catalog_->hourly(p, hourly_fee_name(fee));
  if (!c)
    return core::not_found(fmt::format("no list price for {} {} in {}", provider_key(p),
                                       hourly_fee_name(fee), region));
  return constant_rate(*c, "hour", hourly_fee_name(fee), region);
}

core::Result<InstanceSpec> PriceBook::instance_spec(std::string_view provider,
                                                    std::string_view instance_type) const {
  OPTIMA_ASSIGN_OR_RETURN(const Provider p, provider_of(provider));
  const CatalogInstance* inst = catalog_->find(p, instance_type);
  if (inst == nullptr)
    return core::not_found(fmt::format("no spec for {} instance type {}", provider_key(p),
                                       core::quote_for_message(instance_type)));
  return inst->spec;
}

std::vector<Alternative> PriceBook::alternatives(const InstanceSpec& current,
                                                 const Requirement& requirement,
                                                 std::string_view region) const {
  const std::string provider(provider_key(current.provider));
  const auto rate_of = [&](const InstanceSpec& s) -> std::optional<Rate> {
    auto r = hourly_rate(provider, region, s.type);
    if (!r.is_ok())
      return std::nullopt;
    return std::move(r).value();
  };
  const std::optional<Rate> current_rate = rate_of(current);
  const auto meets = [&](const InstanceSpec& s) {
    return s.provider == current.provider && s.type != current.type && !s.previous_generation &&
           s.database == current.database && s.gpus == current.gpus &&
           s.vcpu >= requirement.min_vcpu && s.memory_gib >= requirement.min_memory_gib &&
           (!requirement.architecture || s.architecture == *requirement.architecture);
  };
  const auto kind_of = [&](const InstanceSpec& s) -> std::optional<AlternativeKind> {
    if (s.family == current.family) {
      const bool smaller =
          s.vcpu < current.vcpu || (s.vcpu == current.vcpu && s.memory_gib < current.memory_gib);
      return smaller ? std::optional(AlternativeKind::kCheaperSameFamily) : std::nullopt;
    }
    if (s.category != current.category || is_burstable(s) != is_burstable(current))
      return std::nullopt;
    if (s.architecture == Architecture::kArm64 && current.architecture != Architecture::kArm64)
      return AlternativeKind::kArm;
    if (s.vendor == ProcessorVendor::kAmd && current.vendor != ProcessorVendor::kAmd &&
        s.architecture == current.architecture)
      return AlternativeKind::kAmd;
    if (s.architecture == current.architecture && current.generation > 0 &&
        s.generation > current.generation && s.vendor == current.vendor)
      return AlternativeKind::kNewerGeneration;
    return std::nullopt;
  };

  // Other families: only the smallest size of each family that meets the requirement.
  std::map<std::pair<AlternativeKind, std::string>, const InstanceSpec*> smallest;
  std::vector<Alternative> out;
  for (const CatalogInstance& inst : catalog_->instances()) {
    const InstanceSpec& s = inst.spec;
    if (!meets(s))
      continue;
    const auto kind = kind_of(s);
    if (!kind)
      continue;
    if (*kind == AlternativeKind::kCheaperSameFamily) {
      Alternative a{*kind, s, rate_of(s)};
      // A smaller size priced above the current one is no saving.
      if (a.rate && current_rate && a.rate->per_unit >= current_rate->per_unit)
        continue;
      out.push_back(std::move(a));
      continue;
    }
    const InstanceSpec*& best = smallest[{*kind, s.family}];
    if (best == nullptr || std::tie(s.vcpu, s.memory_gib) < std::tie(best->vcpu, best->memory_gib))
      best = &s;
  }
  for (const auto& [key, spec] : smallest)
    out.push_back({key.first, *spec, rate_of(*spec)});

  std::sort(out.begin(), out.end(), [](const Alternative& a, const Alternative& b) {
    if (a.kind != b.kind)
      return a.kind < b.kind;
    if (a.rate.has_value() != b.rate.has_value())
      return a.rate.has_value();
    if (a.rate && a.rate->per_unit != b.rate->per_unit)
      return a.rate->per_unit < b.rate->per_unit;
    return a.spec.type < b.spec.type;
  });
  return out;
}

std::vector<std::string> PriceBook::catalog_regions(std::string_view provider,
                                                    std::string_view instance_type) const {
  std::vector<std::string> out;
  const auto p = parse_provider(provider);
  if (!p)
    return out;
  const CatalogInstance* inst = catalog_->find(*p, instance_type);
  if (inst == nullptr)
    return out;
  for (const auto& [region, options] : inst->prices)
    if (options.count("on-demand") > 0)
      out.push_back(region);
  return out;
}

}  // namespace optima::pricing
