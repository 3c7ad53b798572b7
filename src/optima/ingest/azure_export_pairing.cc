#include "optima/ingest/azure_export_pairing.h"

#include <map>
#include <optional>
#include <utility>

#include <fmt/format.h>

#include "optima/core/strings.h"
#include "optima/core/time.h"
#include "optima/ingest/azure_cost_dataset.h"
#include "optima/ingest/azure_cost_header.h"
#include "optima/ingest/csv_reader.h"

namespace optima::ingest {
namespace {

std::string_view field_of(const std::vector<std::string_view>& fields,
                          const AzureCostHeader& header, AzureField field) {
  const int i = header.index(field);
  if (i < 0 || static_cast<size_t>(i) >= fields.size())
    return {};
  return core::trim(fields[static_cast<size_t>(i)]);
}

std::string month_text(core::Timestamp t) {
  const core::CivilDate d = core::date_of(t);
  return fmt::format("{:04d}-{:02d}", d.year, d.month);
}

}  // namespace

core::Result<AzureExportScope> read_azure_export_scope(const std::filesystem::path& path) {
  OPTIMA_ASSIGN_OR_RETURN(auto reader, CsvReader::open(path.string()));
  std::vector<std::string_view> fields;
  OPTIMA_ASSIGN_OR_RETURN(bool has_header, reader->next(&fields));
  if (!has_header)
    return core::invalid_argument(fmt::format("{}: empty file", path.string()));
  const std::vector<std::string> names(fields.begin(), fields.end());
  const auto header = AzureCostHeader::recognize(names);
  if (!header) {
    return core::invalid_argument(
        fmt::format("{}: not an Azure cost details export header", path.string()));
  }
  AzureExportScope scope;
  while (true) {
    OPTIMA_ASSIGN_OR_RETURN(bool more, reader->next(&fields));
    if (!more)
      return scope;
    if (fields.size() > 1 || !fields[0].empty())
      break;  // skip blank lines
  }
  const std::string_view profile = field_of(fields, *header, AzureField::kBillingProfileId);
  const std::string_view account = field_of(fields, *header, AzureField::kBillingAccountId);
  const bool mca = header->agreement() == AzureAgreement::kCustomerAgreement;
  if (!profile.empty() && (mca || account.empty())) {
    scope.billing_account = profile;
  } else if (!account.empty()) {
    scope.billing_account = account;
  } else {
    scope.billing_account = field_of(fields, *header, AzureField::kSubscriptionId);
  }
  core::Timestamp t;
  if (core::parse_timestamp(field_of(fields, *header, AzureField::kBillingPeriodStart), &t) ||
      core::parse_timestamp(field_of(fields, *header, AzureField::kDate), &t)) {
    scope.period = month_text(t);
  }
  return scope;
}

std::vector<InputUnit> plan_azure_units(const std::vector<std::filesystem::path>& files,
                                        std::string_view reader_name,
                                        std::vector<std::string>* notes) {
  struct Group {
    std::string account;
    std::string period;
    std::vector<size_t> actual;
    std::vector<size_t> amortized;
  };
  // Each file either joins a group (by scope and period) or stands alone; units are emitted in
  // the order of each group's or file's first appearance.
  std::vector<std::optional<size_t>> group_of(files.size());
  std::vector<Group> groups;
  std::map<std::pair<std::string, std::string>, size_t> group_index;
  for (size_t i = 0; i < files.size(); ++i) {
    const AzureCostDataset dataset = azure_cost_dataset_of(files[i]);
    if (dataset == AzureCostDataset::kUnknown)
      continue;
    auto scope = read_azure_export_scope(files[i]);
    if (!scope.is_ok() || scope->period.empty()) {
      if (notes != nullptr) {
        notes->push_back(fmt::format(
            "{}: {} cost export whose billing account and period could not be read ({}); read "
            "alone",
            files[i].string(), azure_cost_dataset_name(dataset),
            scope.is_ok() ? "no data row" : scope.status().message()));
      }
      continue;
    }
    auto key = std::make_pair(scope->billing_account, scope->period);
    auto [it, inserted] = group_index.emplace(key, groups.size());
    if (inserted)
      groups.push_back(Group{key.first, key.second, {}, {}});
    Group& group = groups[it->second];
    (dataset == AzureCostDataset::kActual ? group.actual : group.amortized).push_back(i);
    group_of[i] = it->second;
  }

  std::vector<InputUnit> units;
  std::vector<bool> group_emitted(groups.size(), false);
  for (size_t i = 0; i < files.size(); ++i) {
    if (group_of[i]) {
      const size_t g = *group_of[i];
      const Group& group = groups[g];
      if (!group.actual.empty() && !group.amortized.empty()) {
        if (group_emitted[g])
          continue;
        group_emitted[g] = true;
        InputUnit unit{std::string(reader_name), {}, ""};
        for (size_t f : group.amortized)
          unit.files.push_back(files[f]);
        for (size_t f : group.actual)
          unit.files.push_back(files[f]);
        unit.label =
            fmt::format("Azure cost details {} {}: {} amortized + {} actual file(s)", group.account,
                        group.period, group.amortized.size(), group.actual.size());
        units.push_back(std::move(unit));
        continue;
      }
      if (notes != nullptr) {
        const bool actual = !group.actual.empty();
        notes->push_back(fmt::format(
            "{}: {} cost export without a matching {} export (billing account {}, period {}); "
            "read alone",
            files[i].string(), actual ? "actual" : "amortized", actual ? "amortized" : "actual",
            group.account, group.period));
      }
    }
    units.push_back(InputUnit{std::string(reader_name), {files[i]}, files[i].string()});
  }
  return units;
}

}  // namespace optima::ingest
