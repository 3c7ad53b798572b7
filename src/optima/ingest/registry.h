// The reader registry: every billing-format reader, listed explicitly in registry.cc (no
// self-registration, which a static library silently drops). The same table drives detection,
// --format, --help and the API's list of formats. Thread-safe: the readers are immutable.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "optima/ingest/reader.h"

namespace optima::ingest {

// Every reader in detection order: provider-specific dialects first, generic formats last, so
// the first reader whose detect() accepts a file is the most specific one. Built on first use.
const std::vector<std::unique_ptr<Reader>>& all_readers();

// The reader named `name` (as given to --format), or nullptr.
const Reader* find_reader(std::string_view name);

}  // namespace optima::ingest
