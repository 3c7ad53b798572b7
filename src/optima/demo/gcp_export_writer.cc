#include "optima/demo/gcp_export_writer.h"

#include <cctype>

#include <fmt/format.h>

#include "optima/demo/random.h"
#include "optima/demo/text_format.h"

namespace optima::demo {
namespace {

Int128 units(int64_t nano) { return static_cast<Int128>(nano) * 1000000000; }

// Google label keys and values allow lower-case letters, digits, '_' and '-'.
bool valid_label_key(std::string_view key) {
  if (key.empty()) return false;
  for (const char c : key) {
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) ||
          c == '_' || c == '-')) {
      return false;
    }
  }
  return true;
}

std::string label_value(std::string_view v) {
  std::string out;
  for (const char c : v) {
    const auto u = static_cast<unsigned char>(c);
    out.push_back(std::isalnum(u) || c == '_' || c == '-' ? static_cast<char>(std::tolower(u)) : '_');
  }
  return out;
}

void key_value(std::string& out, std::string_view key, std::string_view value) {
  out += "{\"key\":";
  append_json_string(out, key);
  out += ",\"value\":";
  append_json_string(out, value);
  out.push_back('}');
}

}  // namespace

std::string GcpExportWriter::table_name(const Estate& estate) {
  std::string id = estate.gcp_billing_account;
  for (char& c : id) {
    if (c == '-') c = '_';
  }
  return "gcp_billing_export_resource_v1_" + id;
}

GcpExportWriter::GcpExportWriter(const Estate& estate, std::filesystem::path root,
                                 uint32_t period, uint64_t rows_per_part)
    : estate_(estate), root_(std::move(root)), period_(period), rows_per_part_(rows_per_part) {
  const core::CivilDate d = core::date_of(estate_.periods[period_].start);
  invoice_month_ = fmt::format("{:04d}{:02d}", d.year, d.month);
}

GcpExportWriter::~GcpExportWriter() = default;

void GcpExportWriter::begin(const Charge& ch, const Sku* sku) {
  line_.clear();
  line_ += "{\"billing_account_id\":";
  append_json_string(line_, estate_.gcp_billing_account);
  line_ += ",\"service\":{\"id\":";
  if (sku != nullptr) {
    append_json_string(line_, sku->gcp_service_id);
    line_ += ",\"description\":";
    append_json_string(line_, sku->gcp_service);
    line_ += "},\"sku\":{\"id\":";
    append_json_string(line_, sku->gcp_sku_id);
    line_ += ",\"description\":";
    append_json_string(line_, sku->gcp_sku);
  } else {
    append_json_string(line_, google_style_id("Taxes"));
    line_ += ",\"description\":\"Taxes\"},\"sku\":{\"id\":";
    append_json_string(line_, google_style_id("Sales tax"));
    line_ += ",\"description\":\"Sales tax\"";
  }
  line_ += "},\"usage_start_time\":";
  std::string t;
  append_bigquery_timestamp(t, ch.kind == ChargeKind::kCorrection ? ch.corrected_start : ch.start);
  append_json_string(line_, t);
  t.clear();
  append_bigquery_timestamp(t, ch.kind == ChargeKind::kCorrection ? ch.corrected_end : ch.end);
  line_ += ",\"usage_end_time\":";
  append_json_string(line_, t);
  add_project(estate_.accounts[ch.account]);
}

void GcpExportWriter::add_project(const Account& a) {
  line_ += ",\"project\":{\"id\":";
  append_json_string(line_, a.id);
  line_ += ",\"number\":";
  append_json_string(line_, a.number);
  line_ += ",\"name\":";
  append_json_string(line_, a.name);
  line_ += ",\"labels\":[";
  key_value(line_, "env", env_name(a.env));
  line_ += "],\"ancestry_numbers\":";
  const std::string folder = std::to_string(hash_keys(estate_.seed, hash_text("gcp/folder"), static_cast<uint64_t>(a.team)) % 900000000000ULL + 100000000000ULL);
  append_json_string(line_, fmt::format("/{}/{}/", estate_.gcp_organization, folder));
  line_ += ",\"ancestors\":[{\"resource_name\":";
  append_json_string(line_, "projects/" + a.number);
  line_ += ",\"display_name\":";
  append_json_string(line_, a.id);
  line_ += "},{\"resource_name\":";
  append_json_string(line_, "folders/" + folder);
  line_ += ",\"display_name\":";
  append_json_string(line_, a.team >= 0 ? estate_.teams[static_cast<size_t>(a.team)].business_unit : "Shared");
  line_ += "},{\"resource_name\":";
  append_json_string(line_, "organizations/" + estate_.gcp_organization);
  line_ += ",\"display_name\":\"northwind.example\"}]}";
}

