// The metric series file of an inventory snapshot (<data_dir>/inventory/metrics-<id>.bin): a
// header line, then one frame per series part, each independently compressed and checksummed so
// a reader can fetch any one series by (offset, length) from the snapshot's SQLite index without
// reading the rest.
//
//   file   := "OPTIMA-METRICS 1\n" frame*
//   frame  := "OMS1" u64 raw_length u64 stored_length u32 crc32(stored) stored
//   stored := zstd(raw)
//   raw    := varint-string resource_id, metric, statistic; zigzag-varint step_seconds;
//             varint count; zigzag-varint first time; zigzag-varint time deltas (count - 1);
//             float32 values, little-endian (count × 4 bytes)
//
// Values are stored as float32: utilization is a measurement, and 7 significant digits keep a
// 30-day 5-minute series at about 5 bytes per sample before compression.
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "optima/core/status.h"
#include "optima/inventory/metric_series.h"

namespace optima::inventory {

// Where one frame sits in the file.
struct MetricFrameLocation {
  uint64_t offset = 0;
  uint64_t length = 0;
};

// Appends frames to a new file. Not thread-safe.
class MetricFileWriter {
 public:
  // Creates (truncating) `path` and writes the header.
  static core::Result<std::unique_ptr<MetricFileWriter>> create(const std::filesystem::path& path);
  ~MetricFileWriter();
  MetricFileWriter(const MetricFileWriter&) = delete;
  MetricFileWriter& operator=(const MetricFileWriter&) = delete;

  // Appends one series as one frame. Requires: samples ascending by time.
  core::Result<MetricFrameLocation> append(const MetricSeries& series);
  // Flushes, fsyncs and closes the file; no append() after it.
  core::Status finish();
  const std::filesystem::path& path() const { return path_; }

 private:
  MetricFileWriter(std::filesystem::path path, std::FILE* file) : path_(std::move(path)), file_(file) {}
  std::filesystem::path path_;
  std::FILE* file_;
  uint64_t offset_ = 0;
};

// Reads frames by location. Not thread-safe (one file position).
class MetricFileReader {
 public:
  // Opens `path` and checks its header; DataLoss when it is not a metric file.
  static core::Result<std::unique_ptr<MetricFileReader>> open(const std::filesystem::path& path);
  ~MetricFileReader();
  MetricFileReader(const MetricFileReader&) = delete;
  MetricFileReader& operator=(const MetricFileReader&) = delete;

  // The series in the frame at `location`. DataLoss naming the file and offset when the frame is
  // truncated, its checksum does not match or it does not decode.
  core::Result<MetricSeries> read(MetricFrameLocation location);

 private:
  MetricFileReader(std::filesystem::path path, std::FILE* file) : path_(std::move(path)), file_(file) {}
  std::filesystem::path path_;
  std::FILE* file_;
};

}  // namespace optima::inventory
