// GcpRowIdentity: which billing export rows are "the same charge", so that a row re-exported
// with a later export_time replaces the earlier one.
//
// The identity is every field that says what was charged, to whom, where and when — billing
// account, invoice month, cost type, service and SKU ids, usage window, project, location,
// resource, resource labels, system labels, Resource Manager tags, adjustment id/type/mode,
// transaction type and seller, commitment subscription, price tier, currency and units — and
// none of the fields that a restatement changes: cost, cost_at_list, usage amounts, credits,
// currency conversion rate, price, export_time, and the project's own name and labels (they
// describe the project, not the charge). Labels stay in the identity because rows that differ
// only by label (GKE cost allocation) are distinct charges; two rows are merged only when they
// match on all of it. Kept as a 128-bit hash (MurmurHash3 x64-128 over a length-prefixed
// encoding): two distinct identities collide with probability about n²/2¹²⁹.
#pragma once

#include <compare>
#include <cstdint>

#include "optima/ingest/gcp_export_row.h"

namespace optima::ingest {

struct GcpRowIdentity {
  uint64_t high = 0;
  uint64_t low = 0;
  friend constexpr auto operator<=>(const GcpRowIdentity&, const GcpRowIdentity&) = default;
};

// Requires: row passed gcp_check_row() (cost_type_value is set). Thread-safe.
GcpRowIdentity gcp_row_identity(const GcpExportRow& row);

}  // namespace optima::ingest
