#include "optima/ingest/aws_cur_reader.h"

#include "optima/ingest/aws_cur_delivery.h"
#include "optima/ingest/aws_cur_detect.h"
#include "optima/ingest/aws_cur_file_reader.h"

namespace optima::ingest {
namespace {

class AwsCurReader final : public Reader {
 public:
  std::string_view name() const override { return "aws-cur"; }
  std::string_view description() const override {
    return "AWS Cost and Usage Report (legacy CUR): CSV or CSV.gz with lineItem/ or Athena "
           "snake_case headers, and S3 delivery folders (latest assembly per billing period)";
  }
  bool detect(const DetectInput& input) const override {
    return detect_cur_dialect(input) == CurDialect::kLegacy;
  }
  std::vector<InputUnit> plan(const std::vector<std::filesystem::path>& files,
                              std::vector<std::string>* notes) const override {
    return plan_cur_delivery(name(), files, notes);
  }
  core::Status read(const InputUnit& unit, const ReadOptions& options, TableSink& sink,
                    ReadReport* report) const override {
    return read_cur_files(unit, options, sink, report);
  }
};

}  // namespace

std::unique_ptr<Reader> make_aws_cur_reader() {
  return std::make_unique<AwsCurReader>();
}

}  // namespace optima::ingest
