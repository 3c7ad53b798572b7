// read_prometheus against a real Prometheus scraping a real node exporter on loopback.
#include <gtest/gtest.h>

#include <chrono>
#include <ctime>
#include <fstream>
#include <thread>

#include "optima/inventory/http_get.h"
#include "optima/inventory/inventory_batch.h"
#include "optima/inventory/prometheus_reader.h"
#include "support/prometheus_fixture.h"

namespace optima::inventory {
namespace {

core::Timestamp now() { return core::Timestamp{static_cast<int64_t>(std::time(nullptr))}; }

const MetricSeries* find_series(const InventoryBatch& batch, const std::string& metric) {
  for (const MetricSeries& s : batch.series()) {
    if (s.metric == metric) return &s;
  }
  return nullptr;
}

TEST(PrometheusReaderTest, PullsNodeCpuMemoryAndNetworkPerInstance) {
  if (!testing::PrometheusNodeFixture::binaries_present()) {
    GTEST_SKIP() << "prometheus or prometheus-node-exporter not installed (scripts/install-deps.sh test)";
  }
  testing::PrometheusNodeFixture prometheus;
  std::string reason;
  ASSERT_TRUE(prometheus.start(&reason)) << reason;

  PrometheusQuery query;
  query.url = prometheus.url();
  query.step_seconds = 1;
  query.timeout = std::chrono::milliseconds(5000);
  // Wait until every query has samples (rate() over [5m] needs two scrapes of the counters) and
  // cpu has five, so a windowed fetch below spans several windows.
  InventoryBatch batch;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    query.end = now();
    query.start = core::Timestamp{query.end.unix_seconds - 60};
    batch = InventoryBatch();
    const core::Status status = read_prometheus(query, &batch);
    if (status.is_ok() && batch.series().size() == 4 && find_series(batch, "cpu_percent")->samples.size() >= 5) break;
  }
  ASSERT_EQ(batch.series().size(), 4u) << "no node samples within 60 s; logs in " << prometheus.log_dir();
  const std::string instance = prometheus.node_instance();
  for (const MetricSeries& s : batch.series()) {
    EXPECT_EQ(s.resource_id, instance) << s.metric;
    EXPECT_EQ(s.step_seconds, 1);
    ASSERT_FALSE(s.samples.empty()) << s.metric;
    for (size_t i = 1; i < s.samples.size(); ++i) EXPECT_LT(s.samples[i - 1].time, s.samples[i].time);
  }
  const MetricSeries* cpu = find_series(batch, "cpu_percent");
  ASSERT_NE(cpu, nullptr);
  for (const MetricSample& sample : cpu->samples) {
    EXPECT_GE(sample.value, 0.0);
    EXPECT_LE(sample.value, 100.0);
  }
  const MetricSeries* memory = find_series(batch, "memory_percent");
  ASSERT_NE(memory, nullptr);
  EXPECT_GT(memory->samples.back().value, 0.0);
  EXPECT_LT(memory->samples.back().value, 100.0);
  ASSERT_NE(find_series(batch, "network_in_bytes"), nullptr);
  ASSERT_NE(find_series(batch, "network_out_bytes"), nullptr);
  // The unmapped instance becomes a resource of its own.
  ASSERT_EQ(batch.resources().size(), 1u);
  EXPECT_EQ(batch.resources()[0].provider, "Prometheus");
  EXPECT_EQ(batch.resources()[0].native_id, instance);

  // A range longer than max_points_per_query steps is fetched in windows, each a part.
  query.max_points_per_query = 2;
  InventoryBatch windowed;
  ASSERT_TRUE(read_prometheus(query, &windowed).is_ok());
  int cpu_parts = 0;
  for (const MetricSeries& s : windowed.series()) {
    if (s.metric != "cpu_percent") continue;
    ++cpu_parts;
    EXPECT_LE(s.samples.size(), 3u);
    EXPECT_GE(s.samples.front().time, query.start);
    EXPECT_LE(s.samples.back().time, query.end);
  }
  EXPECT_GE(cpu_parts, 2);
  query.max_points_per_query = 10000;

  // With a mapping the series carry the resource id and no Prometheus resource is added.
  query.instance_to_resource[instance] = "i-0123456789abcdef0";
  InventoryBatch mapped;
  ASSERT_TRUE(read_prometheus(query, &mapped).is_ok());
  ASSERT_FALSE(mapped.series().empty());
  EXPECT_EQ(mapped.series()[0].resource_id, "i-0123456789abcdef0");
  EXPECT_TRUE(mapped.resources().empty());
}

TEST(PrometheusReaderTest, UnreachableServerIsAnIoError) {
  PrometheusQuery query;
  query.url = "http://127.0.0.1:1";
  query.end = now();
  query.start = core::Timestamp{query.end.unix_seconds - 60};
  query.timeout = std::chrono::milliseconds(2000);
  InventoryBatch batch;
  const core::Status status = read_prometheus(query, &batch);
  EXPECT_EQ(status.code(), core::StatusCode::kIoError) << status.to_string();
}

TEST(PrometheusReaderTest, ParsesUrlsDurationsAndMappings) {
  auto url = parse_http_url("http://prom.internal:9090/prometheus/");
  ASSERT_TRUE(url.is_ok());
  EXPECT_EQ(url->host, "prom.internal");
  EXPECT_EQ(url->port, "9090");
  EXPECT_EQ(url->path, "/prometheus");
  EXPECT_FALSE(parse_http_url("https://x").is_ok());
  EXPECT_EQ(url_encode("a b{c=\"d\"}"), "a%20b%7Bc%3D%22d%22%7D");
  EXPECT_EQ(parse_duration_seconds("1h"), 3600);
  EXPECT_EQ(parse_duration_seconds("60s"), 60);
  EXPECT_EQ(parse_duration_seconds("30d"), 30 * 86400);
  EXPECT_FALSE(parse_duration_seconds("soon").has_value());

  testing::TempDir dir;
  std::ofstream(dir.path() / "map.csv") << "instance,resource_id\nnode-1:9100,i-1\nbroken\n";
  auto mapping = read_instance_mapping(dir.path() / "map.csv");
  ASSERT_FALSE(mapping.is_ok());
  EXPECT_NE(mapping.status().message().find("line 3"), std::string::npos);
}

}  // namespace
}  // namespace optima::inventory
