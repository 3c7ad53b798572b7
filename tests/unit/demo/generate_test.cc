// generate(): options, determinism, sizes, coverage of every billing period, FOCUS-only mode.
#include "optima/demo/generate.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "demo_test_support.h"
#include "optima/focus/column.h"

namespace optima::demo {
namespace {

using testing::SharedEstate;

GenerateOptions small_options(const std::filesystem::path& out, uint64_t seed) {
  GenerateOptions o;
  o.out_dir = out;
  o.rows = 40000;
  o.seed = seed;
  o.months = 2;
  o.end_date = testing::fixed_end();
  o.cur_rows_per_part = 3000;
  return o;
}

std::map<std::string, std::string> hashes(const std::filesystem::path& root) {
  std::map<std::string, std::string> out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    auto h = core::sha256_file(entry.path());
    EXPECT_TRUE(h.is_ok());
    out[std::filesystem::relative(entry.path(), root).string()] = h.is_ok() ? *h : "";
  }
  return out;
}

TEST(GenerateTest, SameSeedAndEndDateGiveIdenticalBytes) {
  optima::testing::TempDir dir;
  auto a = generate(small_options(dir.path() / "a", 11));
  auto b = generate([&] {
    GenerateOptions o = small_options(dir.path() / "b", 11);
    o.threads = 1;  // a different schedule must not change the output
    return o;
  }());
  ASSERT_TRUE(a.is_ok()) << a.status().to_string();
  ASSERT_TRUE(b.is_ok()) << b.status().to_string();
  const auto ha = hashes(dir.path() / "a");
  const auto hb = hashes(dir.path() / "b");
  EXPECT_GT(ha.size(), 30U);
  EXPECT_EQ(ha, hb);
  EXPECT_EQ(a->billing_rows, b->billing_rows);
  for (size_t i = 0; i < a->providers.size(); ++i) {
    EXPECT_EQ(a->providers[i].billed_cost, b->providers[i].billed_cost);
  }
}

TEST(GenerateTest, DifferentSeedsGiveDifferentEstates) {
  optima::testing::TempDir dir;
  auto a = generate(small_options(dir.path() / "a", 11));
  auto b = generate(small_options(dir.path() / "b", 12));
  ASSERT_TRUE(a.is_ok() && b.is_ok());
  const auto ha = hashes(dir.path() / "a");
  const auto hb = hashes(dir.path() / "b");
  size_t same = 0;
  for (const auto& [path, hash] : ha) same += hb.contains(path) && hb.at(path) == hash ? 1 : 0;
  EXPECT_EQ(same, 0U);
  EXPECT_NE(a->providers[0].billed_cost, b->providers[0].billed_cost);
}

TEST(GenerateTest, RejectsBadOptions) {
  optima::testing::TempDir dir;
  GenerateOptions o = small_options(dir.path() / "x", 1);
  o.out_dir.clear();
  EXPECT_EQ(generate(o).status().code(), core::StatusCode::kInvalidArgument);
  o = small_options(dir.path() / "x", 1);
  o.months = 1;
  EXPECT_EQ(generate(o).status().code(), core::StatusCode::kInvalidArgument);
  o = small_options(dir.path() / "x", 1);
  o.rows = 100;
  auto r = generate(o);
  EXPECT_EQ(r.status().code(), core::StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("ask for at least"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "x"));
}

TEST(GenerateTest, DefaultEndDateIsTodayAtMidnightUtc) {
  GenerateOptions o;
  const core::Timestamp end = resolve_end_date(o);
  EXPECT_EQ(end.unix_seconds % core::kSecondsPerDay, 0);
  o.end_date = core::make_timestamp({2025, 1, 15}, 13, 30);
  EXPECT_EQ(resolve_end_date(o), core::make_timestamp({2025, 1, 15}));
}

TEST(GenerateTest, RowsLandNearTheTarget) {
  const SharedEstate& s = SharedEstate::get();
  ASSERT_TRUE(s.ok) << s.error;
  const double rows = static_cast<double>(s.summary.billing_rows);
  EXPECT_NEAR(rows, 200000.0, 200000.0 * 0.06);
  uint64_t sum = 0;
  for (const ProviderSummary& p : s.summary.providers) {
    EXPECT_GT(p.rows, 5000U) << p.provider;
    sum += p.rows;
  }
  EXPECT_EQ(sum, s.summary.billing_rows);
  // Files report the rows they hold.
  uint64_t file_rows = 0;
  for (const FileInfo& f : s.summary.files) {
    if (f.path.string().starts_with("billing")) file_rows += f.rows;
  }
  EXPECT_EQ(file_rows, s.summary.billing_rows + s.summary.superseded_rows);
}

TEST(GenerateTest, SummaryListsEveryFileWithItsSize) {
  const SharedEstate& s = SharedEstate::get();
  ASSERT_TRUE(s.ok) << s.error;
  uint64_t bytes = 0;
  std::set<std::string> listed;
  for (const FileInfo& f : s.summary.files) {
    const auto path = s.root() / f.path;
    ASSERT_TRUE(std::filesystem::exists(path)) << f.path;
    EXPECT_EQ(std::filesystem::file_size(path), f.bytes) << f.path;
    bytes += f.bytes;
    listed.insert(f.path.string());
  }
  EXPECT_EQ(bytes, s.summary.total_bytes);
  size_t on_disk = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(s.root())) {
    if (!entry.is_regular_file()) continue;
    ++on_disk;
    EXPECT_TRUE(listed.contains(std::filesystem::relative(entry.path(), s.root()).string())) << entry.path();
  }
  EXPECT_EQ(on_disk, listed.size());
}

