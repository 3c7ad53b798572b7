#include "optima/ingest/aws_cur_row_mapper.h"

#include <array>
#include <cmath>
#include <deque>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "optima/core/decimal.h"
#include "optima/core/strings.h"
#include "optima/core/time.h"
#include "optima/ingest/aws_line_item_type.h"

namespace optima::ingest {
namespace {

using core::Decimal;
using focus::Column;

constexpr std::string_view kProvider = "AWS";
// What a cell is expected to hold when the amortized cost computed from it would overflow.
constexpr std::string_view kAmountInRange =
    "an amount that keeps the amortized cost within ±1.7e20";

// Extension columns in their fixed order (cost categories follow, in order of appearance).
constexpr std::string_view kXLineItemId = "x_LineItemId";
constexpr std::string_view kXLineItemType = "x_LineItemType";
constexpr std::string_view kXBillType = "x_BillType";
constexpr std::string_view kXBillingEntity = "x_BillingEntity";
constexpr std::string_view kXServiceCode = "x_ServiceCode";
constexpr std::string_view kXUsageType = "x_UsageType";
constexpr std::string_view kXOperation = "x_Operation";
constexpr std::string_view kXProductFamily = "x_ProductFamily";
constexpr std::string_view kXDiscounts = "x_Discounts";

// Everything one FOCUS row needs, gathered before anything is written so that a bad cell leaves
// the builder untouched. String views point into the CSV cells or the mapper's scratch storage.
struct FocusRow {
  std::string_view availability_zone, billing_account_id, billing_account_name, billing_currency;
  std::string_view capacity_reservation_id, capacity_reservation_status;
  std::string_view charge_category, charge_class, charge_description, charge_frequency;
  std::string_view commitment_category, commitment_id, commitment_status, commitment_type;
  std::string_view consumed_unit, invoice_id, invoice_issuer, pricing_category, pricing_currency;
  std::string_view pricing_unit, publisher, region_id, region_name, resource_id, resource_type;
  std::string_view service_category, service_subcategory, service_name, sku_id, sku_price_id;
  std::string_view sub_account_id, sub_account_name, sku_price_details, commitment_unit;
  Decimal billed, effective, list_cost, contracted_cost;
  std::optional<Decimal> list_unit_price, contracted_unit_price, consumed_quantity,
      pricing_quantity, commitment_quantity;
  core::Timestamp billing_start, billing_end, charge_start, charge_end;
  std::string_view x_line_item_id, x_line_item_type, x_bill_type, x_billing_entity, x_service_code;
  std::string_view x_usage_type, x_operation, x_product_family, x_discounts;
  std::vector<std::pair<std::string_view, std::string_view>> tags;
  std::vector<std::pair<std::string_view, std::string_view>> cost_categories;
};

void set_if(focus::TableBuilder& b, Column c, std::string_view v) {
  if (!v.empty())
    b.set_string(c, v);
}
void set_if(focus::TableBuilder& b, Column c, const std::optional<Decimal>& v) {
  if (v)
    b.set_decimal(c, *v);
}

void write_row(const FocusRow& r, focus::TableBuilder& b) {
  set_if(b, Column::kAvailabilityZone, r.availability_zone);
  b.set_decimal(Column::kBilledCost, r.billed);
  set_if(b, Column::kBillingAccountId, r.billing_account_id);
  set_if(b, Column::kBillingAccountName, r.billing_account_name);
  set_if(b, Column::kBillingCurrency, r.billing_currency);
  b.set_time(Column::kBillingPeriodEnd, r.billing_end);
  b.set_time(Column::kBillingPeriodStart, r.billing_start);
  set_if(b, Column::kCapacityReservationId, r.capacity_reservation_id);
  set_if(b, Column::kCapacityReservationStatus, r.capacity_reservation_status);
  set_if(b, Column::kChargeCategory, r.charge_category);
  set_if(b, Column::kChargeClass, r.charge_class);
  set_if(b, Column::kChargeDescription, r.charge_description);
  set_if(b, Column::kChargeFrequency, r.charge_frequency);
  b.set_time(Column::kChargePeriodEnd, r.charge_end);
  b.set_time(Column::kChargePeriodStart, r.charge_start);
  set_if(b, Column::kCommitmentDiscountCategory, r.commitment_category);
  set_if(b, Column::kCommitmentDiscountId, r.commitment_id);
  set_if(b, Column::kCommitmentDiscountQuantity, r.commitment_quantity);
  set_if(b, Column::kCommitmentDiscountStatus, r.commitment_status);
  set_if(b, Column::kCommitmentDiscountType, r.commitment_type);
  set_if(b, Column::kCommitmentDiscountUnit, r.commitment_unit);
  set_if(b, Column::kConsumedQuantity, r.consumed_quantity);
  set_if(b, Column::kConsumedUnit, r.consumed_unit);
  b.set_decimal(Column::kContractedCost, r.contracted_cost);
  set_if(b, Column::kContractedUnitPrice, r.contracted_unit_price);
  b.set_decimal(Column::kEffectiveCost, r.effective);
  set_if(b, Column::kInvoiceId, r.invoice_id);
  set_if(b, Column::kInvoiceIssuerName, r.invoice_issuer);
  b.set_decimal(Column::kListCost, r.list_cost);
  set_if(b, Column::kListUnitPrice, r.list_unit_price);
  set_if(b, Column::kPricingCategory, r.pricing_category);
  set_if(b, Column::kPricingCurrency, r.pricing_currency);
  set_if(b, Column::kPricingQuantity, r.pricing_quantity);
  set_if(b, Column::kPricingUnit, r.pricing_unit);
  b.set_string(Column::kProviderName, kProvider);
  set_if(b, Column::kPublisherName, r.publisher);
  set_if(b, Column::kRegionId, r.region_id);
  set_if(b, Column::kRegionName, r.region_name);
  set_if(b, Column::kResourceId, r.resource_id);
  set_if(b, Column::kResourceType, r.resource_type);
  set_if(b, Column::kServiceCategory, r.service_category);
  set_if(b, Column::kServiceName, r.service_name);
  set_if(b, Column::kServiceSubcategory, r.service_subcategory);
  set_if(b, Column::kSkuId, r.sku_id);
  set_if(b, Column::kSkuPriceDetails, r.sku_price_details);
  set_if(b, Column::kSkuPriceId, r.sku_price_id);
  set_if(b, Column::kSubAccountId, r.sub_account_id);
  set_if(b, Column::kSubAccountName, r.sub_account_name);
  for (const auto& [key, value] : r.tags) {
    // FOCUS: user-defined tags are unprefixed, provider-defined ones keep a provider prefix.
    // So AWS "user:team" is the same "team" key as Azure tags and Google labels, while
    // "aws:createdBy" stays prefixed.
    const std::string_view k(key);
    b.add_tag(k.substr(0, 5) == "user:" ? k.substr(5) : k, value);
  }
  b.set_extension(kXLineItemId, r.x_line_item_id);
  b.set_extension(kXLineItemType, r.x_line_item_type);
  b.set_extension(kXBillType, r.x_bill_type);
  b.set_extension(kXBillingEntity, r.x_billing_entity);
  b.set_extension(kXServiceCode, r.x_service_code);
  b.set_extension(kXUsageType, r.x_usage_type);
  b.set_extension(kXOperation, r.x_operation);
  b.set_extension(kXProductFamily, r.x_product_family);
  b.set_extension(kXDiscounts, r.x_discounts);
  for (const auto& [name, value] : r.cost_categories)
    b.set_extension(name, value);
  b.finish_row();
}

// Reads the cells of one row by CurField, recording the first bad cell as a RowIssue.
class RowCells {
 public:
  RowCells(const CurLayout& layout, const std::vector<std::string_view>& cells,
           const std::vector<std::string>& null_literals,
           const std::array<std::optional<std::string_view>, kCurFieldCount>& from_map,
           RowIssue* issue)
      : layout_(layout),
        cells_(cells),
        null_literals_(null_literals),
        from_map_(from_map),
        issue_(issue) {}