void GcpExportWriter::add_labels(const Resource* r) {
  line_ += ",\"labels\":[";
  bool first = true;
  if (r != nullptr) {
    for (const auto& [k, v] : r->tags) {
      if (!valid_label_key(k)) continue;
      if (!first) line_.push_back(',');
      first = false;
      key_value(line_, k, label_value(v));
    }
  }
  line_ += "],\"system_labels\":[";
  if (r != nullptr && r->machine != nullptr && r->kind == ResourceKind::kVm) {
    key_value(line_, "compute.googleapis.com/machine_spec", r->machine->name);
    line_.push_back(',');
    key_value(line_, "compute.googleapis.com/cores", std::to_string(r->machine->vcpu));
    line_.push_back(',');
    key_value(line_, "compute.googleapis.com/memory", std::to_string(r->machine->memory_gib * 1024));
  }
  line_.push_back(']');
}

void GcpExportWriter::add_location(const Charge& ch) {
  const Sku* sku = ch.sku;
  const Resource* r = ch.resource;
  line_ += ",\"location\":{";
  if (sku == nullptr) {
    line_ += "\"location\":\"us\",\"country\":\"US\"}";
    return;
  }
  if (sku->kind == MeterKind::kObjectStorage || sku->kind == MeterKind::kAnalysis) {
    line_ += "\"location\":\"us\",\"country\":\"US\"}";
    return;
  }
  const bool zonal = r != nullptr && !r->zone.empty() &&
                     (r->kind == ResourceKind::kVm || r->kind == ResourceKind::kDisk);
  line_ += "\"location\":";
  append_json_string(line_, zonal ? std::string_view(r->zone) : sku->region->code);
  line_ += ",\"country\":";
  append_json_string(line_, sku->region->country);
  line_ += ",\"region\":";
  append_json_string(line_, sku->region->code);
  if (zonal) {
    line_ += ",\"zone\":";
    append_json_string(line_, r->zone);
  }
  line_.push_back('}');
}

void GcpExportWriter::add_costs(const Charge& ch, Int128 cost, const Sku* sku) {
  if (ch.resource != nullptr) {
    line_ += ",\"resource\":{\"name\":";
    append_json_string(line_, ch.resource->name);
    line_ += ",\"global_name\":";
    append_json_string(line_, ch.resource->id);
    line_.push_back('}');
  }
  line_ += ",\"tags\":[]";
  if (sku != nullptr && ch.kind != ChargeKind::kTax && ch.kind != ChargeKind::kCorrection) {
    line_ += ",\"price\":{\"effective_price\":";
    append_decimal_json(line_, sku->rate);
    line_ += ",\"tier_start_amount\":0,\"unit\":";
    append_json_string(line_, sku->gcp_pricing_unit);
    line_ += ",\"pricing_unit_quantity\":1}";
  }
  if (ch.kind == ChargeKind::kCommitmentFee && ch.commitment != nullptr) {
    line_ += ",\"subscription\":{\"instance_id\":";
    append_json_string(line_, ch.commitment->order_id);
    line_.push_back('}');
  }
  line_ += ",\"transaction_type\":\"GOOGLE\",\"seller_name\":\"Google\",\"export_time\":";
  // Rows are exported a few hours after their usage window closes.
  const uint64_t h = hash_keys(estate_.seed, 0xe7, static_cast<uint64_t>(ch.end.unix_seconds), ch.account);
  std::string t;
  append_bigquery_timestamp(t, Timestamp{ch.end.unix_seconds + 3 * 3600 + static_cast<int64_t>(h % 7200)});
  t.insert(t.size() - 4, fmt::format(".{:06d}", (h >> 16) % 1000000));
  append_json_string(line_, t);
  line_ += ",\"cost\":";
  append_decimal_json(line_, cost);
  line_ += ",\"cost_at_list\":";
  append_decimal_json(line_, ch.kind == ChargeKind::kOnDemand || ch.kind == ChargeKind::kCommitted ? ch.list_cost : cost);
  line_ += ",\"currency\":\"USD\",\"currency_conversion_rate\":1";
}

void GcpExportWriter::add_usage(const Sku& sku, int64_t quantity) {
  line_ += ",\"usage\":{\"amount\":";
  append_decimal_json(line_, units(quantity) * sku.usage_per_unit);
  line_ += ",\"unit\":";
  append_json_string(line_, sku.usage_unit);
  line_ += ",\"amount_in_pricing_units\":";
  append_decimal_json(line_, units(quantity));
  line_ += ",\"pricing_unit\":";
  append_json_string(line_, sku.gcp_pricing_unit);
  line_.push_back('}');
}

