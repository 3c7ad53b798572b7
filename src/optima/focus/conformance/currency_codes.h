// CurrencyCodes: the ISO 4217 national currency codes the FOCUS validator accepts
// (data/focus/validator/currency_codes.csv, two columns: index, code).
//
// Used by CheckNationalCurrency and FormatCurrency. Immutable after load; thread-safe to share.
#pragma once

#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "optima/core/status.h"

namespace optima::focus {

class CurrencyCodes {
 public:
  // Parses the CSV text: a header line, then "<index>,<code>" per line. Errors name the line.
  static core::Result<CurrencyCodes> parse(std::string_view csv_text, std::string_view source);
  static core::Result<CurrencyCodes> load(const std::filesystem::path& path);
  // The bundled list, loaded once per process.
  static core::Result<std::shared_ptr<const CurrencyCodes>> bundled();
  // A list holding exactly `codes` (tests).
  static CurrencyCodes of(std::set<std::string, std::less<>> codes);

  bool contains(std::string_view code) const { return codes_.count(code) != 0; }
  size_t size() const { return codes_.size(); }

 private:
  std::set<std::string, std::less<>> codes_;
};

}  // namespace optima::focus
