// AwsLineItemType: the CUR `lineItem/LineItemType` values and the FOCUS facts that follow from
// the type alone (FOCUS.md §2.1, §2.4).
#pragma once

#include <string_view>

namespace optima::ingest {

enum class AwsLineItemType : unsigned char {
  kUsage,                    // on-demand usage
  kDiscountedUsage,          // usage covered by a Reserved Instance
  kSavingsPlanCoveredUsage,  // usage covered by a Savings Plan (shows the on-demand cost)
  kSavingsPlanNegation,      // offsets the on-demand cost of Savings Plan covered usage
  kFee,                      // one-time fees, e.g. the upfront part of an RI
  kRiFee,                    // the monthly recurring RI fee, with the RI's unused amounts
  kSavingsPlanUpfrontFee,    // the upfront payment of a Savings Plan
  kSavingsPlanRecurringFee,  // the hourly Savings Plan commitment, with its unused amount
  kTax,
  kCredit,
  kRefund,
  kDiscount,  // BundledDiscount, Discount, EdpDiscount, PrivateRateDiscount, SppDiscount,
              // DistributorDiscount
  kUnknown,
};

// Case-insensitive; kUnknown for a value AWS has not documented (the caller warns).
AwsLineItemType parse_aws_line_item_type(std::string_view text);

// FOCUS ChargeFrequency from the type: Usage-Based for usage, discounts and tax; Recurring for
// RIFee and SavingsPlanRecurringFee; One-Time for upfront fees, credits, refunds and unknown types.
std::string_view aws_charge_frequency(AwsLineItemType type);

}  // namespace optima::ingest
