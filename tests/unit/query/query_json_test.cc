#include "optima/query/query_json.h"

#include <gtest/gtest.h>

#include "optima/query/cursor.h"

namespace optima::query {
namespace {

using focus::Column;

TEST(QueryJsonTest, ParsesEveryField) {
  auto q = parse_query(R"({
    "time_range": {"start": "2024-01-01", "end": "2024-02-01T12:00:00Z"},
    "granularity": "week",
    "metrics": ["BilledCost", "row_count"],
    "group_by": ["ServiceName", "tag:team", "x_UsageType"],
    "filters": [{"dimension": "tag:env", "op": "in", "values": ["prod"]},
                {"dimension": "RegionId", "op": "not_null"}],
    "order_by": [{"field": "period"}, {"field": "row_count", "direction": "asc"}, {"field": "tag:team"}],
    "top_n": 5, "others": true, "limit": 20})");
  ASSERT_TRUE(q.is_ok()) << q.status().message();
  EXPECT_EQ(q->time_range->start, core::make_timestamp({2024, 1, 1}));
  EXPECT_EQ(q->time_range->end, core::make_timestamp({2024, 2, 1}, 12));
  EXPECT_EQ(q->granularity, Granularity::kWeek);
  EXPECT_EQ(q->metrics,
            (std::vector<Metric>{Metric::of_column(Column::kBilledCost), Metric::row_count()}));
  EXPECT_EQ(q->group_by, (std::vector<Dimension>{Dimension::of_column(Column::kServiceName),
                                                 Dimension::of_tag("team"),
                                                 Dimension::of_extension("x_UsageType")}));
  ASSERT_EQ(q->filters.size(), 2u);
  EXPECT_EQ(q->filters[0].dimension, Dimension::of_tag("env"));
  EXPECT_EQ(q->filters[1].op, FilterOp::kNotNull);
  EXPECT_TRUE(q->filters[1].values.empty());
  // Default directions: period and dimensions ascending, metrics descending.
  EXPECT_EQ(q->order_by,
            (std::vector<OrderKey>{{OrderKey::Field::kPeriod, 0, SortDirection::kAsc},
                                   {OrderKey::Field::kMetric, 1, SortDirection::kAsc},
                                   {OrderKey::Field::kDimension, 1, SortDirection::kAsc}}));
  EXPECT_EQ(q->top_n, 5u);
  EXPECT_TRUE(q->others);
  EXPECT_EQ(q->limit, 20u);
  EXPECT_EQ(q->offset, 0u);
}

TEST(QueryJsonTest, CanonicalJsonRoundTrips) {
  const char* texts[] = {
      R"({"metrics": ["EffectiveCost"]})",
      R"({"time_range": {"start": "2024-03-01", "end": "2024-04-01"}, "granularity": "day",
          "metrics": ["ListCost", "ConsumedQuantity"], "group_by": ["SubAccountId"],
          "filters": [{"dimension": "ServiceName", "op": "prefix", "values": ["Amazon", "AWS"]}],
          "order_by": [{"field": "SubAccountId", "direction": "desc"}], "limit": 3})",
      R"({"metrics": ["BilledCost"], "group_by": ["ResourceId"], "top_n": 100, "others": true})",
  };
  for (const char* text : texts) {
    auto q = parse_query(text);
    ASSERT_TRUE(q.is_ok()) << q.status().message();
    const std::string canonical = query_to_json(*q).dump();
    auto again = parse_query(canonical);
    ASSERT_TRUE(again.is_ok()) << again.status().message();
    EXPECT_EQ(*again, *q) << canonical;
    EXPECT_EQ(query_to_json(*again).dump(), canonical);
  }
}

TEST(QueryJsonTest, CanonicalJsonOmitsDefaultsAndSpellsTimesInFull) {
  auto q = parse_query(
      R"({"time_range": {"start": "2024-01-01", "end": "2024-01-02"}, "granularity": "none",
                           "metrics": ["BilledCost"], "others": false})");
  ASSERT_TRUE(q.is_ok());
  EXPECT_EQ(
      query_to_json(*q).dump(),
      R"({"metrics":["BilledCost"],"time_range":{"end":"2024-01-02T00:00:00Z","start":"2024-01-01T00:00:00Z"}})");
}

