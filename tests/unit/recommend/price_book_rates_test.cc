#include "optima/recommend/price_book_rates.h"

#include <gtest/gtest.h>

namespace optima::recommend {
namespace {

const pricing::PriceBook& bundled_book() {
  static const pricing::PriceBook book =
      pricing::PriceBook::load(pricing::PriceBook::default_catalog_dir().value()).value();
  return book;
}

TEST(PriceBookRatesTest, CatalogRatesCarryTheirSource) {
  PriceBookRates rates(bundled_book());
  auto m4 = rates.hourly_rate("AWS", "us-east-1", "m4.xlarge");
  ASSERT_TRUE(m4.is_ok()) << m4.status().to_string();
  EXPECT_EQ(m4->per_unit, core::Decimal::from_string("0.2").value());
  EXPECT_NE(m4->source.find("catalog"), std::string::npos) << m4->source;
  auto gp2 = rates.storage_rate("AWS", "us-east-1", "gp2");
  ASSERT_TRUE(gp2.is_ok());
  EXPECT_EQ(gp2->per_unit, core::Decimal::from_string("0.10").value());
  auto nat = rates.network_fee("AWS", "us-east-1", NetworkFee::kNatGateway);
  ASSERT_TRUE(nat.is_ok());
  EXPECT_EQ(nat->per_unit, core::Decimal::from_string("0.045").value());
  EXPECT_FALSE(rates.hourly_rate("AWS", "us-east-1", "no.such").is_ok());
}

TEST(PriceBookRatesTest, ShapesAndCheaperSameFamilyAlternatives) {
  PriceBookRates rates(bundled_book());
  auto shape = rates.instance_shape("AWS", "m4.2xlarge");
  ASSERT_TRUE(shape.is_ok());
  EXPECT_EQ(shape->vcpu, 8);
  EXPECT_FALSE(shape->database);
  auto old = rates.instance_shape("AWS", "m1.large");
  ASSERT_TRUE(old.is_ok());
  EXPECT_TRUE(old->previous_generation);
  bool found_smaller = false;
  for (const auto& o : rates.alternatives("AWS", *shape, 4, 16, "us-east-1")) {
    EXPECT_GE(o.shape.vcpu, 4);
    if (o.kind == "cheaper_same_family" && o.shape.type == "m4.xlarge") {
      found_smaller = true;
      ASSERT_TRUE(o.rate.has_value());
    }
  }
  EXPECT_TRUE(found_smaller);
}

}  // namespace
}  // namespace optima::recommend
