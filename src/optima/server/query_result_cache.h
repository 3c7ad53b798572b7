// QueryResultCache: rendered cost-query responses for the current data snapshot.
//
// Dashboards send the same few queries again and again; snapshots are immutable, so a response
// is valid exactly as long as the snapshot it was computed on is the store's current one. The
// cache holds that snapshot and its responses (least recently used evicted beyond max_bytes) and
// starts over when a different snapshot is seen. Keys are the canonical query JSON plus the
// output format. Thread-safe.
#pragma once

#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "optima/store/snapshot.h"

namespace optima::server {

class QueryResultCache {
 public:
  explicit QueryResultCache(size_t max_bytes) : max_bytes_(max_bytes) {}

  // The cached response of `key` on `snapshot`, or nullopt.
  std::optional<std::string> get(const std::shared_ptr<const store::Snapshot>& snapshot,
                                 const std::string& key);
  // Remembers a response computed on `snapshot` (ignored when larger than a quarter of the cache).
  void put(const std::shared_ptr<const store::Snapshot>& snapshot, const std::string& key,
           std::string body);

 private:
  using Entry = std::pair<std::string, std::string>;  // key, body
  void reset_to(const std::shared_ptr<const store::Snapshot>& snapshot);

  const size_t max_bytes_;
  std::mutex mutex_;
  std::shared_ptr<const store::Snapshot> snapshot_;
  std::list<Entry> entries_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  size_t bytes_ = 0;
};

}  // namespace optima::server
