#include "optima/ingest/registry.h"

#include "optima/ingest/aws_cur2_reader.h"
#include "optima/ingest/aws_cur_reader.h"
#include "optima/ingest/azure_cost_reader.h"
#include "optima/ingest/focus_csv_reader.h"
#include "optima/ingest/gcp_billing_csv_reader.h"
#include "optima/ingest/gcp_billing_reader.h"

namespace optima::ingest {
namespace {

using ReaderFactory = std::unique_ptr<Reader> (*)();

// Detection order. Adding a reader is one line here (and its header above). Provider-specific
// readers go before "focus": they must not claim FOCUS exports (their headers have BilledCost),
// and FOCUS detection must not claim theirs (theirs lack it).
// Detection order: provider dialects first, the generic FOCUS reader last.
constexpr ReaderFactory kReaderFactories[] = {
    &make_aws_cur2_reader,
    &make_aws_cur_reader,
    &make_azure_cost_reader,
    &make_gcp_billing_reader,
    &make_gcp_billing_csv_reader,
    &make_focus_csv_reader,
};

}  // namespace

const std::vector<std::unique_ptr<Reader>>& all_readers() {
  static const std::vector<std::unique_ptr<Reader>> readers = [] {
    std::vector<std::unique_ptr<Reader>> out;
    for (ReaderFactory factory : kReaderFactories) out.push_back(factory());
    return out;
  }();
  return readers;
}

const Reader* find_reader(std::string_view name) {
  for (const auto& reader : all_readers()) {
    if (reader->name() == name) return reader.get();
  }
  return nullptr;
}

}  // namespace optima::ingest
