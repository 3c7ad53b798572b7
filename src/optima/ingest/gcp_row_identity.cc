#include "optima/ingest/gcp_row_identity.h"

#include <cstring>
#include <string>
#include <string_view>

namespace optima::ingest {
namespace {

uint64_t rotl(uint64_t x, int r) {
  return (x << r) | (x >> (64 - r));
}

uint64_t fmix64(uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdULL;
  k ^= k >> 33;
  k *= 0xc4ceb9fe1a85ec53ULL;
  k ^= k >> 33;
  return k;
}

uint64_t load_le64(const unsigned char* p, size_t n) {
  uint64_t v = 0;
  for (size_t i = 0; i < n; ++i) v |= static_cast<uint64_t>(p[i]) << (8 * i);
  return v;
}

// MurmurHash3_x64_128 (Austin Appleby, public domain), seed 0.
GcpRowIdentity murmur3_128(std::string_view data) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(data.data());
  const size_t len = data.size();
  const size_t blocks = len / 16;
  constexpr uint64_t c1 = 0x87c37b91114253d5ULL;
  constexpr uint64_t c2 = 0x4cf5ad432745937fULL;
  uint64_t h1 = 0;
  uint64_t h2 = 0;
  for (size_t i = 0; i < blocks; ++i) {
    uint64_t k1 = load_le64(bytes + i * 16, 8);
    uint64_t k2 = load_le64(bytes + i * 16 + 8, 8);
    k1 *= c1;
    k1 = rotl(k1, 31);
    k1 *= c2;
    h1 ^= k1;
    h1 = rotl(h1, 27);
    h1 += h2;
    h1 = h1 * 5 + 0x52dce729;
    k2 *= c2;
    k2 = rotl(k2, 33);
    k2 *= c1;
    h2 ^= k2;
    h2 = rotl(h2, 31);
    h2 += h1;
    h2 = h2 * 5 + 0x38495ab5;
  }
  const unsigned char* tail = bytes + blocks * 16;
  const size_t rest = len & 15;
  if (rest > 8) {
    uint64_t k2 = load_le64(tail + 8, rest - 8);
    k2 *= c2;
    k2 = rotl(k2, 33);
    k2 *= c1;
    h2 ^= k2;
  }
  if (rest > 0) {
    uint64_t k1 = load_le64(tail, rest < 8 ? rest : 8);
    k1 *= c1;
    k1 = rotl(k1, 31);
    k1 *= c2;
    h1 ^= k1;
  }
  h1 ^= len;
  h2 ^= len;
  h1 += h2;
  h2 += h1;
  h1 = fmix64(h1);
  h2 = fmix64(h2);
  h1 += h2;
  h2 += h1;
  return {h1, h2};
}

// Length-prefixed fields, so ("ab","c") and ("a","bc") encode differently.
class KeyWriter {
 public:
  explicit KeyWriter(std::string* out) : out_(out) { out_->clear(); }
  void text(std::string_view s) {
    integer(static_cast<uint64_t>(s.size()));
    out_->append(s);
  }
  void integer(uint64_t v) {
    char buf[sizeof v];
    std::memcpy(buf, &v, sizeof v);
    out_->append(buf, sizeof v);
  }
  void decimal(const std::optional<core::Decimal>& d) {
    integer(d ? 1 : 0);
    if (d) {
      const core::UInt128 u = static_cast<core::UInt128>(d->units());
      integer(static_cast<uint64_t>(u >> 64));
      integer(static_cast<uint64_t>(u));
    }
  }
  void time(const std::optional<core::Timestamp>& t) {
    integer(t ? 1 : 0);
    if (t) integer(static_cast<uint64_t>(t->unix_seconds));
  }
  void labels(const std::vector<GcpLabel>& labels) {
    integer(labels.size());
    for (const GcpLabel& l : labels) {
      text(l.key);
      text(l.value);
    }
  }

 private:
  std::string* out_;
};

}  // namespace

GcpRowIdentity gcp_row_identity(const GcpExportRow& row) {
  thread_local std::string key;
  KeyWriter w(&key);
  w.text(row.billing_account_id);
  w.text(row.invoice_month);
  w.integer(static_cast<uint64_t>(row.cost_type_value));
  w.text(row.service_id);
  w.text(row.sku_id);
  w.time(row.usage_start_time);
  w.time(row.usage_end_time);
  w.text(row.project_id);
  w.text(row.location);
  w.text(row.region);
  w.text(row.zone);
  w.text(row.resource_name);
  w.text(row.resource_global_name);
  w.labels(row.labels);
  w.labels(row.system_labels);
  w.integer(row.tags.size());
  for (const GcpTag& t : row.tags) {
    w.text(t.namespace_name);
    w.text(t.key);
    w.text(t.value);
  }
  w.text(row.adjustment_id);
  w.text(row.adjustment_type);
  w.text(row.adjustment_mode);
  w.text(row.transaction_type);
  w.text(row.seller_name);
  w.text(row.subscription_instance_id);
  w.decimal(row.price_tier_start_amount);
  w.text(row.currency);
  w.text(row.usage_unit);
  w.text(row.usage_pricing_unit);
  return murmur3_128(key);
}

}  // namespace optima::ingest
