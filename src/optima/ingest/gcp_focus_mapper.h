// GcpFocusMapper: turns one Google Cloud billing export row into one FOCUS 1.2 row.
//
// Mapping (FOCUS.md §4.3, after Google's FOCUS view, with FOCUS 1.2 values):
//   BilledCost = EffectiveCost = cost + Σ credits.amount   (net of every credit; credits are
//     folded into the row they discount, as FOCUS's discount-handling rules ask, so no
//     ChargeCategory "Credit" rows are produced; x_Credits keeps the breakdown)
//   ContractedCost = cost; ListCost = cost_at_list, or cost when the export has no list cost
//   ContractedUnitPrice = price.effective_price ÷ price.pricing_unit_quantity (detailed export)
//   ListUnitPrice = cost_at_list ÷ usage.amount_in_pricing_units (the list price the export's own
//     list cost implies), or ContractedUnitPrice when the export has no list cost
//   BillingPeriod = invoice.month as US Pacific-time month bounds; ChargePeriod = usage window
//   ChargeCategory: regular → Usage (Purchase for commitment fee SKUs "Commitment…"), tax → Tax,
//     adjustment and rounding_error → Adjustment; ChargeClass Correction when adjustment_info set
//   CommitmentDiscount*: from a committed-use-discount credit (…_DOLLAR_BASE → Spend, else Usage;
//     Status Used) or a commitment fee row; Id = subscription.instance_id, else the credit id;
//     Quantity/Unit: resource-based commitments in the row's pricing unit (PricingQuantity),
//     spend-based ones in the billing currency (the credit consumed, or the fee bought)
//   PricingCategory: Committed with a CUD credit, Dynamic for Spot/Preemptible SKUs, else
//     Standard; null for Tax and Adjustment rows
//   ServiceCategory/ServiceSubcategory from service.description (data/gcp lookups; unknown →
//     "Other" / "Other (<category>)")
//   ResourceId/Name/Type from resource.global_name/name; SubAccount = project (type "Project")
//   Tags = project labels, overridden by resource labels, + system labels + Resource Manager
//     tags ("namespace/key")
// Thread-safe (immutable after construction).
#pragma once

#include <string>
#include <string_view>

#include "optima/core/status.h"
#include "optima/focus/table_builder.h"
#include "optima/ingest/gcp_export_row.h"
#include "optima/ingest/gcp_lookup_table.h"

namespace optima::ingest {

class GcpFocusMapper {
 public:
  // The x_ columns every GCP table carries, in order.
  static constexpr std::string_view kExtensionColumns[] = {
      "x_Credits",       "x_CostType",  "x_CurrencyConversionRate", "x_ExportTime", "x_Location",
      "x_ProjectNumber", "x_ServiceId", "x_InvoiceMonth",
  };

  // service_categories: service.description → FOCUS ServiceCategory; service_subcategories:
  // service.description → FOCUS ServiceSubcategory; region_names: location.region → RegionName.
  GcpFocusMapper(GcpLookupTable service_categories, GcpLookupTable service_subcategories,
                 GcpLookupTable region_names);

  // Loads the bundled lookups: data/gcp/gcp_category_mapping.csv (+ gcp_category_additions.csv),
  // data/gcp/gcp_service_subcategories.csv and data/gcp/regions.csv. Errors: NotFound when a
  // file is missing, InvalidArgument for a malformed file, a category that is not a FOCUS 1.2
  // ServiceCategory, or a subcategory that is not one of its service's category.
  static core::Result<GcpFocusMapper> load();

  // Declares the FOCUS and x_ columns this mapper fills, so every table has the same columns.
  static void declare_columns(focus::TableBuilder* builder);

  // True when `service_description` has a ServiceCategory (others map to "Other").
  bool knows_service(std::string_view service_description) const;
  // True when `service_description` has a ServiceSubcategory (others map to
  // "Other (<category>)").
  bool knows_subcategory(std::string_view service_description) const;

  // Appends the FOCUS row for `row` and finishes it. Requires: gcp_check_row(&row) succeeded.
  void append(const GcpExportRow& row, focus::TableBuilder* builder) const;

 private:
  GcpLookupTable service_categories_;
  GcpLookupTable service_subcategories_;
  GcpLookupTable region_names_;
};

// The resource type of a full resource name: "<service host>/<collection>", the collection
// being the path segment before the last one.
// "//compute.googleapis.com/projects/p/zones/z/instances/123" → "compute.googleapis.com/instances".
// Empty when the name has no collection.
std::string gcp_resource_type(std::string_view global_name);

}  // namespace optima::ingest
