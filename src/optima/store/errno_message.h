// errno_message: the text of an errno value, thread-safe (std::strerror is not).
#pragma once

#include <string>
#include <system_error>

namespace optima::store {

inline std::string errno_message(int error) { return std::generic_category().message(error); }

}  // namespace optima::store
