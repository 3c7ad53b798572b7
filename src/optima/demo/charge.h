// Charge: one provider-neutral billing fact produced by the simulator, and the sink writers
// implement to turn charges into a provider's native rows.
//
// The simulator decides *what* is charged (usage at on-demand or commitment prices, unused
// commitment, fees, purchases, tax, credits, corrections); each writer decides *how* its export
// spells it (CUR writes a covered usage line plus a negation, Azure writes it in both the actual
// and the amortized file, BigQuery writes it as a credit). Every charge carries its FOCUS cost
// metrics so totals and the FOCUS writer need no provider knowledge.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "optima/core/status.h"
#include "optima/demo/estate.h"

namespace optima::demo {

enum class ChargeKind : uint8_t {
  kOnDemand,          // usage at the meter's own price
  kCommitted,         // usage covered by a commitment
  kUnused,            // unused commitment in one charge period
  kCommitmentFee,     // recurring commitment charge for a period
  kCommitmentUpfront, // one-time commitment purchase
  kCommitmentRefund,  // refund of the unexpired part of a cancelled commitment (negative)
  kTax,
  kCredit,            // provider-granted credit (negative)
  kDiscount,          // negotiated discount line (AWS EDP; negative)
  kCorrection,        // refund correcting a previous billing period (negative)
};

enum class CreditType : uint8_t { kCud, kSud, kPromotion };

struct CreditLine {
  CreditType type = CreditType::kCud;
  Int128 amount = 0;  // negative
};

struct Charge {
  ChargeKind kind = ChargeKind::kOnDemand;
  Cloud cloud = Cloud::kAws;
  uint32_t account = 0;
  uint32_t period = 0;          // index into Estate::periods (the invoice month)
  const Meter* meter = nullptr;
  const Sku* sku = nullptr;     // usage: the meter's SKU; fees: the commitment's; tax: the
                                // taxed product's (AWS) or nullptr
  const Resource* resource = nullptr;
  const Commitment* commitment = nullptr;
  Timestamp start;              // charge period [start, end)
  Timestamp end;
  int64_t quantity = 0;         // pricing units × 10^9 (fees: unit-hours; unused: unit-hours)
  // FOCUS metrics of this charge.
  Int128 list_cost = 0;
  Int128 contracted_cost = 0;   // at the account's own (on-demand) price
  Int128 billed_cost = 0;
  Int128 effective_cost = 0;
  // Commitment-covered usage: the amortized parts (AWS RI) and the commitment's price per unit.
  Int128 amortized_upfront = 0;
  Int128 amortized_recurring = 0;
  Int128 commitment_rate = 0;   // SP/reservation/CUD price per pricing unit
  // Commitment fees: what the period's commitment was and how much was used.
  int64_t committed_units = 0;  // RI/reservation unit-hours or CUD unit-hours
  int64_t used_units = 0;
  Int128 total_commitment = 0;  // $ committed in the period (amortized upfront + recurring)
  Int128 used_commitment = 0;   // $ of it consumed by covered usage
  Int128 amortized_upfront_period = 0;
  Int128 recurring_period = 0;
  // Google Cloud credits attached to a usage charge.
  std::array<CreditLine, 3> credits{};
  uint8_t credit_count = 0;
  // Tax/credit/correction details.
  std::string_view label;       // human description ("Sales tax", "Startup credit")
  Timestamp corrected_start;    // kCorrection: the corrected period
  Timestamp corrected_end;
  bool tagged() const;
};

// Receives charges in time order within one (cloud, billing period). Returning an error stops
// the simulation.
class ChargeSink {
 public:
  virtual ~ChargeSink() = default;
  virtual core::Status consume(const Charge& charge) = 0;
};

}  // namespace optima::demo
