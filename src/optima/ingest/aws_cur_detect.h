// detect_cur_dialect(): tells legacy CUR from CUR 2.0 by a file's header or manifest content.
#pragma once

#include "optima/ingest/reader.h"

namespace optima::ingest {

enum class CurDialect { kNone, kLegacy, kCur2 };

// Legacy: `lineItem/...` slash headers, or snake_case CUR headers (Athena) without any CUR 2.0
// marker, or a manifest with assemblyId/reportKeys. CUR 2.0: snake_case CUR headers with one of
// the columns only CUR 2.0 has (the map columns resource_tags, cost_category, discount, product;
// bill_payer_account_name; line_item_usage_account_name), or a manifest with dataFiles /
// executionId or stored under metadata/BILLING_PERIOD=. A header counts as CUR when it has
// the line item type or unblended cost column. Manifests mentioning "BilledCost" belong to a
// FOCUS export and are not claimed.
CurDialect detect_cur_dialect(const DetectInput& input);

}  // namespace optima::ingest
