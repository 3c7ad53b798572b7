// CurRowMapper: one AWS Cost and Usage Report line item -> FOCUS 1.2 rows.
//
// Serves legacy CUR (slash or Athena snake_case headers) and CUR 2.0 (snake_case with JSON map
// columns) alike, through CurLayout. The mapping follows FOCUS.md §2.4 with the FOCUS 1.0+
// corrections; the decisions, column by column:
//
// Costs (all in lineItem/CurrencyCode):
//   BilledCost     lineItem/NetUnblendedCost when the file has that column and the cell is set,
//                  else lineItem/UnblendedCost ("net mode" = the file has NetUnblendedCost).
//   EffectiveCost  AWS's amortized cost: SavingsPlanCoveredUsage -> SavingsPlanEffectiveCost;
//                  SavingsPlanRecurringFee -> TotalCommitmentToDate - UsedCommitment;
//                  SavingsPlanNegation, SavingsPlanUpfrontFee -> 0; DiscountedUsage ->
//                  reservation/EffectiveCost; RIFee -> UnusedAmortizedUpfrontFeeForBillingPeriod +
//                  UnusedRecurringFee; Fee with a ReservationARN -> 0; else the BilledCost basis.
//                  In net mode each term uses its Net* column when present and set.
//   Unused commitment: FOCUS wants the unused part of a commitment as a Usage row with
//                  CommitmentDiscountStatus Unused, and the purchase row's EffectiveCost 0. So an
//                  RIFee or SavingsPlanRecurringFee line whose amortized amount is not zero becomes
//                  two rows: the Purchase (BilledCost = the fee, EffectiveCost 0) and an Unused
//                  Usage row (BilledCost 0, EffectiveCost = the amount, ResourceId = the
//                  commitment ARN, no ConsumedQuantity). Sums of both metrics equal the source
//                  line's. The Unused row is priced as unused hours in the line's pricing/unit: a
//                  reservation's reservation/UnusedQuantity at the amortized amount per hour, a
//                  Savings Plan's amount divided by its hourly commitment (the line's rate); its
//                  List and Contracted costs are the amortized amount (as FOCUS's examples do).
//   ListCost       pricing/publicOnDemandCost (AWS's own rounding; rate x amount differs in the
//                  10th digit) else publicOnDemandRate x UsageAmount, for Usage, DiscountedUsage
//                  and SavingsPlanCoveredUsage; 0 for SavingsPlanNegation; BilledCost for
//                  purchases, tax, credits, discounts, refunds.
//   ContractedCost BilledCost, except DiscountedUsage (= ListCost: the negotiated on-demand rate
//                  is not in the CUR) and SavingsPlanNegation / Unused rows (0).
//   Unit prices    ListUnitPrice = publicOnDemandRate (usage) or UnblendedRate (purchases);
//                  ContractedUnitPrice = (Net)UnblendedRate (usage, Savings Plan covered usage,
//                  purchases) or publicOnDemandRate (DiscountedUsage); 0 on SavingsPlanNegation
//                  (its costs are 0); null for tax, credits, refunds, discounts, Unused rows and
//                  negative rates. Products of price and quantity match the costs only up to
//                  AWS's rounding of costs (~1e-10), which FOCUS allows.
// Categories:
//   ChargeCategory Usage: Usage, DiscountedUsage, SavingsPlanCoveredUsage, SavingsPlanNegation;
//                  Purchase: Fee, RIFee, SavingsPlanUpfrontFee, SavingsPlanRecurringFee; Tax;
//                  Credit and the discount types (EdpDiscount, BundledDiscount, ...) -> Credit: a
//                  discount line is a separate negative amount with no SKU, price or consumption,
//                  which FOCUS's Usage rows must have (its DiscountHandling attribute prefers
//                  discounts on the rows they reduce, which the CUR's lines do not allow); Refund
//                  -> Tax when lineItem/TaxType is set, Purchase when it carries a commitment ARN,
//                  else Usage, always with ChargeClass Correction; an undocumented type ->
//                  Adjustment (noted).
//   ChargeFrequency from the type (aws_charge_frequency).
//   PricingCategory null for Tax, Credit, discounts, Refund and unknown types; Committed for RI/SP
//                  covered usage, negations and Unused rows; Standard for purchases; usage
//                  is Dynamic for spot (UsageType contains "SpotUsage" or pricing/term Spot),
//                  Committed for pricing/term Reserved, else Standard.
//   CommitmentDiscount*: SavingsPlanARN -> Spend / "Savings Plan", else ReservationARN -> Usage /
//                  "Reserved Instances"; Status Used on Usage rows with an id, Unused on the split
//                  rows; Name null (AWS has none). Quantity/Unit on Usage and Purchase rows: a
//                  Savings Plan's in the billing currency (covered usage: its amortized cost;
//                  negation 0; purchases: the fee; Unused: the unused amount); a reservation's in
//                  its pricing/unit (PricingQuantity; the Unused row's unused hours; an upfront
//                  Fee: reservation/TotalReservedUnits, the hours reserved for the term).
// Identity and descriptive columns:
//   ProviderName "AWS"; PublisherName lineItem/LegalEntity (the seller; else "AWS");
//   InvoiceIssuerName bill/InvoicingEntity (else "AWS", which invoices Marketplace sellers'
//   charges too, so BilledCost is never zeroed as a third party's); BillingAccountId/Name
//   bill/PayerAccountId/Name and SubAccountId/Name lineItem/UsageAccountId/Name, kept as text;
//   InvoiceId bill/InvoiceId (empty until the month is final); ChargePeriod lineItem/UsageStartDate
//   and UsageEndDate (else identity/TimeInterval); BillingPeriod bill/BillingPeriodStartDate and
//   EndDate (else the calendar month of the charge, noted); ServiceName product/ProductName, else
//   product/servicename, else lineItem/ProductCode, else "AWS"; ServiceCategory from the product
//   code (AwsServiceCategories; unknown -> Other, noted) and ServiceSubcategory likewise (unknown
//   -> "Other (<category>)", noted); RegionId product/regionCode else product/region, RegionName
//   product/location; AvailabilityZone, ResourceId, ChargeDescription from lineItem/*;
//   ResourceType the resource's "<service>:<type>" in ARN notation (aws_resource_type: from the
//   ARN, an EC2-style id prefix such as "i-", or an S3 bucket name); SkuId product/sku; SkuPriceId
//   pricing/RateCode else RateId; SkuPriceDetails {InstanceType, OperatingSystem, StorageClass,
//   CoreCount} from product/*; PricingQuantity lineItem/UsageAmount except on Tax, Credit and
//   discount rows (FOCUS: null on Tax; those carry no priced quantity) and on refunds without a
//   pricing/unit; ConsumedQuantity the same on Usage, DiscountedUsage and SavingsPlanCoveredUsage
//   rows, 0 on SavingsPlanNegation (a Usage row that consumes nothing more), null elsewhere and on
//   Unused rows; PricingUnit / ConsumedUnit pricing/unit, set exactly when their quantity is;
//   PricingCurrency pricing/currency (when it differs from the billing currency a note says so: the
//   CUR carries no exchange rate, so public prices are used unconverted);
//   CapacityReservationId/Status from capacityReservation/* (CUR 2.0; Status Unused when the source
//   status says "unused"). Tags: every set resourceTags/* cell (key after "resourceTags/", e.g.
//   "user:team"); snake_case names and CUR 2.0 map keys become "user:<rest>" / "aws:<rest>" (see
//   snake_tag_key). Not mapped: ResourceName, SkuMeter, BillingAccountType, SubAccountType (the CUR
//   has no reliable source; AWS has one kind of billing and sub account).
// Extension columns: x_LineItemId, x_LineItemType, x_BillType, x_BillingEntity, x_ServiceCode
//   (lineItem/ProductCode), x_UsageType, x_Operation, x_ProductFamily, x_Discounts (JSON object
//   of the discount/* columns and the CUR 2.0 discount map), and one x_CostCategory_<name> per
//   cost category (see cost_category_column). Split Unused rows repeat the source's x_LineItemId.
//
// Not thread-safe; one mapper per file being read.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "optima/focus/table_builder.h"
#include "optima/ingest/aws_cur_columns.h"
#include "optima/ingest/aws_service_categories.h"
#include "optima/ingest/reader.h"

