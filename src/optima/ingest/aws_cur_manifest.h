// CurManifest: the `<report>-Manifest.json` files AWS writes next to CUR deliveries.
//
// Legacy CUR writes one per assembly folder and one per billing-period folder (the latter is
// overwritten by each new assembly, so it names the latest). Keys read: assemblyId, reportName,
// billingPeriod{start,end} ("20240101T000000.000Z"), reportKeys[] (S3 keys relative to the
// bucket), columns[]. AWS Data Exports (CUR 2.0) writes one per billing period under
// `metadata/BILLING_PERIOD=YYYY-MM/`; its documented content is the column list, the data file
// list and the period. The key names used here for it (executionId, exportName, dataFiles[] as
// s3:// URLs, with reportKeys[] accepted too) come from public parsers of real exports, not
// from an AWS schema: an assumption, checked by nothing but those parsers.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "optima/core/status.h"
#include "optima/core/time.h"

namespace optima::ingest {

enum class CurManifestKind { kLegacy, kDataExport };

struct CurManifest {
  CurManifestKind kind = CurManifestKind::kLegacy;
  std::filesystem::path path;
  std::string assembly_id;  // legacy assemblyId, or the Data Exports executionId when present
  std::string report_name;  // reportName / exportName
  std::optional<core::Period> billing_period;
  std::vector<std::string> keys;     // reportKeys / dataFiles, as written
  std::vector<std::string> columns;  // column names ("category/name" for legacy), when listed
};

// Parses manifest text. `path` is where it was read from (it decides the kind together with the
// keys). Errors: not a JSON object, or neither assemblyId/reportKeys nor dataFiles/executionId.
core::Result<CurManifest> parse_cur_manifest(const std::filesystem::path& path,
                                             std::string_view text);
core::Result<CurManifest> read_cur_manifest(const std::filesystem::path& path);

// True when the file name ends in "Manifest.json" (any case).
bool is_manifest_name(const std::filesystem::path& path);

// Where a manifest key (an S3 key or s3:// URL) is on the local disk, assuming the delivery
// was copied with its folder structure: the key is matched against the manifest's folder and
// up to three of its ancestors by folder name, and the first candidate that exists wins. When
// none exists, the candidate from the nearest matching folder (or the manifest's folder plus the
// key's file name) is returned, so a read names the missing file.
std::filesystem::path resolve_manifest_key(const std::filesystem::path& manifest_path,
                                           std::string_view key);

}  // namespace optima::ingest
