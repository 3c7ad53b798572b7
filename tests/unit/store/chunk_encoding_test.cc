// Round trips and determinism of the per-column chunk encodings.
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "optima/store/decimal_encoding.h"
#include "optima/store/string_encoding.h"
#include "optima/store/tag_encoding.h"
#include "optima/store/time_encoding.h"

namespace optima::store {
namespace {

using core::Decimal;
using core::Int128;

focus::StringColumn strings(const std::vector<std::string>& dictionary,
                            const std::vector<uint32_t>& codes) {
  focus::StringColumn c;
  c.dictionary = dictionary;
  c.codes = codes;
  return c;
}

TEST(StringEncodingTest, RoundTripsValuesAndNulls) {
  const auto column = strings({"", "b", "a", "unused"}, {1, 0, 2, 1, 2, 0});
  std::string raw;
  const ColumnSlice<focus::StringColumn> slice{&column, 0, column.codes.size()};
  ASSERT_TRUE(encode_string_chunk({&slice, 1}, &raw).is_ok());
  auto decoded = decode_string_chunk(raw, column.codes.size());
  ASSERT_TRUE(decoded.is_ok()) << decoded.status().to_string();
  // First-occurrence order, unused entries dropped.
  EXPECT_EQ(decoded->dictionary, (std::vector<std::string>{"", "b", "a"}));
  EXPECT_EQ(decoded->codes, (std::vector<uint32_t>{1, 0, 2, 1, 2, 0}));
}

TEST(StringEncodingTest, BytesDependOnlyOnValuesNotOnInputDictionaries) {
  const auto one = strings({"", "x", "y", "z"}, {1, 2, 3, 1, 0, 3});
  const auto permuted = strings({"", "z", "x", "y"}, {2, 3, 1, 2, 0, 1});
  std::string a;
  std::string b;
  const ColumnSlice<focus::StringColumn> sa{&one, 0, 6};
  const ColumnSlice<focus::StringColumn> sb{&permuted, 0, 6};
  ASSERT_TRUE(encode_string_chunk({&sa, 1}, &a).is_ok());
  ASSERT_TRUE(encode_string_chunk({&sb, 1}, &b).is_ok());
  EXPECT_EQ(a, b);
  // Split in two slices of different tables: same bytes again.
  const auto left = strings({"", "y", "x"}, {2, 1});
  const auto right = strings({"", "z", "x"}, {1, 2, 0, 1});
  const std::vector<ColumnSlice<focus::StringColumn>> split = {{&left, 0, 2}, {&right, 0, 4}};
  std::string c;
  ASSERT_TRUE(encode_string_chunk(split, &c).is_ok());
  EXPECT_EQ(a, c);
}

TEST(StringEncodingTest, MissingColumnSliceIsNull) {
  const auto column = strings({"", "v"}, {1, 1});
  const std::vector<ColumnSlice<focus::StringColumn>> slices = {{nullptr, 0, 3}, {&column, 0, 2}};
  std::string raw;
  ASSERT_TRUE(encode_string_chunk(slices, &raw).is_ok());
  auto decoded = decode_string_chunk(raw, 5);
  ASSERT_TRUE(decoded.is_ok());
  EXPECT_EQ(decoded->codes, (std::vector<uint32_t>{0, 0, 0, 1, 1}));
}

TEST(StringEncodingTest, EmptyDictionaryMeansAllNull) {
  const auto column = strings({}, {0, 0, 0});
  const ColumnSlice<focus::StringColumn> slice{&column, 0, 3};
  std::string raw;
  ASSERT_TRUE(encode_string_chunk({&slice, 1}, &raw).is_ok());
  auto decoded = decode_string_chunk(raw, 3);
  ASSERT_TRUE(decoded.is_ok());
  EXPECT_EQ(decoded->codes, (std::vector<uint32_t>{0, 0, 0}));
}

TEST(StringEncodingTest, RejectsCodeOutsideDictionary) {
  const auto column = strings({"", "v"}, {1, 5});
  const ColumnSlice<focus::StringColumn> slice{&column, 0, 2};
  std::string raw;
  const core::Status s = encode_string_chunk({&slice, 1}, &raw);
  EXPECT_EQ(s.code(), core::StatusCode::kInvalidArgument);
}

TEST(StringEncodingTest, DecodeRejectsCodesBeyondDictionary) {
  const auto column = strings({"", "v"}, {1, 1, 1});
  const ColumnSlice<focus::StringColumn> slice{&column, 0, 3};
  std::string raw;
  ASSERT_TRUE(encode_string_chunk({&slice, 1}, &raw).is_ok());
  raw.back() = 7;  // last code now points past the one-entry dictionary
  EXPECT_EQ(decode_string_chunk(raw, 3).status().code(), core::StatusCode::kDataLoss);
  EXPECT_EQ(decode_string_chunk(raw.substr(0, raw.size() - 1), 3).status().code(),
            core::StatusCode::kDataLoss);
}

focus::DecimalColumn decimals(const std::vector<Decimal>& values, std::vector<uint8_t> nulls = {}) {
  focus::DecimalColumn c;
  c.values = values;
  c.nulls = std::move(nulls);
  return c;
}

std::vector<Decimal> round_trip(const focus::DecimalColumn& column, std::string* raw_out = nullptr) {
  std::string raw;
  const ColumnSlice<focus::DecimalColumn> slice{&column, 0, column.values.size()};
  EXPECT_TRUE(encode_decimal_chunk({&slice, 1}, &raw).is_ok());
  auto decoded = decode_decimal_chunk(raw, column.values.size());
  EXPECT_TRUE(decoded.is_ok()) << decoded.status().to_string();
  if (raw_out != nullptr) *raw_out = raw;
  return decoded.is_ok() ? decoded->values : std::vector<Decimal>{};
}

Decimal dec(std::string_view text) { return Decimal::from_string(text).value(); }

TEST(DecimalEncodingTest, RoundTripsBillingValuesExactly) {
  std::vector<Decimal> values;
  values.reserve(1003);
  for (int i = 0; i < 1000; ++i) {
    values.push_back(Decimal::from_units(static_cast<Int128>(i * 7919 % 100003) * 100000000 -
                                         Int128{5000000000000000000}));
  }
  values.push_back(dec("0.0000000400"));
  values.push_back(dec("8e-07"));
  values.push_back(dec("-123456789.123456789012345678"));
  EXPECT_EQ(round_trip(decimals(values)), values);
}

TEST(DecimalEncodingTest, FallsBackTo128BitsForHugeValues) {
  const std::vector<Decimal> values = {dec("170141183460469231731.687303715884105727"),
                                       dec("-170141183460469231731.687303715884105727"),
                                       dec("0.000000000000000001"), Decimal()};
  EXPECT_EQ(round_trip(decimals(values)), values);
}

TEST(DecimalEncodingTest, RepeatedValuesUseADictionaryAndStaySmall) {
  std::vector<Decimal> values;
  values.reserve(10000);
  for (int i = 0; i < 10000; ++i) values.push_back(dec(i % 3 == 0 ? "0.0416" : "1.2345678901"));
  std::string raw;
  EXPECT_EQ(round_trip(decimals(values), &raw), values);
  EXPECT_LT(raw.size(), values.size() + 64);  // one byte per code, before zstd
}

TEST(DecimalEncodingTest, KeepsNullsAndZeroesNullRows) {
  focus::DecimalColumn column = decimals({dec("1.5"), dec("99"), dec("-2")}, {0, 1, 0});
  std::string raw;
  const ColumnSlice<focus::DecimalColumn> slice{&column, 0, 3};
  ASSERT_TRUE(encode_decimal_chunk({&slice, 1}, &raw).is_ok());
  auto decoded = decode_decimal_chunk(raw, 3);
  ASSERT_TRUE(decoded.is_ok());
  EXPECT_EQ(decoded->nulls, (std::vector<uint8_t>{0, 1, 0}));
  EXPECT_EQ(decoded->values, (std::vector<Decimal>{dec("1.5"), Decimal(), dec("-2")}));
}

TEST(DecimalEncodingTest, AllZeroColumnRoundTrips) {
  const std::vector<Decimal> zeros(100);
  EXPECT_EQ(round_trip(decimals(zeros)), zeros);
}

TEST(DecimalEncodingTest, ColumnMostlyEqualToAnotherStoresOnlyTheDifferences) {
  DecimalValues billed;
  DecimalValues effective;
  for (int i = 0; i < 4096; ++i) {
    const Int128 units = Int128{i * 7919 % 100003} * 100000000;
    billed.units.push_back(i % 100 == 5 ? 0 : units);
    billed.is_null.push_back(i % 100 == 5 ? 1 : 0);
    const bool differs = i % 16 == 3;
    const bool null = i % 50 == 7;
    effective.units.push_back(null ? 0 : differs ? units / 2 : billed.units.back());
    effective.is_null.push_back(null ? 1 : differs ? 0 : billed.is_null.back());
  }
  billed.any_null = effective.any_null = true;
  EXPECT_GT(count_equal_rows(effective, billed), 3000u);
  std::string raw;
  encode_decimals_against(effective, 1, billed, &raw);
  EXPECT_LT(raw.size(), 4096u / 8 + 4096u / 16 * 4 + 200);  // bitmap + differing rows
  EXPECT_EQ(decimal_chunk_reference(raw).value(), std::optional<uint16_t>(1));

  std::string billed_raw;
  encode_decimals(billed, &billed_raw);
  EXPECT_FALSE(decimal_chunk_reference(billed_raw).value().has_value());
  auto base = decode_decimal_chunk(billed_raw, 4096);
  ASSERT_TRUE(base.is_ok());
  auto decoded = decode_decimal_chunk(raw, 4096, &base.value());
  ASSERT_TRUE(decoded.is_ok()) << decoded.status().to_string();
  for (size_t i = 0; i < 4096; ++i) {
    ASSERT_EQ(decoded->is_null(i), effective.is_null[i] != 0) << i;
    ASSERT_TRUE(decoded->values[i].units() == effective.units[i]) << i;
  }
  // Without its reference the chunk cannot be decoded.
  EXPECT_EQ(decode_decimal_chunk(raw, 4096).status().code(), core::StatusCode::kDataLoss);
}

focus::TimeColumn times(std::vector<int64_t> seconds) {
  focus::TimeColumn c;
  c.seconds = std::move(seconds);
  return c;
}

std::vector<int64_t> round_trip_times(const std::vector<int64_t>& seconds, size_t* size = nullptr) {
  const focus::TimeColumn column = times(seconds);
  std::string raw;
  const ColumnSlice<focus::TimeColumn> slice{&column, 0, seconds.size()};
  EXPECT_TRUE(encode_time_chunk({&slice, 1}, &raw).is_ok());
  if (size != nullptr) *size = raw.size();
  auto decoded = decode_time_chunk(raw, seconds.size());
  EXPECT_TRUE(decoded.is_ok()) << decoded.status().to_string();
  return decoded.is_ok() ? decoded->seconds : std::vector<int64_t>{};
}

TEST(TimeEncodingTest, RoundTripsHourlyUnsortedAndNulls) {
  std::vector<int64_t> seconds;
  seconds.reserve(5000);
  for (int i = 0; i < 5000; ++i) seconds.push_back(1709251200 + (i * 7919 % 744) * 3600);
  seconds[17] = focus::kNullTime;
  size_t size = 0;
  EXPECT_EQ(round_trip_times(seconds, &size), seconds);
  EXPECT_LT(size, 5000 * 2 + 700);  // hour offsets fit two bytes
}

TEST(TimeEncodingTest, ConstantColumnTakesAFewBytes) {
  size_t size = 0;
  const std::vector<int64_t> constant(65536, 1709251200);
  EXPECT_EQ(round_trip_times(constant, &size), constant);
  EXPECT_LT(size, 16u);
}

TEST(TimeEncodingTest, RoundTripsExtremeAndOddValues) {
  const std::vector<int64_t> seconds = {std::numeric_limits<int64_t>::max(), -1, 7,
                                        focus::kNullTime, std::numeric_limits<int64_t>::min() + 1,
                                        0};
  EXPECT_EQ(round_trip_times(seconds), seconds);
  const std::vector<int64_t> all_null(10, focus::kNullTime);
  EXPECT_EQ(round_trip_times(all_null), all_null);
}

focus::TagColumn tags(std::vector<std::vector<std::pair<std::string, std::string>>> rows,
                      bool reverse_dictionaries) {
  focus::TagColumn t;
  t.key_dictionary.emplace_back();
  t.value_dictionary.emplace_back();
  const auto code = [](std::vector<std::string>* dict, const std::string& s) {
    for (uint32_t i = 1; i < dict->size(); ++i) {
      if ((*dict)[i] == s) return i;
    }
    dict->push_back(s);
    return static_cast<uint32_t>(dict->size() - 1);
  };
  if (reverse_dictionaries) {
    for (auto it = rows.rbegin(); it != rows.rend(); ++it) {
      for (auto p = it->rbegin(); p != it->rend(); ++p) {
        code(&t.key_dictionary, p->first);
        code(&t.value_dictionary, p->second);
      }
    }
  }
  t.offsets.push_back(0);
  for (const auto& row : rows) {
    for (const auto& [k, v] : row) {
      t.keys.push_back(code(&t.key_dictionary, k));
      t.values.push_back(code(&t.value_dictionary, v));
    }
    t.offsets.push_back(static_cast<uint32_t>(t.keys.size()));
  }
  return t;
}

std::string tag_chunk(const focus::TagColumn& column) {
  std::string raw;
  const ColumnSlice<focus::TagColumn> slice{&column, 0, column.offsets.size() - 1};
  EXPECT_TRUE(encode_tag_chunk({&slice, 1}, &raw).is_ok());
  return raw;
}

TEST(TagEncodingTest, RoundTripsRowsAsSortedTagSets) {
  const auto column = tags({{{"team", "core"}, {"env", "prod"}}, {}, {{"env", "prod"}, {"team", "core"}},
                            {{"owner", "a"}}},
                           false);
  const std::string raw = tag_chunk(column);
  auto decoded = decode_tag_chunk(raw, 4);
  ASSERT_TRUE(decoded.is_ok()) << decoded.status().to_string();
  focus::Table table;
  table.set_num_rows(4);
  table.set_present(focus::Column::kTags, true);
  table.mutable_tags() = std::move(decoded).value();
  EXPECT_EQ(table.tags_json(0), R"({"env":"prod","team":"core"})");
  EXPECT_EQ(table.tags_json(1), "{}");
  EXPECT_EQ(table.tags_json(2), R"({"env":"prod","team":"core"})");
  EXPECT_EQ(table.tags_json(3), R"({"owner":"a"})");
  // Rows 0 and 2 are one tag set: identical pairs in identical order.
  const auto& t = table.tags();
  EXPECT_EQ(t.offsets[1] - t.offsets[0], 2u);
  EXPECT_EQ(t.keys[t.offsets[0]], t.keys[t.offsets[2]]);
  EXPECT_EQ(t.key_dictionary[t.keys[t.offsets[0]]], "env");
}

TEST(TagEncodingTest, BytesDoNotDependOnPairOrderOrDictionaries) {
  const auto a = tags({{{"team", "core"}, {"env", "prod"}}, {{"k", "v"}}}, false);
  const auto b = tags({{{"env", "prod"}, {"team", "core"}}, {{"k", "v"}}}, true);
  EXPECT_EQ(tag_chunk(a), tag_chunk(b));
}

TEST(TagEncodingTest, DecodeRejectsSetIdBeyondDictionary) {
  std::string raw = tag_chunk(tags({{{"k", "v"}}, {{"k", "v"}}}, false));
  raw.back() = 9;
  EXPECT_EQ(decode_tag_chunk(raw, 2).status().code(), core::StatusCode::kDataLoss);
}

}  // namespace
}  // namespace optima::store
