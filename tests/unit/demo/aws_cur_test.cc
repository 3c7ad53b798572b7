// The CUR delivery: layout, manifests, parts, restatement and AWS's cost semantics.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "demo_test_support.h"
#include "optima/demo/aws_cur_writer.h"

namespace optima::demo {
namespace {

using testing::CsvTable;
using testing::dec;
using testing::SharedEstate;

std::filesystem::path cur_root() { return SharedEstate::get().root() / "billing" / "aws" / "cur" / kCurReportName; }

using testing::cell;
using testing::read_json;

const std::vector<testing::CurDelivery>& deliveries() { return testing::cur_deliveries(); }

template <typename Fn>
void for_each_line(Fn fn) {
  testing::for_each_cur_line(fn);
}

class AwsCurTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(SharedEstate::get().ok) << SharedEstate::get().error; }
};

TEST_F(AwsCurTest, DeliversThirteenPeriodsInTheS3Layout) {
  const auto& all = deliveries();
  ASSERT_EQ(all.size(), 13U);
  EXPECT_EQ(all.front().period, "20240601-20240701");
  EXPECT_EQ(all.back().period, "20250601-20250701");
  for (const testing::CurDelivery& d : all) {
    const auto& m = d.manifest;
    EXPECT_EQ(m["reportName"], kCurReportName);
    EXPECT_EQ(m["compression"], "GZIP");
    EXPECT_EQ(m["contentType"], "text/csv");
    EXPECT_EQ(m["billingPeriod"]["start"].get<std::string>().substr(0, 8), d.period.substr(0, 8));
    EXPECT_EQ(m["billingPeriod"]["end"].get<std::string>().substr(0, 8), d.period.substr(9, 8));
    ASSERT_FALSE(m["reportKeys"].empty());
    for (const auto& key : m["reportKeys"]) {
      const std::string k = key.get<std::string>();
      EXPECT_EQ(k.rfind("cur/" + std::string(kCurReportName) + "/" + d.period + "/" + m["assemblyId"].get<std::string>() + "/", 0), 0U) << k;
      EXPECT_TRUE(k.ends_with(".csv.gz"));
    }
    // The assembly folder holds the same manifest.
    const auto assembly_manifest = cur_root() / d.period / m["assemblyId"].get<std::string>() /
                                   (std::string(kCurReportName) + "-Manifest.json");
    EXPECT_EQ(read_json(assembly_manifest), m);
  }
}

TEST_F(AwsCurTest, PartsAreGzipCsvWhoseHeaderIsTheManifestColumns) {
  size_t multi_part = 0;
  for (const testing::CurDelivery& d : deliveries()) {
    std::vector<std::string> expected;
    for (const auto& c : d.manifest["columns"]) {
      expected.push_back(c["category"].get<std::string>() + "/" + c["name"].get<std::string>());
    }
    for (const CsvTable& t : d.parts) {
      EXPECT_EQ(t.header, expected) << d.period;
      EXPECT_TRUE(t.well_formed) << d.period;
      EXPECT_FALSE(t.rows.empty());
    }
    if (d.parts.size() > 1) ++multi_part;
  }
  EXPECT_GT(multi_part, 5U);
}

TEST_F(AwsCurTest, TheColumnSetChangesWhenACostCategoryIsCreated) {
  const auto& all = deliveries();
  EXPECT_EQ(all[2].parts.front().col("costCategory/Environment"), -1);
  EXPECT_GE(all[3].parts.front().col("costCategory/Environment"), 0);
  EXPECT_GE(all[0].parts.front().col("resourceTags/user:team"), 0);
  EXPECT_GE(all[0].parts.front().col("resourceTags/aws:createdBy"), 0);
}

TEST_F(AwsCurTest, ARestatedPeriodHasTwoAssembliesAndTheManifestNamesTheNewer) {
  const auto& all = deliveries();
  const testing::CurDelivery& restated = all[all.size() - 2];
  std::vector<std::string> assemblies;
  for (const auto& entry : std::filesystem::directory_iterator(cur_root() / restated.period)) {
    if (entry.is_directory()) assemblies.push_back(entry.path().filename().string());
  }
  ASSERT_EQ(assemblies.size(), 2U);
  const std::string current = restated.manifest["assemblyId"].get<std::string>();
  const std::string older = assemblies[0] == current ? assemblies[1] : assemblies[0];
  EXPECT_EQ(current, AwsCurWriter::assembly_id(Estate{.seed = 42}, 11, 2));
  const auto old_manifest = read_json(cur_root() / restated.period / older / (std::string(kCurReportName) + "-Manifest.json"));
  Int128 old_total = 0;
  uint64_t old_rows = 0;
  for (const auto& key : old_manifest["reportKeys"]) {
    const CsvTable t = testing::read_csv(SharedEstate::get().root() / "billing" / "aws" / key.get<std::string>());
    old_rows += t.rows.size();
    for (const auto& row : t.rows) old_total += dec(cell(t, row, "lineItem/UnblendedCost")).units();
  }
  Int128 new_total = 0;
  uint64_t new_rows = 0;
  for (const CsvTable& t : restated.parts) {
    new_rows += t.rows.size();
    for (const auto& row : t.rows) new_total += dec(cell(t, row, "lineItem/UnblendedCost")).units();
  }
  EXPECT_LT(old_rows, new_rows);
  EXPECT_LT(old_total, new_total);
  EXPECT_EQ(old_rows, SharedEstate::get().summary.superseded_rows);
}

