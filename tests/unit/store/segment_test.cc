// SegmentWriter + SegmentReader: round trips, determinism, selection, corruption.
#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "optima/core/file_io.h"
#include "optima/core/thread_pool.h"
#include "optima/store/segment_reader.h"
#include "optima/store/segment_writer.h"
#include "optima/store/unique_fd.h"
#include "support/shared_data.h"
#include "test_tables.h"

namespace optima::store {
namespace {

using optima::testing::TempDir;
using testing::make_rows;
using testing::rows_text;

// Writes rows [0, rows) of dataset `seed`, appended in batches of `batch` rows.
core::Result<SegmentSummary> write_segment(const std::filesystem::path& path, uint64_t seed,
                                           size_t rows, size_t batch,
                                           SegmentWriterOptions options = {}) {
  UniqueFd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (!fd.valid()) return core::io_error("cannot create " + path.string());
  SegmentWriter writer(fd.get(), path.string(), options);
  for (size_t begin = 0; begin < rows; begin += batch) {
    OPTIMA_RETURN_IF_ERROR(writer.append(make_rows(seed, begin, std::min(rows, begin + batch))));
  }
  return writer.finish();
}

// All rows of a segment, every column, as text.
std::vector<std::string> read_all(const SegmentReader& reader) {
  std::vector<std::string> out;
  for (uint32_t g = 0; g < reader.row_group_count(); ++g) {
    auto table = reader.load(g, ColumnSelection::all());
    EXPECT_TRUE(table.is_ok()) << table.status().to_string();
    if (!table.is_ok()) return out;
    for (auto& row : rows_text(**table)) out.push_back(std::move(row));
  }
  return out;
}

TEST(SegmentTest, RoundTripsEveryCellAcrossRowGroups) {
  TempDir dir;
  const auto path = dir.path() / "a.seg";
  SegmentWriterOptions options;
  options.row_group_rows = 1000;
  auto summary = write_segment(path, 7, 4321, 700, options);
  ASSERT_TRUE(summary.is_ok()) << summary.status().to_string();
  EXPECT_EQ(summary->rows, 4321u);
  EXPECT_EQ(summary->row_groups, 5u);
  EXPECT_EQ(summary->bytes, std::filesystem::file_size(path));

  auto reader = SegmentReader::open(path, nullptr);
  ASSERT_TRUE(reader.is_ok()) << reader.status().to_string();
  EXPECT_EQ((*reader)->rows(), 4321u);
  EXPECT_EQ((*reader)->content_hash(), summary->content_hash);
  EXPECT_EQ((*reader)->footer().row_groups[4].rows, 321u);
  EXPECT_EQ(read_all(**reader), rows_text(make_rows(7, 0, 4321)));
  EXPECT_TRUE((*reader)->verify().is_ok());
}

TEST(SegmentTest, SameRowsGiveTheSameBytesHoweverTheyAreBatched) {
  TempDir dir;
  core::ThreadPool pool(3);
  SegmentWriterOptions parallel;
  parallel.row_group_rows = 1024;
  parallel.pool = &pool;
  SegmentWriterOptions serial = parallel;
  serial.pool = nullptr;
  auto a = write_segment(dir.path() / "a.seg", 3, 5000, 5000, serial);
  auto b = write_segment(dir.path() / "b.seg", 3, 5000, 333, parallel);
  auto c = write_segment(dir.path() / "c.seg", 4, 5000, 5000, serial);
  ASSERT_TRUE(a.is_ok() && b.is_ok() && c.is_ok());
  EXPECT_EQ(a->content_hash, b->content_hash);
  EXPECT_EQ(core::read_file(dir.path() / "a.seg").value(),
            core::read_file(dir.path() / "b.seg").value());
  EXPECT_NE(a->content_hash, c->content_hash);
}

TEST(SegmentTest, LoadsOnlySelectedColumns) {
  TempDir dir;
  const auto path = dir.path() / "a.seg";
  ASSERT_TRUE(write_segment(path, 1, 100, 100).is_ok());
  auto reader = SegmentReader::open(path, nullptr);
  ASSERT_TRUE(reader.is_ok());
  ColumnSelection selection;
  selection.add(focus::Column::kBilledCost);
  selection.add(focus::Column::kInvoiceId);  // not in the segment
  auto table = (*reader)->load(0, selection);
  ASSERT_TRUE(table.is_ok());
  EXPECT_TRUE((*table)->present(focus::Column::kBilledCost));
  EXPECT_FALSE((*table)->present(focus::Column::kInvoiceId));
  EXPECT_FALSE((*table)->present(focus::Column::kServiceName));
  EXPECT_TRUE((*table)->extensions().empty());
  const auto full = make_rows(1, 0, 100);
  for (size_t r = 0; r < 100; ++r) {
    EXPECT_EQ((*table)->cell_text(r, focus::Column::kBilledCost),
              full.cell_text(r, focus::Column::kBilledCost));
  }
  selection.extensions = {"x_Operation"};
  table = (*reader)->load(0, selection);
  ASSERT_TRUE(table.is_ok());
  ASSERT_EQ((*table)->extensions().size(), 1u);
  EXPECT_EQ((*table)->extensions()[0].name, "x_Operation");
}

TEST(SegmentTest, DecimalColumnRepeatingAnotherIsSmallAndLoadsAlone) {
  TempDir dir;
  const auto path = dir.path() / "a.seg";
  ASSERT_TRUE(write_segment(path, 5, 3000, 3000).is_ok());
  auto cache = std::make_shared<ChunkCache>(64 << 20);
  auto reader = SegmentReader::open(path, cache);
  ASSERT_TRUE(reader.is_ok());
  uint32_t billed = 0;
  uint32_t effective = 0;
  for (const ChunkEntry& chunk : (*reader)->footer().row_groups[0].chunks) {
    if (chunk.column_key == focus::index_of(focus::Column::kBilledCost)) billed = chunk.stored_size;
    if (chunk.column_key == focus::index_of(focus::Column::kEffectiveCost)) effective = chunk.stored_size;
  }
  EXPECT_LT(effective * 2, billed);  // a quarter of the rows differ from BilledCost
  ColumnSelection selection;
  selection.add(focus::Column::kEffectiveCost);
  const auto expected = make_rows(5, 0, 3000);
  for (int pass = 0; pass < 2; ++pass) {  // decoded, then from the cache
    auto table = (*reader)->load(0, selection);
    ASSERT_TRUE(table.is_ok()) << table.status().to_string();
    EXPECT_FALSE((*table)->present(focus::Column::kBilledCost));
    for (size_t r = 0; r < 3000; ++r) {
      ASSERT_EQ((*table)->cell_text(r, focus::Column::kEffectiveCost),
                expected.cell_text(r, focus::Column::kEffectiveCost))
          << r;
    }
  }
}

TEST(SegmentTest, DeclaredAllNullColumnStaysPresent) {
  TempDir dir;
  const auto path = dir.path() / "a.seg";
  ASSERT_TRUE(write_segment(path, 1, 10, 10).is_ok());
  auto reader = SegmentReader::open(path, nullptr);
  ASSERT_TRUE(reader.is_ok());
  auto table = (*reader)->load(0, ColumnSelection::all());
  ASSERT_TRUE(table.is_ok());
  ASSERT_TRUE((*table)->present(focus::Column::kCommitmentDiscountId));
  EXPECT_TRUE((*table)->strings(focus::Column::kCommitmentDiscountId).is_null(3));
}

TEST(SegmentTest, ColumnMissingFromSomeTablesLoadsAsNullThere) {
  TempDir dir;
  const auto path = dir.path() / "a.seg";
  UniqueFd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  SegmentWriterOptions options;
  options.row_group_rows = 4;
  SegmentWriter writer(fd.get(), path.string(), options);
  focus::TableBuilder with;
  with.set_string(focus::Column::kInvoiceId, "inv-1");
  with.finish_row();
  focus::TableBuilder without;
  for (int i = 0; i < 5; ++i) {
    without.set_string(focus::Column::kProviderName, "AWS");
    without.finish_row();
  }
  ASSERT_TRUE(writer.append(with.finish()).is_ok());
  ASSERT_TRUE(writer.append(without.finish()).is_ok());
  ASSERT_TRUE(writer.finish().is_ok());
  auto reader = SegmentReader::open(path, nullptr);
  ASSERT_TRUE(reader.is_ok());
  auto first = (*reader)->load(0, ColumnSelection::all());
  auto second = (*reader)->load(1, ColumnSelection::all());
  ASSERT_TRUE(first.is_ok() && second.is_ok());
  EXPECT_EQ((*first)->cell_text(0, focus::Column::kInvoiceId), "inv-1");
  EXPECT_EQ((*first)->cell_text(1, focus::Column::kInvoiceId), "");
  EXPECT_EQ((*first)->cell_text(0, focus::Column::kProviderName), "");
  ASSERT_TRUE((*second)->present(focus::Column::kInvoiceId));  // no chunk in group 1: nulls
  EXPECT_TRUE((*second)->strings(focus::Column::kInvoiceId).is_null(1));
  EXPECT_EQ((*second)->cell_text(1, focus::Column::kProviderName), "AWS");
}

TEST(SegmentTest, EmptySegmentHasNoRowGroups) {
  TempDir dir;
  const auto path = dir.path() / "a.seg";
  auto summary = write_segment(path, 1, 0, 10);
  ASSERT_TRUE(summary.is_ok());
  auto reader = SegmentReader::open(path, nullptr);
  ASSERT_TRUE(reader.is_ok()) << reader.status().to_string();
  EXPECT_EQ((*reader)->rows(), 0u);
  EXPECT_EQ((*reader)->row_group_count(), 0u);
}

TEST(SegmentTest, RejectsInconsistentTable) {
  TempDir dir;
  const auto path = dir.path() / "a.seg";
  UniqueFd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  SegmentWriter writer(fd.get(), path.string());
  focus::Table table = make_rows(1, 0, 10);
  table.mutable_strings(focus::Column::kServiceName).codes.resize(5);
  ASSERT_TRUE(writer.append(std::move(table)).is_ok());
  auto summary = writer.finish();
  ASSERT_FALSE(summary.is_ok());
  EXPECT_EQ(summary.status().code(), core::StatusCode::kInvalidArgument);
  EXPECT_NE(summary.status().message().find("ServiceName"), std::string::npos);
}

// Replaces a file's content (no fsync: tests only).
void put_file(const std::filesystem::path& path, std::string_view content) {
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(content.data(),
                                                                 static_cast<std::streamsize>(content.size()));
}

// Overwrites one byte of a file.
void flip_byte(const std::filesystem::path& path, uint64_t offset) {
  std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
  f.seekg(static_cast<std::streamoff>(offset));
  char c = 0;
  f.get(c);
  f.seekp(static_cast<std::streamoff>(offset));
  f.put(static_cast<char>(c ^ 0x5a));
}

TEST(SegmentTest, CorruptChunkIsDataLossNamingFileAndColumn) {
  TempDir dir;
  const auto path = dir.path() / "a.seg";
  ASSERT_TRUE(write_segment(path, 1, 3000, 3000).is_ok());
  ChunkEntry target;
  {
    auto reader = SegmentReader::open(path, nullptr);
    ASSERT_TRUE(reader.is_ok());
    for (const ChunkEntry& chunk : (*reader)->footer().row_groups[0].chunks) {
      if (chunk.column_key == focus::index_of(focus::Column::kBilledCost)) target = chunk;
    }
  }
  ASSERT_GT(target.stored_size, 0u);
  flip_byte(path, target.offset + target.stored_size / 2);
  auto reader = SegmentReader::open(path, nullptr);
  ASSERT_TRUE(reader.is_ok());  // the footer is intact
  ColumnSelection cost;
  cost.add(focus::Column::kBilledCost);
  auto table = (*reader)->load(0, cost);
  ASSERT_FALSE(table.is_ok());
  EXPECT_EQ(table.status().code(), core::StatusCode::kDataLoss);
  EXPECT_NE(table.status().message().find(path.string()), std::string::npos);
  EXPECT_NE(table.status().message().find("column BilledCost"), std::string::npos);
  EXPECT_NE(table.status().message().find("row group 0"), std::string::npos);
  ColumnSelection other;
  other.add(focus::Column::kServiceName);
  EXPECT_TRUE((*reader)->load(0, other).is_ok());
  EXPECT_EQ((*reader)->verify().code(), core::StatusCode::kDataLoss);
}

TEST(SegmentTest, CorruptFooterIsDataLoss) {
  TempDir dir;
  const auto path = dir.path() / "a.seg";
  ASSERT_TRUE(write_segment(path, 1, 100, 100).is_ok());
  const uint64_t size = std::filesystem::file_size(path);
  flip_byte(path, size - kSegmentTrailerSize - 10);
  auto reader = SegmentReader::open(path, nullptr);
  ASSERT_FALSE(reader.is_ok());
  EXPECT_EQ(reader.status().code(), core::StatusCode::kDataLoss);
  EXPECT_NE(reader.status().message().find("footer checksum"), std::string::npos);
  EXPECT_NE(reader.status().message().find(path.string()), std::string::npos);
}

TEST(SegmentTest, TruncatedFileIsDataLossAtEveryLength) {
  TempDir dir;
  const auto path = dir.path() / "a.seg";
  ASSERT_TRUE(write_segment(path, 1, 200, 200).is_ok());
  const std::string bytes = core::read_file(path).value();
  const auto cut = dir.path() / "cut.seg";
  for (size_t length = 0; length < bytes.size(); length += 1 + length / 16) {
    put_file(cut, std::string_view{bytes}.substr(0, length));
    auto reader = SegmentReader::open(cut, nullptr);
    ASSERT_FALSE(reader.is_ok()) << "length " << length;
    EXPECT_EQ(reader.status().code(), core::StatusCode::kDataLoss) << reader.status().to_string();
    EXPECT_NE(reader.status().message().find("cut.seg"), std::string::npos);
  }
}

TEST(SegmentTest, RandomByteFlipsNeverCrashAndAreCaught) {
  TempDir dir;
  const auto path = dir.path() / "a.seg";
  ASSERT_TRUE(write_segment(path, 9, 500, 500).is_ok());
  const std::string bytes = core::read_file(path).value();
  const auto bad = dir.path() / "bad.seg";
  uint64_t state = 12345;
  for (int i = 0; i < 200; ++i) {
    state = testing::mix(state);
    std::string copy = bytes;
    copy[state % copy.size()] ^= static_cast<char>(1 + (state >> 32) % 255);
    put_file(bad, copy);
    auto reader = SegmentReader::open(bad, nullptr);
    if (!reader.is_ok()) continue;
    // Every flip lands in a checksummed region (chunk, footer) or the header/trailer.
    EXPECT_FALSE((*reader)->verify().is_ok()) << "flip at " << state % copy.size();
  }
}

TEST(SegmentTest, CacheServesRepeatedLoads) {
  TempDir dir;
  const auto path = dir.path() / "a.seg";
  ASSERT_TRUE(write_segment(path, 2, 1000, 1000).is_ok());
  auto cache = std::make_shared<ChunkCache>(64 << 20);
  auto reader = SegmentReader::open(path, cache);
  ASSERT_TRUE(reader.is_ok());
  ColumnSelection selection;
  selection.add(focus::Column::kBilledCost);
  selection.add(focus::Column::kServiceName);
  auto first = (*reader)->load(0, selection);
  auto second = (*reader)->load(0, selection);
  ASSERT_TRUE(first.is_ok() && second.is_ok());
  EXPECT_EQ(rows_text(**first), rows_text(**second));
  const auto stats = cache->stats();
  EXPECT_EQ(stats.misses, 2u);
  EXPECT_EQ(stats.hits, 2u);
  EXPECT_EQ(stats.entries, 2u);
  reader->reset();
  EXPECT_EQ(cache->stats().entries, 0u);  // a closing reader drops its chunks
}

}  // namespace
}  // namespace optima::store