  bool failed() const { return failed_; }

  // The cell text, "" when the column is absent, the cell empty or a null literal.
  std::string_view text(CurField f) const {
    if (const auto i = layout_.index(f))
      return clean(cells_[*i]);
    if (from_map_[static_cast<size_t>(f)])
      return *from_map_[static_cast<size_t>(f)];
    return {};
  }
  std::string_view first_of(CurField a, CurField b) const {
    const std::string_view v = text(a);
    return v.empty() ? text(b) : v;
  }

  // A decimal cell; nullopt when empty. A non-decimal cell fails the row.
  std::optional<Decimal> decimal(CurField f) {
    const std::string_view t = text(f);
    if (t.empty())
      return std::nullopt;
    Decimal d;
    if (!Decimal::parse(t, &d)) {
      fail(f, "decimal", t);
      return std::nullopt;
    }
    return d;
  }
  // A decimal cell that must be set.
  Decimal required_decimal(CurField f) {
    const std::optional<Decimal> d = decimal(f);
    if (!d && !failed_)
      fail(f, "decimal", text(f));
    return d.value_or(Decimal());
  }
  // A date/time cell; nullopt when empty.
  std::optional<core::Timestamp> time(CurField f) {
    const std::string_view t = text(f);
    if (t.empty())
      return std::nullopt;
    core::Timestamp ts;
    if (!core::parse_timestamp(t, &ts)) {
      fail(f, "date/time", t);
      return std::nullopt;
    }
    return ts;
  }
  void fail(CurField f, std::string_view expected, std::string_view found) {
    if (failed_)
      return;
    failed_ = true;
    issue_->column = std::string(layout_.column_name(f));
    issue_->expected = std::string(expected);
    issue_->found = std::string(found);
  }
  void fail_column(std::string_view column, std::string_view expected, std::string_view found) {
    if (failed_)
      return;
    failed_ = true;
    issue_->column = std::string(column);
    issue_->expected = std::string(expected);
    issue_->found = std::string(found);
  }

 private:
  std::string_view clean(std::string_view cell) const {
    if (cell.empty())
      return cell;
    for (const std::string& literal : null_literals_) {
      if (cell == literal)
        return {};
    }
    return cell;
  }

