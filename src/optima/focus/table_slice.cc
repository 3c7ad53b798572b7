#include "optima/focus/table_slice.h"

namespace optima::focus {
namespace {

// Remaps codes of the selected rows into a compact dictionary (0 stays null).
void take_strings(const std::vector<uint32_t>& codes, const std::vector<std::string>& dictionary,
                  const std::vector<uint32_t>& rows, StringColumn* out) {
  std::vector<uint32_t> remap(dictionary.size(), 0);
  out->dictionary.clear();
  out->dictionary.emplace_back();
  out->codes.resize(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    const uint32_t code = codes[rows[i]];
    if (code != 0 && remap[code] == 0) {
      remap[code] = static_cast<uint32_t>(out->dictionary.size());
      out->dictionary.push_back(dictionary[code]);
    }
    out->codes[i] = code == 0 ? 0 : remap[code];
  }
}

}  // namespace

Table take_rows(const Table& source, const std::vector<uint32_t>& rows) {
  Table out;
  out.set_num_rows(rows.size());
  for (const ColumnInfo& info : all_columns()) {
    const Column c = info.column;
    if (!source.present(c)) continue;
    out.set_present(c, true);
    switch (info.kind) {
      case ColumnKind::kString:
        take_strings(source.strings(c).codes, source.strings(c).dictionary, rows,
                     &out.mutable_strings(c));
        break;
      case ColumnKind::kDecimal: {
        const DecimalColumn& in = source.decimals(c);
        DecimalColumn& dst = out.mutable_decimals(c);
        dst.values.resize(rows.size());
        bool any_null = false;
        for (size_t i = 0; i < rows.size(); ++i) {
          dst.values[i] = in.values[rows[i]];
          any_null = any_null || in.is_null(rows[i]);
        }
        if (any_null) {
          dst.nulls.resize(rows.size());
          for (size_t i = 0; i < rows.size(); ++i) dst.nulls[i] = in.is_null(rows[i]) ? 1 : 0;
        }
        break;
      }
      case ColumnKind::kDateTime: {
        const TimeColumn& in = source.times(c);
        TimeColumn& dst = out.mutable_times(c);
        dst.seconds.resize(rows.size());
        for (size_t i = 0; i < rows.size(); ++i) dst.seconds[i] = in.seconds[rows[i]];
        break;
      }
      case ColumnKind::kTags: {
        const TagColumn& in = source.tags();
        TagColumn& dst = out.mutable_tags();
        std::vector<uint32_t> key_remap(in.key_dictionary.size(), 0);
        std::vector<uint32_t> value_remap(in.value_dictionary.size(), 0);
        dst.key_dictionary.assign(1, std::string());
        dst.value_dictionary.assign(1, std::string());
        dst.offsets.assign(1, 0);
        for (uint32_t row : rows) {
          for (uint32_t p = in.offsets[row]; p < in.offsets[row + 1]; ++p) {
            uint32_t& k = key_remap[in.keys[p]];
            if (k == 0) {
              k = static_cast<uint32_t>(dst.key_dictionary.size());
              dst.key_dictionary.push_back(in.key_dictionary[in.keys[p]]);
            }
            uint32_t& v = value_remap[in.values[p]];
            if (v == 0) {
              v = static_cast<uint32_t>(dst.value_dictionary.size());
              dst.value_dictionary.push_back(in.value_dictionary[in.values[p]]);
            }
            dst.keys.push_back(k);
            dst.values.push_back(v);
          }
          dst.offsets.push_back(static_cast<uint32_t>(dst.keys.size()));
        }
        break;
      }
    }
  }
  for (const ExtensionColumn& ext : source.extensions()) {
    ExtensionColumn col;
    col.name = ext.name;
    take_strings(ext.data.codes, ext.data.dictionary, rows, &col.data);
    out.mutable_extensions().push_back(std::move(col));
  }
  return out;
}

}  // namespace optima::focus
