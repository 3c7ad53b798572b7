// Loading the bundled catalog JSON files without exceptions; every error names file and entry.
#include "optima/pricing/price_catalog.h"

#include <nlohmann/json.hpp>

#include "optima/core/file_io.h"
#include "optima/core/strings.h"

namespace optima::pricing {
namespace {

using nlohmann::json;

core::Status bad(const std::filesystem::path& file, std::string_view where, std::string_view what) {
  return core::invalid_argument(file.string() + ": " + std::string(where) + ": " +
                                std::string(what));
}

core::Result<json> read_json(const std::filesystem::path& file) {
  OPTIMA_ASSIGN_OR_RETURN(std::string text, core::read_file(file));
  json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    return bad(file, "document", "expected a JSON object");
  return doc;
}

std::string text_field(const json& obj, const char* key) {
  const auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

core::Result<core::Decimal> decimal_of(const json& value, const std::filesystem::path& file,
                                       const std::string& where) {
  if (!value.is_string())
    return bad(file, where, "expected a decimal string");
  core::Decimal d;
  if (!core::Decimal::parse(value.get<std::string>(), &d) || d.is_negative())
    return bad(file, where,
               "expected a non-negative decimal, found " +
                   core::quote_for_message(value.get<std::string>()));
  return d;
}

std::optional<Architecture> parse_architecture(std::string_view s) {
  if (s == "x86_64")
    return Architecture::kX86_64;
  if (s == "arm64")
    return Architecture::kArm64;
  return std::nullopt;
}

std::optional<ProcessorVendor> parse_vendor(std::string_view s) {
  if (s == "intel")
    return ProcessorVendor::kIntel;
  if (s == "amd")
    return ProcessorVendor::kAmd;
  if (s == "graviton")
    return ProcessorVendor::kAwsGraviton;
  if (s == "ampere")
    return ProcessorVendor::kAmpere;
  if (s == "unknown")
    return ProcessorVendor::kUnknown;
  return std::nullopt;
}

core::Result<InstanceSpec> parse_spec(const json& e, Provider provider,
                                      const std::filesystem::path& file, const std::string& where) {
  if (!e.is_object())
    return bad(file, where, "expected an object");
  InstanceSpec s;
  s.provider = provider;
  s.type = text_field(e, "type");
  s.family = text_field(e, "family");
  s.category = text_field(e, "category");
  s.source = text_field(e, "source");
  if (s.type.empty() || s.family.empty())
    return bad(file, where, "expected type and family");
  const auto number = [&](const char* key) -> const json* {
    const auto it = e.find(key);
    return it != e.end() && it->is_number() ? &*it : nullptr;
  };
  const json* vcpu = number("vcpu");
  const json* memory = number("memory_gib");
  if (vcpu == nullptr || memory == nullptr)
    return bad(file, where + " (" + s.type + ")", "expected numbers vcpu and memory_gib");
  s.vcpu = vcpu->get<int>();
  s.memory_gib = memory->get<double>();
  if (const json* g = number("generation"))
    s.generation = g->get<int>();
  if (const json* g = number("gpus"))
    s.gpus = g->get<int>();
  const auto arch = parse_architecture(text_field(e, "architecture"));
  const auto vendor = parse_vendor(text_field(e, "vendor"));
  if (!arch || !vendor)
    return bad(file, where + " (" + s.type + ")", "expected architecture and vendor names");
  s.architecture = *arch;
  s.vendor = *vendor;
  const auto flag = [&](const char* key) {
    const auto it = e.find(key);
    return it != e.end() && it->is_boolean() && it->get<bool>();
  };
  s.previous_generation = flag("previous_generation");
  s.database = flag("database");
  return s;
}

// A priced file: {"source", "price_basis", "instances": [{spec..., "prices": {region: {opt: $}}}]}.
core::Status load_priced(const std::filesystem::path& file, Provider provider,
                         std::vector<CatalogInstance>* out) {
  OPTIMA_ASSIGN_OR_RETURN(json doc, read_json(file));
  const auto list = doc.find("instances");
  if (list == doc.end() || !list->is_array())
    return bad(file, "instances", "expected an array");
  const std::string basis = text_field(doc, "price_basis");
  for (size_t i = 0; i < list->size(); ++i) {
    const json& e = (*list)[i];
    const std::string where = "instances[" + std::to_string(i) + "]";
    CatalogInstance inst;
    OPTIMA_ASSIGN_OR_RETURN(inst.spec, parse_spec(e, provider, file, where));
    inst.price_basis = basis;
    const auto prices = e.find("prices");
    if (prices != e.end()) {
      if (!prices->is_object())
        return bad(file, where + ".prices", "expected an object");
      for (const auto& [region, options] : prices->items()) {
        if (!options.is_object())
          return bad(file, where + ".prices." + region, "expected an object");
        for (const auto& [option, value] : options.items()) {
          OPTIMA_ASSIGN_OR_RETURN(
              inst.prices[region][option],
              decimal_of(value, file, where + ".prices." + region + "." + option));
        }
      }
    }
    out->push_back(std::move(inst));
  }
  return core::Status::ok();
}

}  // namespace

core::Result<std::unique_ptr<PriceCatalog>> PriceCatalog::load(const std::filesystem::path& dir) {
  auto catalog = std::make_unique<PriceCatalog>();
  OPTIMA_RETURN_IF_ERROR(load_priced(dir / "aws_ec2.json", Provider::kAws, &catalog->instances_));
  OPTIMA_RETURN_IF_ERROR(load_priced(dir / "aws_rds.json", Provider::kAws, &catalog->instances_));
  OPTIMA_RETURN_IF_ERROR(
      load_priced(dir / "azure_vm.json", Provider::kAzure, &catalog->instances_));

  // Shapes of types without a price source; a priced entry of the same type wins.
  const std::filesystem::path shapes_file = dir / "machine_shapes.json";
  OPTIMA_ASSIGN_OR_RETURN(json shapes, read_json(shapes_file));
  const auto list = shapes.find("instances");
  if (list == shapes.end() || !list->is_array())
    return bad(shapes_file, "instances", "expected an array");
  const std::string shapes_source = text_field(shapes, "source");
  for (size_t i = 0; i < list->size(); ++i) {
    const std::string where = "instances[" + std::to_string(i) + "]";
    const auto provider =
        (*list)[i].is_object() ? parse_provider(text_field((*list)[i], "provider")) : std::nullopt;
    if (!provider)
      return bad(shapes_file, where, "expected provider aws, azure or gcp");
    CatalogInstance inst;
    OPTIMA_ASSIGN_OR_RETURN(inst.spec, parse_spec((*list)[i], *provider, shapes_file, where));
    if (inst.spec.source.empty())
      inst.spec.source = shapes_source;
    if (catalog->find(*provider, inst.spec.type) == nullptr)
      catalog->instances_.push_back(std::move(inst));
  }

  const std::filesystem::path fixed_file = dir / "fixed_rates.json";
  OPTIMA_ASSIGN_OR_RETURN(json fixed, read_json(fixed_file));
  const std::string fixed_source = text_field(fixed, "source");
  const auto providers = fixed.find("providers");
  if (providers == fixed.end() || !providers->is_object())
    return bad(fixed_file, "providers", "expected an object");
  for (const auto& [key, block] : providers->items()) {
    const auto provider = parse_provider(key);
    if (!provider || !block.is_object())
      return bad(fixed_file, "providers." + key, "expected a provider object");
    const std::string region = text_field(block, "region");
    for (const auto& [section, target] : {std::pair{"storage_gb_month", &catalog->storage_},
                                          std::pair{"hourly", &catalog->hourly_}}) {
      const auto items = block.find(section);
      if (items == block.end())
        continue;
      if (!items->is_object())
        return bad(fixed_file, "providers." + key + "." + section, "expected an object");
      for (const auto& [name, value] : items->items()) {
        CatalogConstant c;
        OPTIMA_ASSIGN_OR_RETURN(
            c.value,
            decimal_of(value, fixed_file, "providers." + key + "." + section + "." + name));
        c.base_region = region;
        c.source = fixed_source;
        (*target)[{*provider, name}] = std::move(c);
      }
    }
  }
  return catalog;
}

const CatalogInstance* PriceCatalog::find(Provider provider, std::string_view type) const {
  const CatalogInstance* folded = nullptr;
  for (const CatalogInstance& inst : instances_) {
    if (inst.spec.provider != provider)
      continue;
    if (inst.spec.type == type)
      return &inst;
    if (folded == nullptr && core::iequals(inst.spec.type, type))
      folded = &inst;
  }
  return folded;
}

std::optional<CatalogConstant> PriceCatalog::storage(Provider provider,
                                                     std::string_view volume_type) const {
  const auto it = storage_.find({provider, core::to_lower_ascii(volume_type)});
  if (it == storage_.end())
    return std::nullopt;
  return it->second;
}

std::optional<CatalogConstant> PriceCatalog::hourly(Provider provider,
                                                    std::string_view item) const {
  const auto it = hourly_.find({provider, std::string(item)});
  if (it == hourly_.end())
    return std::nullopt;
  return it->second;
}

}  // namespace optima::pricing
