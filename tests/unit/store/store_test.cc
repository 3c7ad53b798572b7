// Store: commits, restatements, no-op re-ingests, snapshots, sweeping, corruption.
#include "optima/store/store.h"

#include <sqlite3.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>

#include "support/shared_data.h"
#include "test_tables.h"

namespace optima::store {
namespace {

using optima::testing::TempDir;
using testing::make_rows;
using testing::rows_text;

core::Period month(int m) {
  return {core::make_timestamp({2024, m, 1}), core::make_timestamp({2024, m + 1, 1})};
}

std::unique_ptr<Store> open_store(const std::filesystem::path& dir) {
  StoreOptions options;
  options.encode_threads = 2;
  options.segments.row_group_rows = 500;
  auto store = Store::open(dir, options);
  EXPECT_TRUE(store.is_ok()) << store.status().to_string();
  return store.is_ok() ? std::move(store).value() : nullptr;
}

PendingPartition write_partition(Store& store, const std::string& source, core::Period period,
                                 uint64_t seed, size_t rows) {
  auto writer = store.begin_partition(source, period);
  EXPECT_TRUE(writer.is_ok()) << writer.status().to_string();
  for (size_t begin = 0; begin < rows; begin += 300) {
    EXPECT_TRUE((*writer)->append(make_rows(seed, begin, std::min(rows, begin + 300))).is_ok());
  }
  auto pending = (*writer)->finish();
  EXPECT_TRUE(pending.is_ok()) << pending.status().to_string();
  return std::move(pending).value();
}

JobRecord job_for(const std::string& source, std::vector<std::string> shas = {}) {
  JobRecord job;
  job.source = source;
  job.reader = "focus";
  job.started_at = 100;
  job.finished_at = 200;
  for (size_t i = 0; i < shas.size(); ++i) job.files.push_back({fmt::format("f{}.csv", i), shas[i]});
  return job;
}

CommitResult commit_one(Store& store, PendingPartition pending, std::vector<std::string> shas = {}) {
  std::vector<PendingPartition> list;
  const std::string source = pending.source();
  list.push_back(std::move(pending));
  auto result = store.commit(std::move(list), job_for(source, std::move(shas)));
  EXPECT_TRUE(result.is_ok()) << result.status().to_string();
  return result.is_ok() ? std::move(result).value() : CommitResult{};
}

// Every row of a partition in a snapshot, as text.
std::vector<std::string> partition_rows(const Snapshot& snapshot, int64_t partition_id) {
  std::vector<std::string> out;
  for (const RowGroupInfo& group : snapshot.row_groups()) {
    if (group.partition_id != partition_id) continue;
    auto table = snapshot.load(group, ColumnSelection::all());
    EXPECT_TRUE(table.is_ok()) << table.status().to_string();
    if (!table.is_ok()) break;
    for (auto& row : rows_text(**table)) out.push_back(std::move(row));
  }
  return out;
}

size_t files_in(const std::filesystem::path& dir) {
  size_t n = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) n += entry.is_regular_file();
  return n;
}

TEST(StoreTest, FirstCommitCreatesSourcePartitionAndJob) {
  TempDir dir;
  auto store = open_store(dir.path());
  const CommitResult result = commit_one(*store, write_partition(*store, "aws", month(3), 1, 1200),
                                         {"sha-a"});
  ASSERT_EQ(result.partitions.size(), 1u);
  EXPECT_EQ(result.partitions[0].change, PartitionChange::kNew);
  EXPECT_EQ(result.partitions[0].version, 1);
  EXPECT_EQ(result.partitions[0].rows, 1200u);

  auto sources = store->sources();
  ASSERT_TRUE(sources.is_ok());
  ASSERT_EQ(sources->size(), 1u);
  EXPECT_EQ((*sources)[0].name, "aws");
  EXPECT_EQ((*sources)[0].reader, "focus");

  auto partitions = store->partitions();
  ASSERT_TRUE(partitions.is_ok());
  ASSERT_EQ(partitions->size(), 1u);
  const PartitionInfo& p = (*partitions)[0];
  EXPECT_EQ(p.id, result.partitions[0].partition_id);
  EXPECT_EQ(p.period, month(3));
  EXPECT_EQ(p.rows, 1200u);
  EXPECT_EQ(p.job_id, result.job_id);
  EXPECT_EQ(p.bytes, std::filesystem::file_size(dir.path() / "segments" / p.segment_file));
  EXPECT_FALSE(p.superseded_at.has_value());

  auto jobs = store->jobs();
  ASSERT_TRUE(jobs.is_ok());
  ASSERT_EQ(jobs->size(), 1u);
  EXPECT_EQ((*jobs)[0].id, result.job_id);
  ASSERT_EQ((*jobs)[0].files.size(), 1u);
  EXPECT_EQ((*jobs)[0].files[0].sha256, "sha-a");

  auto snapshot = store->snapshot();
  ASSERT_TRUE(snapshot.is_ok());
  EXPECT_EQ((*snapshot)->total_rows(), 1200u);
  EXPECT_EQ(partition_rows(**snapshot, p.id), rows_text(make_rows(1, 0, 1200)));
  EXPECT_EQ(store->check_catalog().value(), "ok");
}

TEST(StoreTest, RestatementReplacesTheVersionAndKeepsHistory) {
  TempDir dir;
  auto store = open_store(dir.path());
  const auto first = commit_one(*store, write_partition(*store, "aws", month(3), 1, 800));
  const auto second = commit_one(*store, write_partition(*store, "aws", month(3), 2, 900));
  ASSERT_EQ(second.partitions.size(), 1u);
  EXPECT_EQ(second.partitions[0].change, PartitionChange::kReplaced);
  EXPECT_EQ(second.partitions[0].version, 2);
  const int64_t id = first.partitions[0].partition_id;
  EXPECT_EQ(second.partitions[0].partition_id, id);  // stable id across versions

  auto snapshot = store->snapshot();
  ASSERT_TRUE(snapshot.is_ok());
  EXPECT_EQ(partition_rows(**snapshot, id), rows_text(make_rows(2, 0, 900)));

  auto history = store->partition_history(id);
  ASSERT_TRUE(history.is_ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].version, 1);
  EXPECT_TRUE((*history)[0].superseded_at.has_value());
  EXPECT_EQ((*history)[1].version, 2);
  EXPECT_FALSE((*history)[1].superseded_at.has_value());
  // The superseded segment is gone (no snapshot held it); only the current one remains.
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "segments" / (*history)[0].segment_file));
  EXPECT_EQ(files_in(dir.path() / "segments"), 1u);
  EXPECT_EQ(store->partition_history(999).status().code(), core::StatusCode::kNotFound);
}

