// license_benefit: a VM or database whose billing rows charge a Windows or SQL Server licence
// (ChargeDescription / SkuMeter). On Azure, Azure Hybrid Benefit removes that charge for
// customers with Software Assurance licences; on AWS and Google, bring-your-own-licence on
// dedicated hosts / sole-tenant nodes does. Saving: the bill's average hourly licence cost ×
// 730 h.
#include <fmt/format.h>

#include "optima/core/strings.h"
#include "optima/recommend/recommenders.h"
#include "optima/recommend/recommender_support.h"

namespace optima::recommend {

void evaluate_license_benefit(const RecommenderInfo& info, ResourceView& view,
                              std::vector<Recommendation>* out) {
  const inventory::Resource& r = view.resource();
  if (r.kind != inventory::ResourceKind::kVirtualMachine &&
      r.kind != inventory::ResourceKind::kDatabase &&
      r.kind != inventory::ResourceKind::kScaleSet) {
    return;
  }
  const BillingFacts& billing = view.context().billing;
  const auto rate = billing.hourly_license_cost(r.resource_id);
  if (!rate) return;
  const ResourceBill* bill = billing.find(r.resource_id);
  const bool azure = core::iequals(r.provider, "Microsoft") || core::iequals(r.provider, "Azure");
  Recommendation rec = start_recommendation(
      info, view, azure ? "apply_hybrid_benefit" : "bring_your_own_license",
      fmt::format("{} for {} ({})", azure ? "Apply Azure Hybrid Benefit" : "Bring your own licence",
                  r.name.empty() ? r.resource_id : r.name, bill->license_description));
  rec.detail = azure ? "Requires Windows Server / SQL Server licences with Software Assurance or "
                       "subscriptions; set licenseType on the VM."
                     : "BYOL needs licence mobility or dedicated hosts; check the licence terms.";
  rec.evidence.rule = fmt::format("billed licence charges {} over {}..{}",
                                  bill->license_cost.to_string(),
                                  core::format_date(billing.window().start),
                                  core::format_date(billing.window().end));
  rec.evidence.facts.emplace_back("license_charge", bill->license_description);
  rec.savings = make_savings({make_term("licence", *rate, hours_per_month(), "h")});
  set_confidence(&rec, 1, 0.5, "licence eligibility is not visible in the bill");
  out->push_back(std::move(rec));
}

}  // namespace optima::recommend
