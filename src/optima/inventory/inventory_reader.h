// InventoryReader: one source format of inventory or utilization (AWS placebo recordings, Azure
// Resource Graph, GCP Cloud Asset Inventory, utilization CSV, …). The registry lists them; the
// loader groups the files of each folder by the reader that claims them and hands each reader
// its group, so a reader can relate the files of one recording (CloudWatch call n belongs to
// resource n). Readers are immutable and thread-safe.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "optima/core/status.h"
#include "optima/inventory/inventory_sink.h"

namespace optima::inventory {

class InventoryReader {
 public:
  virtual ~InventoryReader() = default;
  virtual std::string_view name() const = 0;
  virtual std::string_view description() const = 0;
  // Whether this reader reads `path`, judged from its file name and its first bytes `prefix`.
  virtual bool detect(const std::filesystem::path& path, std::string_view prefix) const = 0;
  // Reads `files` (all from one folder, sorted by name) into `sink`. On error nothing the caller
  // commits may be trusted: the caller discards the whole ingest.
  virtual core::Status read(const std::vector<std::filesystem::path>& files, InventorySink* sink) const = 0;
};

}  // namespace optima::inventory
