// Anomaly ⇄ JSON: the shape the CLI (--json), the API (/api/v1/anomalies) and the anomaly store
// use. Money is exact decimal strings, times "YYYY-MM-DDTHH:MM:SSZ".
#pragma once

#include <nlohmann/json.hpp>

#include "optima/analysis/anomaly/anomaly.h"
#include "optima/core/status.h"

namespace optima::analysis {

nlohmann::json anomaly_to_json(const Anomaly& anomaly);

// Errors: InvalidArgument naming the first missing or mistyped field.
core::Result<Anomaly> anomaly_from_json(const nlohmann::json& json);

}  // namespace optima::analysis
