#include "optima/demo/utilization_writer.h"

#include <algorithm>
#include <array>

#include "optima/demo/output_file.h"
#include "optima/demo/random.h"
#include "optima/demo/text_format.h"
#include "optima/demo/usage_model.h"

namespace optima::demo {
namespace {

// Busy-ness by UTC hour, -1000..1000 (the same rhythm as usage).
constexpr std::array<int, 24> kDaily = {-700, -800, -850, -900, -900, -850, -700, -500,
                                        -300, -100, 100,  300,  500,  700,  850,  950,
                                        1000, 950,  850,  700,  500,  200,  -100, -400};

struct Rhythm {
  int64_t cpu_base, cpu_swing, cpu_noise;  // hundredths of a percent
  int64_t mem_base, mem_noise;
};

Rhythm shape_of(Profile p) {
  switch (p) {
    case Profile::kIdle: return {120, 50, 80, 900, 200};
    case Profile::kOversized: return {700, 400, 300, 2000, 400};
    case Profile::kBusy: return {7800, 1400, 900, 8500, 500};
    default: return {4000, 1500, 800, 5500, 800};
  }
}

int64_t noise(uint64_t h, int64_t amplitude) {
  return static_cast<int64_t>(h % static_cast<uint64_t>(2 * amplitude + 1)) - amplitude;
}

bool is_machine(const Resource& r) {
  return r.kind == ResourceKind::kVm || r.kind == ResourceKind::kDatabase ||
         r.kind == ResourceKind::kScaleSet;
}

}  // namespace

core::Status write_utilization(const Estate& e, const std::filesystem::path& root,
                               std::vector<FileInfo>* files) {
  const std::filesystem::path relative = std::filesystem::path("utilization") / "samples.csv";
  OPTIMA_ASSIGN_OR_RETURN(auto file, OutputFile::create(root / relative, Compression::kNone));
  std::string buffer = "resource_id,timestamp,metric,value\n";
  uint64_t rows = 0;
  const Timestamp from{e.end.unix_seconds - int64_t{kUtilizationDays} * core::kSecondsPerDay};
  std::vector<std::string> stamps;
  for (Timestamp t = from; t < e.end; t.unix_seconds += 3600) stamps.push_back(iso8601_text(t));
  for (const Resource& r : e.resources) {
    if (!is_machine(r) || r.deleted <= from || r.created >= e.end || r.stopped) continue;
    const Rhythm s = shape_of(r.profile);
    // Each machine sits somewhere around its profile's centre (+/-20%).
    const int64_t spread = 800 + static_cast<int64_t>(hash_keys(e.seed, 0x5ca1e, r.index) % 401);
    const int64_t cpu_base = s.cpu_base * spread / 1000;
    const int64_t mem_base = s.mem_base * spread / 1000;
    std::string id_cell;
    append_csv(id_cell, r.id);
    for (size_t i = 0; i < stamps.size(); ++i) {
      const Timestamp t{from.unix_seconds + static_cast<int64_t>(i) * 3600};
      if (!resource_running(r, t)) continue;
      const uint64_t h = hash_keys(e.seed, 0x0717, r.index, static_cast<uint64_t>(t.unix_seconds));
      const int hour = static_cast<int>((t.unix_seconds % core::kSecondsPerDay) / 3600);
      const int64_t cpu = std::clamp<int64_t>(
          cpu_base + s.cpu_swing * kDaily[static_cast<size_t>(hour)] / 1000 + noise(h, s.cpu_noise), 5, 10000);
      const int64_t mem = std::clamp<int64_t>(mem_base + noise(h >> 20, s.mem_noise), 100, 9900);
      const int64_t vcpu = r.machine != nullptr ? r.machine->vcpu : 2;
      const int64_t net = cpu * vcpu * 15000 + static_cast<int64_t>((h >> 40) % 200000);
      const Int128 hundredth = core::Decimal::kOne / 100;
      buffer += id_cell;
      buffer.push_back(',');
      buffer += stamps[i];
      buffer += ",cpu_percent,";
      append_decimal_fixed(buffer, cpu * hundredth, 2);
      buffer.push_back('\n');
      buffer += id_cell;
      buffer.push_back(',');
      buffer += stamps[i];
      buffer += ",memory_percent,";
      append_decimal_fixed(buffer, mem * hundredth, 2);
      buffer.push_back('\n');
      buffer += id_cell;
      buffer.push_back(',');
      buffer += stamps[i];
      buffer += ",network_out_bytes,";
      append_int(buffer, net);
      buffer.push_back('\n');
      rows += 3;
      if (buffer.size() > (size_t{1} << 20)) {
        OPTIMA_RETURN_IF_ERROR(file->write(buffer));
        buffer.clear();
      }
    }
  }
  OPTIMA_RETURN_IF_ERROR(file->write(buffer));
  OPTIMA_RETURN_IF_ERROR(file->close());
  files->push_back({relative, file->file_bytes(), rows});
  return core::Status::ok();
}

}  // namespace optima::demo