TEST(StoreTest, SameContentIsUnchangedAndWritesNothing) {
  TempDir dir;
  auto store = open_store(dir.path());
  commit_one(*store, write_partition(*store, "aws", month(3), 5, 700));
  // The same rows, batched differently by a different writer, hash the same.
  auto writer = store->begin_partition("aws", month(3));
  ASSERT_TRUE(writer.is_ok());
  ASSERT_TRUE((*writer)->append(make_rows(5, 0, 700)).is_ok());
  auto pending = (*writer)->finish();
  ASSERT_TRUE(pending.is_ok());
  const auto temp = pending->path();
  EXPECT_TRUE(std::filesystem::exists(temp));
  const auto again = commit_one(*store, std::move(pending).value());
  ASSERT_EQ(again.partitions.size(), 1u);
  EXPECT_EQ(again.partitions[0].change, PartitionChange::kUnchanged);
  EXPECT_EQ(again.partitions[0].version, 1);
  EXPECT_FALSE(std::filesystem::exists(temp));
  EXPECT_EQ(files_in(dir.path() / "segments"), 1u);
  EXPECT_EQ(store->partition_history(again.partitions[0].partition_id)->size(), 1u);
}

TEST(StoreTest, WasIngestedUntilTheDataIsRestatedByOtherFiles) {
  TempDir dir;
  auto store = open_store(dir.path());
  EXPECT_FALSE(store->was_ingested("aws", {"h1"}).value());
  commit_one(*store, write_partition(*store, "aws", month(3), 1, 100), {"h1", "h2"});
  EXPECT_TRUE(store->was_ingested("aws", {"h2", "h1", "h1"}).value());
  EXPECT_FALSE(store->was_ingested("aws", {"h1"}).value());          // a different set
  EXPECT_FALSE(store->was_ingested("azure", {"h1", "h2"}).value());  // another source
  commit_one(*store, write_partition(*store, "aws", month(3), 2, 100), {"h3"});
  // h1+h2's version is superseded: ingesting them again would change the data.
  EXPECT_FALSE(store->was_ingested("aws", {"h1", "h2"}).value());
  EXPECT_TRUE(store->was_ingested("aws", {"h3"}).value());
  // A failed job never counts.
  JobRecord failed = job_for("aws", {"h4"});
  failed.status = JobStatus::kFailed;
  failed.message = "bad file";
  ASSERT_TRUE(store->record_job(failed).is_ok());
  EXPECT_FALSE(store->was_ingested("aws", {"h4"}).value());
  EXPECT_EQ(store->jobs()->front().message, "bad file");
}

