#include "optima/ingest/aws_cur_manifest.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "optima/core/file_io.h"
#include "optima/core/strings.h"

namespace optima::ingest {
namespace {

std::string string_member(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

void string_array(const nlohmann::json& j, const char* key, std::vector<std::string>* out) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_array())
    return;
  for (const auto& v : *it) {
    if (v.is_string())
      out->push_back(v.get<std::string>());
  }
}

// "20240101T000000.000Z" (legacy manifests) or any format core::parse_timestamp reads.
std::optional<core::Timestamp> manifest_time(std::string_view text) {
  core::Timestamp t;
  if (core::parse_timestamp(text, &t))
    return t;
  if (text.size() >= 15 && text[8] == 'T') {
    const std::string iso =
        fmt::format("{}-{}-{}T{}:{}:{}{}", text.substr(0, 4), text.substr(4, 2), text.substr(6, 2),
                    text.substr(9, 2), text.substr(11, 2), text.substr(13, 2), text.substr(15));
    if (core::parse_timestamp(iso, &t))
      return t;
  }
  return std::nullopt;
}

bool path_has_metadata_partition(const std::filesystem::path& path) {
  const std::filesystem::path dir = path.parent_path();
  return core::istarts_with(dir.filename().string(), "BILLING_PERIOD=") &&
         dir.parent_path().filename() == "metadata";
}

std::vector<std::string> key_components(std::string_view key) {
  if (core::istarts_with(key, "s3://")) {
    key.remove_prefix(5);
    const size_t slash = key.find('/');
    key = slash == std::string_view::npos ? std::string_view()
                                          : key.substr(slash + 1);  // drop the bucket
  }
  std::vector<std::string> out;
  for (std::string_view part : core::split(key, '/')) {
    if (!part.empty())
      out.emplace_back(part);
  }
  return out;
}

}  // namespace

bool is_manifest_name(const std::filesystem::path& path) {
  const std::string name = core::to_lower_ascii(path.filename().string());
  constexpr std::string_view kSuffix = "manifest.json";
  return name.size() >= kSuffix.size() &&
         name.compare(name.size() - kSuffix.size(), kSuffix.size(), kSuffix) == 0;
}

core::Result<CurManifest> parse_cur_manifest(const std::filesystem::path& path,
                                             std::string_view text) {
  const nlohmann::json j = nlohmann::json::parse(core::strip_utf8_bom(text), nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return core::invalid_argument(
        fmt::format("{}: expected a JSON object (CUR manifest)", path.string()));
  }
  CurManifest m;
  m.path = path;
  const bool data_export =
      j.contains("dataFiles") || j.contains("executionId") || path_has_metadata_partition(path);
  if (!data_export && !j.contains("assemblyId") && !j.contains("reportKeys")) {
    return core::invalid_argument(
        fmt::format("{}: not a CUR manifest (no assemblyId, reportKeys, dataFiles or executionId)",
                    path.string()));
  }
  m.kind = data_export ? CurManifestKind::kDataExport : CurManifestKind::kLegacy;
  m.assembly_id = string_member(j, "assemblyId");
  if (m.assembly_id.empty())
    m.assembly_id = string_member(j, "executionId");
  m.report_name = string_member(j, "reportName");
  if (m.report_name.empty())
    m.report_name = string_member(j, "exportName");
  string_array(j, "reportKeys", &m.keys);
  string_array(j, "dataFiles", &m.keys);
  if (const auto period = j.find("billingPeriod"); period != j.end() && period->is_object()) {
    const auto start = manifest_time(string_member(*period, "start"));
    const auto end = manifest_time(string_member(*period, "end"));
    if (start && end)
      m.billing_period = core::Period{*start, *end};
  }
  if (const auto columns = j.find("columns"); columns != j.end() && columns->is_array()) {
    for (const auto& column : *columns) {
      if (!column.is_object())
        continue;
      const std::string category = string_member(column, "category");
      const std::string name = string_member(column, "name");
      if (name.empty())
        continue;
      m.columns.push_back(category.empty() ? name : category + "/" + name);
    }
  }
  return m;
}

core::Result<CurManifest> read_cur_manifest(const std::filesystem::path& path) {
  OPTIMA_ASSIGN_OR_RETURN(const std::string text, core::read_file(path));
  return parse_cur_manifest(path, text);
}

std::filesystem::path resolve_manifest_key(const std::filesystem::path& manifest_path,
                                           std::string_view key) {
  const std::vector<std::string> parts = key_components(key);
  if (parts.empty())
    return manifest_path.parent_path();
  std::optional<std::filesystem::path> first_candidate;
  std::filesystem::path folder = manifest_path.parent_path();
  for (int level = 0; level < 4 && !folder.empty(); ++level, folder = folder.parent_path()) {
    const std::string name = folder.filename().string();
    if (name.empty())
      break;
    // The last occurrence of the folder's name in the key: what follows is relative to it.
    for (size_t i = parts.size() - 1; i-- > 0;) {
      if (parts[i] != name)
        continue;
      std::filesystem::path candidate = folder;
      for (size_t k = i + 1; k < parts.size(); ++k)
        candidate /= parts[k];
      std::error_code ec;
      if (std::filesystem::exists(candidate, ec))
        return candidate;
      if (!first_candidate)
        first_candidate = candidate;
      break;
    }
  }
  const std::filesystem::path flat = manifest_path.parent_path() / parts.back();
  std::error_code ec;
  if (std::filesystem::exists(flat, ec))
    return flat;
  return first_candidate ? *first_candidate : flat;
}

}  // namespace optima::ingest
