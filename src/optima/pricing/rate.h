// Rate: one price with its unit and provenance. Every saving the recommenders compute names the
// Rate it used, so a user can trace it to bill rows or to the bundled catalog.
#pragma once

#include <string>
#include <string_view>

#include "optima/core/decimal.h"
#include "optima/core/status.h"

namespace optima::pricing {

enum class RateSource { kBill, kCatalog };
// "bill", "catalog".
std::string_view rate_source_name(RateSource source);

enum class Term { k1Year, k3Year };
enum class Payment { kNoUpfront, kPartialUpfront, kAllUpfront };
enum class OfferingClass { kStandard, kConvertible };

// "1y" / "3y"; "no-upfront" / "partial-upfront" / "all-upfront"; "standard" / "convertible".
std::string_view term_name(Term term);
std::string_view payment_name(Payment payment);
std::string_view offering_class_name(OfferingClass offering);
// Inverse of the names above (also "1yr", "3yr", "P1Y", "P3Y"); InvalidArgument otherwise.
core::Result<Term> parse_term(std::string_view text);
core::Result<Payment> parse_payment(std::string_view text);
// Term length in months (12 or 36).
int term_months(Term term);

// How usage is priced: on demand, or under a reservation / savings plan / committed-use discount
// with a term, payment option and offering class.
struct PricingOption {
  enum class Model { kOnDemand, kReserved };
  Model model = Model::kOnDemand;
  Term term = Term::k1Year;
  Payment payment = Payment::kNoUpfront;
  OfferingClass offering = OfferingClass::kStandard;

  static PricingOption on_demand() { return {}; }
  static PricingOption reserved(Term term, Payment payment,
                                OfferingClass offering = OfferingClass::kStandard) {
    return {Model::kReserved, term, payment, offering};
  }
  // "on-demand" or "reserved 1y standard no-upfront".
  std::string to_string() const;
  friend bool operator==(const PricingOption&, const PricingOption&) = default;
};

// A price per unit. For reserved options `per_unit` is the effective hourly rate (upfront
// amortized over the term), as ec2instances.info publishes it.
struct Rate {
  core::Decimal per_unit;
  std::string unit = "hour";  // "hour", "GB-month"
  std::string currency = "USD";
  RateSource source = RateSource::kCatalog;
  // Where it comes from, e.g. "bill: effective rate of m5.large in us-east-1 over
  // 2026-10-22..2026-11-21 from 720 rows" or "catalog: ec2instances.info 2017-11-12, on-demand
  // Linux".
  std::string description;
  friend bool operator==(const Rate&, const Rate&) = default;
};

}  // namespace optima::pricing