TEST(QueryJsonTest, CursorRoundTripsThroughCanonicalJson) {
  auto q = parse_query(R"({"metrics": ["BilledCost"], "group_by": ["ServiceName"], "limit": 10})");
  ASSERT_TRUE(q.is_ok());
  Query paged = *q;
  paged.offset = 30;
  const nlohmann::json doc = query_to_json(paged);
  ASSERT_TRUE(doc.contains("cursor"));
  auto back = query_from_json(doc);
  ASSERT_TRUE(back.is_ok()) << back.status().message();
  EXPECT_EQ(back->offset, 30u);
  EXPECT_EQ(*back, paged);
}

TEST(QueryJsonTest, OffsetTimeZonesAreConvertedToUtc) {
  auto q = parse_query(
      R"({"metrics": ["BilledCost"], "time_range": {"start": "2024-01-01T02:00:00+02:00", "end": "2024-01-02"}})");
  ASSERT_TRUE(q.is_ok()) << q.status().message();
  EXPECT_EQ(q->time_range->start, core::make_timestamp({2024, 1, 1}));
}

TEST(QueryJsonTest, RejectsUnknownFieldsAtEveryLevel) {
  EXPECT_EQ(
      parse_query(
          R"({"metrics": ["BilledCost"], "time_range": {"start": "2024-01-01", "end": "2024-01-02", "tz": "UTC"}})")
          .status()
          .message(),
      "time_range.tz: unknown field; expected one of start, end");
  EXPECT_EQ(
      parse_query(
          R"({"metrics": ["BilledCost"], "group_by": ["ServiceName"], "order_by": [{"field": "BilledCost", "dir": "asc"}]})")
          .status()
          .message(),
      "order_by[0].dir: unknown field; expected one of field, direction");
}

TEST(QueryJsonTest, ErrorsAreInvalidArgument) {
  auto q = parse_query(R"({"metrics": ["Cost"]})");
  ASSERT_FALSE(q.is_ok());
  EXPECT_EQ(q.status().code(), core::StatusCode::kInvalidArgument);
}

TEST(QueryJsonTest, LongOffendingValuesAreShortened) {
  const std::string name(200, 'x');
  auto q = parse_query(R"({"metrics": ["BilledCost"], "granularity": ")" + name + "\"}");
  ASSERT_FALSE(q.is_ok());
  EXPECT_EQ(q.status().message(),
            "granularity: expected one of none, hour, day, week, month; found \"" +
                std::string(59, 'x') + "...");
}

TEST(QueryJsonTest, NumbersMustBeIntegersInRange) {
  EXPECT_EQ(parse_query(R"({"metrics": ["BilledCost"], "limit": 1e3})").status().message(),
            "limit: expected an integer from 1 to 1000000; found 1000.0");
  EXPECT_EQ(parse_query(R"({"metrics": ["BilledCost"], "limit": "10"})").status().message(),
            "limit: expected an integer from 1 to 1000000; found \"10\"");
  EXPECT_TRUE(parse_query(R"({"metrics": ["BilledCost"], "limit": 1000000})").is_ok());
}

TEST(QueryJsonTest, ValidateQueryChecksQueriesBuiltInCode) {
  Query q;
  q.metrics = {Metric::of_column(Column::kBilledCost)};
  q.order_by = {{OrderKey::Field::kDimension, 0, SortDirection::kAsc}};
  EXPECT_EQ(validate_query(q).message(), "order_by[0].field: dimension index out of range");
  q.order_by = {{OrderKey::Field::kPeriod, 0, SortDirection::kAsc}};
  EXPECT_EQ(validate_query(q).message(), "order_by[0].field: \"period\" needs a granularity");
  q.order_by.clear();
  q.group_by = {Dimension::of_column(Column::kBilledCost)};
  EXPECT_EQ(validate_query(q).message(), "group_by[0]: BilledCost is not a string dimension");
  q.group_by = {Dimension::of_extension("UsageType")};
  EXPECT_EQ(validate_query(q).message(),
            "group_by[0]: extension column names start with \"x_\"; found \"UsageType\"");
  q.group_by.clear();
  q.filters = {{Dimension::of_tag("env"), FilterOp::kIsNull, {"x"}}};
  EXPECT_EQ(validate_query(q).message(), "filters[0].values: is_null takes no values");
}

