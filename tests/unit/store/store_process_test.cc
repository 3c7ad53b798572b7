// Two processes on one data directory: a long-lived Store (a server) sees another process's
// commit on its next snapshot, and keeps reading the segments its older snapshot holds.
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include <gtest/gtest.h>

#include "optima/store/store.h"
#include "support/shared_data.h"
#include "test_tables.h"

namespace optima::store {
namespace {

using optima::testing::TempDir;
using testing::make_rows;
using testing::rows_text;

core::Period march() {
  return {core::make_timestamp({2024, 3, 1}), core::make_timestamp({2024, 4, 1})};
}

// Child: waits for a byte on `go`, commits rows of dataset `seed`, exits 0 (or non-zero on error).
[[noreturn]] void commit_when_told(const std::filesystem::path& dir, int go, uint64_t seed) {
  char byte = 0;
  if (::read(go, &byte, 1) != 1) _exit(2);
  auto store = Store::open(dir);
  if (!store.is_ok()) _exit(3);
  auto writer = (*store)->begin_partition("aws", march());
  if (!writer.is_ok() || !(*writer)->append(make_rows(seed, 0, 500)).is_ok()) _exit(4);
  auto pending = (*writer)->finish();
  if (!pending.is_ok()) _exit(5);
  std::vector<PendingPartition> list;
  list.push_back(std::move(pending).value());
  JobRecord job;
  job.source = "aws";
  job.reader = "focus";
  _exit((*store)->commit(std::move(list), job).is_ok() ? 0 : 6);
}

// Forks a committer (before this process starts any thread) and returns its pid and pipe.
std::pair<pid_t, int> spawn_committer(const std::filesystem::path& dir, uint64_t seed) {
  int fds[2];
  if (::pipe(fds) != 0) return {-1, -1};
  const pid_t child = fork();
  if (child == 0) {
    ::close(fds[1]);
    commit_when_told(dir, fds[0], seed);
  }
  ::close(fds[0]);
  return {child, fds[1]};
}

bool run(std::pair<pid_t, int> committer) {
  const char byte = 1;
  const bool told = ::write(committer.second, &byte, 1) == 1;
  ::close(committer.second);
  int status = 0;
  return told && waitpid(committer.first, &status, 0) == committer.first && WIFEXITED(status) &&
         WEXITSTATUS(status) == 0;
}

size_t thread_count() {
  size_t n = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/task")) ++n;
  return n;
}

TEST(StoreProcessTest, AnotherProcessesCommitShowsInTheNextSnapshot) {
  ASSERT_EQ(thread_count(), 1u) << "fork() needs a single-threaded test process";
  TempDir dir;
  const auto first = spawn_committer(dir.path(), 1);
  const auto second = spawn_committer(dir.path(), 2);
  ASSERT_GT(first.first, 0);
  ASSERT_GT(second.first, 0);

  auto store = Store::open(dir.path());
  ASSERT_TRUE(store.is_ok()) << store.status().to_string();
  auto empty = (*store)->snapshot();
  ASSERT_TRUE(empty.is_ok());
  EXPECT_TRUE((*empty)->partitions().empty());

  ASSERT_TRUE(run(first));
  auto after_first = (*store)->snapshot();
  ASSERT_TRUE(after_first.is_ok()) << after_first.status().to_string();
  ASSERT_EQ((*after_first)->partitions().size(), 1u);
  const SnapshotPartition& p = (*after_first)->partitions()[0];
  std::vector<std::string> rows;
  for (uint32_t g = 0; g < p.segment->row_group_count(); ++g) {
    for (auto& row : rows_text(*p.segment->load(g, ColumnSelection::all()).value())) rows.push_back(row);
  }
  EXPECT_EQ(rows, rows_text(make_rows(1, 0, 500)));

  // The other process restates and deletes the old segment; our snapshot still reads it.
  ASSERT_TRUE(run(second));
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "segments" / p.info.segment_file));
  EXPECT_EQ(rows_text(*p.segment->load(0, ColumnSelection::all()).value()),
            rows_text(make_rows(1, 0, 500)));
  auto after_second = (*store)->snapshot();
  ASSERT_TRUE(after_second.is_ok());
  ASSERT_EQ((*after_second)->partitions().size(), 1u);
  EXPECT_EQ((*after_second)->partitions()[0].info.version, 2);
  EXPECT_EQ(rows_text(*(*after_second)->partitions()[0].segment->load(0, ColumnSelection::all()).value()),
            rows_text(make_rows(2, 0, 500)));
}

}  // namespace
}  // namespace optima::store
