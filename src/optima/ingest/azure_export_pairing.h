// Pairing of Azure actual and amortized cost exports into read units.
//
// Microsoft's FOCUS conversion needs both datasets of one scope and period (FOCUS.md §3.2).
// Their headers are identical, so a file's dataset comes from its name
// (azure_cost_dataset_of) and its scope and period from its first data row: the billing
// account (EA BillingAccountId, MCA BillingProfileId, else the subscription) and the billing
// period's month (BillingPeriodStartDate, else the month of Date). Files with the same scope
// and period that include at least one actual and one amortized export form one unit (all
// parts of both; partitioned exports stay together); every other file is a unit of its own.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "optima/core/status.h"
#include "optima/ingest/reader.h"

namespace optima::ingest {

struct AzureExportScope {
  std::string billing_account;  // "" when the export has no data row
  std::string period;           // "YYYY-MM", "" when the export has no data row
};

// Reads the header and the first data row of an export. Errors: unreadable file, or a header
// that is not an Azure cost details header. A data row whose dates do not parse gives an
// empty period.
core::Result<AzureExportScope> read_azure_export_scope(const std::filesystem::path& path);

// Groups `files` into units for reader `reader_name` as described above, in the order the
// files are given. Lone actual or amortized exports, and files whose scope cannot be read,
// are named in *notes (they are still read, alone).
std::vector<InputUnit> plan_azure_units(const std::vector<std::filesystem::path>& files,
                                        std::string_view reader_name,
                                        std::vector<std::string>* notes);

}  // namespace optima::ingest
