// Server-sent event fan-out.
#include "optima/server/event_hub.h"

#include <memory>
#include <vector>

namespace optima::server {

uint64_t EventHub::subscribe(Subscriber subscriber) {
  std::lock_guard lock(mutex_);
  const uint64_t id = next_id_++;
  subscribers_.emplace(id, std::move(subscriber));
  return id;
}

void EventHub::unsubscribe(uint64_t id) {
  std::lock_guard lock(mutex_);
  subscribers_.erase(id);
}

void EventHub::publish(std::string_view event, const nlohmann::json& data) {
  auto frame = std::make_shared<const std::string>(
      "event: " + std::string(event) + "\ndata: " +
      data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n\n");
  std::vector<Subscriber> targets;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [id, s] : subscribers_) targets.push_back(s);
  }
  // Outside the lock: a subscriber may unsubscribe from within.
  for (const Subscriber& s : targets) s(frame);
}

size_t EventHub::subscribers() const {
  std::lock_guard lock(mutex_);
  return subscribers_.size();
}

}  // namespace optima::server
