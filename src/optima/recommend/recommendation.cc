// Names of the recommendation enums, savings arithmetic and formula text, stable ids.
#include "optima/recommend/recommendation.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "optima/core/file_io.h"

namespace optima::recommend {
namespace {

constexpr std::array<std::pair<Category, std::string_view>, 7> kCategories{{
    {Category::kCompute, "compute"},
    {Category::kStorage, "storage"},
    {Category::kNetwork, "network"},
    {Category::kDatabase, "database"},
    {Category::kCommitment, "commitment"},
    {Category::kLicensing, "licensing"},
    {Category::kSchedule, "schedule"},
}};

constexpr std::array<std::pair<Status, std::string_view>, 6> kStatuses{{
    {Status::kOpen, "open"},
    {Status::kAccepted, "accepted"},
    {Status::kDismissed, "dismissed"},
    {Status::kSnoozed, "snoozed"},
    {Status::kImplemented, "implemented"},
    {Status::kVerified, "verified"},
}};

std::string money(core::Decimal d) { return d.to_fixed(2); }

}  // namespace

std::string_view category_name(Category c) {
  for (const auto& [value, name] : kCategories) {
    if (value == c) return name;
  }
  return "compute";
}

std::optional<Category> parse_category(std::string_view name) {
  for (const auto& [value, text] : kCategories) {
    if (text == name) return value;
  }
  return std::nullopt;
}

std::string_view pillar_name(Pillar p) {
  switch (p) {
    case Pillar::kCostOptimization: return "cost_optimization";
    case Pillar::kPerformanceEfficiency: return "performance_efficiency";
    case Pillar::kSustainability: return "sustainability";
    case Pillar::kReliability: return "reliability";
  }
  return "cost_optimization";
}

std::string_view level_name(Level l) {
  switch (l) {
    case Level::kLow: return "low";
    case Level::kMedium: return "medium";
    case Level::kHigh: return "high";
  }
  return "low";
}

std::string_view status_name(Status s) {
  for (const auto& [value, name] : kStatuses) {
    if (value == s) return name;
  }
  return "open";
}

std::optional<Status> parse_status(std::string_view name) {
  for (const auto& [value, text] : kStatuses) {
    if (text == name) return value;
  }
  return std::nullopt;
}

core::Decimal savings_from_terms(const std::vector<SavingsTerm>& terms) {
  core::Decimal total;
  for (const auto& t : terms) {
    const core::Decimal product = core::Decimal::multiply(t.rate, t.quantity);
    total += t.sign >= 0 ? product : -product;
  }
  return total;
}

Savings make_savings(std::vector<SavingsTerm> terms) {
  Savings s;
  s.monthly = savings_from_terms(terms);
  std::string expr;
  const bool factored = terms.size() == 2 && terms[0].quantity == terms[1].quantity &&
                        terms[0].rate_unit == terms[1].rate_unit && terms[0].sign > 0 &&
                        terms[1].sign < 0;
  if (factored) {
    expr = fmt::format("({} − {}) {} × {} {}", terms[0].rate.to_string(),
                       terms[1].rate.to_string(), terms[0].rate_unit,
                       terms[0].quantity.to_string(), terms[0].quantity_unit);
  } else {
    for (size_t i = 0; i < terms.size(); ++i) {
      const auto& t = terms[i];
      if (i > 0) expr += t.sign >= 0 ? " + " : " − ";
      else if (t.sign < 0) expr += "−";
      expr += fmt::format("{} {} × {} {}", t.rate.to_string(), t.rate_unit, t.quantity.to_string(),
                          t.quantity_unit);
    }
  }
  std::string sources;
  for (const auto& t : terms) {
    if (!sources.empty()) sources += "; ";
    sources += fmt::format("{}: {}", t.label, t.rate_source);
  }
  s.formula = fmt::format("{} = ${}/month; rates: {}", expr, money(s.monthly), sources);
  s.terms = std::move(terms);
  return s;
}

std::string recommendation_id(std::string_view recommender, std::string_view resource_id,
                              std::string_view action) {
  const std::string key = fmt::format("{}\n{}\n{}", recommender, resource_id, action);
  return core::sha256_hex(key).substr(0, 16);
}

Level confidence_level_of(double confidence) {
  if (confidence >= 0.75) return Level::kHigh;
  if (confidence >= 0.5) return Level::kMedium;
  return Level::kLow;
}

void set_confidence(Recommendation* rec, double coverage, double margin, std::string note) {
  const double c = std::clamp(coverage, 0.0, 1.0);
  const double m = std::clamp(margin, 0.0, 1.0);
  rec->confidence = c * (0.5 + 0.5 * m);
  rec->confidence_level = confidence_level_of(rec->confidence);
  rec->confidence_note = std::move(note);
}

}  // namespace optima::recommend
