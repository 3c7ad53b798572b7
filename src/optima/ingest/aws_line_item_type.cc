#include "optima/ingest/aws_line_item_type.h"

#include <array>
#include <utility>

#include "optima/core/strings.h"

namespace optima::ingest {

AwsLineItemType parse_aws_line_item_type(std::string_view text) {
  static constexpr std::array<std::pair<std::string_view, AwsLineItemType>, 17> kTypes = {{
      {"Usage", AwsLineItemType::kUsage},
      {"DiscountedUsage", AwsLineItemType::kDiscountedUsage},
      {"SavingsPlanCoveredUsage", AwsLineItemType::kSavingsPlanCoveredUsage},
      {"SavingsPlanNegation", AwsLineItemType::kSavingsPlanNegation},
      {"Fee", AwsLineItemType::kFee},
      {"RIFee", AwsLineItemType::kRiFee},
      {"SavingsPlanUpfrontFee", AwsLineItemType::kSavingsPlanUpfrontFee},
      {"SavingsPlanRecurringFee", AwsLineItemType::kSavingsPlanRecurringFee},
      {"Tax", AwsLineItemType::kTax},
      {"Credit", AwsLineItemType::kCredit},
      {"Refund", AwsLineItemType::kRefund},
      {"BundledDiscount", AwsLineItemType::kDiscount},
      {"Discount", AwsLineItemType::kDiscount},
      {"EdpDiscount", AwsLineItemType::kDiscount},
      {"PrivateRateDiscount", AwsLineItemType::kDiscount},
      {"SppDiscount", AwsLineItemType::kDiscount},
      {"DistributorDiscount", AwsLineItemType::kDiscount},
  }};
  for (const auto& [name, type] : kTypes) {
    if (core::iequals(name, text))
      return type;
  }
  return AwsLineItemType::kUnknown;
}

std::string_view aws_charge_frequency(AwsLineItemType type) {
  switch (type) {
    case AwsLineItemType::kUsage:
    case AwsLineItemType::kDiscountedUsage:
    case AwsLineItemType::kSavingsPlanCoveredUsage:
    case AwsLineItemType::kSavingsPlanNegation:
    case AwsLineItemType::kDiscount:
    case AwsLineItemType::kTax:
      return "Usage-Based";
    case AwsLineItemType::kRiFee:
    case AwsLineItemType::kSavingsPlanRecurringFee:
      return "Recurring";
    case AwsLineItemType::kFee:
    case AwsLineItemType::kSavingsPlanUpfrontFee:
    case AwsLineItemType::kCredit:
    case AwsLineItemType::kRefund:
    case AwsLineItemType::kUnknown:
      return "One-Time";
  }
  return "One-Time";
}

}  // namespace optima::ingest
