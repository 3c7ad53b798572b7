// LRU of rendered query responses, per snapshot.
#include "optima/server/query_result_cache.h"

namespace optima::server {

void QueryResultCache::reset_to(const std::shared_ptr<const store::Snapshot>& snapshot) {
  snapshot_ = snapshot;
  entries_.clear();
  index_.clear();
  bytes_ = 0;
}

std::optional<std::string> QueryResultCache::get(
    const std::shared_ptr<const store::Snapshot>& snapshot, const std::string& key) {
  std::lock_guard lock(mutex_);
  if (snapshot_ != snapshot) return std::nullopt;
  auto it = index_.find(key);
  if (it == index_.end()) return std::nullopt;
  entries_.splice(entries_.begin(), entries_, it->second);
  return it->second->second;
}

void QueryResultCache::put(const std::shared_ptr<const store::Snapshot>& snapshot,
                           const std::string& key, std::string body) {
  const size_t size = key.size() + body.size();
  if (size > max_bytes_ / 4) return;
  std::lock_guard lock(mutex_);
  if (snapshot_ != snapshot) reset_to(snapshot);
  if (index_.count(key) > 0) return;
  entries_.emplace_front(key, std::move(body));
  index_[key] = entries_.begin();
  bytes_ += size;
  while (bytes_ > max_bytes_ && !entries_.empty()) {
    const Entry& last = entries_.back();
    bytes_ -= last.first.size() + last.second.size();
    index_.erase(last.first);
    entries_.pop_back();
  }
}

}  // namespace optima::server
