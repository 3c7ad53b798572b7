// Helpers for the Google Cloud reader tests: a sink that keeps what it receives, and cell
// accessors over the tables it kept.
#pragma once

#include "ingest_test_support.h"

#include <string>
#include <string_view>
#include <vector>

#include "optima/core/decimal.h"
#include "optima/focus/table.h"
#include "optima/ingest/reader.h"

namespace optima::ingest::testing {

}  // namespace optima::ingest::testing
