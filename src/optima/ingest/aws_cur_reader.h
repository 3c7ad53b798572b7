// The "aws-cur" reader: legacy AWS Cost and Usage Reports (CSV or gzip CSV, `lineItem/...` or
// Athena snake_case headers, any set of columns) and their S3 delivery folders with manifests,
// mapped to FOCUS 1.2 (see aws_cur_row_mapper.h for the mapping, aws_cur_delivery.h for how a
// delivery becomes units).
#pragma once

#include <memory>

#include "optima/ingest/reader.h"

namespace optima::ingest {

// For the registry. The reader is stateless and thread-safe.
std::unique_ptr<Reader> make_aws_cur_reader();

}  // namespace optima::ingest
