// The per-cloud recipes build_estate() runs: accounts and core resources, the scale-out fleet
// that sizes the estate to the requested row count, commitments sized to the resulting usage,
// and the injected anomalies. Each is implemented in <cloud>_estate.cc.
#pragma once

#include <cstdint>
#include <vector>

#include "optima/demo/build_context.h"

namespace optima::demo {

// Accounts (subscriptions, projects, compartments), their core resources and anomalies.
void add_aws_core(BuildContext& ctx);
void add_azure_core(BuildContext& ctx);
void add_gcp_core(BuildContext& ctx);
void add_oci_core(BuildContext& ctx);

// Adds fleet unit #k (an autoscaled machine with its disk) and returns the index of its
// machine. Units are deterministic in (seed, k).
uint32_t add_aws_fleet_unit(BuildContext& ctx, uint32_t k);
uint32_t add_azure_fleet_unit(BuildContext& ctx, uint32_t k);
uint32_t add_gcp_fleet_unit(BuildContext& ctx, uint32_t k);
uint32_t add_oci_fleet_unit(BuildContext& ctx, uint32_t k);

// Indices of the accounts of one cloud, in creation order.
std::vector<uint32_t> cloud_accounts(const Estate& estate, Cloud cloud);

// Reserved instances, savings plans, reservations and CUDs, sized from the usage built so far.
void add_aws_commitments(BuildContext& ctx);
void add_azure_commitments(BuildContext& ctx);
void add_gcp_commitments(BuildContext& ctx);

}  // namespace optima::demo
