// ResourceView: lazy per-window statistics over one resource's series.
#include "optima/recommend/context.h"

#include <memory>

#include "optima/core/strings.h"

namespace optima::recommend {

const inventory::MetricSeries* ResourceView::series(std::string_view metric) const {
  for (const auto& s : series_) {
    if (s.metric == metric) return &s;
  }
  return nullptr;
}

core::Timestamp ResourceView::window_end(std::string_view metric) const {
  if (context_.as_of) return *context_.as_of;
  const inventory::MetricSeries* s = series(metric);
  if (s == nullptr || s->samples.empty()) return {};
  return core::Timestamp{s->samples.back().time.unix_seconds + s->step_seconds};
}

std::optional<core::Timestamp> ResourceView::now() const {
  if (context_.as_of) return context_.as_of;
  std::optional<core::Timestamp> latest;
  for (const auto& s : series_) {
    if (s.samples.empty()) continue;
    const core::Timestamp t{s.samples.back().time.unix_seconds + s.step_seconds};
    if (!latest || t > *latest) latest = t;
  }
  return latest;
}

const UtilizationStats* ResourceView::stats(std::string_view metric, int days,
                                            double idle_threshold, int last_days) {
  for (const auto& c : cache_) {
    if (c->metric == metric && c->days == days && c->last_days == last_days &&
        c->threshold == idle_threshold) {
      return &c->stats;
    }
  }
  const inventory::MetricSeries* s = series(metric);
  if (s == nullptr) return nullptr;
  const core::Timestamp end = window_end(metric);
  const int span = last_days > 0 ? std::min(last_days, days) : days;
  const core::Period window{core::Timestamp{end.unix_seconds - int64_t{span} * 86400}, end};
  auto cached = std::make_unique<Cached>(
      Cached{std::string(metric), days, last_days, idle_threshold,
             compute_stats(*s, window, idle_threshold, scratch_)});
  cache_.push_back(std::move(cached));
  return &cache_.back()->stats;
}

std::string_view attribute(const inventory::Resource& r, std::string_view key) {
  auto it = r.attributes.find(std::string(key));
  return it == r.attributes.end() ? std::string_view() : std::string_view(it->second);
}

std::optional<double> numeric_attribute(const inventory::Resource& r, std::string_view key) {
  const std::string_view v = attribute(r, key);
  if (v.empty()) return std::nullopt;
  return core::parse_double(v);
}

std::string_view tag(const inventory::Resource& r, std::string_view key) {
  for (const auto& [k, v] : r.tags) {
    if (core::iequals(k, key)) return v;
  }
  return {};
}

}  // namespace optima::recommend
