// Names and parsing of rate sources, terms, payment options and pricing options.
#include "optima/pricing/rate.h"

#include <string>

#include "optima/core/strings.h"

namespace optima::pricing {

std::string_view rate_source_name(RateSource source) {
  return source == RateSource::kBill ? "bill" : "catalog";
}

std::string_view term_name(Term term) {
  return term == Term::k1Year ? "1y" : "3y";
}

std::string_view payment_name(Payment payment) {
  switch (payment) {
    case Payment::kNoUpfront:
      return "no-upfront";
    case Payment::kPartialUpfront:
      return "partial-upfront";
    case Payment::kAllUpfront:
      return "all-upfront";
  }
  return "";
}

std::string_view offering_class_name(OfferingClass offering) {
  return offering == OfferingClass::kStandard ? "standard" : "convertible";
}

core::Result<Term> parse_term(std::string_view text) {
  const std::string t = core::to_lower_ascii(core::trim(text));
  if (t == "1y" || t == "1yr" || t == "p1y" || t == "1")
    return Term::k1Year;
  if (t == "3y" || t == "3yr" || t == "p3y" || t == "3")
    return Term::k3Year;
  return core::invalid_argument("term: expected 1y or 3y, found " + core::quote_for_message(text));
}

core::Result<Payment> parse_payment(std::string_view text) {
  const std::string t = core::to_lower_ascii(core::trim(text));
  if (t == "no-upfront" || t == "none" || t == "no")
    return Payment::kNoUpfront;
  if (t == "partial-upfront" || t == "partial")
    return Payment::kPartialUpfront;
  if (t == "all-upfront" || t == "all")
    return Payment::kAllUpfront;
  return core::invalid_argument(
      "payment: expected no-upfront, partial-upfront or all-upfront, found " +
      core::quote_for_message(text));
}

int term_months(Term term) {
  return term == Term::k1Year ? 12 : 36;
}

std::string PricingOption::to_string() const {
  if (model == Model::kOnDemand)
    return "on-demand";
  std::string s = "reserved ";
  s += term_name(term);
  s += ' ';
  s += offering_class_name(offering);
  s += ' ';
  s += payment_name(payment);
  return s;
}

}  // namespace optima::pricing
