#include "inline_dataset.h"

#include <fmt/format.h>

#include "optima/core/strings.h"
#include "optima/focus/table_builder.h"

namespace optima::query::testing {

namespace {

struct HeaderColumn {
  enum class Kind { kFocus, kTag, kExtension } kind = Kind::kFocus;
  focus::Column column = focus::Column::kServiceName;
  std::string name;  // tag key or x_ name
};

std::vector<std::string> cells_of(const std::string& line) {
  std::vector<std::string> out;
  for (std::string_view cell : core::split(line, '|'))
    out.emplace_back(core::trim(cell));
  return out;
}

void declare(const std::vector<HeaderColumn>& header, focus::TableBuilder* b) {
  for (const HeaderColumn& h : header) {
    if (h.kind == HeaderColumn::Kind::kFocus)
      b->declare(h.column);
    if (h.kind == HeaderColumn::Kind::kTag)
      b->declare(focus::Column::kTags);
    if (h.kind == HeaderColumn::Kind::kExtension)
      b->declare_extension(h.name);
  }
}

}  // namespace

core::Result<std::shared_ptr<store::InMemoryTableSource>> parse_inline_dataset(
    const std::vector<std::string>& lines, size_t first_line) {
  if (lines.empty())
    return core::invalid_argument("dataset: missing header line");
  std::vector<HeaderColumn> header;
  for (const std::string& name : cells_of(lines[0])) {
    HeaderColumn h;
    if (name.starts_with("tag:")) {
      h.kind = HeaderColumn::Kind::kTag;
      h.name = name.substr(4);
    } else if (name.starts_with("x_")) {
      h.kind = HeaderColumn::Kind::kExtension;
      h.name = name;
    } else if (auto c = focus::column_from_name(name);
               c && focus::column_kind(*c) != focus::ColumnKind::kTags) {
      h.column = *c;
    } else {
      return core::invalid_argument(fmt::format("line {}: unknown column '{}'", first_line, name));
    }
    header.push_back(h);
  }
  auto source = std::make_shared<store::InMemoryTableSource>();
  focus::TableBuilder builder;
  declare(header, &builder);
  auto flush = [&] {
    source->add(std::make_shared<const focus::Table>(builder.finish()));
    declare(header, &builder);
  };
  for (size_t i = 1; i < lines.size(); ++i) {
    const size_t line_no = first_line + i;
    if (core::trim(lines[i]) == "rowgroup") {
      flush();
      continue;
    }
    const std::vector<std::string> cells = cells_of(lines[i]);
    if (cells.size() != header.size()) {
      return core::invalid_argument(fmt::format("line {}: expected {} cells, found {}", line_no,
                                                header.size(), cells.size()));
    }
    for (size_t c = 0; c < cells.size(); ++c) {
      if (cells[c] == "NULL")
        continue;
      const std::string value = cells[c] == "\"\"" ? std::string() : cells[c];
      const HeaderColumn& h = header[c];
      switch (h.kind) {
        case HeaderColumn::Kind::kTag:
          builder.add_tag(h.name, value);
          break;
        case HeaderColumn::Kind::kExtension:
          builder.set_extension(h.name, value);
          break;
        case HeaderColumn::Kind::kFocus:
          switch (focus::column_kind(h.column)) {
            case focus::ColumnKind::kString:
              builder.set_string(h.column, value);
              break;
            case focus::ColumnKind::kDecimal: {
              core::Decimal d;
              if (!core::Decimal::parse(value, &d)) {
                return core::invalid_argument(fmt::format("line {}, column {}: bad decimal '{}'",
                                                          line_no, focus::column_name(h.column),
                                                          value));
              }
              builder.set_decimal(h.column, d);
              break;
            }
            case focus::ColumnKind::kDateTime: {
              core::Timestamp t;
              if (!core::parse_timestamp(value, &t)) {
                return core::invalid_argument(fmt::format("line {}, column {}: bad time '{}'",
                                                          line_no, focus::column_name(h.column),
                                                          value));
              }
              builder.set_time(h.column, t);
              break;
            }
            case focus::ColumnKind::kTags:
              break;
          }
          break;
      }
    }
    builder.finish_row();
  }
  flush();
  return source;
}

}  // namespace optima::query::testing
