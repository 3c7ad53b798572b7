// `cloudoptima prices show TYPE [--region R] [--provider P]` (catalog spec, list prices and
// alternatives) and `cloudoptima prices rates [--data DIR] [--lookback DAYS]` (rates learned
// from the bill, next to the catalog's list price).
#include <cstdio>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "optima/cli/commands.h"
#include "optima/cli/state_flags.h"
#include "optima/cli/format_numbers.h"
#include "optima/core/strings.h"
#include "optima/pricing/monthly.h"
#include "optima/pricing/price_book.h"
#include "optima/recommend/commitments/commitment_metrics.h"
#include "optima/store/store.h"

namespace optima::cli {
namespace {

using core::Decimal;

nlohmann::json rate_json(const pricing::Rate& r) {
  return {{"per_unit", r.per_unit.to_string()},
          {"unit", r.unit},
          {"currency", r.currency},
          {"source", pricing::rate_source_name(r.source)},
          {"description", r.description}};
}

nlohmann::json spec_json(const pricing::InstanceSpec& s) {
  return {{"provider", pricing::provider_key(s.provider)},
          {"type", s.type},
          {"family", s.family},
          {"category", s.category},
          {"generation", s.generation},
          {"vcpu", s.vcpu},
          {"memory_gib", s.memory_gib},
          {"gpus", s.gpus},
          {"architecture", pricing::architecture_name(s.architecture)},
          {"vendor", pricing::processor_vendor_name(s.vendor)},
          {"previous_generation", s.previous_generation},
          {"database", s.database},
          {"source", s.source}};
}

struct ShowFlags {
  std::string type;
  std::string region;
  std::string provider;
};

// Every pricing option the catalog files carry, in display order.
std::vector<pricing::PricingOption> all_options() {
  std::vector<pricing::PricingOption> out{pricing::PricingOption::on_demand()};
  for (pricing::Term t : {pricing::Term::k1Year, pricing::Term::k3Year})
    for (pricing::OfferingClass c :
         {pricing::OfferingClass::kStandard, pricing::OfferingClass::kConvertible})
      for (pricing::Payment p : {pricing::Payment::kNoUpfront, pricing::Payment::kPartialUpfront,
                                 pricing::Payment::kAllUpfront})
        out.push_back(pricing::PricingOption::reserved(t, p, c));
  return out;
}

int run_show(const GlobalOptions& global, const ShowFlags& flags) {
  auto book = pricing::PriceBook::load_bundled();
  if (!book.is_ok())
    return report_error(global, book.status());
  if (!flags.provider.empty() && !pricing::parse_provider(flags.provider))
    return report_error(global, core::invalid_argument("unknown provider " +
                                                       core::quote_for_message(flags.provider)));
  std::optional<pricing::InstanceSpec> spec;
  for (const char* p : {"aws", "azure", "gcp"}) {
    if (!flags.provider.empty() &&
        pricing::parse_provider(flags.provider) != pricing::parse_provider(p))
      continue;
    auto s = book->instance_spec(p, flags.type);
    if (s.is_ok()) {
      spec = std::move(s).value();
      break;
    }
  }
  if (!spec) {
    const std::string where = flags.provider.empty() ? "aws, azure and gcp" : flags.provider;
    return report_error(
        global, core::not_found("no spec for instance type " + core::quote_for_message(flags.type) +
                                " in the " + where + " catalog"));
  }
  const std::string provider(pricing::provider_key(spec->provider));
  std::vector<std::string> regions = book->catalog_regions(provider, spec->type);
  if (!flags.region.empty())
    regions = {flags.region};

  nlohmann::json prices = nlohmann::json::array();
  std::vector<std::vector<std::string>> rows;
  for (const std::string& region : regions) {
    for (const pricing::PricingOption& o : all_options()) {
      auto r = book->hourly_rate(provider, region, spec->type, o);
      if (!r.is_ok())
        continue;
      nlohmann::json j = rate_json(*r);
      j["region"] = region;
      j["option"] = o.to_string();
      prices.push_back(j);
      rows.push_back({region, o.to_string(), r->per_unit.to_string(),
                      pricing::monthly_from_hourly(r->per_unit).to_fixed(2)});
    }
  }
  const std::string alt_region = !regions.empty() ? regions.front() : "(no region)";
  const pricing::Requirement need{spec->vcpu, spec->memory_gib, std::nullopt};
  const auto alternatives = book->alternatives(*spec, need, alt_region);

  if (global.json) {
    nlohmann::json alts = nlohmann::json::array();
    for (const pricing::Alternative& a : alternatives) {
      nlohmann::json j{{"kind", pricing::alternative_kind_name(a.kind)},
                       {"spec", spec_json(a.spec)}};
      j["rate"] = a.rate ? rate_json(*a.rate) : nlohmann::json(nullptr);
      alts.push_back(j);
    }
    print_json({{"spec", spec_json(*spec)},
                {"prices", prices},
                {"alternatives_region", alt_region},
                {"alternatives", alts}});
    return 0;
  }
  std::printf("%s %s: %s, generation %d%s, %d vCPU, %g GiB, %s (%s)%s\n", provider.c_str(),
              spec->type.c_str(), spec->category.c_str(), spec->generation,
              spec->previous_generation ? " (previous generation)" : "", spec->vcpu,
              spec->memory_gib, std::string(pricing::architecture_name(spec->architecture)).c_str(),
              std::string(pricing::processor_vendor_name(spec->vendor)).c_str(),
              spec->database ? ", database" : "");
  std::printf("spec source: %s\n\n", spec->source.c_str());
  if (rows.empty()) {
    std::printf("no list price%s\n", flags.region.empty() ? "" : (" in " + flags.region).c_str());
  } else {
    if (!prices.empty())
      std::printf("%s\n", prices[0]["description"].get<std::string>().c_str());
    std::printf("(historical list prices; monthly = hourly x %d h)\n", pricing::kHoursPerMonth);
    print_table({"region", "option", "$/hour", "$/month"}, rows);
  }
  if (!alternatives.empty()) {
    std::printf("\nalternatives with >= %d vCPU and >= %g GiB in %s:\n", need.min_vcpu,
                need.min_memory_gib, alt_region.c_str());
    std::vector<std::vector<std::string>> alt_rows;
    for (const pricing::Alternative& a : alternatives)
      alt_rows.push_back({std::string(pricing::alternative_kind_name(a.kind)), a.spec.type,
                          std::to_string(a.spec.vcpu), fmt::format("{:g}", a.spec.memory_gib),
                          std::string(pricing::architecture_name(a.spec.architecture)),
                          a.rate ? a.rate->per_unit.to_string() : "no list price"});
    print_table({"kind", "type", "vCPU", "GiB", "arch", "$/hour"}, alt_rows);
  }
  return 0;
}

struct RatesFlags {
  int lookback = 30;
  std::string provider;
};

int run_rates(const GlobalOptions& global, const RatesFlags& flags) {
  if (flags.lookback <= 0)
    return report_error(global,
                        core::invalid_argument("--lookback: expected a positive number of days"));
  auto book = pricing::PriceBook::load_bundled();
  if (!book.is_ok())
    return report_error(global, book.status());
  auto store = store::Store::open(data_dir_of(global));
  if (!store.is_ok())
    return report_error(global, store.status());
  auto snapshot = (*store)->snapshot();
  if (!snapshot.is_ok())
    return report_error(global, snapshot.status());
  const auto end = recommend::billed_days_end(**snapshot);
  if (!end)
    return report_error(global, core::not_found("no billing data in " + data_dir_of(global)));
  const core::Period window{core::Timestamp{end->unix_seconds - int64_t{flags.lookback} * 86400},
                            *end};
  if (auto st = book->learn_from_bill(**snapshot, window); !st.is_ok())
    return report_error(global, st);

  nlohmann::json list = nlohmann::json::array();
  std::vector<std::vector<std::string>> rows;
  for (const pricing::LearnedRate& r : book->learned_rates()) {
    if (!flags.provider.empty() &&
        pricing::parse_provider(r.provider) != pricing::parse_provider(flags.provider))
      continue;
    std::string catalog = "-";
    if (r.is_hourly() && !r.instance_type.empty()) {
      auto c = book->catalog_hourly_rate(r.provider, r.region, r.instance_type);
      catalog = c.is_ok() ? c->per_unit.to_string() : "no list price";
    }
    const std::string what = !r.instance_type.empty() ? r.instance_type
                             : !r.sku_meter.empty()   ? r.sku_meter
                                                      : r.usage_type;
    list.push_back({{"provider", r.provider},
                    {"region", r.region},
                    {"instance_type", r.instance_type},
                    {"sku_meter", r.sku_meter},
                    {"usage_type", r.usage_type},
                    {"pricing_category", r.pricing_category},
                    {"unit", r.unit},
                    {"currency", r.currency},
                    {"quantity", r.quantity.to_string()},
                    {"effective_cost", r.effective_cost.to_string()},
                    {"effective_rate", r.effective_rate().to_string()},
                    {"list_rate", r.list_rate().to_string()},
                    {"contracted_rate", r.contracted_rate().to_string()},
                    {"discount_vs_list", r.discount_vs_list().to_string()},
                    {"catalog_on_demand_rate", catalog},
                    {"rows", r.rows},
                    {"period_start", core::format_iso8601(r.period.start)},
                    {"period_end", core::format_iso8601(r.period.end)},
                    {"description", r.description()}});
    rows.push_back({r.provider, r.region, what, r.pricing_category, r.unit, r.quantity.to_fixed(2),
                    r.effective_rate().round(9).to_string(), r.list_rate().round(9).to_string(),
                    format_percent(r.discount_vs_list()), catalog, std::to_string(r.rows)});
  }
  if (global.json) {
    print_json({{"period_start", core::format_iso8601(window.start)},
                {"period_end", core::format_iso8601(window.end)},
                {"rates", list}});
    return 0;
  }
  std::printf(
      "effective rates learned from the bill, %s..%s (effective = sum EffectiveCost / "
      "sum ConsumedQuantity), by effective cost\n",
      core::format_date(window.start).c_str(),
      core::format_date(core::Timestamp{window.end.unix_seconds - 1}).c_str());
  print_table({"provider", "region", "type / meter", "pricing", "unit", "quantity", "effective",
               "list", "vs list", "catalog", "rows"},
              rows);
  return 0;
}

}  // namespace

void add_prices_command(CLI::App& app, GlobalOptions& global, int* exit_code) {
  CLI::App* prices =
      app.add_subcommand("prices", "Price book: list prices, specs and learned rates");
  prices->require_subcommand(1);

  auto show = std::make_shared<ShowFlags>();
  CLI::App* s = prices->add_subcommand("show", "Spec, catalog prices and alternatives of a type");
  s->add_option("TYPE", show->type, "Instance type, VM size or machine type")->required();
  s->add_option("--region", show->region, "Only this region");
  s->add_option("--provider", show->provider,
                "aws, azure or gcp (default: the first that knows TYPE)");
  s->callback([&global, show, exit_code] { *exit_code = run_show(global, *show); });

  auto rates = std::make_shared<RatesFlags>();
  CLI::App* r = prices->add_subcommand("rates", "Effective rates learned from the ingested bill");
  add_data_option(r, global);
  r->add_option("--lookback", rates->lookback, "Days ending at the last billed day (default 30)");
  r->add_option("--provider", rates->provider, "Only this provider");
  r->callback([&global, rates, exit_code] { *exit_code = run_rates(global, *rates); });
}

}  // namespace optima::cli
