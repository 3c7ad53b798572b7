// libFuzzer target: the JSON / Python-literal parser and the billing row decoder behind the
// Google Cloud readers must never crash, hang or read out of bounds on any bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "optima/ingest/gcp_export_row_decoder.h"
#include "optima/ingest/gcp_literal.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  optima::ingest::GcpLiteralDocument doc;
  optima::ingest::GcpExportRow row;
  optima::ingest::GcpFieldError error;
  if (doc.parse(text, optima::ingest::GcpLiteralSyntax::kJson).is_ok() &&
      optima::ingest::gcp_decode_json_row(doc, &row, &error)) {
    (void)optima::ingest::gcp_check_row(&row, &error);
  }
  if (doc.parse(text, optima::ingest::GcpLiteralSyntax::kPython).is_ok() &&
      doc.root().kind == optima::ingest::GcpLiteralKind::kArray) {
    row.clear();
    const auto credits = optima::ingest::gcp_field_from_path("credits");
    (void)optima::ingest::gcp_assign_field(*credits, doc, doc.root(), &row, &error);
  }
  return 0;
}
