#include "optima/query/dimension_codes.h"

namespace optima::query {

namespace {

const std::vector<std::string>& empty_dictionary() {
  static const std::vector<std::string> kEmpty = {std::string()};
  return kEmpty;
}

DimensionCodes all_null(size_t rows, std::vector<uint32_t>* scratch) {
  scratch->assign(rows, 0);
  return {scratch->data(), &empty_dictionary(), 1};
}

DimensionCodes with_dictionary(const uint32_t* codes, const std::vector<std::string>& dictionary) {
  if (dictionary.empty())
    return {codes, &empty_dictionary(), 1};
  return {codes, &dictionary, static_cast<uint32_t>(dictionary.size())};
}

}  // namespace

DimensionCodes read_dimension(const focus::Table& table, const Dimension& dimension,
                              std::vector<uint32_t>* scratch) {
  const size_t rows = table.num_rows();
  switch (dimension.kind) {
    case Dimension::Kind::kColumn:
      if (!table.present(dimension.column))
        return all_null(rows, scratch);
      return with_dictionary(table.strings(dimension.column).codes.data(),
                             table.strings(dimension.column).dictionary);
    case Dimension::Kind::kExtension: {
      const focus::ExtensionColumn* ext = table.extension(dimension.name);
      if (ext == nullptr)
        return all_null(rows, scratch);
      return with_dictionary(ext->data.codes.data(), ext->data.dictionary);
    }
    case Dimension::Kind::kTag: {
      const focus::TagColumn& tags = table.tags();
      if (!table.present(focus::Column::kTags) || tags.offsets.size() != rows + 1) {
        return all_null(rows, scratch);
      }
      const uint32_t key = tags.key_code(dimension.name);
      if (key == 0)
        return all_null(rows, scratch);
      scratch->assign(rows, 0);
      uint32_t* out = scratch->data();
      const uint32_t* offsets = tags.offsets.data();
      const uint32_t* keys = tags.keys.data();
      const uint32_t* values = tags.values.data();
      for (size_t r = 0; r < rows; ++r) {
        for (uint32_t i = offsets[r]; i < offsets[r + 1]; ++i) {
          if (keys[i] == key) {
            out[r] = values[i];
            break;
          }
        }
      }
      return with_dictionary(scratch->data(), tags.value_dictionary);
    }
  }
  return all_null(rows, scratch);
}

}  // namespace optima::query
