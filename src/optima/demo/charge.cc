#include "optima/demo/charge.h"

namespace optima::demo {

bool Charge::tagged() const {
  if (resource == nullptr) return false;
  for (const auto& [key, value] : resource->tags) {
    if (key == "team" && !value.empty()) return true;
  }
  return false;
}

}  // namespace optima::demo
