// Planning CUR deliveries: which files of an S3 delivery copied to disk form one billing
// period's report, and which are stale.
//
// Legacy CUR ("keep previous reports"):
//   <prefix>/<report>/<yyyymmdd-yyyymmdd>/<assemblyId>/<report>-<n>.csv.gz
//   <prefix>/<report>/<yyyymmdd-yyyymmdd>/<assemblyId>/<report>-Manifest.json
//   <prefix>/<report>/<yyyymmdd-yyyymmdd>/<report>-Manifest.json   (names the latest assembly)
// Each new assembly restates the whole period, so one unit per period holds the latest assembly
// only: the one the period-level manifest names; without that manifest (or when none of the
// files it lists is here), the assembly folder modified last (ties: the greater folder name).
// The unit's files are the manifest's reportKeys when a manifest describes the chosen assembly,
// else the CSV files in its folder, in part-number order. Every other assembly is named in a note.
// "Overwrite" deliveries (<report>/<report>/year=YYYY/month=MM/) become one unit per folder.
//
// CUR 2.0 (AWS Data Exports):
//   <prefix>/<export>/data/BILLING_PERIOD=YYYY-MM/<files>
//   <prefix>/<export>/metadata/BILLING_PERIOD=YYYY-MM/<export>-Manifest.json
// One unit per (export, period): the manifest's data files when it is here (other data files
// of the period are stale and noted), else the data files of the period; when those lie in more
// than one sub-folder ("create new report" deliveries keep older executions; the sub-folder
// naming is not documented, so this is an assumption), the folder modified last wins.
//
// Anything else is one unit per file. Manifests that cannot be parsed are noted and skipped.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "optima/ingest/reader.h"

namespace optima::ingest {

std::vector<InputUnit> plan_cur_delivery(std::string_view reader,
                                         const std::vector<std::filesystem::path>& files,
                                         std::vector<std::string>* notes);

std::vector<InputUnit> plan_cur2_export(std::string_view reader,
                                        const std::vector<std::filesystem::path>& files,
                                        std::vector<std::string>* notes);

// True for a legacy billing-period folder name, "20240101-20240201".
bool is_cur_period_folder(std::string_view name);

}  // namespace optima::ingest