TEST(StoreTest, OneCommitSwitchesSeveralPartitions) {
  TempDir dir;
  auto store = open_store(dir.path());
  std::vector<PendingPartition> list;
  list.push_back(write_partition(*store, "aws", month(3), 1, 300));
  list.push_back(write_partition(*store, "aws", month(4), 2, 400));
  auto result = store->commit(std::move(list), job_for("aws"));
  ASSERT_TRUE(result.is_ok()) << result.status().to_string();
  ASSERT_EQ(result->partitions.size(), 2u);
  EXPECT_NE(result->partitions[0].partition_id, result->partitions[1].partition_id);
  auto snapshot = store->snapshot();
  ASSERT_TRUE(snapshot.is_ok());
  EXPECT_EQ((*snapshot)->partitions().size(), 2u);
  EXPECT_EQ((*snapshot)->total_rows(), 700u);
  auto only_april = (*snapshot)->filter([](const PartitionInfo& p) { return p.period == month(4); });
  EXPECT_EQ(only_april->total_rows(), 400u);
}

TEST(StoreTest, CommitRejectsForeignSourceAndDuplicatePeriod) {
  TempDir dir;
  auto store = open_store(dir.path());
  std::vector<PendingPartition> foreign;
  foreign.push_back(write_partition(*store, "gcp", month(3), 1, 10));
  EXPECT_EQ(store->commit(std::move(foreign), job_for("aws")).status().code(),
            core::StatusCode::kInvalidArgument);
  std::vector<PendingPartition> twice;
  twice.push_back(write_partition(*store, "aws", month(3), 1, 10));
  twice.push_back(write_partition(*store, "aws", month(3), 2, 10));
  EXPECT_EQ(store->commit(std::move(twice), job_for("aws")).status().code(),
            core::StatusCode::kInvalidArgument);
  EXPECT_TRUE(store->partitions()->empty());
  EXPECT_EQ(files_in(dir.path() / "segments"), 0u);  // rejected pending files were deleted
  EXPECT_EQ(store->begin_partition("", month(3)).status().code(), core::StatusCode::kInvalidArgument);
  EXPECT_EQ(store->begin_partition("aws", {month(4).start, month(3).start}).status().code(),
            core::StatusCode::kInvalidArgument);
}

TEST(StoreTest, AbandonedWritersAndPendingPartitionsLeaveNoFiles) {
  TempDir dir;
  auto store = open_store(dir.path());
  {
    auto writer = store->begin_partition("aws", month(3));
    ASSERT_TRUE(writer.is_ok());
    ASSERT_TRUE((*writer)->append(make_rows(1, 0, 50)).is_ok());
  }
  { PendingPartition pending = write_partition(*store, "aws", month(3), 1, 50); }
  EXPECT_EQ(files_in(dir.path() / "segments"), 0u);
}

TEST(StoreTest, SnapshotKeepsReadingTheOldVersionAfterACommit) {
  TempDir dir;
  auto store = open_store(dir.path());
  const auto first = commit_one(*store, write_partition(*store, "aws", month(3), 1, 1000));
  const int64_t id = first.partitions[0].partition_id;
  auto old_snapshot = store->snapshot().value();
  const std::string old_file = old_snapshot->partitions()[0].info.segment_file;

  commit_one(*store, write_partition(*store, "aws", month(3), 2, 600));
  auto new_snapshot = store->snapshot().value();
  EXPECT_EQ(partition_rows(*old_snapshot, id), rows_text(make_rows(1, 0, 1000)));
  EXPECT_EQ(partition_rows(*new_snapshot, id), rows_text(make_rows(2, 0, 600)));
  // Superseded but still in use: kept until the old snapshot goes away.
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "segments" / old_file));
  old_snapshot.reset();
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "segments" / old_file));
  EXPECT_EQ(partition_rows(*new_snapshot, id), rows_text(make_rows(2, 0, 600)));
}

