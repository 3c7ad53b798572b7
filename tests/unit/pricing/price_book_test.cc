#include "optima/pricing/price_book.h"

#include <filesystem>

#include <gtest/gtest.h>
#include <unistd.h>

#include "optima/core/file_io.h"
#include "optima/pricing/monthly.h"

#include "unit/pricing/pricing_test_support.h"

namespace optima::pricing {
namespace {

using core::Decimal;
using testing::PricingBillRow;

Decimal dec(const char* text) {
  return Decimal::from_string(text).value();
}

const PriceBook& book() {
  static const PriceBook* b = [] {
    auto dir = PriceBook::default_catalog_dir();
    EXPECT_TRUE(dir.is_ok()) << dir.status().to_string();
    auto loaded = PriceBook::load(dir.value());
    EXPECT_TRUE(loaded.is_ok()) << loaded.status().to_string();
    return new PriceBook(std::move(loaded).value());
  }();
  return *b;
}

TEST(PriceBookTest, CatalogOnDemandRateOfM4LargeMatchesEc2InstancesInfo) {
  auto rate = book().hourly_rate("AWS", "us-east-1", "m4.large");
  ASSERT_TRUE(rate.is_ok()) << rate.status().to_string();
  EXPECT_EQ(rate->per_unit, dec("0.1"));
  EXPECT_EQ(rate->source, RateSource::kCatalog);
  EXPECT_EQ(rate->unit, "hour");
  EXPECT_EQ(rate->description, "catalog: ec2instances.info 2017-11-12, on-demand Linux, us-east-1");
}

TEST(PriceBookTest, CatalogReservedRatesPerTermAndPayment) {
  auto one = book().hourly_rate("aws", "us-east-1", "m4.large",
                                PricingOption::reserved(Term::k1Year, Payment::kNoUpfront));
  auto three = book().hourly_rate("aws", "us-east-1", "m4.large",
                                  PricingOption::reserved(Term::k3Year, Payment::kAllUpfront));
  ASSERT_TRUE(one.is_ok() && three.is_ok());
  EXPECT_EQ(one->per_unit, dec("0.062"));
  EXPECT_EQ(three->per_unit, dec("0.038"));
}

TEST(PriceBookTest, UnknownTypeIsNotFoundAndUnknownProviderInvalid) {
  auto missing = book().hourly_rate("aws", "us-east-1", "m7g.large");
  EXPECT_EQ(missing.status().code(), core::StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("no list price"), std::string::npos);
  EXPECT_EQ(book().hourly_rate("oracle", "x", "y").status().code(),
            core::StatusCode::kInvalidArgument);
}

TEST(PriceBookTest, AzureSamplePricesComeFromTheEaExport) {
  auto rate = book().hourly_rate("Microsoft", "southcentralus", "Standard_D2s_v3");
  ASSERT_TRUE(rate.is_ok()) << rate.status().to_string();
  EXPECT_EQ(rate->per_unit, dec("0.11"));
  auto reserved = book().hourly_rate("azure", "eastus", "Standard_DS2_v2",
                                     PricingOption::reserved(Term::k1Year, Payment::kNoUpfront));
  ASSERT_TRUE(reserved.is_ok()) << reserved.status().to_string();
  EXPECT_EQ(reserved->per_unit, dec("0.061644"));
}

TEST(PriceBookTest, SpecsCarryGenerationArchitectureAndVendor) {
  auto m4 = book().instance_spec("aws", "m4.large");
  ASSERT_TRUE(m4.is_ok());
  EXPECT_EQ(m4->vcpu, 2);
  EXPECT_DOUBLE_EQ(m4->memory_gib, 8.0);
  EXPECT_EQ(m4->family, "m4");
  EXPECT_EQ(m4->generation, 4);
  EXPECT_EQ(m4->vendor, ProcessorVendor::kIntel);
  auto m1 = book().instance_spec("aws", "m1.small");
  ASSERT_TRUE(m1.is_ok());
  EXPECT_TRUE(m1->previous_generation);
  auto graviton = book().instance_spec("aws", "m7g.xlarge");
  ASSERT_TRUE(graviton.is_ok());
  EXPECT_EQ(graviton->architecture, Architecture::kArm64);
  EXPECT_EQ(graviton->vcpu, 4);
  auto gcp = book().instance_spec("Google Cloud", "n2-standard-4");
  ASSERT_TRUE(gcp.is_ok());
  EXPECT_DOUBLE_EQ(gcp->memory_gib, 16.0);
  auto rds = book().instance_spec("aws", "db.r5.large");
  ASSERT_TRUE(rds.is_ok());
  EXPECT_TRUE(rds->database);
}

TEST(PriceBookTest, AlternativesOfferSmallerSizesNewerGenerationsArmAndAmd) {
  auto m4 = book().instance_spec("aws", "m4.2xlarge").value();
  Requirement need{4, 16, std::nullopt};
  const auto alts = book().alternatives(m4, need, "us-east-1");
  bool smaller = false, newer = false, arm = false, amd = false;
  for (const Alternative& a : alts) {
    EXPECT_GE(a.spec.vcpu, 4) << a.spec.type;
    EXPECT_GE(a.spec.memory_gib, 16) << a.spec.type;
    if (a.kind == AlternativeKind::kCheaperSameFamily) {
      smaller = true;
      EXPECT_EQ(a.spec.type, "m4.xlarge");
      ASSERT_TRUE(a.rate.has_value());
      EXPECT_EQ(a.rate->per_unit, dec("0.2"));
    }
    if (a.kind == AlternativeKind::kNewerGeneration && a.spec.type == "m5.xlarge")
      newer = true;
    if (a.kind == AlternativeKind::kArm && a.spec.type == "m6g.xlarge")
      arm = true;
    if (a.kind == AlternativeKind::kAmd && a.spec.type == "m5a.xlarge")
      amd = true;
  }
  EXPECT_TRUE(smaller && newer && arm && amd);
  // Burstable types are not equivalents of fixed-performance ones.
  for (const Alternative& a : alts)
    EXPECT_NE(a.spec.family.substr(0, 1), "t") << a.spec.type;
  Requirement x86{4, 16, Architecture::kX86_64};
  for (const Alternative& a : book().alternatives(m4, x86, "us-east-1"))
    EXPECT_NE(a.kind, AlternativeKind::kArm);
}

TEST(PriceBookTest, StorageAndNetworkConstantsSayTheyAreCatalogValues) {
  auto gp3 = book().storage_rate("aws", "eu-west-1", "gp3");
  ASSERT_TRUE(gp3.is_ok());
  EXPECT_EQ(gp3->per_unit, dec("0.08"));
  EXPECT_EQ(gp3->unit, "GB-month");
  EXPECT_NE(gp3->description.find("applied to eu-west-1"), std::string::npos);
  auto nat = book().hourly_fee("aws", "us-east-1", HourlyFee::kNatGateway);
  ASSERT_TRUE(nat.is_ok());
  EXPECT_EQ(nat->per_unit, dec("0.045"));
  EXPECT_EQ(book().storage_rate("azure", "eastus", "ultra").status().code(),
            core::StatusCode::kNotFound);
}

TEST(PriceBookTest, BillRateWinsOverTheCatalogAndTracesToRows) {
  auto loaded = PriceBook::load(PriceBook::default_catalog_dir().value());
  ASSERT_TRUE(loaded.is_ok());
  PriceBook pb = std::move(loaded).value();
  std::vector<PricingBillRow> rows;
  for (int h = 0; h < 3; ++h) {
    PricingBillRow r;
    r.start = "2026-11-01T0" + std::to_string(h) + ":00:00Z";
    r.sku_price_details = R"({"InstanceType":"m4.large","OperatingSystem":"Linux"})";
    r.effective_cost = "0.08";
    r.list_cost = "0.1";
    r.contracted_cost = "0.09";
    rows.push_back(r);
  }
  PricingBillRow unused = rows[0];  // an unused commitment row is not usage
  unused.commitment_status = "Unused";
  unused.effective_cost = "5";
  rows.push_back(unused);
  PricingBillRow gp3;
  gp3.start = "2026-11-01T00:00:00Z";
  gp3.usage_type = "EBS:VolumeUsage.gp3";
  gp3.consumed_unit = "GB-Mo";
  gp3.consumed_quantity = "100";
  gp3.effective_cost = "7";
  rows.push_back(gp3);
  PricingBillRow nat;
  nat.start = "2026-11-01T00:00:00Z";
  nat.usage_type = "NatGateway-Hours";
  nat.consumed_quantity = "24";
  nat.effective_cost = "0.96";
  rows.push_back(nat);
  PricingBillRow nat_bytes = nat;  // data processed is not the hourly fee
  nat_bytes.usage_type = "NatGateway-Bytes";
  nat_bytes.consumed_unit = "GB";
  nat_bytes.effective_cost = "100";
  rows.push_back(nat_bytes);
  const auto source = testing::pricing_bill_source(rows);
  const core::Period window{core::timestamp_from_string("2026-11-01").value(),
                            core::timestamp_from_string("2026-11-02").value()};
  ASSERT_TRUE(pb.learn_from_bill(*source, window).is_ok());

  auto rate = pb.hourly_rate("AWS", "us-east-1", "m4.large");
  ASSERT_TRUE(rate.is_ok());
  EXPECT_EQ(rate->source, RateSource::kBill);
  EXPECT_EQ(rate->per_unit, dec("0.08"));
  EXPECT_EQ(
      rate->description,
      "bill: effective rate of m4.large in us-east-1 over 2026-11-01..2026-11-01 from 3 rows");
  const LearnedRate* m4 = nullptr;
  for (const LearnedRate& r : pb.learned_rates())
    if (r.instance_type == "m4.large")
      m4 = &r;
  ASSERT_NE(m4, nullptr);
  EXPECT_EQ(m4->rows, 3u);
  EXPECT_EQ(m4->list_rate(), dec("0.1"));
  EXPECT_EQ(m4->contracted_rate(), dec("0.09"));
  EXPECT_EQ(m4->discount_vs_list(), dec("0.2"));
  // Other regions still come from the catalog.
  EXPECT_EQ(pb.hourly_rate("AWS", "eu-west-1", "m4.large")->source, RateSource::kCatalog);
  auto storage = pb.storage_rate("aws", "us-east-1", "gp3");
  ASSERT_TRUE(storage.is_ok());
  EXPECT_EQ(storage->source, RateSource::kBill);
  EXPECT_EQ(storage->per_unit, dec("0.07"));
  EXPECT_EQ(storage->description,
            "bill: effective rate of EBS:VolumeUsage.gp3 in us-east-1 over 2026-11-01..2026-11-01 "
            "from 1 rows");
  auto fee = pb.hourly_fee("aws", "us-east-1", HourlyFee::kNatGateway);
  ASSERT_TRUE(fee.is_ok());
  EXPECT_EQ(fee->source, RateSource::kBill);
  EXPECT_EQ(fee->per_unit, dec("0.04"));
  EXPECT_EQ(pb.hourly_fee("aws", "us-east-1", HourlyFee::kLoadBalancer)->source,
            RateSource::kCatalog);
  // gp2 is not billed: the catalog answers.
  EXPECT_EQ(pb.storage_rate("aws", "us-east-1", "gp2")->source, RateSource::kCatalog);
}

TEST(PriceBookTest, MalformedCatalogNamesFileAndEntry) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    ("pricing_bad_catalog_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::filesystem::path good = PriceBook::default_catalog_dir().value();
  for (const char* f : {"aws_rds.json", "azure_vm.json", "machine_shapes.json", "fixed_rates.json"})
    std::filesystem::copy_file(good / f, dir / f,
                               std::filesystem::copy_options::overwrite_existing);
  ASSERT_TRUE(core::write_file_atomic(
                  dir / "aws_ec2.json",
                  R"({"instances":[{"type":"m9.large","family":"m9","vcpu":2,"memory_gib":8,)"
                  R"("architecture":"x86_64","vendor":"intel","prices":{"us-east-1":)"
                  R"({"on-demand":"N/A"}}}]})")
                  .is_ok());
  auto bad = PriceBook::load(dir);
  ASSERT_FALSE(bad.is_ok());
  EXPECT_EQ(bad.status().code(), core::StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("aws_ec2.json"), std::string::npos);
  EXPECT_NE(bad.status().message().find("instances[0].prices.us-east-1.on-demand"),
            std::string::npos)
      << bad.status().message();
  std::filesystem::remove(dir / "aws_ec2.json");
  auto missing = PriceBook::load(dir);
  ASSERT_FALSE(missing.is_ok());
  EXPECT_NE(missing.status().message().find("aws_ec2.json"), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(PriceBookTest, MonthlyIsHourlyTimes730) {
  EXPECT_EQ(monthly_from_hourly(dec("0.1")), dec("73"));
}

}  // namespace
}  // namespace optima::pricing