TEST(GenerateTest, EveryBillingPeriodIsCoveredByEveryProvider) {
  const SharedEstate& s = SharedEstate::get();
  ASSERT_TRUE(s.ok) << s.error;
  EXPECT_EQ(s.summary.start, core::make_timestamp({2024, 6, 1}));
  EXPECT_EQ(s.summary.end, testing::fixed_end());
  std::map<std::string, std::set<std::string>> months;  // provider area -> month keys
  for (const FileInfo& f : s.summary.files) {
    const std::string p = f.path.generic_string();
    if (p.starts_with("billing/aws/cur/") && p.ends_with(".csv.gz")) months["aws"].insert(p.substr(30, 8));
    if (p.starts_with("billing/azure/")) months["azure"].insert(f.path.parent_path().filename().string().substr(0, 6));
    if (p.starts_with("billing/gcp/")) months["gcp"].insert(f.path.parent_path().filename().string());
    if (p.starts_with("billing/focus/oci/")) months["oci"].insert(f.path.stem().string().substr(10, 6));
  }
  for (const auto& [area, set] : months) EXPECT_EQ(set.size(), 13U) << area;
  EXPECT_EQ(months.size(), 4U);
}

TEST(GenerateTest, TaggedShareOfEffectiveCostIsBetween70And85Percent) {
  const SharedEstate& s = SharedEstate::get();
  ASSERT_TRUE(s.ok) << s.error;
  for (const ProviderSummary& p : s.summary.providers) {
    const double share = p.tagged_effective_cost.to_double() / p.effective_cost.to_double();
    EXPECT_GE(share, 0.70) << p.provider;
    EXPECT_LE(share, 0.85) << p.provider;
  }
}

