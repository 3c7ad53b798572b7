#include "optima/focus/conformance/currency_codes.h"

#include <mutex>

#include "optima/core/file_io.h"
#include "optima/core/paths.h"
#include "optima/core/strings.h"

namespace optima::focus {

core::Result<CurrencyCodes> CurrencyCodes::parse(std::string_view csv_text,
                                                 std::string_view source) {
  CurrencyCodes out;
  const std::vector<std::string_view> lines = core::split(core::strip_utf8_bom(csv_text), '\n');
  for (size_t i = 1; i < lines.size(); ++i) {  // line 1 is the header
    const std::string_view line = core::trim(lines[i]);
    if (line.empty()) {
      continue;
    }
    const std::vector<std::string_view> fields = core::split(line, ',');
    const std::string_view code = fields.size() == 2 ? core::trim(fields[1]) : std::string_view();
    bool letters = code.size() == 3;
    for (char c : code) {
      letters = letters && c >= 'A' && c <= 'Z';
    }
    if (!letters) {
      return core::invalid_argument(std::string(source) + " line " + std::to_string(i + 1) +
                                    ": expected \"<index>,<three upper-case letters>\", found " +
                                    core::quote_for_message(line));
    }
    out.codes_.emplace(code);
  }
  if (out.codes_.empty()) {
    return core::invalid_argument(std::string(source) + ": no currency codes");
  }
  return out;
}

core::Result<CurrencyCodes> CurrencyCodes::load(const std::filesystem::path& path) {
  OPTIMA_ASSIGN_OR_RETURN(std::string text, core::read_file(path));
  return parse(text, path.filename().string());
}

core::Result<std::shared_ptr<const CurrencyCodes>> CurrencyCodes::bundled() {
  static std::mutex mu;
  static std::shared_ptr<const CurrencyCodes> cached;
  std::lock_guard<std::mutex> lock(mu);
  if (cached) {
    return cached;
  }
  OPTIMA_ASSIGN_OR_RETURN(std::filesystem::path path,
                          core::find_data_file("focus/validator/currency_codes.csv"));
  OPTIMA_ASSIGN_OR_RETURN(CurrencyCodes codes, load(path));
  cached = std::make_shared<const CurrencyCodes>(std::move(codes));
  return cached;
}

CurrencyCodes CurrencyCodes::of(std::set<std::string, std::less<>> codes) {
  CurrencyCodes out;
  out.codes_ = std::move(codes);
  return out;
}

}  // namespace optima::focus
