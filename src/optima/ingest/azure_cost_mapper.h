// AzureCostMapper: turns one Azure cost details record into one FOCUS 1.2 row.
//
// The mapping follows Microsoft's "Convert Cost Management data to FOCUS" guide
// (finops-toolkit docs-mslearn/focus/convert.md, condensed in FOCUS.md §3.6) with these
// decisions where the guide is silent or disagrees with the data:
//
// Cost (CostInBillingCurrency | Cost | PreTaxCost; an empty cell is 0):
//   BilledCost    = 0 for commitment-covered usage (ChargeType Usage, PricingModel Reservation or
//                   SavingsPlan) and for UnusedReservation/UnusedSavingsPlan rows, else cost.
//                   Microsoft's guide zeroes only the covered usage; unused rows are amortized
//                   purchase too (the purchase row bills them), so they are zeroed as well.
//   EffectiveCost = 0 for commitment purchases and refunds (ChargeType Purchase or Refund with
//                   PricingModel Reservation or SavingsPlan) when the unit joins the amortized
//                   export, else cost. A lone actual export has no amortized rows to carry the
//                   purchase, so there its EffectiveCost stays the cost (cash basis).
// Quantities: Cost Management's Quantity is counted in UnitOfMeasure blocks ("10K" rows carry
//   fractional quantities such as 0.0004 with Cost = Quantity x UnitPrice; EA sample), which is
//   Microsoft FocusCost's PricingQuantity ("divide UsageQuantity by x_PricingBlockSize to get
//   PricingQuantity"). So PricingQuantity = Quantity, PricingUnit = "<block> <DistinctUnits>"
//   ("10000 Units"; just DistinctUnits for a block of 1), and ConsumedQuantity = Quantity x block
//   in DistinctUnits (Usage rows only, null on Unused rows). The guide's "PricingQuantity =
//   Quantity / block" would make ContractedCost 10,000 times smaller than the cost on such rows.
// Prices: ContractedUnitPrice = UnitPrice, ListUnitPrice = PayGPrice; for MCA both are in the
//   pricing currency and are multiplied by exchangeRatePricingToBilling (the PricingCurrency*
//   columns keep the unconverted values). A PayGPrice that is missing or 0 while UnitPrice is
//   positive (EA writes 0 on commitment rows) is taken as UnitPrice. ContractedCost =
//   ContractedUnitPrice x PricingQuantity, else the cost; ListCost = paygCostInBillingCurrency
//   when present, else ListUnitPrice x PricingQuantity, else ContractedCost (a product outside
//   Decimal's range counts as missing). Unit prices and PricingCategory are null on Tax rows.
//   Without a pricing currency (EA, legacy exports) prices are in the billing currency, so the
//   PricingCurrency columns repeat BillingCurrency, the unit prices and the EffectiveCost.
// Categories: ChargeCategory Usage/Purchase/Credit/Tax kept, Unused* -> Usage, Refund -> Purchase
//   + ChargeClass Correction, empty (legacy exports have no ChargeType) -> Usage, else
//   Adjustment. PricingCategory OnDemand -> Standard, Spot -> Dynamic, Reservation/SavingsPlan ->
//   Committed except on the commitment purchase itself (Standard, FOCUS 1.1), other -> Other;
//   an empty PricingModel (older and legacy exports) on Usage and Purchase rows -> Committed for
//   usage with a benefitId/ReservationId, else Standard (FOCUS wants a value there).
// Commitments: CommitmentDiscountId/Name = benefitId/benefitName, else ReservationId/Name;
//   /microsoft.capacity/ -> Usage "Reservation", /microsoft.billingbenefits/ -> Spend
//   "Savings Plan" (ReservationId or PricingModel when benefitId is absent); Status Unused for
//   Unused* rows, Used for other Usage rows. CapacityReservationId =
//   AdditionalInfo.VMCapacityReservationId, Status Unused when the row is billed to the capacity
//   reservation resource itself, else Used. CommitmentDiscountQuantity/Unit on Usage and Purchase
//   rows that are not refunds: a reservation's PricingQuantity in its PricingUnit, a savings
//   plan's cost in the billing currency.
// Accounts: EA BillingAccount = BillingAccountId ("Billing Account"), MCA = billing profile
//   ("Billing Profile"), each falling back to the other; legacy exports have neither (null).
//   BillingPeriodEnd = BillingPeriodEndDate + 1 day; without billing period columns the period
//   is the calendar month of Date. ChargePeriod = [Date, Date + 1 day).
// Services: ServiceName/Category/Subcategory from Services.csv on (ConsumedService, resource
//   type); unmatched rows get MeterCategory (else legacy ServiceName, else ConsumedService) as
//   ServiceName and "Other" / "Other (Other)". The resource type is the ResourceType column
//   (legacy) or is parsed from ResourceId; ResourceType holds its display name
//   (ResourceTypes.csv), x_ResourceType the ARM type.
// Other: SkuId = ProductId (MCA) else MeterId; SkuPriceId = SkuId on rows other than Tax (the
//   export names no price-sheet entry; FOCUS allows SkuPriceId = SkuId); SkuMeter = MeterName;
//   SkuPriceDetails = AdditionalInfo with "x_"-prefixed keys, when SkuPriceId is set (FOCUS: null
//   otherwise); Tags = Tags wrapped in {} when needed.
//
// Not thread-safe (keeps counters); use one per file.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "optima/focus/table_builder.h"
#include "optima/ingest/azure_cost_dataset.h"
#include "optima/ingest/azure_cost_header.h"
#include "optima/ingest/azure_lookups.h"