// FOCUS 1.2 rules a conformance checker will apply to every row.
void check_focus_rules(const testing::CsvTable& t, const std::vector<std::string>& row,
                       std::map<std::string, std::set<std::string>>* categories) {
  const auto c = [&](std::string_view name) { return testing::cell(t, row, name); };
  const std::string category = c("ChargeCategory");
  const bool correction = c("ChargeClass") == "Correction";
  (*categories)[c("ProviderName") + "/" + c("ServiceName")].insert(c("ServiceCategory") + "/" + c("ServiceSubcategory"));
  ASSERT_TRUE(std::set<std::string>({"Usage", "Purchase", "Tax", "Credit", "Adjustment"}).contains(category));
  if (category == "Purchase") {
    EXPECT_NE(c("ChargeFrequency"), "Usage-Based");
  }
  if (category == "Tax") {
    EXPECT_TRUE(c("PricingCategory").empty());
  }
  if ((category == "Usage" || category == "Purchase") && !correction) {
    EXPECT_FALSE(c("PricingCategory").empty());
    EXPECT_FALSE(c("ListUnitPrice").empty());
    EXPECT_FALSE(c("ContractedUnitPrice").empty());
  }
  if (c("CommitmentDiscountId").empty()) {
    EXPECT_TRUE(c("CommitmentDiscountStatus").empty());
    EXPECT_TRUE(c("CommitmentDiscountCategory").empty());
  } else if (category == "Usage") {
    EXPECT_FALSE(c("CommitmentDiscountStatus").empty());
  }
  if (c("CommitmentDiscountStatus") == "Unused") {
    EXPECT_TRUE(c("ConsumedQuantity").empty());
  }
  if (c("CommitmentDiscountStatus") == "Used") {
    EXPECT_TRUE(testing::dec(c("BilledCost")).is_zero());
  }
  if (category == "Purchase" && !c("CommitmentDiscountId").empty()) {
    EXPECT_TRUE(testing::dec(c("EffectiveCost")).is_zero());
  }
  if (!c("ContractedUnitPrice").empty()) {
    EXPECT_EQ(core::Decimal::multiply(testing::dec(c("ContractedUnitPrice")), testing::dec(c("PricingQuantity"))),
              testing::dec(c("ContractedCost")));
  }
  if (!c("ListUnitPrice").empty()) {
    EXPECT_EQ(core::Decimal::multiply(testing::dec(c("ListUnitPrice")), testing::dec(c("PricingQuantity"))),
              testing::dec(c("ListCost")));
  }
  EXPECT_LT(c("ChargePeriodStart"), c("ChargePeriodEnd"));
  EXPECT_LE(c("BillingPeriodStart"), c("ChargePeriodStart"));
  EXPECT_LT(c("ChargePeriodStart"), c("BillingPeriodEnd"));
  for (const char* json_column : {"Tags", "SkuPriceDetails"}) {
    const std::string text = c(json_column);
    if (text.empty()) continue;
    const auto j = nlohmann::json::parse(text, nullptr, false);
    EXPECT_TRUE(!j.is_discarded() && j.is_object()) << text;
  }
}

TEST(GenerateTest, FocusOnlyModeWritesFocusFilesThatAddUpToTheSummary) {
  optima::testing::TempDir dir;
  GenerateOptions o = small_options(dir.path() / "focus", 5);
  o.formats = OutputFormats::kFocus;
  auto r = generate(o);
  ASSERT_TRUE(r.is_ok()) << r.status().to_string();
  std::vector<std::string> header;
  for (const focus::ColumnInfo& c : focus::all_columns()) header.emplace_back(c.name);
  std::map<std::string, Int128> billed;
  std::map<std::string, Int128> effective;
  std::map<std::string, std::set<std::string>> categories;
  uint64_t rows = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir.path() / "focus")) {
    if (!entry.is_regular_file()) continue;
    const std::string rel = std::filesystem::relative(entry.path(), dir.path() / "focus").generic_string();
    if (rel.starts_with("truth/")) continue;
    ASSERT_TRUE(rel.starts_with("billing/focus/")) << rel;
    const testing::CsvTable t = testing::read_csv(entry.path());
    EXPECT_EQ(t.header, header) << rel;
    EXPECT_TRUE(t.well_formed) << rel;
    const int provider = t.col("ProviderName");
    for (const auto& row : t.rows) {
      billed[row[static_cast<size_t>(provider)]] += testing::dec(row[static_cast<size_t>(t.col("BilledCost"))]).units();
      effective[row[static_cast<size_t>(provider)]] += testing::dec(row[static_cast<size_t>(t.col("EffectiveCost"))]).units();
      ++rows;
      check_focus_rules(t, row, &categories);
    }
  }
  for (const auto& [service, found] : categories) EXPECT_EQ(found.size(), 1U) << service;
  EXPECT_EQ(rows, r->billing_rows);
  for (const ProviderSummary& p : r->providers) {
    EXPECT_EQ(billed[p.provider], p.billed_cost.units()) << p.provider;
    EXPECT_EQ(effective[p.provider], p.effective_cost.units()) << p.provider;
  }
}

}  // namespace
}  // namespace optima::demo