void GcpExportWriter::add_credits(const Charge& ch) {
  line_ += ",\"credits\":[";
  for (uint8_t i = 0; i < ch.credit_count; ++i) {
    const CreditLine& c = ch.credits[i];
    if (i > 0) line_.push_back(',');
    std::string name;
    std::string full_name;
    std::string id;
    const char* type = "PROMOTION";
    switch (c.type) {
      case CreditType::kCud: {
        const bool ram = ch.sku->kind == MeterKind::kComputeRam;
        name = fmt::format("Committed use discount: N2 {}", ram ? "Ram" : "Cpu");
        full_name = fmt::format("{} ({})", name, ch.commitment->name);
        id = ch.commitment->id;
        type = "COMMITTED_USAGE_DISCOUNT";
        break;
      }
      case CreditType::kSud:
        name = "Sustained Usage Discount";
        full_name = "Sustained use discount";
        id = "SustainedUsageDiscount:" + ch.sku->gcp_sku_id;
        type = "SUSTAINED_USAGE_DISCOUNT";
        break;
      case CreditType::kPromotion: {
        name = "Innovators program credit";
        full_name = "Innovators program credit for nw-sandbox";
        Rng rng(hash_keys(estate_.seed, hash_text("gcp/promotion")));
        id = "Promotion:" + rng.uuid();
        break;
      }
    }
    line_ += "{\"name\":";
    append_json_string(line_, name);
    line_ += ",\"amount\":";
    append_decimal_json(line_, c.amount);
    line_ += ",\"full_name\":";
    append_json_string(line_, full_name);
    line_ += ",\"id\":";
    append_json_string(line_, id);
    line_ += ",\"type\":";
    append_json_string(line_, type);
    line_.push_back('}');
  }
  line_.push_back(']');
}

void GcpExportWriter::finish_line(const Charge& ch, const char* cost_type) {
  line_ += ",\"invoice\":{\"month\":";
  append_json_string(line_, invoice_month_);
  line_ += ",\"publisher_type\":\"GOOGLE\"},\"cost_type\":";
  append_json_string(line_, cost_type);
  if (ch.kind == ChargeKind::kCorrection) {
    Rng rng(hash_keys(estate_.seed, hash_text("gcp/adjustment"), period_));
    line_ += ",\"adjustment_info\":{\"id\":";
    append_json_string(line_, rng.uuid());
    line_ += ",\"description\":";
    append_json_string(line_, ch.label);
    line_ += ",\"mode\":\"MANUAL_ADJUSTMENT\",\"type\":\"USAGE_CORRECTION\"}";
  }
  line_ += "}\n";
}

core::Status GcpExportWriter::consume(const Charge& ch) {
  switch (ch.kind) {
    case ChargeKind::kOnDemand:
    case ChargeKind::kCommitted: {
      begin(ch, ch.sku);
      add_labels(ch.resource);
      add_location(ch);
      add_costs(ch, ch.contracted_cost, ch.sku);
      add_usage(*ch.sku, ch.quantity);
      add_credits(ch);
      finish_line(ch, "regular");
      return write_line();
    }
    case ChargeKind::kCommitmentFee: {
      Charge fee = ch;
      fee.resource = nullptr;
      begin(fee, ch.sku);
      add_labels(nullptr);
      add_location(fee);
      add_costs(fee, ch.billed_cost, ch.sku);
      add_usage(*ch.sku, ch.quantity);
      line_ += ",\"credits\":[]";
      finish_line(ch, "regular");
      return write_line();
    }
    case ChargeKind::kTax:
    case ChargeKind::kCorrection: {
      const Sku* sku = nullptr;
      if (ch.kind == ChargeKind::kCorrection) {
        for (const Sku& s : estate_.skus) {
          if (s.cloud == Cloud::kGcp && s.kind == MeterKind::kDataTransfer) {
            sku = &s;
            break;
          }
        }
      }
      Charge shown = ch;
      shown.sku = sku;
      begin(shown, sku);
      add_labels(nullptr);
      add_location(shown);
      add_costs(shown, ch.billed_cost, sku);
      line_ += ",\"credits\":[]";
      finish_line(ch, ch.kind == ChargeKind::kTax ? "tax" : "adjustment");
      return write_line();
    }
    default:
      // Unused commitment has no row: the CUD fee is charged whether used or not.
      return core::Status::ok();
  }
}

core::Status GcpExportWriter::open_part() {
  part_path_ = std::filesystem::path("billing") / "gcp" / table_name(estate_) / invoice_month_ /
               fmt::format("{}-{:012d}.jsonl.gz", invoice_month_, part_number_);
  ++part_number_;
  OPTIMA_ASSIGN_OR_RETURN(part_, OutputFile::create(root_ / part_path_, Compression::kGzip));
  part_rows_ = 0;
  return core::Status::ok();
}

core::Status GcpExportWriter::close_part() {
  if (!part_) return core::Status::ok();
  OPTIMA_RETURN_IF_ERROR(part_->close());
  files_.push_back({part_path_, part_->file_bytes(), part_rows_});
  part_.reset();
  return core::Status::ok();
}

core::Status GcpExportWriter::write_line() {
  if (!part_ || part_rows_ >= rows_per_part_) {
    OPTIMA_RETURN_IF_ERROR(close_part());
    OPTIMA_RETURN_IF_ERROR(open_part());
  }
  ++part_rows_;
  ++rows_;
  return part_->write(line_);
}

core::Status GcpExportWriter::finish() {
  if (!part_ && part_number_ == 0) OPTIMA_RETURN_IF_ERROR(open_part());
  return close_part();
}

}  // namespace optima::demo
