#include "optima/ingest/aws_cur2_reader.h"

#include "optima/ingest/aws_cur_delivery.h"
#include "optima/ingest/aws_cur_detect.h"
#include "optima/ingest/aws_cur_file_reader.h"

namespace optima::ingest {
namespace {

class AwsCur2Reader final : public Reader {
 public:
  std::string_view name() const override { return "aws-cur2"; }
  std::string_view description() const override {
    return "AWS Cost and Usage Report 2.0 (Data Exports): CSV or CSV.gz with JSON map columns, "
           "and data/ + metadata/BILLING_PERIOD= export folders";
  }
  bool detect(const DetectInput& input) const override {
    return detect_cur_dialect(input) == CurDialect::kCur2;
  }
  std::vector<InputUnit> plan(const std::vector<std::filesystem::path>& files,
                              std::vector<std::string>* notes) const override {
    return plan_cur2_export(name(), files, notes);
  }
  core::Status read(const InputUnit& unit, const ReadOptions& options, TableSink& sink,
                    ReadReport* report) const override {
    return read_cur_files(unit, options, sink, report);
  }
};

}  // namespace

std::unique_ptr<Reader> make_aws_cur2_reader() {
  return std::make_unique<AwsCur2Reader>();
}

}  // namespace optima::ingest