  const CurLayout& layout_;
  const std::vector<std::string_view>& cells_;
  const std::vector<std::string>& null_literals_;
  const std::array<std::optional<std::string_view>, kCurFieldCount>& from_map_;
  RowIssue* issue_;
  bool failed_ = false;
};

// The JSON text of `j`. CSV cells need not be valid UTF-8, and dump() throws on invalid bytes
// by default: they become U+FFFD instead, as in every other JSON we write.
std::string json_text(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool is_product_field(CurField f) {
  return cur_field_key(f).rfind("product", 0) == 0;
}

// A JSON map cell of CUR 2.0 as (key, value text) pairs. Values that are not strings are kept
// as their JSON text; null values are dropped. Returns false when the cell is not a JSON object.
bool parse_json_map(std::string_view cell, std::vector<std::pair<std::string, std::string>>* out) {
  out->clear();
  if (cell.empty())
    return true;
  const nlohmann::json j = nlohmann::json::parse(cell, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return false;
  for (const auto& [key, value] : j.items()) {
    if (value.is_null())
      continue;
    out->emplace_back(key, value.is_string() ? value.get<std::string>() : json_text(value));
  }
  return true;
}

bool contains_icase(std::string_view haystack, std::string_view needle) {
  if (needle.size() > haystack.size())
    return false;
  for (size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
    if (core::iequals(haystack.substr(i, needle.size()), needle))
      return true;
  }
  return false;
}

// a x b, or nullopt when the product would leave Decimal's range (untrusted input).
std::optional<Decimal> checked_product(Decimal a, Decimal b) {
  if (std::fabs(a.to_double() * b.to_double()) >= 1e20)
    return std::nullopt;
  return Decimal::multiply(a, b);
}

// a + b and a - b, or nullopt when the result would leave Decimal's range (untrusted input).
std::optional<Decimal> checked_sum(Decimal a, Decimal b) {
  core::Int128 units = 0;
  if (__builtin_add_overflow(a.units(), b.units(), &units))
    return std::nullopt;
  return Decimal::from_units(units);
}
std::optional<Decimal> checked_difference(Decimal a, Decimal b) {
  core::Int128 units = 0;
  if (__builtin_sub_overflow(a.units(), b.units(), &units))
    return std::nullopt;
  return Decimal::from_units(units);
}

std::optional<Decimal> non_negative(std::optional<Decimal> d) {
  if (d && d->is_negative())
    return std::nullopt;
  return d;
}

// EC2-style resource ids "<prefix>-<hex>" and their ARN resource types.
constexpr std::array<std::pair<std::string_view, std::string_view>, 16> kIdPrefixTypes = {{
    {"i-", "ec2:instance"},
    {"vol-", "ec2:volume"},
    {"snap-", "ec2:snapshot"},
    {"ami-", "ec2:image"},
    {"eni-", "ec2:network-interface"},
    {"eipalloc-", "ec2:elastic-ip"},
    {"nat-", "ec2:natgateway"},
    {"vpc-", "ec2:vpc"},
    {"subnet-", "ec2:subnet"},
    {"sg-", "ec2:security-group"},
    {"igw-", "ec2:internet-gateway"},
    {"vpce-", "ec2:vpc-endpoint"},
    {"tgw-attach-", "ec2:transit-gateway-attachment"},
    {"tgw-", "ec2:transit-gateway"},
    {"vgw-", "ec2:vpn-gateway"},
    {"vpn-", "ec2:vpn-connection"},
}};

// The resource type of a CUR lineItem/ResourceId as "<service>:<type>", the ARN notation of AWS's
// service authorization reference: from an ARN "arn:aws:<service>:<region>:<account>:<type>/<id>"
// (or "<type>:<id>"; S3's "arn:aws:s3:::<bucket>" is s3:bucket), from an EC2-style id prefix
// ("i-0abc" -> ec2:instance), or s3:bucket for a bare name under product code AmazonS3. Empty when
// none applies.
std::string_view aws_resource_type(std::string_view id, std::string_view product_code,
                                   std::deque<std::string>* scratch) {
  if (id.rfind("arn:", 0) == 0) {
    // arn:partition:service:region:account:resource
    std::array<std::string_view, 6> parts;
    size_t start = 0;
    for (size_t i = 0; i < 5; ++i) {
      const size_t colon = id.find(':', start);
      if (colon == std::string_view::npos)
        return {};
      parts[i] = id.substr(start, colon - start);
      start = colon + 1;
    }
    parts[5] = id.substr(start);
    const std::string_view service = parts[2];
    std::string_view resource = parts[5];
    const size_t cut = resource.find_first_of("/:");
    std::string_view type =
        cut == std::string_view::npos ? std::string_view() : resource.substr(0, cut);
    if (type.empty() && service == "s3")
      type = "bucket";
    if (service.empty() || type.empty())
      return {};
    return scratch->emplace_back(std::string(service) + ":" + std::string(type));
  }
  for (const auto& [prefix, type] : kIdPrefixTypes) {
    if (id.rfind(prefix, 0) == 0 && id.size() > prefix.size())
      return type;
  }
  if (core::iequals(product_code, "AmazonS3") && id.find_first_of("/:") == std::string_view::npos)
    return "s3:bucket";
  return {};
}

}  // namespace

CurRowMapper::CurRowMapper(const CurLayout& layout, const AwsServiceCategories& categories,
                           std::string file, std::vector<std::string> null_literals)
    : layout_(layout),
      categories_(categories),
      file_(std::move(file)),
      null_literals_(std::move(null_literals)),
      net_mode_(layout.has(CurField::kNetUnblendedCost)),
      product_fields_from_map_(false) {
  if (layout_.map_column(CurMapColumn::kProduct)) {
    for (size_t i = 0; i < kCurFieldCount; ++i) {
      const auto f = static_cast<CurField>(i);
      if (is_product_field(f) && !layout_.has(f))
        product_fields_from_map_ = true;
    }
  }
}

void CurRowMapper::declare_columns(focus::TableBuilder& builder) {
  for (Column c : {Column::kAvailabilityZone,
                   Column::kBilledCost,
                   Column::kBillingAccountId,
                   Column::kBillingAccountName,
                   Column::kBillingCurrency,
                   Column::kBillingPeriodEnd,
                   Column::kBillingPeriodStart,
                   Column::kCapacityReservationId,
                   Column::kCapacityReservationStatus,
                   Column::kChargeCategory,
                   Column::kChargeClass,
                   Column::kChargeDescription,
                   Column::kChargeFrequency,
                   Column::kChargePeriodEnd,
                   Column::kChargePeriodStart,
                   Column::kCommitmentDiscountCategory,
                   Column::kCommitmentDiscountId,
                   Column::kCommitmentDiscountName,
                   Column::kCommitmentDiscountQuantity,
                   Column::kCommitmentDiscountStatus,
                   Column::kCommitmentDiscountType,
                   Column::kCommitmentDiscountUnit,
                   Column::kConsumedQuantity,
                   Column::kConsumedUnit,
                   Column::kContractedCost,
                   Column::kContractedUnitPrice,
                   Column::kEffectiveCost,
                   Column::kInvoiceId,
                   Column::kInvoiceIssuerName,
                   Column::kListCost,
                   Column::kListUnitPrice,
                   Column::kPricingCategory,
                   Column::kPricingCurrency,
                   Column::kPricingQuantity,
                   Column::kPricingUnit,
                   Column::kProviderName,
                   Column::kPublisherName,
                   Column::kRegionId,
                   Column::kRegionName,
                   Column::kResourceId,
                   Column::kResourceType,
                   Column::kServiceCategory,
                   Column::kServiceName,
                   Column::kServiceSubcategory,
                   Column::kSkuId,
                   Column::kSkuPriceDetails,
                   Column::kSkuPriceId,
                   Column::kSubAccountId,
                   Column::kSubAccountName,
                   Column::kTags}) {
    builder.declare(c);
  }
  for (std::string_view name :
       {kXLineItemId, kXLineItemType, kXBillType, kXBillingEntity, kXServiceCode, kXUsageType,
        kXOperation, kXProductFamily, kXDiscounts}) {
    builder.declare_extension(name);
  }
}

void CurRowMapper::note_once(std::set<std::string>& seen, std::string_view key,
                             std::string message) {
  if (seen.insert(std::string(key)).second)
    notes_.push_back(std::move(message));
}

CurRowOutcome CurRowMapper::map(const std::vector<std::string_view>& cells, uint64_t row,
                                uint64_t line, focus::TableBuilder& builder) {
  CurRowOutcome outcome;
  RowIssue issue;
  issue.file = file_;
  issue.row = row;
  issue.line = line;
  if (cells.size() != layout_.column_count()) {
    issue.expected = fmt::format("{} cells (one per header column)", layout_.column_count());
    issue.found = fmt::format("{} cells", cells.size());
    outcome.issue = std::move(issue);
    return outcome;
  }
  scratch_.clear();
  auto keep = [this](std::string value) -> std::string_view {
    return scratch_.emplace_back(std::move(value));
  };

  // CUR 2.0: product attributes that are not columns come from the `product` map.
  std::array<std::optional<std::string_view>, kCurFieldCount> from_map{};
  std::vector<std::pair<std::string, std::string>> entries;
  if (product_fields_from_map_) {
    const size_t i = *layout_.map_column(CurMapColumn::kProduct);
    if (!parse_json_map(cells[i], &entries)) {
      issue.column = std::string(layout_.header_name(i));
      issue.expected = "JSON object";
      issue.found = std::string(cells[i]);
      outcome.issue = std::move(issue);
      return outcome;
    }
    for (auto& [key, value] : entries) {
      const std::string norm = cur_column_key(key);
      std::optional<CurField> f = cur_field_from_key("product" + norm);
      if (!f && norm.rfind("product", 0) == 0)
        f = cur_field_from_key(norm);
      if (f && is_product_field(*f) && !layout_.has(*f))
        from_map[static_cast<size_t>(*f)] = keep(std::move(value));
    }
  }

  RowCells c(layout_, cells, null_literals_, from_map, &issue);
  FocusRow r;

  // --- what kind of line item
  const std::string_view type_text = c.text(CurField::kLineItemType);
  if (type_text.empty())
    c.fail(CurField::kLineItemType, "a line item type", type_text);
  const AwsLineItemType type = parse_aws_line_item_type(type_text);
  if (type == AwsLineItemType::kUnknown && !type_text.empty()) {
    note_once(unknown_types_, type_text,
              fmt::format("{}: undocumented lineItem/LineItemType '{}' read as ChargeCategory "
                          "Adjustment",
                          file_, type_text));
  }
  const std::string_view sp_arn = c.text(CurField::kSavingsPlanArn);
  const std::string_view ri_arn = c.text(CurField::kReservationArn);

  // --- costs
  const std::optional<Decimal> net =
      net_mode_ ? c.decimal(CurField::kNetUnblendedCost) : std::nullopt;
  r.billed = net ? *net : c.required_decimal(CurField::kUnblendedCost);
  // A term of the amortization formula: its Net* counterpart in net mode when set.
  auto term = [&](CurField gross, CurField net_field, bool required) -> Decimal {
    if (net_mode_) {
      if (const std::optional<Decimal> n = c.decimal(net_field))
        return *n;
    }
    return required ? c.required_decimal(gross) : c.decimal(gross).value_or(Decimal());
  };
  Decimal amortized;  // AWS's amortized cost of the line item
  switch (type) {
    case AwsLineItemType::kSavingsPlanCoveredUsage:
      amortized =
          term(CurField::kSavingsPlanEffectiveCost, CurField::kSavingsPlanNetEffectiveCost, true);
      break;
    case AwsLineItemType::kSavingsPlanRecurringFee: {
      const std::optional<Decimal> unused =
          checked_difference(c.required_decimal(CurField::kSavingsPlanTotalCommitmentToDate),
                             c.decimal(CurField::kSavingsPlanUsedCommitment).value_or(Decimal()));
      if (!unused) {
        c.fail(CurField::kSavingsPlanUsedCommitment, kAmountInRange,
               c.text(CurField::kSavingsPlanUsedCommitment));
      }
      amortized = unused.value_or(Decimal());
      break;
    }
    case AwsLineItemType::kSavingsPlanNegation:
    case AwsLineItemType::kSavingsPlanUpfrontFee:
      amortized = Decimal();
      break;
    case AwsLineItemType::kDiscountedUsage:
      amortized =
          term(CurField::kReservationEffectiveCost, CurField::kReservationNetEffectiveCost, true);
      break;
    case AwsLineItemType::kRiFee: {
      const std::optional<Decimal> unused =
          checked_sum(term(CurField::kReservationUnusedAmortizedUpfrontFee,
                           CurField::kReservationNetUnusedAmortizedUpfrontFee, false),
                      term(CurField::kReservationUnusedRecurringFee,
                           CurField::kReservationNetUnusedRecurringFee, false));
      if (!unused) {
        c.fail(CurField::kReservationUnusedRecurringFee, kAmountInRange,
               c.text(CurField::kReservationUnusedRecurringFee));
      }
      amortized = unused.value_or(Decimal());
      break;
    }
    case AwsLineItemType::kFee:
      amortized = ri_arn.empty() ? r.billed : Decimal();
      break;
    default:
      amortized = r.billed;
      break;
  }
  // FOCUS: the unused part of a commitment is its own Usage row (see the header comment).
  const bool carries_unused =
      type == AwsLineItemType::kRiFee || type == AwsLineItemType::kSavingsPlanRecurringFee;
  r.effective = carries_unused ? Decimal() : amortized;

  const std::optional<Decimal> usage_amount = c.decimal(CurField::kUsageAmount);
  const std::optional<Decimal> public_rate = c.decimal(CurField::kPublicOnDemandRate);
  const std::optional<Decimal> public_cost = c.decimal(CurField::kPublicOnDemandCost);
  std::optional<Decimal> rate = net_mode_ ? c.decimal(CurField::kNetUnblendedRate) : std::nullopt;
  if (!rate)
    rate = c.decimal(CurField::kUnblendedRate);
  auto on_demand_cost = [&]() -> Decimal {
    if (public_cost)
      return *public_cost;
    if (public_rate && usage_amount) {
      if (const auto product = checked_product(*public_rate, *usage_amount))
        return *product;
    }
    return r.billed;
  };
  switch (type) {
    case AwsLineItemType::kUsage:
    case AwsLineItemType::kSavingsPlanCoveredUsage:
      r.list_cost = on_demand_cost();
      r.contracted_cost = r.billed;
      r.list_unit_price = non_negative(public_rate);
      r.contracted_unit_price = non_negative(rate);
      break;
    case AwsLineItemType::kDiscountedUsage:
      r.list_cost = on_demand_cost();
      r.contracted_cost = r.list_cost;
      r.list_unit_price = non_negative(public_rate);
      r.contracted_unit_price = non_negative(public_rate);
      break;
    case AwsLineItemType::kSavingsPlanNegation:
      // Costs and prices 0: the covered usage row carries them (FOCUS wants the prices set).
      r.list_unit_price = Decimal();
      r.contracted_unit_price = Decimal();
      break;
    case AwsLineItemType::kDiscount:
      r.list_cost = r.billed;
      r.contracted_cost = r.billed;
      break;
    case AwsLineItemType::kFee:
    case AwsLineItemType::kRiFee:
    case AwsLineItemType::kSavingsPlanUpfrontFee:
    case AwsLineItemType::kSavingsPlanRecurringFee:
      r.list_cost = r.billed;
      r.contracted_cost = r.billed;
      r.list_unit_price = non_negative(rate);
      r.contracted_unit_price = non_negative(rate);
      break;
    case AwsLineItemType::kTax:
    case AwsLineItemType::kCredit:
    case AwsLineItemType::kRefund:
    case AwsLineItemType::kUnknown:
      r.list_cost = r.billed;
      r.contracted_cost = r.billed;
      break;
  }

  // --- categories
  switch (type) {
    case AwsLineItemType::kUsage:
    case AwsLineItemType::kDiscountedUsage:
    case AwsLineItemType::kSavingsPlanCoveredUsage:
    case AwsLineItemType::kSavingsPlanNegation:
      r.charge_category = "Usage";
      break;
    case AwsLineItemType::kFee:
    case AwsLineItemType::kRiFee:
    case AwsLineItemType::kSavingsPlanUpfrontFee:
    case AwsLineItemType::kSavingsPlanRecurringFee:
      r.charge_category = "Purchase";
      break;
    case AwsLineItemType::kTax:
      r.charge_category = "Tax";
      break;
    case AwsLineItemType::kCredit:
    case AwsLineItemType::kDiscount:
      r.charge_category = "Credit";
      break;
    case AwsLineItemType::kRefund:
      // FOCUS 1.0+: a refund keeps the category of what it refunds and is a Correction.
      r.charge_category = !c.text(CurField::kTaxType).empty()    ? "Tax"
                          : (!sp_arn.empty() || !ri_arn.empty()) ? "Purchase"
                                                                 : "Usage";
      r.charge_class = "Correction";
      break;
    case AwsLineItemType::kUnknown:
      r.charge_category = "Adjustment";
      break;
  }
  r.charge_frequency = aws_charge_frequency(type);
  const std::string_view usage_type = c.text(CurField::kUsageType);
  const std::string_view term_text = c.text(CurField::kPricingTerm);
  switch (type) {
    case AwsLineItemType::kDiscountedUsage:
    case AwsLineItemType::kSavingsPlanCoveredUsage:
    case AwsLineItemType::kSavingsPlanNegation:
      r.pricing_category = "Committed";
      break;
    case AwsLineItemType::kFee:
    case AwsLineItemType::kRiFee:
    case AwsLineItemType::kSavingsPlanUpfrontFee:
    case AwsLineItemType::kSavingsPlanRecurringFee:
      r.pricing_category = "Standard";
      break;
    case AwsLineItemType::kUsage:
      if (contains_icase(usage_type, "SpotUsage") || core::iequals(term_text, "Spot")) {
        r.pricing_category = "Dynamic";
      } else if (core::iequals(term_text, "Reserved")) {
        r.pricing_category = "Committed";
      } else {
        r.pricing_category = "Standard";
      }
      break;
    case AwsLineItemType::kTax:
    case AwsLineItemType::kCredit:
    case AwsLineItemType::kDiscount:
    case AwsLineItemType::kRefund:
    case AwsLineItemType::kUnknown:
      break;
  }
  if (!sp_arn.empty()) {
    r.commitment_id = sp_arn;
    r.commitment_category = "Spend";
    r.commitment_type = "Savings Plan";
  } else if (!ri_arn.empty()) {
    r.commitment_id = ri_arn;
    r.commitment_category = "Usage";
    r.commitment_type = "Reserved Instances";
  }
  if (!r.commitment_id.empty() && r.charge_category == "Usage")
    r.commitment_status = "Used";
  r.capacity_reservation_id = c.text(CurField::kCapacityReservationArn);
  if (!r.capacity_reservation_id.empty() && r.charge_category == "Usage") {
    r.capacity_reservation_status =
        contains_icase(c.text(CurField::kCapacityReservationStatus), "unused") ? "Unused" : "Used";
  }

  // --- quantities and units (FOCUS 1.2: PricingQuantity null for Tax, required on Usage and
  // Purchase rows; each unit null exactly when its quantity is; ConsumedQuantity only on Usage
  // rows and never null on them unless a correction). Credits, discounts and refunds carry a
  // UsageAmount that prices nothing: it is kept only when the line has a unit.
  const std::string_view unit = c.text(CurField::kPricingUnit);
  const bool priced = r.charge_category == "Usage" || r.charge_category == "Purchase";
  if (type != AwsLineItemType::kTax && type != AwsLineItemType::kCredit &&
      type != AwsLineItemType::kDiscount && usage_amount &&
      ((priced && r.charge_class.empty()) || !unit.empty())) {
    r.pricing_quantity = usage_amount;
    r.pricing_unit = unit;
  }
  switch (type) {
    case AwsLineItemType::kUsage:
    case AwsLineItemType::kDiscountedUsage:
    case AwsLineItemType::kSavingsPlanCoveredUsage:
      r.consumed_quantity = usage_amount;
      break;
    case AwsLineItemType::kSavingsPlanNegation:
      // It consumes nothing beyond the usage row it offsets: 0 keeps sums of consumption right.
      r.consumed_quantity = Decimal();
      break;
    default:
      break;
  }
  if (r.consumed_quantity)
    r.consumed_unit = unit;

  // --- accounts, periods, parties
  r.billing_account_id = c.text(CurField::kPayerAccountId);
  if (r.billing_account_id.empty())
    c.fail(CurField::kPayerAccountId, "an account id", "");
  r.billing_account_name = c.text(CurField::kPayerAccountName);
  r.sub_account_id = c.text(CurField::kUsageAccountId);
  r.sub_account_name = c.text(CurField::kUsageAccountName);
  r.billing_currency = c.text(CurField::kCurrencyCode);
  if (r.billing_currency.empty())
    c.fail(CurField::kCurrencyCode, "a currency code", "");
  r.pricing_currency = c.text(CurField::kPricingCurrency);
  if (!r.pricing_currency.empty() && !r.billing_currency.empty() &&
      r.pricing_currency != r.billing_currency) {
    note_once(
        other_notes_, "pricing-currency",
        fmt::format("{}: pricing/currency {} differs from lineItem/CurrencyCode {}; the CUR "
                    "has no exchange rate, so public prices and ListCost are taken as they are",
                    file_, r.pricing_currency, r.billing_currency));
  }
  r.invoice_id = c.text(CurField::kInvoiceId);
  r.publisher = c.text(CurField::kLegalEntity);
  if (r.publisher.empty())
    r.publisher = kProvider;
  r.invoice_issuer = c.text(CurField::kInvoicingEntity);
  // Without the column: AWS invoices everything, Marketplace sellers included (LegalEntity
  // would name the seller).
  if (r.invoice_issuer.empty())
    r.invoice_issuer = kProvider;

  std::optional<core::Timestamp> charge_start = c.time(CurField::kUsageStartDate);
  std::optional<core::Timestamp> charge_end = c.time(CurField::kUsageEndDate);
  if ((!charge_start || !charge_end) && !c.failed()) {
    const std::string_view interval = c.text(CurField::kTimeInterval);
    const size_t slash = interval.find('/');
    core::Timestamp a;
    core::Timestamp b;
    if (slash != std::string_view::npos && core::parse_timestamp(interval.substr(0, slash), &a) &&
        core::parse_timestamp(interval.substr(slash + 1), &b)) {
      if (!charge_start)
        charge_start = a;
      if (!charge_end)
        charge_end = b;
    } else if (!interval.empty()) {
      c.fail(CurField::kTimeInterval, "'<start>/<end>' date/times", interval);
    } else {
      c.fail(charge_start ? CurField::kUsageEndDate : CurField::kUsageStartDate, "date/time", "");
    }
  }
  if (charge_start)
    r.charge_start = *charge_start;
  if (charge_end)
    r.charge_end = *charge_end;
  const std::optional<core::Timestamp> billing_start = c.time(CurField::kBillingPeriodStartDate);
  const std::optional<core::Timestamp> billing_end = c.time(CurField::kBillingPeriodEndDate);
  if (billing_start && billing_end) {
    r.billing_start = *billing_start;
    r.billing_end = *billing_end;
  } else if (charge_start) {
    const core::Period month = core::month_of(*charge_start);
    r.billing_start = month.start;
    r.billing_end = month.end;
    note_once(other_notes_, "billing-period",
              fmt::format("{}: rows without bill/BillingPeriodStartDate and EndDate get the "
                          "calendar month of lineItem/UsageStartDate as billing period",
                          file_));
  }

  // --- service, location, resource, SKU
  const std::string_view product_code =
      c.first_of(CurField::kProductCode, CurField::kProductServiceCode);
  r.service_name = c.first_of(CurField::kProductName, CurField::kProductServiceName);
  if (r.service_name.empty())
    r.service_name = product_code.empty() ? kProvider : product_code;
  if (const auto category = categories_.find(product_code)) {
    r.service_category = *category;
    if (const auto subcategory = categories_.find_subcategory(product_code)) {
      r.service_subcategory = *subcategory;
    } else {
      r.service_subcategory = keep("Other (" + std::string(*category) + ")");
      note_once(unknown_subcategories_, product_code,
                fmt::format("{}: product code '{}' has no FOCUS ServiceSubcategory in "
                            "data/aws/aws_service_subcategories.csv; read as {}",
                            file_, product_code, r.service_subcategory));
    }
  } else {
    r.service_category = "Other";
    r.service_subcategory = "Other (Other)";
    if (!product_code.empty()) {
      note_once(unknown_codes_, product_code,
                fmt::format("{}: product code '{}' has no FOCUS ServiceCategory in "
                            "data/aws/aws_category_*.csv; read as Other",
                            file_, product_code));
    }
  }
  r.region_id = c.first_of(CurField::kProductRegionCode, CurField::kProductRegion);
  if (!r.region_id.empty())
    r.region_name = c.text(CurField::kProductLocation);
  r.availability_zone = c.text(CurField::kAvailabilityZone);
  r.resource_id = c.text(CurField::kResourceId);
  if (!r.resource_id.empty())
    r.resource_type = aws_resource_type(r.resource_id, product_code, &scratch_);
  r.charge_description = c.text(CurField::kLineItemDescription);
  r.sku_id = c.text(CurField::kProductSku);
  r.sku_price_id = c.first_of(CurField::kPricingRateCode, CurField::kPricingRateId);
  {
    nlohmann::json details = nlohmann::json::object();
    if (const auto v = c.text(CurField::kProductInstanceType); !v.empty())
      details["InstanceType"] = v;
    if (const auto v = c.text(CurField::kProductOperatingSystem); !v.empty())
      details["OperatingSystem"] = v;
    if (const auto v = c.text(CurField::kProductStorageClass); !v.empty())
      details["StorageClass"] = v;
    if (const auto v = core::parse_int64(c.text(CurField::kProductVcpu)))
      details["CoreCount"] = *v;
    if (!details.empty())
      r.sku_price_details = keep(json_text(details));
  }

  // --- tags, cost categories, discounts
  for (const CurTagColumn& tag : layout_.tag_columns()) {
    const std::string_view v = cells[tag.index];
    if (!v.empty())
      r.tags.emplace_back(tag.key, v);
  }
  for (const CurNamedColumn& category : layout_.cost_category_columns()) {
    r.cost_categories.emplace_back(category.name, cells[category.index]);
  }
  std::string discounts;
  std::set<std::string_view>
      discount_keys;  // a key in both a discount_* column and the map: the column wins
  auto add_discount = [&discounts, &discount_keys](std::string_view key,
                                                   std::string_view value_json) {
    if (!discount_keys.insert(key).second)
      return;
    discounts += discounts.empty() ? "{" : ",";
    discounts += json_text(key);
    discounts += ':';
    discounts += value_json;
  };
  for (const CurNamedColumn& discount : layout_.discount_columns()) {
    const std::string_view v = cells[discount.index];
    if (v.empty())
      continue;
    Decimal d;
    add_discount(discount.name, Decimal::parse(v, &d) ? v : std::string_view(keep(json_text(v))));
  }
  const std::array<std::pair<CurMapColumn, int>, 3> maps = {{{CurMapColumn::kResourceTags, 0},
                                                             {CurMapColumn::kCostCategory, 1},
                                                             {CurMapColumn::kDiscount, 2}}};
  for (const auto& [map_column, kind] : maps) {
    const std::optional<size_t> i = layout_.map_column(map_column);
    if (!i || c.failed())
      continue;
    if (!parse_json_map(cells[*i], &entries)) {
      c.fail_column(layout_.header_name(*i), "JSON object", cells[*i]);
      continue;
    }
    for (auto& [key, value] : entries) {
      if (kind == 0) {
        if (!value.empty())
          r.tags.emplace_back(keep(snake_tag_key(key)), keep(std::move(value)));
      } else if (kind == 1) {
        r.cost_categories.emplace_back(keep(cost_category_column(key)), keep(std::move(value)));
      } else {
        Decimal d;
        const bool numeric = Decimal::parse(value, &d);
        add_discount(key, numeric ? value : json_text(value));
      }
    }
  }
  if (!discounts.empty())
    r.x_discounts = keep(discounts + "}");

  r.x_line_item_id = c.text(CurField::kLineItemId);
  r.x_line_item_type = type_text;
  r.x_bill_type = c.text(CurField::kBillType);
  r.x_billing_entity = c.text(CurField::kBillingEntity);
  r.x_service_code = product_code;
  r.x_usage_type = usage_type;
  r.x_operation = c.text(CurField::kOperation);
  r.x_product_family = c.text(CurField::kProductFamily);

  // --- commitment discount quantity (FOCUS 1.2: on Usage and Purchase rows of a commitment).
  // Savings Plans commit to spend: the commitment consumed (covered usage: its amortized cost,
  // negations 0) or bought (purchases: the fee), in the billing currency. Reserved Instances
  // commit to usage: the row's priced hours, and for an upfront fee the hours reserved for the
  // term (reservation/TotalReservedUnits).
  const bool commitment_row = !r.commitment_id.empty() && priced && r.charge_class.empty();
  if (commitment_row && !sp_arn.empty()) {
    r.commitment_quantity = r.charge_category == "Purchase" ? r.billed : r.effective;
    r.commitment_unit = r.billing_currency;
  } else if (commitment_row && type == AwsLineItemType::kFee) {
    r.commitment_quantity = c.decimal(CurField::kReservationTotalReservedUnits);
    if (r.commitment_quantity)
      r.commitment_unit = unit;
  } else if (commitment_row && r.pricing_quantity && !r.pricing_unit.empty()) {
    r.commitment_quantity = r.pricing_quantity;
    r.commitment_unit = r.pricing_unit;
  }
  if (r.commitment_unit.empty())
    r.commitment_quantity.reset();
  const std::optional<Decimal> unused_hours = c.decimal(CurField::kReservationUnusedQuantity);

  if (c.failed()) {
    outcome.issue = std::move(issue);
    return outcome;
  }
  write_row(r, builder);
  outcome.rows = 1;

  if (carries_unused && !amortized.is_zero()) {
    FocusRow unused = std::move(r);
    unused.charge_category = "Usage";
    unused.charge_frequency = "Usage-Based";
    unused.pricing_category = "Committed";
    unused.commitment_status = unused.commitment_id.empty() ? std::string_view() : "Unused";
    unused.billed = Decimal();
    unused.effective = amortized;
    unused.list_cost = Decimal();
    unused.contracted_cost = Decimal();
    unused.list_unit_price.reset();
    unused.contracted_unit_price.reset();
    unused.consumed_quantity.reset();
    unused.consumed_unit = {};
    unused.pricing_quantity.reset();
    unused.pricing_unit = {};
    unused.commitment_quantity.reset();
    unused.commitment_unit = {};
    // Priced as the commitment's unused hours: a reservation's reservation/UnusedQuantity at the
    // amortized rate per hour; a Savings Plan's unused amount at its hourly commitment (the fee
    // line's rate). Costs are the amortized amount, as on the covered usage rows.
    const std::optional<Decimal> fee_rate = non_negative(rate);
    std::optional<Decimal> hours;
    std::optional<Decimal> hourly;
    if (type == AwsLineItemType::kRiFee && unused_hours && !unused_hours->is_negative() &&
        !unused_hours->is_zero()) {
      hours = unused_hours;
      hourly = Decimal::divide(amortized, *unused_hours);
    } else if (type == AwsLineItemType::kSavingsPlanRecurringFee && fee_rate &&
               !fee_rate->is_zero()) {
      hours = Decimal::divide(amortized, *fee_rate);
      hourly = fee_rate;
    }
    if (hours && hourly && !hourly->is_negative() && !unit.empty()) {
      unused.pricing_quantity = hours;
      unused.pricing_unit = unit;
      unused.list_unit_price = hourly;
      unused.contracted_unit_price = hourly;
      unused.list_cost = amortized;
      unused.contracted_cost = amortized;
    }
    if (!unused.commitment_id.empty()) {
      unused.resource_id = unused.commitment_id;
      unused.resource_type = aws_resource_type(unused.resource_id, {}, &scratch_);
      if (!sp_arn.empty()) {
        unused.commitment_quantity = amortized;
        unused.commitment_unit = unused.billing_currency;
      } else if (unused.pricing_quantity) {
        unused.commitment_quantity = unused.pricing_quantity;
        unused.commitment_unit = unused.pricing_unit;
      }
    }
    write_row(unused, builder);
    outcome.rows = 2;
  }
  return outcome;
}

}  // namespace optima::ingest