namespace optima::ingest {

struct CurRowOutcome {
  size_t rows = 0;                // FOCUS rows appended: 1, or 2 when an Unused row is split off
  std::optional<RowIssue> issue;  // set when the line item is bad; then nothing was appended
};

class CurRowMapper {
 public:
  // Requires: `layout` and `categories` outlive the mapper. `file` names the source in issues;
  // cells equal to one of `null_literals` read as empty.
  CurRowMapper(const CurLayout& layout, const AwsServiceCategories& categories, std::string file,
               std::vector<std::string> null_literals);

  // Declares the columns every CUR-derived table has, so they are present (and x_ columns keep
  // their order) even when a batch leaves them all null.
  static void declare_columns(focus::TableBuilder& builder);

  // Maps one data row (`row` is its 1-based number in the file, `line` its physical line).
  CurRowOutcome map(const std::vector<std::string_view>& cells, uint64_t row, uint64_t line,
                    focus::TableBuilder& builder);

  // Things worth telling the user, each said once: undocumented line item types, product codes
  // without a ServiceCategory, billing periods derived from usage dates.
  const std::vector<std::string>& notes() const { return notes_; }

 private:
  void note_once(std::set<std::string>& seen, std::string_view key, std::string message);

  const CurLayout& layout_;
  const AwsServiceCategories& categories_;
  std::string file_;
  std::vector<std::string> null_literals_;
  bool net_mode_;
  bool product_fields_from_map_;
  std::vector<std::string> notes_;
  std::set<std::string> unknown_types_;
  std::set<std::string> unknown_codes_;
  std::set<std::string> unknown_subcategories_;
  std::set<std::string> other_notes_;
  // Per-row storage for values that do not live in the CSV cells (JSON map contents).
  std::deque<std::string> scratch_;
};

}  // namespace optima::ingest
