// Crash safety for real: a child process restates partitions in a loop and is SIGKILLed at
// random moments; after every kill the store must hold, for every partition, exactly the old or
// the new content (never a mix), with a sound catalog and no leftover files.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <random>
#include <thread>

#include <gtest/gtest.h>

#include "optima/store/store.h"
#include "support/shared_data.h"
#include "test_tables.h"

namespace optima::store {
namespace {

using optima::testing::TempDir;
using testing::make_rows;
using testing::rows_text;

constexpr int kPartitions = 3;
constexpr size_t kRowsA = 700;
constexpr size_t kRowsB = 500;

core::Period month(int m) {
  return {core::make_timestamp({2024, m, 1}), core::make_timestamp({2024, m + 1, 1})};
}
uint64_t seed_of(int variant, int partition) {
  return 100 * static_cast<uint64_t>(variant + 1) + static_cast<uint64_t>(partition);
}
size_t rows_of(int variant) { return variant == 0 ? kRowsA : kRowsB; }

StoreOptions options() {
  StoreOptions o;
  o.encode_threads = 2;
  o.segments.row_group_rows = 256;
  return o;
}

using Batches = std::vector<std::shared_ptr<const focus::Table>>;

// One round: restate every partition with contents `variant`, in one commit.
core::Status restate(Store& store, const Batches (&tables)[2][kPartitions], int variant) {
  std::vector<PendingPartition> pending;
  for (int p = 0; p < kPartitions; ++p) {
    OPTIMA_ASSIGN_OR_RETURN(auto writer, store.begin_partition("aws", month(p + 1)));
    for (const auto& batch : tables[variant][p]) OPTIMA_RETURN_IF_ERROR(writer->append(batch));
    OPTIMA_ASSIGN_OR_RETURN(PendingPartition finished, writer->finish());
    pending.push_back(std::move(finished));
  }
  JobRecord job;
  job.source = "aws";
  job.reader = "focus";
  job.files.push_back({"round.csv", fmt::format("sha-{}", variant)});
  return store.commit(std::move(pending), job).status();
}

// The child: restate all partitions forever, alternating contents A and B.
[[noreturn]] void restate_forever(const std::filesystem::path& dir,
                                  const Batches (&tables)[2][kPartitions], int first_variant) {
  auto store = Store::open(dir, options());
  if (!store.is_ok()) _exit(3);
  for (int round = 0;; ++round) {
    if (!restate(**store, tables, (first_variant + round) % 2).is_ok()) _exit(4);
  }
}

size_t thread_count() {
  size_t n = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/task")) ++n;
  return n;
}

TEST(StoreCrashTest, KillingTheWriterAtAnyMomentLeavesOldOrNewContentNeverAMix) {
  TempDir dir;
  std::vector<std::string> expected[2][kPartitions];
  Batches tables[2][kPartitions];  // built before forking: the child inherits them
  for (int v = 0; v < 2; ++v) {
    for (int p = 0; p < kPartitions; ++p) {
      expected[v][p] = rows_text(make_rows(seed_of(v, p), 0, rows_of(v)));
      for (size_t begin = 0; begin < rows_of(v); begin += 300) {
        tables[v][p].push_back(std::make_shared<const focus::Table>(
            make_rows(seed_of(v, p), begin, std::min(rows_of(v), begin + 300))));
      }
    }
  }
  // Time one open + round here, so the kills spread over a few rounds whatever the build type.
  const auto started = std::chrono::steady_clock::now();
  {
    auto store = Store::open(dir.path(), options());
    ASSERT_TRUE(store.is_ok()) << store.status().to_string();
    ASSERT_TRUE(restate(**store, tables, 0).is_ok());
  }
  const auto round_us = std::chrono::duration_cast<std::chrono::microseconds>(
                            std::chrono::steady_clock::now() - started)
                            .count();
  ASSERT_EQ(thread_count(), 1u) << "fork() needs a single-threaded test process";
  std::mt19937_64 random(20240301);
  int observed[2] = {0, 0};  // all A, all B
  int iterations = 0;
  // At least 20 kills; more while time allows (a few seconds in a release build).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (iterations < 20 || (iterations < 80 && std::chrono::steady_clock::now() < deadline)) {
    ++iterations;
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) restate_forever(dir.path(), tables, iterations % 2);
    std::this_thread::sleep_for(
        std::chrono::microseconds(random() % static_cast<uint64_t>(2 * round_us + 1)));
    ASSERT_EQ(kill(child, SIGKILL), 0);
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << "the writer stopped by itself with exit code " << WEXITSTATUS(status);

    auto store = Store::open(dir.path(), options());
    ASSERT_TRUE(store.is_ok()) << store.status().to_string();
    auto integrity = (*store)->check_catalog();
    ASSERT_TRUE(integrity.is_ok()) << integrity.status().to_string();
    ASSERT_EQ(*integrity, "ok");
    auto snapshot = (*store)->snapshot();
    ASSERT_TRUE(snapshot.is_ok()) << snapshot.status().to_string();
    const auto& partitions = (*snapshot)->partitions();
    {
      ASSERT_EQ(partitions.size(), static_cast<size_t>(kPartitions));
      int variant_seen = -1;
      for (int p = 0; p < kPartitions; ++p) {
        const SnapshotPartition& partition = partitions[static_cast<size_t>(p)];
        ASSERT_EQ(partition.info.period, month(p + 1));
        std::vector<std::string> rows;
        for (uint32_t g = 0; g < partition.segment->row_group_count(); ++g) {
          auto table = partition.segment->load(g, ColumnSelection::all());
          ASSERT_TRUE(table.is_ok()) << table.status().to_string();
          for (auto& row : rows_text(**table)) rows.push_back(std::move(row));
        }
        const int variant = rows == expected[0][p] ? 0 : rows == expected[1][p] ? 1 : -1;
        ASSERT_NE(variant, -1) << "partition " << p << " holds neither A nor B after kill "
                               << iterations;
        if (variant_seen == -1) variant_seen = variant;
        ASSERT_EQ(variant, variant_seen) << "one commit switched only some partitions";
      }
      ++observed[variant_seen];
    }
    // The sweep at open left exactly the current segments: no temp files, no superseded ones.
    size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path() / "segments")) {
      ++files;
      EXPECT_EQ(entry.path().extension(), ".seg") << entry.path();
    }
    EXPECT_EQ(files, partitions.size());
  }
  EXPECT_GT(observed[0], 0) << "never saw content A";
  EXPECT_GT(observed[1], 0) << "never saw content B";
  std::printf("[ crash    ] %d kills over rounds of %lld us: %d left A, %d left B\n", iterations,
              static_cast<long long>(round_us), observed[0], observed[1]);
}

}  // namespace
}  // namespace optima::store
