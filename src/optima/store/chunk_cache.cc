#include "optima/store/chunk_cache.h"

#include <string>
#include <vector>

namespace optima::store {
namespace {

size_t strings_footprint(const std::vector<std::string>& values) {
  size_t bytes = values.capacity() * sizeof(std::string);
  for (const std::string& s : values) {
    if (s.capacity() > 15) bytes += s.capacity() + 1;  // beyond libstdc++'s inline buffer
  }
  return bytes;
}

template <typename T>
size_t vector_footprint(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}

}  // namespace

size_t footprint(const DecodedColumn& column) {
  struct Visitor {
    size_t operator()(const focus::StringColumn& c) const {
      return vector_footprint(c.codes) + strings_footprint(c.dictionary);
    }
    size_t operator()(const focus::DecimalColumn& c) const {
      return vector_footprint(c.values) + vector_footprint(c.nulls);
    }
    size_t operator()(const focus::TimeColumn& c) const { return vector_footprint(c.seconds); }
    size_t operator()(const focus::TagColumn& c) const {
      return vector_footprint(c.offsets) + vector_footprint(c.keys) + vector_footprint(c.values) +
             strings_footprint(c.key_dictionary) + strings_footprint(c.value_dictionary);
    }
  };
  return sizeof(DecodedChunk) + std::visit(Visitor{}, column);
}

std::shared_ptr<const DecodedChunk> ChunkCache::find(const ChunkKey& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto it = index_.find(key);
  if (it == index_.end()) {
    ++stats_.misses;
    return nullptr;
  }
  ++stats_.hits;
  lru_.splice(lru_.begin(), lru_, it->second);
  return it->second->second;
}

bool ChunkCache::insert(const ChunkKey& key, std::shared_ptr<const DecodedChunk> chunk) {
  if (chunk->bytes > capacity_) return false;
  std::lock_guard<std::mutex> lock(mutex_);
  if (const auto it = index_.find(key); it != index_.end()) erase_locked(it->second);
  bytes_ += chunk->bytes;
  lru_.emplace_front(key, std::move(chunk));
  index_.emplace(key, lru_.begin());
  while (bytes_ > capacity_) {
    erase_locked(std::prev(lru_.end()));
    ++stats_.evictions;
  }
  return true;
}

void ChunkCache::erase_segment(uint64_t segment) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto it = lru_.begin(); it != lru_.end();) {
    const auto next = std::next(it);
    if (it->first.segment == segment) erase_locked(it);
    it = next;
  }
}

void ChunkCache::erase_locked(Lru::iterator it) {
  bytes_ -= it->second->bytes;
  index_.erase(it->first);
  lru_.erase(it);
}

ChunkCache::Stats ChunkCache::stats() const {
  std::lock_guard<std::mutex> lock(mutex_);
  Stats out = stats_;
  out.bytes = bytes_;
  out.entries = index_.size();
  return out;
}

}  // namespace optima::store