TEST_F(AwsCurTest, SavingsPlanNegationOffsetsCoveredUsageExactly) {
  Int128 covered = 0;
  Int128 negation = 0;
  uint64_t lines = 0;
  for_each_line([&](const CsvTable& t, const std::vector<std::string>& row) {
    const std::string type = cell(t, row, "lineItem/LineItemType");
    if (type == "SavingsPlanCoveredUsage") {
      covered += dec(cell(t, row, "lineItem/UnblendedCost")).units();
      ++lines;
    }
    if (type == "SavingsPlanNegation") negation += dec(cell(t, row, "lineItem/UnblendedCost")).units();
  });
  EXPECT_GT(lines, 100U);
  EXPECT_GT(covered, 0);
  EXPECT_EQ(negation, -covered);
}

TEST_F(AwsCurTest, TotalsMatchTheSummaryUnderAwsAmortization) {
  // BilledCost = UnblendedCost; EffectiveCost by AWS's amortized-cost rules.
  Int128 billed = 0;
  Int128 effective = 0;
  std::set<std::string> types;
  for_each_line([&](const CsvTable& t, const std::vector<std::string>& row) {
    const std::string type = cell(t, row, "lineItem/LineItemType");
    types.insert(type);
    const Int128 unblended = dec(cell(t, row, "lineItem/UnblendedCost")).units();
    billed += unblended;
    if (type == "SavingsPlanCoveredUsage") {
      effective += dec(cell(t, row, "savingsPlan/SavingsPlanEffectiveCost")).units();
    } else if (type == "SavingsPlanRecurringFee") {
      effective += dec(cell(t, row, "savingsPlan/TotalCommitmentToDate")).units() -
                   dec(cell(t, row, "savingsPlan/UsedCommitment")).units();
    } else if (type == "SavingsPlanNegation" || type == "SavingsPlanUpfrontFee") {
    } else if (type == "DiscountedUsage") {
      effective += dec(cell(t, row, "reservation/EffectiveCost")).units();
    } else if (type == "RIFee") {
      effective += dec(cell(t, row, "reservation/UnusedAmortizedUpfrontFeeForBillingPeriod")).units() +
                   dec(cell(t, row, "reservation/UnusedRecurringFee")).units();
    } else if (type == "Fee" && !cell(t, row, "reservation/ReservationARN").empty()) {
    } else {
      effective += unblended;
    }
  });
  const ProviderSummary& aws = SharedEstate::get().provider("AWS");
  EXPECT_EQ(billed, aws.billed_cost.units());
  EXPECT_EQ(effective, aws.effective_cost.units());
  for (const char* t : {"Usage", "DiscountedUsage", "RIFee", "Fee", "SavingsPlanCoveredUsage",
                        "SavingsPlanNegation", "SavingsPlanRecurringFee", "SavingsPlanUpfrontFee",
                        "Tax", "Credit", "Refund", "EdpDiscount"}) {
    EXPECT_TRUE(types.contains(t)) << t;
  }
}

TEST_F(AwsCurTest, ReservedInstanceAmortizationAddsUpPerMonth) {
  // Per RI and month: what covered usage absorbed plus what stayed unused equals the month's
  // amortized upfront plus recurring fee.
  std::map<std::pair<std::string, std::string>, Int128> used;
  std::map<std::pair<std::string, std::string>, Int128> committed;
  for_each_line([&](const CsvTable& t, const std::vector<std::string>& row) {
    const std::string type = cell(t, row, "lineItem/LineItemType");
    const std::pair<std::string, std::string> key{cell(t, row, "reservation/ReservationARN"),
                                                  cell(t, row, "bill/BillingPeriodStartDate")};
    if (type == "DiscountedUsage") {
      used[key] += dec(cell(t, row, "reservation/EffectiveCost")).units();
      EXPECT_EQ(dec(cell(t, row, "reservation/EffectiveCost")).units(),
                dec(cell(t, row, "reservation/AmortizedUpfrontCostForUsage")).units() +
                    dec(cell(t, row, "reservation/RecurringFeeForUsage")).units());
    } else if (type == "RIFee") {
      used[key] += dec(cell(t, row, "reservation/UnusedAmortizedUpfrontFeeForBillingPeriod")).units() +
                   dec(cell(t, row, "reservation/UnusedRecurringFee")).units();
      committed[key] += dec(cell(t, row, "reservation/AmortizedUpfrontFeeForBillingPeriod")).units() +
                        dec(cell(t, row, "lineItem/UnblendedCost")).units();
    }
  });
  ASSERT_GE(committed.size(), 20U);
  size_t with_unused = 0;
  for (const auto& [key, amount] : committed) {
    EXPECT_EQ(used[key], amount) << key.first << " " << key.second;
  }
  for_each_line([&](const CsvTable& t, const std::vector<std::string>& row) {
    if (cell(t, row, "lineItem/LineItemType") == "RIFee" && dec(cell(t, row, "reservation/UnusedQuantity")).units() > 0) ++with_unused;
  });
  EXPECT_GT(with_unused, 0U);
}