TEST(StoreTest, SnapshotIsReusedUntilSomethingIsCommitted) {
  TempDir dir;
  auto store = open_store(dir.path());
  commit_one(*store, write_partition(*store, "aws", month(3), 1, 10));
  auto a = store->snapshot().value();
  auto b = store->snapshot().value();
  EXPECT_EQ(a.get(), b.get());
  commit_one(*store, write_partition(*store, "aws", month(4), 1, 10));
  auto c = store->snapshot().value();
  EXPECT_NE(a.get(), c.get());
  EXPECT_EQ(c->partitions().size(), 2u);
}

TEST(StoreTest, AnotherStoreOnTheSameDirectorySeesCommitsOnItsNextSnapshot) {
  TempDir dir;
  auto writer_store = open_store(dir.path());
  auto reader_store = open_store(dir.path());
  auto before = reader_store->snapshot().value();
  EXPECT_TRUE(before->partitions().empty());
  commit_one(*writer_store, write_partition(*writer_store, "aws", month(3), 1, 200));
  auto after = reader_store->snapshot().value();
  ASSERT_EQ(after->partitions().size(), 1u);
  const int64_t id = after->partitions()[0].info.id;
  EXPECT_EQ(partition_rows(*after, id), rows_text(make_rows(1, 0, 200)));
  // The writer restates while the reader's snapshot holds the old segment open: the writer
  // deletes the file, the reader still reads it through its descriptor.
  commit_one(*writer_store, write_partition(*writer_store, "aws", month(3), 2, 300));
  EXPECT_EQ(partition_rows(*after, id), rows_text(make_rows(1, 0, 200)));
  EXPECT_EQ(partition_rows(*reader_store->snapshot().value(), id), rows_text(make_rows(2, 0, 300)));
}

TEST(StoreTest, OpenSweepsOrphansButNotFilesOfLiveWriters) {
  TempDir dir;
  const auto segments = dir.path() / "segments";
  {
    auto store = open_store(dir.path());
    commit_one(*store, write_partition(*store, "aws", month(3), 1, 100));
  }
  // A crashed writer's temp file and a renamed-but-never-committed segment.
  std::ofstream(segments / "tmp-0123456789abcdef.tmp") << "partial";
  std::ofstream(segments / "p1-v7.seg") << "never committed";
  auto writer_store = open_store(dir.path());
  auto live = writer_store->begin_partition("aws", month(4));
  ASSERT_TRUE(live.is_ok());
  ASSERT_TRUE((*live)->append(make_rows(1, 0, 10)).is_ok());

  auto other = open_store(dir.path());  // sweeps, but must not touch the live writer's file
  EXPECT_FALSE(std::filesystem::exists(segments / "tmp-0123456789abcdef.tmp"));
  EXPECT_FALSE(std::filesystem::exists(segments / "p1-v7.seg"));
  auto pending = (*live)->finish();
  ASSERT_TRUE(pending.is_ok()) << pending.status().to_string();
  EXPECT_TRUE(std::filesystem::exists(pending->path()));
  auto result = commit_one(*writer_store, std::move(pending).value());
  EXPECT_EQ(result.partitions[0].change, PartitionChange::kNew);
  EXPECT_EQ(other->snapshot().value()->total_rows(), 110u);
}

