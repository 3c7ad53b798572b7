#include "optima/demo/output_file.h"

#include <gtest/gtest.h>

#include "optima/core/file_io.h"
#include "support/shared_data.h"

namespace optima::demo {
namespace {

TEST(OutputFileTest, GzipRoundTripsThroughTheCoreReader) {
  optima::testing::TempDir dir;
  const auto path = dir.path() / "a" / "b" / "data.csv.gz";
  auto file = OutputFile::create(path, Compression::kGzip);
  ASSERT_TRUE(file.is_ok()) << file.status().to_string();
  std::string expected;
  for (int i = 0; i < 200000; ++i) expected += "row," + std::to_string(i) + "\n";
  // Many small writes and one larger than the buffer.
  for (size_t i = 0; i < expected.size(); i += 1000) {
    ASSERT_TRUE((*file)->write(std::string_view(expected).substr(i, 1000)).is_ok());
  }
  const std::string big(3 << 20, 'x');
  ASSERT_TRUE((*file)->write(big).is_ok());
  expected += big;
  ASSERT_TRUE((*file)->close().is_ok());
  auto text = core::read_all_decompressed(path);
  ASSERT_TRUE(text.is_ok()) << text.status().to_string();
  EXPECT_EQ(*text, expected);
  EXPECT_EQ((*file)->uncompressed_bytes(), expected.size());
  EXPECT_EQ((*file)->file_bytes(), std::filesystem::file_size(path));
  EXPECT_LT((*file)->file_bytes(), expected.size() / 4);
}

TEST(OutputFileTest, SameContentGivesIdenticalGzipBytes) {
  optima::testing::TempDir dir;
  for (const char* name : {"one.gz", "two.gz"}) {
    ASSERT_TRUE(write_whole_file(dir.path() / name, "identical content\n", Compression::kGzip).is_ok());
  }
  auto a = core::read_file(dir.path() / "one.gz");
  auto b = core::read_file(dir.path() / "two.gz");
  ASSERT_TRUE(a.is_ok() && b.is_ok());
  EXPECT_EQ(*a, *b);
  EXPECT_EQ(static_cast<unsigned char>((*a)[0]), 0x1f);
  EXPECT_EQ(static_cast<unsigned char>((*a)[1]), 0x8b);
}

TEST(OutputFileTest, OnlyTheFinishedFileCarriesTheFinalName) {
  optima::testing::TempDir dir;
  const auto path = dir.path() / "plain.csv";
  {
    auto file = OutputFile::create(path, Compression::kNone);
    ASSERT_TRUE(file.is_ok());
    ASSERT_TRUE((*file)->write("abandoned").is_ok());
    EXPECT_FALSE(std::filesystem::exists(path));
  }
  // Destroyed without close(): nothing under either name.
  EXPECT_FALSE(std::filesystem::exists(path));
  EXPECT_FALSE(std::filesystem::exists(path.string() + ".partial"));
  ASSERT_TRUE(write_whole_file(path, "done").is_ok());
  auto text = core::read_file(path);
  ASSERT_TRUE(text.is_ok());
  EXPECT_EQ(*text, "done");
}

TEST(OutputFileTest, WriteAfterCloseIsAnError) {
  optima::testing::TempDir dir;
  auto file = OutputFile::create(dir.path() / "x.txt", Compression::kNone);
  ASSERT_TRUE(file.is_ok());
  ASSERT_TRUE((*file)->close().is_ok());
  EXPECT_EQ((*file)->write("late").code(), core::StatusCode::kFailedPrecondition);
}

TEST(OutputFileTest, ReportsAnUnwritableDirectory) {
  optima::testing::TempDir dir;
  ASSERT_TRUE(write_whole_file(dir.path() / "blocker", "x").is_ok());
  auto file = OutputFile::create(dir.path() / "blocker" / "child.csv", Compression::kNone);
  ASSERT_FALSE(file.is_ok());
  EXPECT_EQ(file.status().code(), core::StatusCode::kIoError);
  EXPECT_NE(file.status().message().find("blocker"), std::string::npos);
}

}  // namespace
}  // namespace optima::demo
