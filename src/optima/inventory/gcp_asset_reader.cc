#include "optima/inventory/gcp_asset_reader.h"

#include <array>

#include <fmt/format.h>

#include "optima/core/file_io.h"
#include "optima/core/strings.h"
#include "optima/inventory/json_view.h"

namespace optima::inventory {
namespace {

constexpr std::array<std::pair<std::string_view, ResourceKind>, 11> kAssetKinds = {{
    {"compute.googleapis.com/Instance", ResourceKind::kVirtualMachine},
    {"compute.googleapis.com/InstanceGroupManager", ResourceKind::kScaleSet},
    {"compute.googleapis.com/Disk", ResourceKind::kDisk},
    {"compute.googleapis.com/Snapshot", ResourceKind::kSnapshot},
    {"compute.googleapis.com/Address", ResourceKind::kPublicIp},
    {"compute.googleapis.com/GlobalAddress", ResourceKind::kPublicIp},
    {"compute.googleapis.com/ForwardingRule", ResourceKind::kLoadBalancer},
    {"compute.googleapis.com/Router", ResourceKind::kNatGateway},
    {"sqladmin.googleapis.com/Instance", ResourceKind::kDatabase},
    {"storage.googleapis.com/Bucket", ResourceKind::kObjectBucket},
    {"container.googleapis.com/Cluster", ResourceKind::kOther},
}};

ResourceKind kind_of(const std::string& asset_type) {
  for (const auto& [type, kind] : kAssetKinds) {
    if (type == asset_type) return kind;
  }
  return ResourceKind::kOther;
}

// The last path segment of a URL or resource name ("…/machineTypes/e2-standard-4" -> "e2-standard-4").
std::string last_segment(const std::string& s) {
  const size_t slash = s.rfind('/');
  return slash == std::string::npos ? s : s.substr(slash + 1);
}

// "projects/my-proj/…" inside an asset name -> "my-proj".
std::string project_of(const std::string& name) {
  const size_t at = name.find("/projects/");
  if (at == std::string::npos) return {};
  const size_t start = at + 10;
  return name.substr(start, name.find('/', start) - start);
}

core::Status read_labels(const JsonView& data, std::string_view key, std::map<std::string, std::string>* tags) {
  if (std::optional<JsonView> labels = data.find(key)) {
    OPTIMA_RETURN_IF_ERROR(labels->expect_object());
    for (const auto& [k, v] : labels->json().items()) {
      OPTIMA_ASSIGN_OR_RETURN((*tags)[k], JsonView(v, labels->path() + "." + k, labels->file()).text());
    }
  }
  return core::Status::ok();
}

core::Status map_asset(const JsonView& asset, InventorySink* sink) {
  OPTIMA_RETURN_IF_ERROR(asset.expect_object());
  Resource r;
  r.provider = "Google Cloud";
  r.source_file = std::string(asset.file());
  OPTIMA_ASSIGN_OR_RETURN(r.native_id, asset.string_at("name"));
  OPTIMA_ASSIGN_OR_RETURN(std::string asset_type, asset.string_at("asset_type"));
  r.kind = kind_of(asset_type);
  r.attributes["asset_type"] = asset_type;
  r.account_id = project_of(r.native_id);
  r.resource_id = r.native_id;
  OPTIMA_ASSIGN_OR_RETURN(JsonView resource, asset.at("resource"));
  OPTIMA_ASSIGN_OR_RETURN(JsonView data, resource.at("data"));
  OPTIMA_RETURN_IF_ERROR(data.expect_object());
  OPTIMA_ASSIGN_OR_RETURN(std::string location, resource.string_or_empty("location"));
  OPTIMA_ASSIGN_OR_RETURN(r.name, data.text_or_empty("name"));
  OPTIMA_ASSIGN_OR_RETURN(std::string numeric_id, data.text_or_empty("id"));
  OPTIMA_RETURN_IF_ERROR(read_labels(data, "labels", &r.tags));
  OPTIMA_RETURN_IF_ERROR(read_labels(data, "resourceLabels", &r.tags));
  OPTIMA_ASSIGN_OR_RETURN(std::string status, data.text_or_empty("status"));
  if (status.empty()) {
    OPTIMA_ASSIGN_OR_RETURN(status, data.text_or_empty("state"));
  }
  r.state = core::to_lower_ascii(status);
  std::string created;
  for (std::string_view key : {"creationTimestamp", "timeCreated", "createTime"}) {
    if (created.empty()) {
      OPTIMA_ASSIGN_OR_RETURN(created, data.text_or_empty(key));
    }
  }
  if (!created.empty()) {
    core::Timestamp t;
    if (!core::parse_timestamp(created, &t)) {
      return core::invalid_argument(fmt::format("{}: {}.resource.data: creation time {} is not a timestamp",
                                                asset.file(), asset.path(), core::quote_for_message(created)));
    }
    r.created_at = t;
  }
  // Zonal assets: location is the zone ("europe-west1-b"); regional ones the region.
  const std::vector<std::string_view> parts = core::split(location, '-');
  if (parts.size() == 3 && parts[2].size() == 1) {
    r.zone = location;
    r.region = location.substr(0, location.size() - 2);
  } else {
    r.region = location;
  }
  switch (r.kind) {
    case ResourceKind::kVirtualMachine: {
      OPTIMA_ASSIGN_OR_RETURN(std::string machine_type, data.text_or_empty("machineType"));
      r.type = last_segment(machine_type);
      // TERMINATED is GCE's word for a stopped instance.
      if (r.state == "terminated") r.state = "stopped";
      OPTIMA_ASSIGN_OR_RETURN(std::optional<JsonView> disks, data.optional_array("disks"));
      std::vector<std::string> sources;
      for (size_t i = 0; disks && i < disks->size(); ++i) {
        OPTIMA_ASSIGN_OR_RETURN(std::string source, disks->element(i).text_or_empty("source"));
        if (!source.empty()) sources.push_back(last_segment(source));
      }
      if (!sources.empty()) r.attributes["disk_names"] = core::join(sources, ",");
      OPTIMA_ASSIGN_OR_RETURN(std::string platform, data.text_or_empty("cpuPlatform"));
      if (!platform.empty()) r.attributes["cpu_platform"] = platform;
      break;
    }
    case ResourceKind::kDisk: {
      OPTIMA_ASSIGN_OR_RETURN(std::string type, data.text_or_empty("type"));
      r.type = last_segment(type);
      OPTIMA_ASSIGN_OR_RETURN(std::string size, data.text_or_empty("sizeGb"));
      if (!size.empty()) r.attributes["size_gb"] = size;
      OPTIMA_ASSIGN_OR_RETURN(std::optional<JsonView> users, data.optional_array("users"));
      if (users && users->size() > 0) {
        OPTIMA_ASSIGN_OR_RETURN(std::string user, users->element(0).text());
        r.attributes["attached_to"] = user;
      }
      r.state = r.attributes.count("attached_to") ? "in-use" : "available";
      break;
    }
    case ResourceKind::kDatabase: {
      if (std::optional<JsonView> settings = data.find("settings")) {
        OPTIMA_ASSIGN_OR_RETURN(r.type, settings->text_or_empty("tier"));
        OPTIMA_ASSIGN_OR_RETURN(std::string size, settings->text_or_empty("dataDiskSizeGb"));
        if (!size.empty()) r.attributes["size_gb"] = size;
        OPTIMA_ASSIGN_OR_RETURN(std::string availability, settings->text_or_empty("availabilityType"));
        if (!availability.empty()) r.attributes["multi_az"] = availability == "REGIONAL" ? "true" : "false";
        OPTIMA_RETURN_IF_ERROR(read_labels(*settings, "userLabels", &r.tags));
      }
      OPTIMA_ASSIGN_OR_RETURN(std::string version, data.text_or_empty("databaseVersion"));
      if (!version.empty()) r.attributes["engine"] = core::to_lower_ascii(version);
      OPTIMA_ASSIGN_OR_RETURN(std::string zone, data.text_or_empty("gceZone"));
      if (!zone.empty()) r.zone = zone;
      if (r.state == "runnable") r.state = "running";
      break;
    }
    case ResourceKind::kObjectBucket: {
      OPTIMA_ASSIGN_OR_RETURN(r.type, data.text_or_empty("storageClass"));
      OPTIMA_ASSIGN_OR_RETURN(std::string bucket_location, data.text_or_empty("location"));
      r.region = core::to_lower_ascii(bucket_location);
      r.state = "available";
      if (!r.type.empty()) r.attributes["storage_class"] = r.type;
      break;
    }
    default:
      break;
  }
  if ((r.kind == ResourceKind::kVirtualMachine || r.kind == ResourceKind::kDisk) && !numeric_id.empty()) {
    r.resource_id = r.native_id.substr(0, r.native_id.rfind('/') + 1) + numeric_id;
  } else if (r.kind == ResourceKind::kObjectBucket && !r.name.empty()) {
    r.resource_id = "//storage.googleapis.com/projects/_/buckets/" + r.name;
  }
  return sink->add_resource(std::move(r));
}

core::Status read_export(const std::filesystem::path& path, InventorySink* sink) {
  OPTIMA_ASSIGN_OR_RETURN(std::string text, core::read_all_decompressed(path));
  sink->add_source(path.string());
  size_t start = 0;
  int64_t line = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    ++line;
    const std::string_view record = core::trim(std::string_view(text).substr(start, end - start));
    start = end + 1;
    if (record.empty()) continue;
    const std::string where = fmt::format("{}: line {}", path.string(), line);
    OPTIMA_ASSIGN_OR_RETURN(nlohmann::json asset, parse_json_document(record, where));
    OPTIMA_RETURN_IF_ERROR(map_asset(JsonView(asset, "$", where), sink));
  }
  return core::Status::ok();
}

class GcpAssetReader final : public InventoryReader {
 public:
  std::string_view name() const override { return "gcp-cloud-asset"; }
  std::string_view description() const override {
    return "Google Cloud Asset Inventory export (JSON lines: name, asset_type, resource)";
  }
  bool detect(const std::filesystem::path&, std::string_view prefix) const override {
    const std::string_view first = prefix.substr(0, prefix.find('\n'));
    return core::trim(first).starts_with("{") && first.find("\"asset_type\"") != std::string_view::npos;
  }
  core::Status read(const std::vector<std::filesystem::path>& files, InventorySink* sink) const override {
    for (const auto& path : files) OPTIMA_RETURN_IF_ERROR(read_export(path, sink));
    return core::Status::ok();
  }
};

}  // namespace

std::unique_ptr<InventoryReader> make_gcp_asset_reader() { return std::make_unique<GcpAssetReader>(); }

}  // namespace optima::inventory
