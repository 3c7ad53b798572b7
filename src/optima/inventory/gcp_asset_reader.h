// GcpAssetReader: a Google Cloud Asset Inventory export, one JSON asset per line (name,
// asset_type, resource{version, discovery_document_uri, discovery_name, parent, data, location},
// ancestors, update_time). Asset names use the instance *name*; billing's global_name ends with
// the numeric resource.data.id instead, so compute instances and disks get resource_id =
// the asset name with its last segment replaced by data.id, and keep the asset name as
// native_id. Buckets become //storage.googleapis.com/projects/_/buckets/<name>, as billing
// writes them; other assets keep their asset name.
#pragma once

#include <memory>

#include "optima/inventory/inventory_reader.h"

namespace optima::inventory {

std::unique_ptr<InventoryReader> make_gcp_asset_reader();

}  // namespace optima::inventory
