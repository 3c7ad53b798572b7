// BillingWriter: what every per-period billing writer (CUR, Azure, BigQuery, FOCUS) provides
// on top of ChargeSink — closing its files and reporting what it wrote.
#pragma once

#include <cstdint>
#include <vector>

#include "optima/core/status.h"
#include "optima/demo/charge.h"
#include "optima/demo/file_info.h"

namespace optima::demo {

class BillingWriter : public ChargeSink {
 public:
  // Flushes and closes every file (and writes manifests). Call once, after the last charge.
  virtual core::Status finish() = 0;
  // Data rows written.
  uint64_t rows() const { return rows_; }
  // Files written, paths relative to the output directory; complete after finish().
  const std::vector<FileInfo>& files() const { return files_; }

 protected:
  uint64_t rows_ = 0;
  std::vector<FileInfo> files_;
};

}  // namespace optima::demo