TEST(StoreTest, CorruptSegmentIsDataLossNamingFileAndColumn) {
  TempDir dir;
  auto store = open_store(dir.path());
  commit_one(*store, write_partition(*store, "aws", month(3), 1, 400));
  const PartitionInfo p = store->partitions().value()[0];
  const auto path = dir.path() / "segments" / p.segment_file;
  ChunkEntry target;
  {
    auto reader = SegmentReader::open(path, nullptr);
    ASSERT_TRUE(reader.is_ok());
    for (const ChunkEntry& c : (*reader)->footer().row_groups[0].chunks) {
      if (c.column_key == focus::index_of(focus::Column::kResourceId)) target = c;
    }
  }
  {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(target.offset + 3));
    f.put('\x7f');
  }
  auto fresh = open_store(dir.path());
  auto snapshot = fresh->snapshot();
  ASSERT_TRUE(snapshot.is_ok()) << snapshot.status().to_string();
  ColumnSelection resource;
  resource.add(focus::Column::kResourceId);
  auto table = (*snapshot)->load((*snapshot)->row_groups()[0], resource);
  ASSERT_FALSE(table.is_ok());
  EXPECT_EQ(table.status().code(), core::StatusCode::kDataLoss);
  EXPECT_NE(table.status().message().find(p.segment_file), std::string::npos);
  EXPECT_NE(table.status().message().find("ResourceId"), std::string::npos);
}

TEST(StoreTest, TruncatedSegmentMakesSnapshotDataLoss) {
  TempDir dir;
  auto store = open_store(dir.path());
  commit_one(*store, write_partition(*store, "aws", month(3), 1, 400));
  const PartitionInfo p = store->partitions().value()[0];
  const auto path = dir.path() / "segments" / p.segment_file;
  std::filesystem::resize_file(path, std::filesystem::file_size(path) / 2);
  auto fresh = open_store(dir.path());
  auto snapshot = fresh->snapshot();
  ASSERT_FALSE(snapshot.is_ok());
  EXPECT_EQ(snapshot.status().code(), core::StatusCode::kDataLoss);
  EXPECT_NE(snapshot.status().message().find(p.segment_file), std::string::npos);
  // Re-ingesting the same rows is not "unchanged" here: it replaces the damaged segment.
  const auto repair = commit_one(*fresh, write_partition(*fresh, "aws", month(3), 1, 400));
  EXPECT_EQ(repair.partitions[0].change, PartitionChange::kReplaced);
  auto repaired = fresh->snapshot();
  EXPECT_TRUE(repaired.is_ok()) << repaired.status().to_string();
}

TEST(StoreTest, CatalogIsVersionedAndANewerOneIsRefused) {
  TempDir dir;
  { ASSERT_NE(open_store(dir.path()), nullptr); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir.path() / "catalog.db").c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, nullptr);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(stmt, 0), 1);
  sqlite3_finalize(stmt);
  sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, nullptr);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)), "wal");
  sqlite3_finalize(stmt);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto store = Store::open(dir.path());
  ASSERT_FALSE(store.is_ok());
  EXPECT_EQ(store.status().code(), core::StatusCode::kFailedPrecondition);
}

TEST(StoreTest, NotADatabaseIsDataLoss) {
  TempDir dir;
  std::ofstream(dir.path() / "catalog.db") << std::string(4096, 'x');
  auto store = Store::open(dir.path());
  ASSERT_FALSE(store.is_ok());
  EXPECT_EQ(store.status().code(), core::StatusCode::kDataLoss);
}

TEST(StoreTest, QueriesRunWhileCommitsHappen) {
  TempDir dir;
  auto store = open_store(dir.path());
  commit_one(*store, write_partition(*store, "aws", month(3), 1, 600));
  const auto a = rows_text(make_rows(1, 0, 600));
  const auto b = rows_text(make_rows(2, 0, 600));
  std::atomic<bool> stop{false};
  std::atomic<int> bad{0};
  std::atomic<int> reads{0};
  std::vector<std::thread> readers;
  readers.reserve(3);
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&] {
      while (!stop.load()) {
        auto snapshot = store->snapshot();
        if (!snapshot.is_ok()) {
          ++bad;
          continue;
        }
        const auto rows = partition_rows(**snapshot, (*snapshot)->partitions()[0].info.id);
        if (rows != a && rows != b) ++bad;
        ++reads;
      }
    });
  }
  for (int i = 0; i < 10; ++i) {
    commit_one(*store, write_partition(*store, "aws", month(3), i % 2 == 0 ? 2 : 1, 600));
  }
  while (reads.load() < 10) std::this_thread::yield();
  stop = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(bad.load(), 0);
}

}  // namespace
}  // namespace optima::store
