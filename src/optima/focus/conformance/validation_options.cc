#include "optima/focus/conformance/validation_options.h"

#include "optima/core/strings.h"

namespace optima::focus {

std::vector<std::string> parse_criteria_list(std::string_view text) {
  std::vector<std::string> out;
  for (std::string_view part : core::split(text, ',')) {
    part = core::trim(part);
    if (!part.empty()) {
      out.emplace_back(part);
    }
  }
  return out;
}

}  // namespace optima::focus
