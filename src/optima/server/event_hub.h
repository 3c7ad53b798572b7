// EventHub: fan-out of live updates to server-sent event streams (GET /api/v1/events).
// publish() formats one SSE frame ("event: <name>\ndata: <json>\n\n") and hands it to every
// subscriber; subscribers must not block (the HTTP session queues the frame on its strand).
// Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace optima::server {

class EventHub {
 public:
  using Subscriber = std::function<void(std::shared_ptr<const std::string> frame)>;

  // Returns an id for unsubscribe().
  uint64_t subscribe(Subscriber subscriber);
  void unsubscribe(uint64_t id);
  void publish(std::string_view event, const nlohmann::json& data);
  size_t subscribers() const;

 private:
  mutable std::mutex mutex_;
  uint64_t next_id_ = 1;
  std::map<uint64_t, Subscriber> subscribers_;
};

}  // namespace optima::server