namespace optima::ingest {

// A cell the mapper could not read.
struct AzureCellIssue {
  std::string column;    // source header name
  std::string expected;  // "decimal", "date", "JSON object"
  std::string found;     // the cell text
};

// Counts of rows read under a rule the user should hear about (turned into report warnings).
struct AzureMappingNotes {
  uint64_t empty_cost = 0;                // cost cell empty, read as 0
  uint64_t derived_billing_period = 0;    // no billing period dates: month of Date
  uint64_t missing_currency = 0;          // no billing currency: BillingCurrency null
  uint64_t missing_billing_account = 0;   // no billing account or profile: BillingAccountId null
  uint64_t unconverted_prices = 0;        // MCA row without exchange rate, currencies differ
  uint64_t unamortized_purchases = 0;     // commitment purchases without the amortized export
  uint64_t amortized_without_actual = 0;  // commitment rows whose purchase is not in the unit
  uint64_t amortized_purchases = 0;       // commitment purchases inside an amortized export
};

class AzureCostMapper {
 public:
  // `joined`: the unit holds both the actual and the amortized export of one scope and period.
  // Requires: lookups outlives the mapper.
  AzureCostMapper(const AzureCostHeader& header, const AzureLookups& lookups,
                  AzureCostDataset dataset, bool joined, std::vector<std::string> null_literals);

  // Declares the FOCUS and x_ columns this export yields, so every table has them.
  void declare(focus::TableBuilder* builder) const;
  // Microsoft's join: from the actual export of a joined unit only commitment purchases and
  // refunds are taken (the amortized export has everything else). True for every other row.
  bool selected(const std::vector<std::string_view>& fields) const;
  // Maps one record (missing trailing cells read as empty) and finishes the builder row. On a
  // bad cell returns the issue and leaves the builder untouched.
  std::optional<AzureCellIssue> map(const std::vector<std::string_view>& fields,
                                    focus::TableBuilder* builder);
  const AzureMappingNotes& notes() const { return notes_; }

 private:
  std::string_view cell(const std::vector<std::string_view>& fields, AzureField field) const;

  const AzureCostHeader& header_;
  const AzureLookups& lookups_;
  AzureCostDataset dataset_;
  bool joined_;
  std::vector<std::string> null_literals_;
  AzureMappingNotes notes_;
};

}  // namespace optima::ingest
