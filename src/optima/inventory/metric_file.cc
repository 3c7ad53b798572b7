#include "optima/inventory/metric_file.h"

#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <bit>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "optima/store/byte_stream.h"
#include "optima/store/errno_message.h"
#include "optima/store/integer_encoding.h"

namespace optima::inventory {
namespace {

constexpr std::string_view kFileHeader = "OPTIMA-METRICS 1\n";
constexpr std::string_view kFrameMagic = "OMS1";
constexpr size_t kFrameHeaderBytes = 4 + 8 + 8 + 4;
constexpr int kZstdLevel = 3;
// A frame larger than this is corrupt, not a series (2^31 samples would need ~10 GB raw).
constexpr uint64_t kMaxFrameBytes = uint64_t{1} << 34;

uint32_t crc32_of(std::string_view bytes) {
  return static_cast<uint32_t>(crc32_z(0, reinterpret_cast<const Bytef*>(bytes.data()), bytes.size()));
}

void put_string(store::ByteWriter* w, const std::string& s) {
  w->put_varint(s.size());
  w->put_bytes(s);
}

std::string encode_series(const MetricSeries& series) {
  std::string raw;
  store::ByteWriter w(&raw);
  put_string(&w, series.resource_id);
  put_string(&w, series.metric);
  put_string(&w, series.statistic);
  w.put_varint(store::zigzag_encode(series.step_seconds));
  w.put_varint(series.samples.size());
  int64_t previous = 0;
  for (const MetricSample& sample : series.samples) {
    w.put_varint(store::zigzag_encode(sample.time.unix_seconds - previous));
    previous = sample.time.unix_seconds;
  }
  for (const MetricSample& sample : series.samples) {
    w.put_u32(std::bit_cast<uint32_t>(static_cast<float>(sample.value)));
  }
  return raw;
}

bool decode_series(std::string_view raw, MetricSeries* out) {
  store::ByteReader r(raw);
  const auto get_string = [&r](std::string* s) {
    const uint64_t n = r.get_varint();
    *s = std::string(r.get_bytes(n));
  };
  get_string(&out->resource_id);
  get_string(&out->metric);
  get_string(&out->statistic);
  out->step_seconds = store::zigzag_decode(r.get_varint());
  const uint64_t count = r.get_varint();
  if (!r.ok() || count > r.remaining()) return false;
  out->samples.resize(count);
  int64_t time = 0;
  for (MetricSample& sample : out->samples) {
    time += store::zigzag_decode(r.get_varint());
    sample.time.unix_seconds = time;
  }
  for (MetricSample& sample : out->samples) sample.value = std::bit_cast<float>(r.get_u32());
  return r.ok() && r.at_end();
}

}  // namespace

core::Result<std::unique_ptr<MetricFileWriter>> MetricFileWriter::create(const std::filesystem::path& path) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) {
    return core::io_error(fmt::format("{}: cannot create: {}", path.string(), store::errno_message(errno)));
  }
  std::unique_ptr<MetricFileWriter> writer(new MetricFileWriter(path, file));
  if (std::fwrite(kFileHeader.data(), 1, kFileHeader.size(), file) != kFileHeader.size()) {
    return core::io_error(fmt::format("{}: write failed: {}", path.string(), store::errno_message(errno)));
  }
  writer->offset_ = kFileHeader.size();
  return writer;
}

MetricFileWriter::~MetricFileWriter() {
  if (file_ != nullptr) std::fclose(file_);
}

core::Result<MetricFrameLocation> MetricFileWriter::append(const MetricSeries& series) {
  if (file_ == nullptr) return core::internal_error("MetricFileWriter::append after finish");
  const std::string raw = encode_series(series);
  std::string frame;
  store::ByteWriter w(&frame);
  w.put_bytes(kFrameMagic);
  w.put_u64(raw.size());
  const size_t bound = ZSTD_compressBound(raw.size());
  std::string stored(bound, '\0');
  const size_t n = ZSTD_compress(stored.data(), bound, raw.data(), raw.size(), kZstdLevel);
  if (ZSTD_isError(n)) return core::internal_error(fmt::format("zstd: {}", ZSTD_getErrorName(n)));
  stored.resize(n);
  w.put_u64(stored.size());
  w.put_u32(crc32_of(stored));
  w.put_bytes(stored);
  if (std::fwrite(frame.data(), 1, frame.size(), file_) != frame.size()) {
    return core::io_error(fmt::format("{}: write failed: {}", path_.string(), store::errno_message(errno)));
  }
  MetricFrameLocation location{offset_, frame.size()};
  offset_ += frame.size();
  return location;
}

core::Status MetricFileWriter::finish() {
  if (file_ == nullptr) return core::Status::ok();
  std::FILE* file = file_;
  file_ = nullptr;
  const bool flushed = std::fflush(file) == 0 && ::fsync(fileno(file)) == 0;
  const int error = errno;
  const bool closed = std::fclose(file) == 0;
  if (!flushed || !closed) {
    return core::io_error(fmt::format("{}: cannot flush: {}", path_.string(), store::errno_message(error)));
  }
  return core::Status::ok();
}

core::Result<std::unique_ptr<MetricFileReader>> MetricFileReader::open(const std::filesystem::path& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    return core::io_error(fmt::format("{}: cannot open: {}", path.string(), store::errno_message(errno)));
  }
  std::unique_ptr<MetricFileReader> reader(new MetricFileReader(path, file));
  std::string header(kFileHeader.size(), '\0');
  if (std::fread(header.data(), 1, header.size(), file) != header.size() || header != kFileHeader) {
    return core::data_loss(fmt::format("{}: not an inventory metric file", path.string()));
  }
  return reader;
}

MetricFileReader::~MetricFileReader() {
  if (file_ != nullptr) std::fclose(file_);
}

core::Result<MetricSeries> MetricFileReader::read(MetricFrameLocation location) {
  const auto corrupt = [&](std::string_view what) {
    return core::data_loss(fmt::format("{}: frame at offset {}: {}", path_.string(), location.offset, what));
  };
  if (location.length < kFrameHeaderBytes || location.length > kMaxFrameBytes) return corrupt("bad length");
  std::string frame(location.length, '\0');
  if (fseeko(file_, static_cast<off_t>(location.offset), SEEK_SET) != 0 ||
      std::fread(frame.data(), 1, frame.size(), file_) != frame.size()) {
    return corrupt("truncated");
  }
  store::ByteReader r(frame);
  if (r.get_bytes(kFrameMagic.size()) != kFrameMagic) return corrupt("bad magic");
  const uint64_t raw_length = r.get_u64();
  const uint64_t stored_length = r.get_u64();
  const uint32_t crc = r.get_u32();
  if (stored_length != r.remaining() || raw_length > kMaxFrameBytes) return corrupt("bad length");
  const std::string_view stored = r.get_bytes(stored_length);
  if (crc32_of(stored) != crc) return corrupt("checksum mismatch");
  std::string raw(raw_length, '\0');
  const size_t n = ZSTD_decompress(raw.data(), raw.size(), stored.data(), stored.size());
  if (ZSTD_isError(n) || n != raw_length) return corrupt("does not decompress");
  MetricSeries series;
  if (!decode_series(raw, &series)) return corrupt("does not decode");
  return series;
}

}  // namespace optima::inventory
