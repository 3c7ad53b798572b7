// Recommendation: one proposed change to one resource, with everything needed to check it —
// the rule and profile that fired, the utilization statistics and facts it rests on, the rates
// and quantities its monthly saving was computed from (and that formula as text), confidence,
// risk and effort, and its lifecycle status. Plain value types, thread-compatible.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "optima/core/decimal.h"
#include "optima/core/time.h"
#include "optima/recommend/utilization_stats.h"

namespace optima::recommend {

enum class Category { kCompute, kStorage, kNetwork, kDatabase, kCommitment, kLicensing, kSchedule };
enum class Pillar { kCostOptimization, kPerformanceEfficiency, kSustainability, kReliability };
enum class Level { kLow, kMedium, kHigh };

// "compute", "storage", …; parse accepts the same spelling.
std::string_view category_name(Category c);
std::optional<Category> parse_category(std::string_view name);
// "cost_optimization", "performance_efficiency", "sustainability", "reliability".
std::string_view pillar_name(Pillar p);
std::string_view level_name(Level l);  // "low", "medium", "high"

// One priced quantity of a saving: sign × rate × quantity dollars per month.
struct SavingsTerm {
  std::string label;          // "current m5.xlarge on-demand"
  core::Decimal rate;         // dollars per rate unit
  std::string rate_unit;      // "$/h", "$/GB-month"
  core::Decimal quantity;     // rate units per month
  std::string quantity_unit;  // "h", "GB"
  std::string rate_source;    // where the rate came from ("price book aws-…", "bill: …")
  int sign = 1;               // +1: a cost that goes away; -1: a cost that replaces it
  friend bool operator==(const SavingsTerm&, const SavingsTerm&) = default;
};

struct Savings {
  std::vector<SavingsTerm> terms;
  core::Decimal monthly;  // exactly Σ sign × Decimal::multiply(rate, quantity)
  std::string formula;    // the same with the numbers substituted
  friend bool operator==(const Savings&, const Savings&) = default;
};

// Builds a Savings from its terms: monthly = Σ sign × multiply(rate, quantity), exact; formula
// "(0.192 − 0.096) $/h × 730 h = $70.08/month; rates: …" (factored when two terms share a
// quantity, a sum of products otherwise).
Savings make_savings(std::vector<SavingsTerm> terms);

// Recomputes Σ sign × multiply(rate, quantity) from the terms (what make_savings stores).
core::Decimal savings_from_terms(const std::vector<SavingsTerm>& terms);

// Hours in the month savings are quoted for (730 = 8760 / 12, the convention of AWS, Azure and
// Google price pages).
inline constexpr int64_t kHoursPerMonth = 730;

struct Evidence {
  std::string rule;                                        // the condition that fired, with values
  std::vector<UtilizationStats> metrics;                   // statistics the rule read
  std::vector<std::pair<std::string, std::string>> facts;  // inventory/billing facts quoted
  friend bool operator==(const Evidence&, const Evidence&) = default;
};

enum class Status { kOpen, kAccepted, kDismissed, kSnoozed, kImplemented, kVerified };
std::string_view status_name(Status s);
std::optional<Status> parse_status(std::string_view name);

struct Recommendation {
  std::string id;           // stable: hash of recommender + resource + action
  std::string recommender;  // registry id ("idle_vm")
  Category category = Category::kCompute;
  Pillar pillar = Pillar::kCostOptimization;
  std::string profile;      // profile whose thresholds applied ("aws-like")
  // The resource.
  std::string provider;
  std::string resource_id;
  std::string resource_name;
  std::string resource_kind;
  std::string resource_type;
  std::string account_id;
  std::string region;
  std::map<std::string, std::string> tags;
  // What to do.
  std::string action;       // machine form: "terminate", "resize:m5.large", "delete", …
  std::string title;        // one line for people
  std::string detail;       // trade-offs, prerequisites
  // Why, how sure, how hard.
  int evidence_window_days = 0;
  Evidence evidence;
  double confidence = 0;    // 0..1 (coverage × margin, adjusted by feedback)
  Level confidence_level = Level::kLow;
  std::string confidence_note;
  Level risk = Level::kLow;
  Level effort = Level::kLow;
  Savings savings;
  // Other resources whose cost this recommendation removes (a stopped VM's disks, …); used
  // with resource_id to group conflicting recommendations.
  std::vector<std::string> affected_resources;
  // Conflicting recommendations for the same resources, not counted in totals.
  std::vector<Recommendation> alternatives;
  // Lifecycle (filled from the state database).
  Status status = Status::kOpen;
  std::string status_reason;
  std::optional<core::Timestamp> snoozed_until;
  bool hidden = false;      // hidden by feedback on similar recommendations
  friend bool operator==(const Recommendation&, const Recommendation&) = default;
};

// Stable id: the first 16 hex digits of SHA-256("<recommender>\n<resource_id>\n<action>").
std::string recommendation_id(std::string_view recommender, std::string_view resource_id,
                              std::string_view action);

// Confidence from sample coverage (0..1) and the relative margin to the threshold (0..1):
// coverage × (0.5 + 0.5 × margin); level high ≥ 0.75, medium ≥ 0.5, else low.
void set_confidence(Recommendation* rec, double coverage, double margin, std::string note);
Level confidence_level_of(double confidence);

}  // namespace optima::recommend
