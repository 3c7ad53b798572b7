#include "optima/ingest/azure_lookups.h"

#include <algorithm>
#include <mutex>

#include <fmt/format.h>

#include "optima/core/paths.h"
#include "optima/core/strings.h"
#include "optima/focus/schema.h"
#include "optima/ingest/csv_reader.h"

namespace optima::ingest {
namespace {

// A small CSV table read whole, with its columns located by name.
struct CsvTable {
  std::vector<std::vector<std::string>> rows;
  std::vector<size_t> columns;  // positions of the requested columns
};

core::Result<CsvTable> read_table(const std::filesystem::path& path,
                                  const std::vector<std::string_view>& wanted) {
  OPTIMA_ASSIGN_OR_RETURN(auto reader, CsvReader::open(path.string()));
  std::vector<std::string_view> fields;
  OPTIMA_ASSIGN_OR_RETURN(bool has_header, reader->next(&fields));
  if (!has_header)
    return core::invalid_argument(fmt::format("{}: empty file", path.string()));
  CsvTable table;
  for (std::string_view name : wanted) {
    auto it = std::find(fields.begin(), fields.end(), name);
    if (it == fields.end()) {
      return core::invalid_argument(fmt::format("{}: missing column {}", path.string(), name));
    }
    table.columns.push_back(static_cast<size_t>(it - fields.begin()));
  }
  while (true) {
    OPTIMA_ASSIGN_OR_RETURN(bool more, reader->next(&fields));
    if (!more)
      break;
    if (fields.size() == 1 && fields[0].empty())
      continue;  // blank line
    std::vector<std::string> row;
    for (size_t column : table.columns) {
      if (column >= fields.size()) {
        return core::invalid_argument(fmt::format("{} line {}: expected {} fields, found {}",
                                                  path.string(), reader->line_number(), column + 1,
                                                  fields.size()));
      }
      row.emplace_back(fields[column]);
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

std::string fold(std::string_view s) {
  return core::to_lower_ascii(core::trim(s));
}

std::string without_spaces(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c != ' ')
      out.push_back(c);
  }
  return out;
}

bool same_service(const AzureService& a, const AzureService& b) {
  return a.name == b.name && a.category == b.category && a.subcategory == b.subcategory;
}

// Index `key -> row` where a key that maps to different services is dropped (ambiguous).
void index_unambiguous(std::unordered_map<std::string, size_t>* index,
                       std::unordered_map<std::string, bool>* ambiguous, const std::string& key,
                       size_t row, const std::vector<AzureService>& services) {
  if (key.empty() || (*ambiguous)[key])
    return;
  auto [it, inserted] = index->emplace(key, row);
  if (!inserted && !same_service(services[it->second], services[row])) {
    index->erase(it);
    (*ambiguous)[key] = true;
  }
}

}  // namespace

core::Result<AzureLookups> AzureLookups::load(
    const AzureLookupFiles& files,
    const std::map<std::string, std::vector<std::string>>& subcategories) {
  AzureLookups lookups;

  OPTIMA_ASSIGN_OR_RETURN(
      CsvTable units,
      read_table(files.pricing_units, {"UnitOfMeasure", "PricingBlockSize", "DistinctUnits"}));
  for (size_t r = 0; r < units.rows.size(); ++r) {
    const auto& row = units.rows[r];
    AzurePricingUnit unit;
    if (!core::Decimal::parse(core::trim(row[1]), &unit.block_size) ||
        unit.block_size <= core::Decimal()) {
      return core::invalid_argument(
          fmt::format("{} row {}, column PricingBlockSize: expected a "
                      "positive decimal, found {}",
                      files.pricing_units.string(), r + 1, core::quote_for_message(row[1])));
    }
    unit.distinct_units = row[2];
    lookups.pricing_units_exact_.emplace(row[0], unit);
    lookups.pricing_units_folded_.emplace(fold(row[0]), unit);
  }

  OPTIMA_ASSIGN_OR_RETURN(CsvTable regions,
                          read_table(files.regions, {"OriginalValue", "RegionId", "RegionName"}));
  for (const auto& row : regions.rows) {
    lookups.regions_.emplace(fold(row[0]), AzureRegion{row[1], row[2]});
  }

  OPTIMA_ASSIGN_OR_RETURN(
      CsvTable services,
      read_table(files.services, {"ConsumedService", "ResourceType", "ServiceName",
                                  "ServiceCategory", "ServiceSubcategory", "PublisherName"}));
  std::unordered_map<std::string, bool> type_ambiguous;
  std::unordered_map<std::string, bool> consumed_ambiguous;
  for (const auto& row : services.rows) {
    AzureService service{row[2], row[3], row[4], row[5]};
    // Services.csv predates some FOCUS 1.2 values ("Migration / Data Transfer"): keep the
    // output inside the FOCUS enumerations.
    auto category = subcategories.find(service.category);
    if (category == subcategories.end()) {
      service.category = "Other";
      service.subcategory = "Other (Other)";
    } else if (std::find(category->second.begin(), category->second.end(), service.subcategory) ==
               category->second.end()) {
      service.subcategory = fmt::format("Other ({})", service.category);
    }
    const size_t index = lookups.services_.size();
    lookups.services_.push_back(std::move(service));
    const std::string consumed = fold(row[0]);
    const std::string type = fold(row[1]);
    lookups.service_by_pair_.emplace(consumed + "|" + type, index);
    index_unambiguous(&lookups.service_by_type_, &type_ambiguous, type, index, lookups.services_);
    index_unambiguous(&lookups.service_by_consumed_, &consumed_ambiguous, consumed, index,
                      lookups.services_);
  }

  OPTIMA_ASSIGN_OR_RETURN(
      CsvTable types, read_table(files.resource_types, {"ResourceType", "SingularDisplayName"}));
  for (const auto& row : types.rows) {
    if (!row[1].empty())
      lookups.resource_type_names_.emplace(fold(row[0]), row[1]);
  }
  return lookups;
}

core::Result<std::shared_ptr<const AzureLookups>> AzureLookups::bundled() {
  static std::mutex mutex;
  static std::shared_ptr<const AzureLookups> cached;
  std::lock_guard<std::mutex> lock(mutex);
  if (cached)
    return cached;
  AzureLookupFiles files;
  OPTIMA_ASSIGN_OR_RETURN(files.pricing_units, core::find_data_file("azure/PricingUnits.csv"));
  OPTIMA_ASSIGN_OR_RETURN(files.regions, core::find_data_file("azure/Regions.csv"));
  OPTIMA_ASSIGN_OR_RETURN(files.services, core::find_data_file("azure/Services.csv"));
  OPTIMA_ASSIGN_OR_RETURN(files.resource_types, core::find_data_file("azure/ResourceTypes.csv"));
  OPTIMA_ASSIGN_OR_RETURN(auto schema, focus::Schema::bundled());
  OPTIMA_ASSIGN_OR_RETURN(AzureLookups lookups, load(files, schema->service_subcategories()));
  cached = std::make_shared<const AzureLookups>(std::move(lookups));
  return cached;
}

AzurePricingUnit AzureLookups::pricing_unit(std::string_view unit_of_measure) const {
  if (auto it = pricing_units_exact_.find(std::string(unit_of_measure));
      it != pricing_units_exact_.end()) {
    return it->second;
  }
  if (auto it = pricing_units_folded_.find(fold(unit_of_measure));
      it != pricing_units_folded_.end()) {
    return it->second;
  }
  // Not in Microsoft's table: read "<whole number> <unit>" ourselves.
  const std::string_view text = core::trim(unit_of_measure);
  size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9')
    ++digits;
  AzurePricingUnit unit;
  const auto block = core::parse_int64(text.substr(0, digits));
  const std::string_view rest = core::trim(text.substr(digits));
  if (block && *block > 0 && !rest.empty()) {
    unit.block_size = core::Decimal::from_int(*block);
    unit.distinct_units = std::string(rest);
  } else {
    unit.distinct_units = std::string(text);
  }
  return unit;
}

const AzureRegion* AzureLookups::region(std::string_view location) const {
  const std::string key = fold(location);
  if (auto it = regions_.find(key); it != regions_.end())
    return &it->second;
  if (auto it = regions_.find(without_spaces(key)); it != regions_.end())
    return &it->second;
  return nullptr;
}

const AzureService* AzureLookups::service(std::string_view consumed_service,
                                          std::string_view resource_type) const {
  const std::string consumed = fold(consumed_service);
  const std::string type = fold(resource_type);
  if (auto it = service_by_pair_.find(consumed + "|" + type); it != service_by_pair_.end()) {
    return &services_[it->second];
  }
  if (!type.empty()) {
    if (auto it = service_by_type_.find(type); it != service_by_type_.end()) {
      return &services_[it->second];
    }
  }
  if (!consumed.empty()) {
    if (auto it = service_by_consumed_.find(consumed); it != service_by_consumed_.end()) {
      return &services_[it->second];
    }
  }
  return nullptr;
}

const std::string* AzureLookups::resource_type_name(std::string_view resource_type) const {
  auto it = resource_type_names_.find(fold(resource_type));
  return it == resource_type_names_.end() ? nullptr : &it->second;
}

}  // namespace optima::ingest
