#include "optima/ingest/input_scanner.h"

#include <algorithm>
#include <map>
#include <system_error>

#include <fmt/format.h>

#include "optima/core/file_io.h"
#include "optima/core/strings.h"
#include "optima/ingest/csv_reader.h"
#include "optima/ingest/registry.h"

namespace optima::ingest {
namespace {

bool is_skipped_name(const std::string& name) {
  if (name.empty() || name.front() == '.') return true;
  if (name == "_SUCCESS") return true;
  if (core::istarts_with(name, "_started_") || core::istarts_with(name, "_committed_")) return true;
  return name.size() > 4 && name.compare(name.size() - 4, 4, ".crc") == 0;
}

core::Status collect_files(const std::filesystem::path& root,
                           std::vector<std::filesystem::path>* out) {
  std::error_code ec;
  const auto status = std::filesystem::status(root, ec);
  if (ec || !std::filesystem::exists(status)) {
    return core::not_found(fmt::format("{}: no such file or folder", root.string()));
  }
  if (!std::filesystem::is_directory(status)) {
    out->push_back(root);  // named explicitly: read even if hidden
    return core::Status::ok();
  }
  std::filesystem::recursive_directory_iterator it(root, std::filesystem::directory_options::none,
                                                   ec);
  if (ec)
    return core::io_error(fmt::format("{}: cannot list folder: {}", root.string(), ec.message()));
  for (; it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (ec)
      return core::io_error(fmt::format("{}: cannot list folder: {}", root.string(), ec.message()));
    const std::string name = it->path().filename().string();
    if (is_skipped_name(name)) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(ec)) out->push_back(it->path());
  }
  if (ec)
    return core::io_error(fmt::format("{}: cannot list folder: {}", root.string(), ec.message()));
  return core::Status::ok();
}

// "(header starts with: a, b, c)" and the like, for the unrecognised-file error.
std::string describe_content(const DetectSample& sample) {
  if (sample.head.empty()) return "the file is empty";
  if (!sample.header.empty()) {
    std::vector<std::string> names;
    for (size_t i = 0; i < sample.header.size() && i < 6; ++i) {
      std::string name = sample.header[i];
      if (name.size() > 40) name = name.substr(0, 40) + "...";
      names.push_back(std::move(name));
    }
    if (sample.header.size() > names.size()) names.emplace_back("...");
    return fmt::format("header starts with: {}", core::join(names, ", "));
  }
  if (sample.head.find('\0') != std::string::npos) return "binary content";
  const std::string_view text = core::trim(core::strip_utf8_bom(sample.head));
  return fmt::format("content starts with: {}", core::quote_for_message(text.substr(0, 60)));
}

}  // namespace

core::Result<DetectSample> read_detect_sample(const std::filesystem::path& path) {
  DetectSample sample;
  sample.path = path;
  auto head = core::read_prefix_decompressed(path, kDetectBytes);
  if (!head.is_ok()) return head.status().with_context(path.string());
  sample.head = std::move(head).value();
  const std::string_view text = core::trim(core::strip_utf8_bom(sample.head));
  if (text.empty() || text.front() == '{' || text.front() == '[' ||
      sample.head.find('\0') != std::string::npos) {
    return sample;
  }
  auto csv = CsvReader::from_string(sample.head);
  std::vector<std::string_view> fields;
  auto record = csv->next(&fields);
  // A head cut inside a quoted header field is not a header we can judge.
  if (record.is_ok() && *record) sample.header.assign(fields.begin(), fields.end());
  return sample;
}

InputScanner::InputScanner() {
  for (const auto& reader : all_readers()) readers_.push_back(reader.get());
}

InputScanner::InputScanner(std::vector<const Reader*> readers) : readers_(std::move(readers)) {}

core::Result<ScanResult> InputScanner::scan(const std::vector<std::filesystem::path>& paths,
                                            std::string_view forced_format) const {
  const Reader* forced = nullptr;
  if (!forced_format.empty()) {
    std::vector<std::string> names;
    for (const Reader* reader : readers_) {
      if (reader->name() == forced_format) forced = reader;
      names.emplace_back(reader->name());
    }
    if (forced == nullptr) {
      return core::invalid_argument(
          fmt::format("unknown format '{}' (known: {})", forced_format, core::join(names, ", ")));
    }
  }
  std::vector<std::filesystem::path> files;
  for (const auto& path : paths) OPTIMA_RETURN_IF_ERROR(collect_files(path, &files));
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());

  ScanResult result;
  std::map<size_t, std::vector<std::filesystem::path>> by_reader;  // reader index -> files
  for (const auto& file : files) {
    if (forced != nullptr) {
      const auto at = std::find(readers_.begin(), readers_.end(), forced) - readers_.begin();
      by_reader[static_cast<size_t>(at)].push_back(file);
      continue;
    }
    auto sample = read_detect_sample(file);
    if (!sample.is_ok()) {
      result.errors.push_back(sample.status().message());
      continue;
    }
    const DetectInput input = sample->input();
    bool found = false;
    for (size_t i = 0; i < readers_.size() && !found; ++i) {
      if (readers_[i]->detect(input)) {
        by_reader[i].push_back(file);
        found = true;
      }
    }
    if (!found) {
      result.errors.push_back(fmt::format(
          "{}: not a recognised billing export ({}); use --format NAME to choose a reader",
          file.string(), describe_content(*sample)));
    }
  }
  for (const auto& [index, reader_files] : by_reader) {
    for (InputUnit& unit : readers_[index]->plan(reader_files, &result.notes)) {
      result.units.push_back(std::move(unit));
    }
  }
  return result;
}

}  // namespace optima::ingest
