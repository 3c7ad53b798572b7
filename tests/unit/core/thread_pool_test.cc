#include "optima/core/thread_pool.h"

#include <atomic>

#include <gtest/gtest.h>

namespace optima::core {
namespace {

TEST(ThreadPoolTest, ParallelForRunsEveryIndexOnceAndReportsTheFirstError) {
  ThreadPool pool(2);
  std::vector<std::atomic<int>> hits(1000);
  ASSERT_TRUE(pool.parallel_for(hits.size(), [&](size_t i) {
    hits[i].fetch_add(1);
    return Status::ok();
  }).is_ok());
  for (const auto& h : hits) EXPECT_EQ(h.load(), 1);
  Status s = pool.parallel_for(100, [](size_t i) {
    return i == 42 ? invalid_argument("bad 42") : Status::ok();
  });
  EXPECT_EQ(s.message(), "bad 42");
}

// Every worker inside parallel_for at once (e.g. queries run from pool tasks) must not deadlock
// waiting for helper tasks that no free worker can start.
TEST(ThreadPoolTest, NestedParallelForFromEveryWorkerDoesNotDeadlock) {
  ThreadPool pool(2);
  std::atomic<int> total{0};
  std::vector<std::future<Status>> outer;
  for (int t = 0; t < 4; ++t) {
    outer.push_back(pool.submit([&pool, &total] {
      return pool.parallel_for(50, [&total](size_t) {
        total.fetch_add(1);
        return Status::ok();
      });
    }));
  }
  for (auto& f : outer) EXPECT_TRUE(f.get().is_ok());
  EXPECT_EQ(total.load(), 200);
}

}  // namespace
}  // namespace optima::core
