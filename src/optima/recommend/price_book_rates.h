// PriceBookRates: the RateBook the CLI and server use — pricing::PriceBook (bill-learned rates
// first, then the bundled catalog) seen through the recommenders' narrow rate interface.
// Thread-safe for const use (PriceBook's const methods are).
#pragma once

#include "optima/pricing/price_book.h"
#include "optima/recommend/rate_book.h"

namespace optima::recommend {

class PriceBookRates final : public RateBook {
 public:
  // `book` must outlive this object.
  explicit PriceBookRates(const pricing::PriceBook& book) : book_(book) {}

  core::Result<Rate> hourly_rate(std::string_view provider, std::string_view region,
                                 std::string_view type) const override;
  core::Result<Rate> storage_rate(std::string_view provider, std::string_view region,
                                  std::string_view volume_type) const override;
  core::Result<Rate> network_fee(std::string_view provider, std::string_view region,
                                 NetworkFee fee) const override;
  core::Result<InstanceShape> instance_shape(std::string_view provider,
                                             std::string_view type) const override;
  std::vector<InstanceOption> alternatives(std::string_view provider, const InstanceShape& current,
                                           int min_vcpu, double min_memory_gib,
                                           std::string_view region) const override;

 private:
  const pricing::PriceBook& book_;
};

}  // namespace optima::recommend
