#include "optima/ingest/raw_csv_dataset.h"

#include <algorithm>
#include <cstdint>

#include <fmt/format.h>

#include "optima/core/strings.h"

namespace optima::ingest {

RawCsvDataset::RawCsvDataset(std::unique_ptr<CsvReader> reader, std::string name,
                             RawCsvOptions options)
    : reader_(std::move(reader)), name_(std::move(name)), options_(std::move(options)) {
  if (options_.batch_rows == 0) {
    options_.batch_rows = 1;
  }
}

core::Result<std::unique_ptr<RawCsvDataset>> RawCsvDataset::open(const std::filesystem::path& path,
                                                                 RawCsvOptions options) {
  OPTIMA_ASSIGN_OR_RETURN(std::unique_ptr<CsvReader> reader,
                          CsvReader::open(path.string(), options.csv));
  std::unique_ptr<RawCsvDataset> data(
      new RawCsvDataset(std::move(reader), path.string(), std::move(options)));
  OPTIMA_RETURN_IF_ERROR(data->read_header());
  return data;
}

core::Result<std::unique_ptr<RawCsvDataset>> RawCsvDataset::from_string(std::string csv,
                                                                        std::string name,
                                                                        RawCsvOptions options) {
  auto reader = CsvReader::from_string(std::move(csv), options.csv);
  std::unique_ptr<RawCsvDataset> data(
      new RawCsvDataset(std::move(reader), std::move(name), std::move(options)));
  OPTIMA_RETURN_IF_ERROR(data->read_header());
  return data;
}

core::Status RawCsvDataset::read_header() {
  auto more = reader_->next(&fields_);
  if (!more.is_ok()) {
    return more.status().with_context(name_);
  }
  if (!*more) {
    return core::invalid_argument(name_ + ": empty file, expected a header record");
  }
  header_fields_ = fields_.size();
  const std::string ns_prefix =
      options_.column_namespace.empty() ? std::string() : options_.column_namespace + ":";
  for (size_t i = 0; i < fields_.size(); ++i) {
    const std::string_view raw = fields_[i];
    std::string name(core::trim(raw));
    if (name.size() != raw.size()) {
      note(fmt::format("header {} of column {} trimmed to {}", core::quote_for_message(raw), i + 1,
                       core::quote_for_message(name)));
    }
    if (!ns_prefix.empty() && name.rfind(ns_prefix, 0) == 0) {
      name = name.substr(ns_prefix.size());
    }
    if (name.empty()) {
      note(fmt::format("column {} has an empty header and is ignored", i + 1));
      field_to_column_.push_back(-1);
      continue;
    }
    if (std::find(names_.begin(), names_.end(), name) != names_.end()) {
      note(fmt::format("column {} repeats the header {} and is ignored", i + 1,
                       core::quote_for_message(name)));
      field_to_column_.push_back(-1);
      continue;
    }
    field_to_column_.push_back(static_cast<int>(names_.size()));
    names_.push_back(std::move(name));
  }
  buffers_.resize(names_.size());
  return core::Status::ok();
}

void RawCsvDataset::note(std::string text) {
  if (notes_.size() < options_.max_notes) {
    notes_.push_back(std::move(text));
  } else {
    ++notes_dropped_;
  }
}

std::vector<std::string> RawCsvDataset::notes() const {
  std::vector<std::string> out = notes_;
  if (notes_dropped_ > 0) {
    out.push_back(fmt::format("{} more notes not listed", notes_dropped_));
  }
  return out;
}

bool RawCsvDataset::is_null_text(std::string_view text) const {
  if (text.empty()) {
    return true;
  }
  return std::any_of(options_.null_literals.begin(), options_.null_literals.end(),
                     [&](const std::string& literal) { return core::iequals(text, literal); });
}

core::Result<bool> RawCsvDataset::next_batch(focus::RowBatch* batch) {
  if (done_) {
    return false;
  }
  for (ColumnBuffer& b : buffers_) {
    b.arena.clear();
    b.spans.clear();
    b.nulls.clear();
  }
  batch->first_row = rows_read_;
  batch->rows = 0;
  batch->source_lines.clear();
  while (batch->rows < options_.batch_rows) {
    auto more = reader_->next(&fields_);
    if (!more.is_ok()) {
      return more.status().with_context(name_);
    }
    if (!*more) {
      done_ = true;
      break;
    }
    // A blank line (in a one-column file indistinguishable from an empty cell; like most CSV
    // tools we read it as a blank line).
    if (fields_.size() == 1 && fields_[0].empty()) {
      continue;
    }
    const uint64_t row = rows_read_ + 1;
    if (fields_.size() != header_fields_) {
      note(fmt::format(
          "row {} (line {}) has {} fields, the header has {}: {}", row, reader_->line_number(),
          fields_.size(), header_fields_,
          fields_.size() < header_fields_ ? "missing cells read as null" : "extra cells ignored"));
    }
    for (size_t f = 0; f < header_fields_; ++f) {
      const int c = field_to_column_[f];
      if (c < 0) {
        continue;
      }
      ColumnBuffer& b = buffers_[static_cast<size_t>(c)];
      const std::string_view text = f < fields_.size() ? fields_[f] : std::string_view();
      if (is_null_text(text)) {
        b.spans.emplace_back(0, 0);
        b.nulls.push_back(1);
        continue;
      }
      if (b.arena.size() + text.size() > UINT32_MAX) {
        return core::resource_exhausted(fmt::format(
            "{} line {}: more than 4 GiB of text in column {} within one batch of {} rows", name_,
            reader_->line_number(), names_[static_cast<size_t>(c)], options_.batch_rows));
      }
      b.spans.emplace_back(static_cast<uint32_t>(b.arena.size()),
                           static_cast<uint32_t>(text.size()));
      b.arena.append(text);
      b.nulls.push_back(0);
    }
    batch->source_lines.push_back(reader_->line_number());
    ++batch->rows;
    ++rows_read_;
  }
  if (batch->rows == 0) {
    return false;
  }
  batch->columns.resize(names_.size());
  for (size_t c = 0; c < names_.size(); ++c) {
    const ColumnBuffer& b = buffers_[c];
    focus::ColumnBatch& col = batch->columns[c];
    col.reset(focus::CellStorage::kText);
    col.nulls = b.nulls;
    col.texts.reserve(b.spans.size());
    for (const auto& [offset, length] : b.spans) {
      col.texts.emplace_back(b.arena.data() + offset, length);
    }
  }
  return true;
}

}  // namespace optima::ingest
