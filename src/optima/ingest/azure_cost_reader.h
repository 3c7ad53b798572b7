// The "azure-cost" reader: Azure Cost Management cost details exports (EA, MCA and legacy
// pay-as-you-go; actual and amortized) converted to FOCUS 1.2.
//
// detect(): the header is a cost details header in any dialect (AzureCostHeader).
// plan():   pairs the actual and amortized exports of one billing account and period into one
//           unit (azure_export_pairing.h); every other file is read alone.
// read():   a unit holding both datasets is joined as Microsoft's FOCUS conversion does: every
//           amortized row, plus the commitment purchases and refunds of the actual export
//           (AzureCostMapper documents the column mapping). A lone export is read whole.
//           Bad cells skip the row with a RowIssue naming file, row, line and column (lenient)
//           or fail the read (strict); report warnings name the rules that shaped the output.
// The registry lists it through make_azure_cost_reader(). Thread-safe: read() keeps no state.
#pragma once

#include <memory>

#include "optima/ingest/reader.h"

namespace optima::ingest {

std::unique_ptr<Reader> make_azure_cost_reader();

}  // namespace optima::ingest
