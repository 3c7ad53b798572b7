#include "optima/inventory/azure_resource_graph_reader.h"

#include <array>

#include <fmt/format.h>

#include "optima/core/file_io.h"
#include "optima/core/strings.h"
#include "optima/inventory/json_view.h"

namespace optima::inventory {
namespace {

constexpr std::array<std::pair<std::string_view, ResourceKind>, 14> kTypeKinds = {{
    {"microsoft.compute/virtualmachines", ResourceKind::kVirtualMachine},
    {"microsoft.compute/virtualmachinescalesets", ResourceKind::kScaleSet},
    {"microsoft.compute/disks", ResourceKind::kDisk},
    {"microsoft.compute/snapshots", ResourceKind::kSnapshot},
    {"microsoft.network/publicipaddresses", ResourceKind::kPublicIp},
    {"microsoft.network/loadbalancers", ResourceKind::kLoadBalancer},
    {"microsoft.network/applicationgateways", ResourceKind::kLoadBalancer},
    {"microsoft.network/natgateways", ResourceKind::kNatGateway},
    {"microsoft.sql/servers/databases", ResourceKind::kDatabase},
    {"microsoft.dbforpostgresql/flexibleservers", ResourceKind::kDatabase},
    {"microsoft.dbformysql/flexibleservers", ResourceKind::kDatabase},
    {"microsoft.storage/storageaccounts", ResourceKind::kObjectBucket},
    {"microsoft.containerservice/managedclusters", ResourceKind::kOther},
    {"microsoft.compute/virtualmachinescalesets/virtualmachines", ResourceKind::kVirtualMachine},
}};

ResourceKind kind_of(const std::string& type) {
  const std::string lower = core::to_lower_ascii(type);
  for (const auto& [name, kind] : kTypeKinds) {
    if (name == lower) return kind;
  }
  return ResourceKind::kOther;
}

// properties.<a>.<b>… as text, "" when any step is absent.
core::Result<std::string> nested_text(const JsonView& object, std::initializer_list<std::string_view> keys) {
  std::optional<JsonView> at = object;
  for (std::string_view key : keys) {
    if (!at) return std::string();
    at = at->find(key);
  }
  if (!at) return std::string();
  return at->text();
}

core::Status set_attribute(Resource* r, const std::string& name, core::Result<std::string> value) {
  if (!value.is_ok()) return value.status();
  if (!value->empty()) r->attributes[name] = std::move(*value);
  return core::Status::ok();
}

core::Status map_row(const JsonView& row, InventorySink* sink) {
  OPTIMA_RETURN_IF_ERROR(row.expect_object());
  Resource r;
  r.provider = "Microsoft";
  r.source_file = std::string(row.file());
  OPTIMA_ASSIGN_OR_RETURN(r.resource_id, row.string_at("id"));
  OPTIMA_ASSIGN_OR_RETURN(std::string type, row.string_at("type"));
  r.kind = kind_of(type);
  r.attributes["azure_type"] = core::to_lower_ascii(type);
  OPTIMA_ASSIGN_OR_RETURN(r.name, row.string_or_empty("name"));
  OPTIMA_ASSIGN_OR_RETURN(r.region, row.string_or_empty("location"));
  OPTIMA_ASSIGN_OR_RETURN(r.account_id, row.string_or_empty("subscriptionId"));
  OPTIMA_RETURN_IF_ERROR(set_attribute(&r, "resource_group", row.string_or_empty("resourceGroup")));
  OPTIMA_RETURN_IF_ERROR(set_attribute(&r, "managed_by", row.string_or_empty("managedBy")));
  if (std::optional<JsonView> zones = row.find("zones"); zones && zones->is_array() && zones->size() > 0) {
    OPTIMA_ASSIGN_OR_RETURN(r.zone, zones->element(0).text());
  }
  if (std::optional<JsonView> tags = row.find("tags")) {
    OPTIMA_RETURN_IF_ERROR(tags->expect_object());
    for (const auto& [key, value] : tags->json().items()) {
      JsonView v(value, tags->path() + "." + key, tags->file());
      OPTIMA_ASSIGN_OR_RETURN(r.tags[key], v.text());
    }
  }
  std::string sku_name;
  if (std::optional<JsonView> sku = row.find("sku")) {
    OPTIMA_ASSIGN_OR_RETURN(sku_name, sku->text_or_empty("name"));
    OPTIMA_RETURN_IF_ERROR(set_attribute(&r, "sku_tier", sku->text_or_empty("tier")));
    OPTIMA_RETURN_IF_ERROR(set_attribute(&r, "capacity", sku->text_or_empty("capacity")));
  }
  static const nlohmann::json kNoProperties = nlohmann::json::object();
  const JsonView props = row.find("properties").value_or(JsonView(kNoProperties, row.path() + ".properties", row.file()));
  std::string created;
  for (std::string_view key : {"timeCreated", "creationTime", "creationDate"}) {
    if (created.empty()) {
      OPTIMA_ASSIGN_OR_RETURN(created, nested_text(props, {key}));
    }
  }
  if (!created.empty()) {
    core::Timestamp t;
    if (!core::parse_timestamp(created, &t)) {
      return core::invalid_argument(fmt::format("{}: {}.properties: creation time {} is not ISO-8601", row.file(),
                                                row.path(), core::quote_for_message(created)));
    }
    r.created_at = t;
  }
  switch (r.kind) {
    case ResourceKind::kVirtualMachine: {
      OPTIMA_ASSIGN_OR_RETURN(r.type, nested_text(props, {"hardwareProfile", "vmSize"}));
      OPTIMA_ASSIGN_OR_RETURN(std::string power, nested_text(props, {"extended", "instanceView", "powerState", "code"}));
      // "PowerState/running" -> "running", "PowerState/deallocated" -> "deallocated".
      r.state = core::to_lower_ascii(power.substr(power.find('/') == std::string::npos ? 0 : power.find('/') + 1));
      OPTIMA_RETURN_IF_ERROR(set_attribute(&r, "native_vm_id", nested_text(props, {"vmId"})));
      OPTIMA_ASSIGN_OR_RETURN(std::string os, nested_text(props, {"storageProfile", "osDisk", "osType"}));
      if (!os.empty()) r.attributes["platform"] = core::to_lower_ascii(os);
      OPTIMA_RETURN_IF_ERROR(set_attribute(&r, "license", nested_text(props, {"licenseType"})));
      break;
    }
    case ResourceKind::kDisk: {
      r.type = sku_name;
      OPTIMA_ASSIGN_OR_RETURN(std::string state, nested_text(props, {"diskState"}));
      r.state = core::to_lower_ascii(state);
      OPTIMA_RETURN_IF_ERROR(set_attribute(&r, "size_gb", nested_text(props, {"diskSizeGB"})));
      OPTIMA_RETURN_IF_ERROR(set_attribute(&r, "iops", nested_text(props, {"diskIOPSReadWrite"})));
      OPTIMA_RETURN_IF_ERROR(set_attribute(&r, "throughput_mbps", nested_text(props, {"diskMBpsReadWrite"})));
      if (auto it = r.attributes.find("managed_by"); it != r.attributes.end()) r.attributes["attached_to"] = it->second;
      break;
    }
    case ResourceKind::kPublicIp: {
      r.type = sku_name;
      OPTIMA_RETURN_IF_ERROR(set_attribute(&r, "public_ip", nested_text(props, {"ipAddress"})));
      OPTIMA_ASSIGN_OR_RETURN(std::string config, nested_text(props, {"ipConfiguration", "id"}));
      if (!config.empty()) r.attributes["attached_to"] = config;
      r.state = config.empty() ? "unassociated" : "associated";
      break;
    }
    case ResourceKind::kDatabase: {
      OPTIMA_ASSIGN_OR_RETURN(r.type, nested_text(props, {"currentServiceObjectiveName"}));
      if (r.type.empty()) r.type = sku_name;
      OPTIMA_ASSIGN_OR_RETURN(std::string status, nested_text(props, {"status"}));
      if (status.empty()) {
        OPTIMA_ASSIGN_OR_RETURN(status, nested_text(props, {"state"}));
      }
      r.state = core::to_lower_ascii(status);
      OPTIMA_ASSIGN_OR_RETURN(std::string max_bytes, nested_text(props, {"maxSizeBytes"}));
      if (std::optional<int64_t> bytes = core::parse_int64(max_bytes)) {
        r.attributes["size_gb"] = std::to_string(*bytes / 1073741824);
      }
      OPTIMA_RETURN_IF_ERROR(set_attribute(&r, "multi_az", nested_text(props, {"zoneRedundant"})));
      break;
    }
    default: {
      r.type = sku_name;
      OPTIMA_ASSIGN_OR_RETURN(std::string state, nested_text(props, {"provisioningState"}));
      OPTIMA_ASSIGN_OR_RETURN(std::string power, nested_text(props, {"powerState", "code"}));
      r.state = core::to_lower_ascii(power.empty() ? state : power);
      OPTIMA_RETURN_IF_ERROR(set_attribute(&r, "storage_class", nested_text(props, {"accessTier"})));
      break;
    }
  }
  return sink->add_resource(std::move(r));
}

core::Status read_page(const std::filesystem::path& path, InventorySink* sink) {
  OPTIMA_ASSIGN_OR_RETURN(std::string text, core::read_all_decompressed(path));
  const std::string file = path.string();
  OPTIMA_ASSIGN_OR_RETURN(nlohmann::json doc, parse_json_document(text, file));
  sink->add_source(file);
  JsonView root(doc, "$", file);
  OPTIMA_RETURN_IF_ERROR(root.expect_object());
  OPTIMA_ASSIGN_OR_RETURN(JsonView data, root.at("data"));
  if (data.is_array()) {
    for (size_t i = 0; i < data.size(); ++i) OPTIMA_RETURN_IF_ERROR(map_row(data.element(i), sink));
    return core::Status::ok();
  }
  if (!data.is_object()) return data.error("array of rows or {columns, rows} table");
  OPTIMA_ASSIGN_OR_RETURN(JsonView columns, data.at("columns"));
  OPTIMA_ASSIGN_OR_RETURN(JsonView rows, data.at("rows"));
  OPTIMA_RETURN_IF_ERROR(columns.expect_array());
  OPTIMA_RETURN_IF_ERROR(rows.expect_array());
  std::vector<std::string> names;
  for (size_t i = 0; i < columns.size(); ++i) {
    OPTIMA_ASSIGN_OR_RETURN(std::string name, columns.element(i).string_at("name"));
    names.push_back(std::move(name));
  }
  for (size_t i = 0; i < rows.size(); ++i) {
    JsonView cells = rows.element(i);
    OPTIMA_RETURN_IF_ERROR(cells.expect_array());
    if (cells.size() != names.size()) {
      return cells.error(fmt::format("{} cells (one per column)", names.size()));
    }
    nlohmann::json object = nlohmann::json::object();
    for (size_t c = 0; c < names.size(); ++c) object[names[c]] = cells.json()[c];
    OPTIMA_RETURN_IF_ERROR(map_row(JsonView(object, cells.path(), file), sink));
  }
  return core::Status::ok();
}

class AzureResourceGraphReader final : public InventoryReader {
 public:
  std::string_view name() const override { return "azure-resource-graph"; }
  std::string_view description() const override {
    return "Azure Resource Graph query results (REST: totalRecords, count, data, $skipToken)";
  }
  bool detect(const std::filesystem::path& path, std::string_view prefix) const override {
    if (!core::trim(prefix).starts_with("{")) return false;
    return path.filename().string().find("resource-graph") != std::string::npos ||
           prefix.find("\"totalRecords\"") != std::string_view::npos;
  }
  core::Status read(const std::vector<std::filesystem::path>& files, InventorySink* sink) const override {
    for (const auto& path : files) OPTIMA_RETURN_IF_ERROR(read_page(path, sink));
    return core::Status::ok();
  }
};

}  // namespace

std::unique_ptr<InventoryReader> make_azure_resource_graph_reader() {
  return std::make_unique<AzureResourceGraphReader>();
}

}  // namespace optima::inventory
