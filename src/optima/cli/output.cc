#include "optima/cli/output.h"

#include <algorithm>
#include <cstdio>

#include "optima/core/paths.h"

namespace optima::cli {

std::string data_dir_of(const GlobalOptions& options) {
  return options.data_dir.empty() ? core::default_user_data_dir().string() : options.data_dir;
}

int report_error(const GlobalOptions& options, const core::Status& status) {
  if (options.json) {
    nlohmann::json err = {{"error",
                           {{"code", std::string(core::status_code_name(status.code()))},
                            {"message", status.message()}}}};
    std::fprintf(stdout, "%s\n",
                 err.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
  }
  std::fprintf(stderr, "error: %s\n", status.message().c_str());
  return core::exit_code_for(status);
}

void print_json(const nlohmann::json& value) {
  std::fprintf(stdout, "%s\n",
               value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
}

namespace {
bool looks_numeric(const std::string& s) {
  if (s.empty()) return false;
  size_t i = (s[0] == '-') ? 1 : 0;
  bool digit = false;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      digit = true;
    } else if (c != '.' && c != ',' && c != '%') {
      return false;
    }
  }
  return digit;
}
}  // namespace

void print_table(const std::vector<std::string>& headers,
                 const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> widths(headers.size(), 0);
  for (size_t c = 0; c < headers.size(); ++c) widths[c] = headers[c].size();
  for (const auto& row : rows) {
    for (size_t c = 0; c < row.size() && c < widths.size(); ++c) {
      widths[c] = std::max(widths[c], row[c].size());
    }
  }
  auto print_row = [&](const std::vector<std::string>& row, bool header) {
    std::string line;
    for (size_t c = 0; c < widths.size(); ++c) {
      const std::string cell = c < row.size() ? row[c] : std::string();
      const std::string pad(widths[c] - std::min(widths[c], cell.size()), ' ');
      if (c > 0) line += "  ";
      line += (!header && looks_numeric(cell)) ? pad + cell : cell + pad;
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    std::fprintf(stdout, "%s\n", line.c_str());
  };
  print_row(headers, true);
  std::vector<std::string> rule;
  for (size_t w : widths) rule.emplace_back(w, '-');
  print_row(rule, true);
  for (const auto& row : rows) print_row(row, false);
}

}  // namespace optima::cli
