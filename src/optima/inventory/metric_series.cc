#include "optima/inventory/metric_series.h"

#include <algorithm>

namespace optima::inventory {

void sort_samples_keep_first(std::vector<MetricSample>* samples) {
  std::stable_sort(samples->begin(), samples->end(),
                   [](const MetricSample& a, const MetricSample& b) { return a.time < b.time; });
  samples->erase(
      std::unique(samples->begin(), samples->end(),
                  [](const MetricSample& a, const MetricSample& b) { return a.time == b.time; }),
      samples->end());
}

int64_t smallest_gap_seconds(const std::vector<MetricSample>& samples) {
  int64_t step = 0;
  for (size_t i = 1; i < samples.size(); ++i) {
    const int64_t gap = samples[i].time.unix_seconds - samples[i - 1].time.unix_seconds;
    if (gap > 0 && (step == 0 || gap < step))
      step = gap;
  }
  return step;
}

}  // namespace optima::inventory
