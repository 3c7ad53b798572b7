#include "optima/query/focus_csv_writer.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <optional>

#include <fcntl.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "optima/core/file_io.h"
#include "optima/focus/schema.h"
#include "optima/query/row_selector.h"

namespace optima::query {

namespace {

constexpr size_t kFlushBytes = 1 << 20;

bool needs_quotes(std::string_view field) {
  for (char c : field) {
    if (c == ',' || c == '"' || c == '\n' || c == '\r')
      return true;
  }
  return false;
}

void append_quoted(std::string_view field, std::string* out) {
  out->push_back('"');
  for (char c : field) {
    if (c == '"')
      out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

void append_field(std::string_view field, std::string* out) {
  if (needs_quotes(field)) {
    append_quoted(field, out);
  } else {
    out->append(field);
  }
}

// Writes `v` (< 10^digits) as exactly `digits` decimal digits.
void append_padded(uint64_t v, int digits, std::string* out) {
  char buf[24];
  for (int i = digits - 1; i >= 0; --i) {
    buf[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  out->append(buf, static_cast<size_t>(digits));
}

void append_uint128(core::UInt128 v, std::string* out) {
  char buf[48];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + static_cast<int>(v % 10));
    v /= 10;
  } while (v != 0);
  while (n > 0)
    out->push_back(buf[--n]);
}

// Same text as core::Decimal::to_string() (shortest exact plain decimal), without allocating.
void append_decimal(core::Int128 units, std::string* out) {
  const bool negative = units < 0;
  const core::UInt128 mag =
      negative ? static_cast<core::UInt128>(-(units + 1)) + 1 : static_cast<core::UInt128>(units);
  constexpr uint64_t kOne = 1000000000000000000ULL;
  const core::UInt128 whole = mag / kOne;
  uint64_t frac = static_cast<uint64_t>(mag % kOne);
  if (negative && mag != 0)
    out->push_back('-');
  if (whole <= UINT64_MAX) {
    char buf[24];
    auto w = static_cast<uint64_t>(whole);
    int n = 0;
    do {
      buf[n++] = static_cast<char>('0' + w % 10);
      w /= 10;
    } while (w != 0);
    while (n > 0)
      out->push_back(buf[--n]);
  } else {
    append_uint128(whole, out);
  }
  if (frac == 0)
    return;
  int digits = 18;
  while (frac % 10 == 0) {
    frac /= 10;
    --digits;
  }
  out->push_back('.');
  append_padded(frac, digits, out);
}

// "YYYY-MM-DDTHH:MM:SSZ", as core::format_iso8601().
void append_time(int64_t seconds, std::string* out) {
  int64_t days = seconds / core::kSecondsPerDay;
  int64_t rem = seconds % core::kSecondsPerDay;
  if (rem < 0) {
    rem += core::kSecondsPerDay;
    --days;
  }
  const core::CivilDate d = core::civil_from_days(days);
  if (d.year < 0 || d.year > 9999) {
    out->append(core::format_iso8601({seconds}));
    return;
  }
  append_padded(static_cast<uint64_t>(d.year), 4, out);
  out->push_back('-');
  append_padded(static_cast<uint64_t>(d.month), 2, out);
  out->push_back('-');
  append_padded(static_cast<uint64_t>(d.day), 2, out);
  out->push_back('T');
  append_padded(static_cast<uint64_t>(rem / 3600), 2, out);
  out->push_back(':');
  append_padded(static_cast<uint64_t>((rem / 60) % 60), 2, out);
  out->push_back(':');
  append_padded(static_cast<uint64_t>(rem % 60), 2, out);
  out->push_back('Z');
}

// A JSON string (as nlohmann dumps it, the form Table::tags_json uses) with its quotes doubled
// for a quoted CSV field.
std::string csv_json_string(const std::string& s) {
  const std::string json =
      nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out;
  out.reserve(json.size() + 4);
  for (char c : json) {
    if (c == '"')
      out.push_back('"');
    out.push_back(c);
  }
  return out;
}

// Writes the rows of one row group, caching text per dictionary value.
class RowGroupWriter {
 public:
  RowGroupWriter(const focus::Table& table, const std::vector<focus::ColumnInfo>& columns,
                 const std::vector<std::string>& extensions)
      : table_(table), columns_(columns) {
    for (const focus::ColumnInfo& info : columns_) {
      if (info.kind != focus::ColumnKind::kString || !table.present(info.column))
        continue;
      quote_[focus::index_of(info.column)] = quote_flags(table.strings(info.column));
    }
    for (const std::string& name : extensions) {
      const focus::ExtensionColumn* ext = table.extension(name);
      extensions_.push_back(ext);
      extension_quotes_.push_back(ext != nullptr ? quote_flags(ext->data) : std::vector<uint8_t>());
    }
    const focus::TagColumn& tags = table.tags();
    if (table.present(focus::Column::kTags) && tags.offsets.size() == table.num_rows() + 1) {
      has_tags_ = true;
      // Keys sorted by their text, as in Table::tags_json.
      std::vector<uint32_t> by_text(tags.key_dictionary.size());
      for (uint32_t k = 0; k < by_text.size(); ++k)
        by_text[k] = k;
      std::sort(by_text.begin(), by_text.end(), [&tags](uint32_t a, uint32_t b) {
        return tags.key_dictionary[a] < tags.key_dictionary[b];
      });
      key_rank_.resize(by_text.size());
      for (uint32_t i = 0; i < by_text.size(); ++i)
        key_rank_[by_text[i]] = i;
      key_json_.resize(tags.key_dictionary.size());
      value_json_.resize(tags.value_dictionary.size());
    }
  }

  void write_row(uint32_t r, std::string* out) {
    for (const focus::ColumnInfo& info : columns_) {
      if (info.column != columns_.front().column)
        out->push_back(',');
      if (!table_.present(info.column))
        continue;
      switch (info.kind) {
        case focus::ColumnKind::kString: {
          const focus::StringColumn& col = table_.strings(info.column);
          const uint32_t code = col.codes[r];
          if (code == 0)
            break;
          if (quote_[focus::index_of(info.column)][code] != 0) {
            append_quoted(col.dictionary[code], out);
          } else {
            out->append(col.dictionary[code]);
          }
          break;
        }
        case focus::ColumnKind::kDecimal: {
          const focus::DecimalColumn& col = table_.decimals(info.column);
          if (!col.is_null(r))
            append_decimal(col.values[r].units(), out);
          break;
        }
        case focus::ColumnKind::kDateTime: {
          const int64_t t = table_.times(info.column).seconds[r];
          if (t == focus::kNullTime)
            break;
          // Billing rows repeat their periods: reuse the previous row's text.
          TimeText& cached = time_text_[focus::index_of(info.column)];
          if (cached.seconds != t || cached.text.empty()) {
            cached.seconds = t;
            cached.text.clear();
            append_time(t, &cached.text);
          }
          out->append(cached.text);
          break;
        }
        case focus::ColumnKind::kTags:
          if (has_tags_)
            write_tags(r, out);
          break;
      }
    }
    for (size_t e = 0; e < extensions_.size(); ++e) {
      out->push_back(',');
      const focus::ExtensionColumn* ext = extensions_[e];
      if (ext == nullptr)
        continue;
      const uint32_t code = ext->data.codes[r];
      if (code == 0)
        continue;
      if (extension_quotes_[e][code] != 0) {
        append_quoted(ext->data.dictionary[code], out);
      } else {
        out->append(ext->data.dictionary[code]);
      }
    }
    out->push_back('\n');
  }

 private:
  static std::vector<uint8_t> quote_flags(const focus::StringColumn& column) {
    std::vector<uint8_t> flags(column.dictionary.size(), 0);
    for (size_t c = 1; c < flags.size(); ++c)
      flags[c] = needs_quotes(column.dictionary[c]) ? 1 : 0;
    return flags;
  }

  const std::string& cached_json(std::vector<std::optional<std::string>>* cache,
                                 const std::vector<std::string>& dictionary, uint32_t code) {
    std::optional<std::string>& slot = (*cache)[code];
    if (!slot)
      slot = csv_json_string(dictionary[code]);
    return *slot;
  }

  void write_tags(uint32_t r, std::string* out) {
    const focus::TagColumn& tags = table_.tags();
    const uint32_t begin = tags.offsets[r];
    const uint32_t end = tags.offsets[r + 1];
    if (begin == end)
      return;
    pairs_.clear();
    for (uint32_t i = begin; i < end; ++i)
      pairs_.push_back(i);
    std::sort(pairs_.begin(), pairs_.end(), [&](uint32_t a, uint32_t b) {
      return key_rank_[tags.keys[a]] < key_rank_[tags.keys[b]];
    });
    out->append("\"{");
    for (size_t i = 0; i < pairs_.size(); ++i) {
      if (i > 0)
        out->push_back(',');
      out->append(cached_json(&key_json_, tags.key_dictionary, tags.keys[pairs_[i]]));
      out->push_back(':');
      out->append(cached_json(&value_json_, tags.value_dictionary, tags.values[pairs_[i]]));
    }
    out->append("}\"");
  }

  struct TimeText {
    int64_t seconds = focus::kNullTime;
    std::string text;
  };

  const focus::Table& table_;
  const std::vector<focus::ColumnInfo>& columns_;
  std::array<std::vector<uint8_t>, focus::kColumnCount> quote_;
  std::array<TimeText, focus::kColumnCount> time_text_;
  std::vector<const focus::ExtensionColumn*> extensions_;
  std::vector<std::vector<uint8_t>> extension_quotes_;
  bool has_tags_ = false;
  std::vector<uint32_t> key_rank_;
  std::vector<std::optional<std::string>> key_json_;
  std::vector<std::optional<std::string>> value_json_;
  std::vector<uint32_t> pairs_;
};

core::Status load_error(const core::Status& status, const store::RowGroupInfo& info) {
  return status.with_context(
      fmt::format("row group {} of partition {}", info.index, info.partition_id));
}

// Whether column `c` of `table` holds a value in one of the selected rows.
bool has_value(const focus::Table& table, focus::Column c, const Selection& selection) {
  if (!table.present(c))
    return false;
  const size_t n = selection.size(table.num_rows());
  for (size_t k = 0; k < n; ++k) {
    const size_t r = selection.all ? k : selection.rows[k];
    switch (focus::column_kind(c)) {
      case focus::ColumnKind::kString:
        if (!table.strings(c).is_null(r))
          return true;
        break;
      case focus::ColumnKind::kDecimal:
        if (!table.decimals(c).is_null(r))
          return true;
        break;
      case focus::ColumnKind::kDateTime:
        if (!table.times(c).is_null(r))
          return true;
        break;
      case focus::ColumnKind::kTags: {
        const focus::TagColumn& tags = table.tags();
        if (tags.offsets.size() == table.num_rows() + 1 && tags.offsets[r + 1] > tags.offsets[r])
          return true;
        break;
      }
    }
  }
  return false;
}

}  // namespace

core::Status write_focus_csv(const store::TableSource& source, const FocusExportFilter& filter,
                             const ChunkSink& sink, FocusExportStats* stats) {
  FocusExportStats local;
  FocusExportStats& st = stats != nullptr ? *stats : local;
  st = FocusExportStats();
  const RowSelector selector(filter.time_range, filter.filters);
  std::vector<const store::RowGroupInfo*> groups;
  for (const store::RowGroupInfo& info : source.row_groups()) {
    if (selector.may_match(info))
      groups.push_back(&info);
  }

  // First pass, for the header: the FOCUS columns with a value in a selected row (Mandatory
  // columns always) and the x_ columns of every row group.
  OPTIMA_ASSIGN_OR_RETURN(std::shared_ptr<const focus::Schema> schema, focus::Schema::bundled());
  std::array<bool, focus::kColumnCount> wanted{};
  for (const focus::ColumnInfo& info : focus::all_columns()) {
    const focus::ColumnSpec* spec = schema->find("1.2", std::string(info.name));
    wanted[focus::index_of(info.column)] =
        spec != nullptr && spec->level == focus::FeatureLevel::kMandatory;
  }
  const store::ColumnSelection all = store::ColumnSelection::all();
  RowSelector::Scratch scratch;
  Selection selection;
  for (const store::RowGroupInfo* info : groups) {
    core::Result<std::shared_ptr<const focus::Table>> loaded = source.load(*info, all);
    if (!loaded.is_ok())
      return load_error(loaded.status(), *info);
    const focus::Table& table = **loaded;
    for (const focus::ExtensionColumn& ext : table.extensions())
      st.extension_columns.push_back(ext.name);
    selector.select(table, &selection, &scratch);
    for (const focus::ColumnInfo& c : focus::all_columns()) {
      bool& w = wanted[focus::index_of(c.column)];
      w = w || has_value(table, c.column, selection);
    }
  }
  std::sort(st.extension_columns.begin(), st.extension_columns.end());
  st.extension_columns.erase(std::unique(st.extension_columns.begin(), st.extension_columns.end()),
                             st.extension_columns.end());
  std::vector<focus::ColumnInfo> columns;
  for (const focus::ColumnInfo& info : focus::all_columns()) {
    if (wanted[focus::index_of(info.column)]) {
      columns.push_back(info);
      st.focus_columns.push_back(info.column);
    }
  }

  std::string buffer;
  buffer.reserve(kFlushBytes + (64 << 10));
  auto flush = [&]() -> core::Status {
    if (buffer.empty())
      return core::Status::ok();
    OPTIMA_RETURN_IF_ERROR(sink(buffer));
    st.bytes_written += buffer.size();
    buffer.clear();
    return core::Status::ok();
  };
  for (const focus::ColumnInfo& info : columns) {
    if (info.column != columns.front().column)
      buffer.push_back(',');
    buffer.append(info.name);
  }
  for (const std::string& name : st.extension_columns) {
    buffer.push_back(',');
    append_field(name, &buffer);
  }
  buffer.push_back('\n');

  for (const store::RowGroupInfo* info : groups) {
    core::Result<std::shared_ptr<const focus::Table>> loaded = source.load(*info, all);
    if (!loaded.is_ok())
      return load_error(loaded.status(), *info);
    const focus::Table& table = **loaded;
    selector.select(table, &selection, &scratch);
    const size_t n = selection.size(table.num_rows());
    if (n == 0)
      continue;
    RowGroupWriter writer(table, columns, st.extension_columns);
    for (size_t k = 0; k < n; ++k) {
      writer.write_row(selection.all ? static_cast<uint32_t>(k) : selection.rows[k], &buffer);
      if (buffer.size() >= kFlushBytes)
        OPTIMA_RETURN_IF_ERROR(flush());
    }
    st.rows_written += n;
  }
  return flush();
}

core::Status write_focus_csv_file(const store::TableSource& source, const FocusExportFilter& filter,
                                  const std::filesystem::path& path, FocusExportStats* stats) {
  const std::filesystem::path temp = path.string() + ".tmp";
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    return core::io_error(
        fmt::format("{}: cannot create: {}", temp.string(), std::strerror(errno)));
  }
  auto fail = [&](const core::Status& status) {
    ::close(fd);
    std::error_code ec;
    std::filesystem::remove(temp, ec);
    return status;
  };
  core::Status written = write_focus_csv(
      source, filter,
      [&](std::string_view chunk) -> core::Status {
        while (!chunk.empty()) {
          const ssize_t n = ::write(fd, chunk.data(), chunk.size());
          if (n < 0) {
            if (errno == EINTR)
              continue;
            return core::io_error(
                fmt::format("{}: write failed: {}", temp.string(), std::strerror(errno)));
          }
          chunk.remove_prefix(static_cast<size_t>(n));
        }
        return core::Status::ok();
      },
      stats);
  if (!written.is_ok())
    return fail(written);
  if (::fsync(fd) != 0) {
    return fail(
        core::io_error(fmt::format("{}: fsync failed: {}", temp.string(), std::strerror(errno))));
  }
  if (::close(fd) != 0) {
    std::error_code ec;
    std::filesystem::remove(temp, ec);
    return core::io_error(fmt::format("{}: close failed: {}", temp.string(), std::strerror(errno)));
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const core::Status status = core::io_error(
        fmt::format("{}: cannot rename into place: {}", path.string(), std::strerror(errno)));
    std::error_code ec;
    std::filesystem::remove(temp, ec);
    return status;
  }
  return core::fsync_directory(path.has_parent_path() ? path.parent_path()
                                                      : std::filesystem::path("."));
}

std::string focus_metadata_json(const std::vector<focus::Column>& focus_columns,
                                const std::vector<std::string>& extension_columns,
                                core::Timestamp created) {
  nlohmann::ordered_json doc;
  doc["FocusVersion"] = "1.2";
  doc["DataGenerator"] = "CloudOptima";
  doc["CreationDate"] = core::format_iso8601(created);
  nlohmann::ordered_json columns = nlohmann::ordered_json::array();
  for (const focus::Column column : focus_columns) {
    const focus::ColumnInfo& info = focus::all_columns()[focus::index_of(column)];
    std::string_view type = "String";
    switch (info.kind) {
      case focus::ColumnKind::kString:
        // FOCUS 1.2 SkuPriceDetails: a JSON object (KeyValueFormat).
        type = info.column == focus::Column::kSkuPriceDetails ? "JSON" : "String";
        break;
      case focus::ColumnKind::kDecimal:
        type = "Decimal";
        break;
      case focus::ColumnKind::kDateTime:
        type = "Date/Time";
        break;
      case focus::ColumnKind::kTags:
        type = "JSON";
        break;
    }
    columns.push_back({{"ColumnName", info.name}, {"DataType", type}});
  }
  for (const std::string& name : extension_columns) {
    columns.push_back({{"ColumnName", name}, {"DataType", "String"}});
  }
  doc["Columns"] = std::move(columns);
  return doc.dump(2);
}

}  // namespace optima::query