TEST_F(AwsCurTest, SavingsPlanUsedCommitmentIsTheCoveredEffectiveCost) {
  std::map<std::pair<std::string, std::string>, Int128> covered;
  std::map<std::pair<std::string, std::string>, Int128> used;
  for_each_line([&](const CsvTable& t, const std::vector<std::string>& row) {
    const std::string type = cell(t, row, "lineItem/LineItemType");
    const std::pair<std::string, std::string> key{cell(t, row, "savingsPlan/SavingsPlanARN"),
                                                  cell(t, row, "lineItem/UsageStartDate")};
    if (type == "SavingsPlanCoveredUsage") covered[key] += dec(cell(t, row, "savingsPlan/SavingsPlanEffectiveCost")).units();
    if (type == "SavingsPlanRecurringFee") {
      used[key] += dec(cell(t, row, "savingsPlan/UsedCommitment")).units();
      EXPECT_LE(dec(cell(t, row, "savingsPlan/UsedCommitment")), dec(cell(t, row, "savingsPlan/TotalCommitmentToDate")));
      EXPECT_EQ(dec(cell(t, row, "savingsPlan/TotalCommitmentToDate")).units(),
                dec(cell(t, row, "savingsPlan/AmortizedUpfrontCommitmentForBillingPeriod")).units() +
                    dec(cell(t, row, "savingsPlan/RecurringCommitmentForBillingPeriod")).units());
    }
  });
  ASSERT_GT(used.size(), 300U);
  for (const auto& [key, amount] : used) EXPECT_EQ(covered[key], amount) << key.first << " " << key.second;
}

TEST_F(AwsCurTest, TagColumnsCoverTheSummarysTaggedCost) {
  Int128 tagged = 0;
  for_each_line([&](const CsvTable& t, const std::vector<std::string>& row) {
    if (cell(t, row, "resourceTags/user:team").empty()) return;
    const std::string type = cell(t, row, "lineItem/LineItemType");
    if (type == "Usage") tagged += dec(cell(t, row, "lineItem/UnblendedCost")).units();
    if (type == "DiscountedUsage") tagged += dec(cell(t, row, "reservation/EffectiveCost")).units();
    if (type == "SavingsPlanCoveredUsage") tagged += dec(cell(t, row, "savingsPlan/SavingsPlanEffectiveCost")).units();
  });
  EXPECT_EQ(tagged, SharedEstate::get().provider("AWS").tagged_effective_cost.units());
}

TEST_F(AwsCurTest, TimesAndAmountsUseCurNotation) {
  size_t scientific = 0;
  size_t marketplace = 0;
  for_each_line([&](const CsvTable& t, const std::vector<std::string>& row) {
    const std::string start = cell(t, row, "lineItem/UsageStartDate");
    ASSERT_EQ(start.size(), 20U) << start;
    EXPECT_EQ(start[10], 'T');
    EXPECT_EQ(start.back(), 'Z');
    EXPECT_TRUE(cell(t, row, "bill/BillingPeriodStartDate").ends_with(".000Z"));
    EXPECT_EQ(cell(t, row, "bill/PayerAccountId").size(), 12U);
    EXPECT_EQ(cell(t, row, "lineItem/UsageAccountId").size(), 12U);
    EXPECT_EQ(cell(t, row, "identity/LineItemId").size(), 52U);
    if (cell(t, row, "lineItem/UnblendedRate").find('E') != std::string::npos) ++scientific;
    if (cell(t, row, "bill/BillingEntity") == "AWS Marketplace") {
      ++marketplace;
      EXPECT_EQ(cell(t, row, "lineItem/LegalEntity"), "Acme Observability, Inc.");
    }
  });
  EXPECT_GT(scientific, 0U);  // S3 GET requests at 4E-7 per request
  EXPECT_GT(marketplace, 300U);
}

}  // namespace
}  // namespace optima::demo
