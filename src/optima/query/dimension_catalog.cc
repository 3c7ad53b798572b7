#include "optima/query/dimension_catalog.h"

#include <algorithm>
#include <cctype>
#include <mutex>
#include <set>

#include "optima/query/executor.h"

namespace optima::query {
namespace {

bool is_catalog_column(const focus::ColumnInfo& info) {
  return info.kind == focus::ColumnKind::kString && info.column != focus::Column::kSkuPriceDetails;
}

bool contains_icase(std::string_view haystack, std::string_view needle) {
  if (needle.empty()) return true;
  auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                        [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) ==
                                                    std::tolower(static_cast<unsigned char>(b)); });
  return it != haystack.end();
}

}  // namespace

core::Result<std::vector<Dimension>> list_dimensions(const store::TableSource& source,
                                                     core::ThreadPool* pool) {
  store::ColumnSelection selection;
  for (const focus::ColumnInfo& info : focus::all_columns()) {
    if (is_catalog_column(info)) selection.add(info.column);
  }
  selection.add(focus::Column::kTags);
  selection.all_extensions = true;

  std::mutex mu;
  std::set<focus::Column> columns;
  std::set<std::string> tag_keys;
  std::set<std::string> extensions;
  const auto& groups = source.row_groups();
  core::ThreadPool& workers = pool != nullptr ? *pool : core::ThreadPool::shared();
  OPTIMA_RETURN_IF_ERROR(workers.parallel_for(groups.size(), [&](size_t i) -> core::Status {
    OPTIMA_ASSIGN_OR_RETURN(auto table, source.load(groups[i], selection));
    std::set<focus::Column> local_columns;
    for (const focus::ColumnInfo& info : focus::all_columns()) {
      if (!is_catalog_column(info) || !table->present(info.column)) continue;
      const focus::StringColumn& col = table->strings(info.column);
      if (col.dictionary.size() > 1) local_columns.insert(info.column);
    }
    const auto& keys = table->tags().key_dictionary;
    std::lock_guard lock(mu);
    columns.insert(local_columns.begin(), local_columns.end());
    for (size_t k = 1; k < keys.size(); ++k) tag_keys.insert(keys[k]);
    for (const focus::ExtensionColumn& ext : table->extensions()) {
      if (ext.data.dictionary.size() > 1) extensions.insert(ext.name);
    }
    return core::Status::ok();
  }));

  std::vector<Dimension> out;
  std::vector<Dimension> named;
  for (focus::Column c : columns) named.push_back(Dimension::of_column(c));
  std::sort(named.begin(), named.end(),
            [](const Dimension& a, const Dimension& b) { return a.to_string() < b.to_string(); });
  out.insert(out.end(), named.begin(), named.end());
  for (const std::string& key : tag_keys) out.push_back(Dimension::of_tag(key));
  for (const std::string& name : extensions) out.push_back(Dimension::of_extension(name));
  return out;
}

core::Result<DimensionValues> dimension_values(const store::TableSource& source,
                                               const DimensionValuesRequest& request) {
  Query q;
  q.time_range = request.time_range;
  q.metrics = {request.metric};
  q.group_by = {request.dimension};
  q.filters = request.filters;
  OPTIMA_ASSIGN_OR_RETURN(QueryResult result, execute(q, source));
  DimensionValues out;
  out.currency = result.columns[1].currency;
  for (const ResultRow& row : result.rows) {  // ordered by the metric, descending
    DimensionValue v;
    if (const auto* s = std::get_if<std::string>(&row.values[0])) v.value = *s;
    if (const auto* d = std::get_if<core::Decimal>(&row.values[1])) v.cost = *d;
    const std::string_view text = v.value ? std::string_view(*v.value) : std::string_view();
    if (!request.search.empty() && (!v.value || !contains_icase(text, request.search))) continue;
    ++out.matched;
    if (out.values.size() < request.limit) out.values.push_back(std::move(v));
  }
  return out;
}

}  // namespace optima::query