TEST(QueryJsonTest, EffectiveOrderAddsTieBreakers) {
  auto q = parse_query(
      R"({"granularity": "day", "metrics": ["BilledCost"], "group_by": ["ServiceName", "RegionId"],
                           "order_by": [{"field": "RegionId", "direction": "desc"}]})");
  ASSERT_TRUE(q.is_ok());
  EXPECT_EQ(effective_order(*q),
            (std::vector<OrderKey>{{OrderKey::Field::kDimension, 1, SortDirection::kDesc},
                                   {OrderKey::Field::kPeriod, 0, SortDirection::kAsc},
                                   {OrderKey::Field::kDimension, 0, SortDirection::kAsc}}));
  EXPECT_EQ(others_order_position(*q), 0u);
  auto d = parse_query(
      R"({"granularity": "day", "metrics": ["BilledCost"], "group_by": ["ServiceName"]})");
  ASSERT_TRUE(d.is_ok());
  EXPECT_EQ(effective_order(*d),
            (std::vector<OrderKey>{{OrderKey::Field::kPeriod, 0, SortDirection::kAsc},
                                   {OrderKey::Field::kMetric, 0, SortDirection::kDesc},
                                   {OrderKey::Field::kDimension, 0, SortDirection::kAsc}}));
  EXPECT_EQ(others_order_position(*d), 1u);
}

TEST(CursorTest, DecodesItsOwnOffsetAndSurvivesALimitChange) {
  auto q = parse_query(R"({"metrics": ["BilledCost"], "group_by": ["ServiceName"], "limit": 10})");
  ASSERT_TRUE(q.is_ok());
  const std::string cursor = encode_cursor(*q, 40);
  Query other_page_size = *q;
  other_page_size.limit = 25;
  auto offset = decode_cursor(other_page_size, cursor);
  ASSERT_TRUE(offset.is_ok());
  EXPECT_EQ(*offset, 40u);
  for (char c : cursor)
    EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') << cursor;
}

TEST(CursorTest, RejectsCursorsOfOtherQueriesAndGarbage) {
  auto q = parse_query(R"({"metrics": ["BilledCost"], "group_by": ["ServiceName"], "limit": 10})");
  auto other = parse_query(R"({"metrics": ["BilledCost"], "group_by": ["RegionId"], "limit": 10})");
  ASSERT_TRUE(q.is_ok() && other.is_ok());
  EXPECT_FALSE(decode_cursor(*other, encode_cursor(*q, 10)).is_ok());
  EXPECT_FALSE(decode_cursor(*q, "").is_ok());
  EXPECT_FALSE(decode_cursor(*q, "a").is_ok());
  EXPECT_FALSE(decode_cursor(*q, "cTEu!!").is_ok());
  // Base64 of "q1.x": the right version, nothing else.
  EXPECT_EQ(decode_cursor(*q, "cTEueA").status().message(),
            "cursor: expected a cursor returned as next_cursor; found 'cTEueA'");
}

TEST(CursorTest, FingerprintIgnoresLimitAndOffsetOnly) {
  auto a = parse_query(R"({"metrics": ["BilledCost"], "group_by": ["ServiceName"], "limit": 10})");
  auto b = parse_query(R"({"metrics": ["BilledCost"], "group_by": ["ServiceName"]})");
  auto c = parse_query(R"({"metrics": ["BilledCost"], "group_by": ["ServiceName"], "top_n": 3})");
  ASSERT_TRUE(a.is_ok() && b.is_ok() && c.is_ok());
  EXPECT_EQ(query_fingerprint(*a), query_fingerprint(*b));
  EXPECT_NE(query_fingerprint(*a), query_fingerprint(*c));
  EXPECT_EQ(query_fingerprint(*a).size(), 16u);
}

}  // namespace
}  // namespace optima::query
