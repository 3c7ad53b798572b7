// libFuzzer target: the input scanner's detection path — read_detect_sample(), every reader's
// detect(), and InputScanner::scan() with the chosen reader's plan() — must never crash, hang or
// leak on any file content. The content is scanned under a plain name, as a legacy CUR manifest
// in a billing-period folder and as a CUR 2.0 manifest in a metadata/BILLING_PERIOD= folder
// (so the manifest parser and delivery planning see it), and repeated past the detection limit
// (so detection sees a head cut inside a record).
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "optima/ingest/input_scanner.h"
#include "optima/ingest/registry.h"

#include "reader_fuzz_harness.h"

namespace {

void scan_one(const std::filesystem::path& file, std::string_view bytes) {
  optima::fuzz::write_bytes(file, bytes);

  auto sample = optima::ingest::read_detect_sample(file);
  if (sample.is_ok()) {
    OPTIMA_FUZZ_REQUIRE(sample->head.size() <= optima::ingest::kDetectBytes);
    if (!optima::fuzz::starts_like_gzip(bytes)) {
      OPTIMA_FUZZ_REQUIRE(sample->head == bytes.substr(0, optima::ingest::kDetectBytes));
    }
    const optima::ingest::DetectInput input = sample->input();
    for (const auto& reader : optima::ingest::all_readers())
      (void)reader->detect(input);
  } else {
    // Only a broken gzip stream makes an existing file unreadable.
    OPTIMA_FUZZ_REQUIRE(optima::fuzz::starts_like_gzip(bytes));
  }

  static const optima::ingest::InputScanner scanner;
  auto scanned = scanner.scan({file});
  OPTIMA_FUZZ_REQUIRE(scanned.is_ok());
  // The file is either planned into units, noted as ignored, or reported as not recognised.
  OPTIMA_FUZZ_REQUIRE(!scanned->units.empty() || !scanned->notes.empty() ||
                      !scanned->errors.empty());
  for (const optima::ingest::InputUnit& unit : scanned->units) {
    OPTIMA_FUZZ_REQUIRE(optima::ingest::find_reader(unit.reader) != nullptr);
    OPTIMA_FUZZ_REQUIRE(!unit.files.empty());
  }
  for (const std::string& error : scanned->errors)
    OPTIMA_FUZZ_REQUIRE(!error.empty());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > optima::fuzz::kMaxInputBytes)
    return 0;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const std::filesystem::path& dir = optima::fuzz::scratch_dir();
  scan_one(dir / "export.csv", bytes);
  scan_one(dir / "cur" / "20240101-20240201" / "cur-Manifest.json", bytes);
  scan_one(dir / "cur2" / "metadata" / "BILLING_PERIOD=2024-01" / "cur2-Manifest.json", bytes);
  if (!bytes.empty()) {
    std::string repeated;
    repeated.reserve(optima::ingest::kDetectBytes + bytes.size());
    while (repeated.size() <= optima::ingest::kDetectBytes)
      repeated += bytes;
    scan_one(dir / "long.csv", repeated);
  }
  return 0;
}
