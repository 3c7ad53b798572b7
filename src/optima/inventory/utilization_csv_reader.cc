#include "optima/inventory/utilization_csv_reader.h"

#include <algorithm>
#include <array>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "optima/core/file_io.h"
#include "optima/core/strings.h"
#include "optima/core/time.h"

namespace optima::inventory {
namespace {

constexpr std::array<std::string_view, 4> kRequired = {"resource_id", "timestamp", "metric",
                                                       "value"};
constexpr size_t kReadBytes = size_t{1} << 20;

// Splits one CSV record (RFC 4180 quoting; no embedded newlines). False on an unterminated quote.
bool split_record(std::string_view line, std::vector<std::string>* fields) {
  fields->clear();
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"' && field.empty()) {
      quoted = true;
    } else if (c == ',') {
      fields->push_back(std::move(field));
      field.clear();
    } else {
      field += c;
    }
  }
  fields->push_back(std::move(field));
  return !quoted;
}

// Buffers lines per (resource, metric, statistic) and hands them to the sink as series parts:
// whenever the buffered samples exceed kMaxBufferedSamples, and at the end. A file grouped by
// resource therefore yields one part per series; a time-ordered file yields a few large parts
// per series (the store merges them), and memory stays bounded either way.
class SampleBuffer {
 public:
  explicit SampleBuffer(InventorySink* sink) : sink_(sink) {}

  core::Status add(const std::string& resource_id, const std::string& metric,
                   const std::string& statistic, core::Timestamp time, double value) {
    series_[{resource_id, metric, statistic}].push_back({time, value});
    if (++buffered_ >= kMaxBufferedSamples)
      return flush();
    return core::Status::ok();
  }

  core::Status flush() {
    for (auto& [key, samples] : series_) {
      std::stable_sort(
          samples.begin(), samples.end(),
          [](const MetricSample& a, const MetricSample& b) { return a.time < b.time; });
      MetricSeries series;
      series.resource_id = std::get<0>(key);
      series.metric = std::get<1>(key);
      series.statistic = std::get<2>(key);
      for (const MetricSample& s : samples) {
        // A repeated timestamp: the later line wins.
        if (!series.samples.empty() && series.samples.back().time == s.time) {
          series.samples.back() = s;
        } else {
          series.samples.push_back(s);
        }
      }
      const int64_t step = smallest_gap_seconds(series.samples);
      series.step_seconds = step == 0 ? 3600 : step;
      OPTIMA_RETURN_IF_ERROR(sink_->add_series(std::move(series)));
    }
    series_.clear();
    buffered_ = 0;
    return core::Status::ok();
  }

 private:
  static constexpr size_t kMaxBufferedSamples = size_t{1} << 22;
  InventorySink* sink_;
  std::map<std::tuple<std::string, std::string, std::string>, std::vector<MetricSample>> series_;
  size_t buffered_ = 0;
};

core::Status read_file(const std::filesystem::path& path, InventorySink* sink) {
  const std::string file = path.filename().string();
  OPTIMA_ASSIGN_OR_RETURN(std::unique_ptr<core::ByteSource> source, core::open_byte_source(path));
  sink->add_source(path.string());
  std::array<size_t, 4> column{};
  std::optional<size_t> statistic_column;
  size_t width = 0;
  int64_t line_number = 0;
  std::vector<std::string> fields;
  SampleBuffer run(sink);

  const auto error = [&](std::string_view column_name, std::string_view message) {
    return core::invalid_argument(fmt::format("{}: line {}, column {}: {}", path.string(),
                                              line_number, column_name, message));
  };
  const auto handle_line = [&](std::string_view line) -> core::Status {
    ++line_number;
    if (!line.empty() && line.back() == '\r')
      line.remove_suffix(1);
    if (line_number == 1)
      line = core::strip_utf8_bom(line);
    if (line.empty())
      return core::Status::ok();
    if (!split_record(line, &fields))
      return error("?", "unterminated quoted field");
    if (width == 0) {
      for (size_t i = 0; i < kRequired.size(); ++i) {
        auto it = std::find_if(fields.begin(), fields.end(), [&](const std::string& f) {
          return core::iequals(core::trim(f), kRequired[i]);
        });
        if (it == fields.end()) {
          return error(
              kRequired[i],
              fmt::format("header lacks column {} (expected resource_id,timestamp,metric,value)",
                          kRequired[i]));
        }
        column[i] = static_cast<size_t>(it - fields.begin());
      }
      for (size_t i = 0; i < fields.size(); ++i) {
        if (core::iequals(core::trim(fields[i]), "statistic"))
          statistic_column = i;
      }
      width = fields.size();
      return core::Status::ok();
    }
    if (fields.size() != width) {
      return error("*", fmt::format("expected {} fields, found {}", width, fields.size()));
    }
    const std::string& resource_id = fields[column[0]];
    if (resource_id.empty())
      return error("resource_id", "expected a resource id, found an empty field");
    core::Timestamp time;
    if (!core::parse_timestamp(fields[column[1]], &time)) {
      return error("timestamp", fmt::format("expected an ISO-8601 UTC timestamp, found {}",
                                            core::quote_for_message(fields[column[1]])));
    }
    const std::string& metric = fields[column[2]];
    if (metric.empty())
      return error("metric", "expected a metric name, found an empty field");
    const std::optional<double> value = core::parse_double(core::trim(fields[column[3]]));
    if (!value) {
      return error("value", fmt::format("expected a number, found {}",
                                        core::quote_for_message(fields[column[3]])));
    }
    std::string statistic = statistic_column ? fields[*statistic_column] : std::string();
    if (statistic.empty())
      statistic = "average";
    return run.add(resource_id, metric, statistic, time, *value);
  };

  std::string buffer(kReadBytes, '\0');
  std::string carry;
  while (true) {
    OPTIMA_ASSIGN_OR_RETURN(size_t n, source->read(buffer.data(), buffer.size()));
    if (n == 0)
      break;
    carry.append(buffer.data(), n);
    size_t start = 0;
    for (size_t nl = carry.find('\n'); nl != std::string::npos; nl = carry.find('\n', start)) {
      OPTIMA_RETURN_IF_ERROR(handle_line(std::string_view(carry).substr(start, nl - start)));
      start = nl + 1;
    }
    carry.erase(0, start);
  }
  if (!carry.empty())
    OPTIMA_RETURN_IF_ERROR(handle_line(carry));
  if (width == 0)
    return core::invalid_argument(fmt::format("{}: empty file (expected a header line)", file));
  return run.flush();
}

class UtilizationCsvReader final : public InventoryReader {
 public:
  std::string_view name() const override { return "utilization-csv"; }
  std::string_view description() const override {
    return "Utilization samples as CSV: resource_id,timestamp,metric,value";
  }
  bool detect(const std::filesystem::path&, std::string_view prefix) const override {
    prefix = core::strip_utf8_bom(prefix);
    const std::string header = core::to_lower_ascii(prefix.substr(0, prefix.find('\n')));
    for (std::string_view column : kRequired) {
      if (header.find(column) == std::string::npos)
        return false;
    }
    return true;
  }
  core::Status read(const std::vector<std::filesystem::path>& files,
                    InventorySink* sink) const override {
    for (const auto& path : files)
      OPTIMA_RETURN_IF_ERROR(read_file(path, sink));
    return core::Status::ok();
  }
};

}  // namespace

std::unique_ptr<InventoryReader> make_utilization_csv_reader() {
  return std::make_unique<UtilizationCsvReader>();
}

}  // namespace optima::inventory
