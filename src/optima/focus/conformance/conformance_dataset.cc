#include "optima/focus/conformance/conformance_dataset.h"

#include "optima/core/time.h"

namespace optima::focus {

std::string ColumnBatch::text(size_t row) const {
  switch (storage) {
    case CellStorage::kText:
    case CellStorage::kString:
      return std::string(texts[row]);
    case CellStorage::kDecimal:
      return decimals[row].to_string();
    case CellStorage::kDateTime:
      return core::format_iso8601({seconds[row]});
    case CellStorage::kKeyValue:
      return render ? render(row) : std::string();
  }
  return {};
}

void ColumnBatch::reset(CellStorage new_storage) {
  storage = new_storage;
  nulls.clear();
  texts.clear();
  decimals.clear();
  seconds.clear();
  render = nullptr;
}

}  // namespace optima::focus
