// The "aws-cur2" reader: AWS Cost and Usage Report 2.0 exports from AWS Data Exports, as CSV or
// gzip CSV with the fixed snake_case schema and the map columns (resource_tags, cost_category,
// discount, product) serialized as JSON text, and their data/ + metadata/BILLING_PERIOD=
// folders. Same FOCUS mapping as the legacy reader (aws_cur_row_mapper.h); Parquet exports are
// not supported.
#pragma once

#include <memory>

#include "optima/ingest/reader.h"

namespace optima::ingest {

// For the registry. The reader is stateless and thread-safe.
std::unique_ptr<Reader> make_aws_cur2_reader();

}  // namespace optima::ingest
