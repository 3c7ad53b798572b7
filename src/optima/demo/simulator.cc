#include "optima/demo/simulator.h"

#include <algorithm>
#include <map>
#include <string_view>
#include <utility>
#include <vector>

#include "optima/demo/catalog.h"
#include "optima/demo/random.h"
#include "optima/demo/usage_model.h"

namespace optima::demo {
namespace {

constexpr int64_t kHour = 3600;
// AWS: 3% enterprise discount on usage, 5% sales tax; Google: 5% tax.
constexpr Int128 kEdpPermille = 30;
constexpr Int128 kTaxPermille = 50;
constexpr int kMaxCovers = 4;

int weekday(int64_t days) { return static_cast<int>(((days + 4) % 7 + 7) % 7); }

// Day of month of the n-th Sunday (n >= 1) of a month.
int nth_sunday(int year, int month, int n) {
  const int64_t first = core::days_from_civil({year, month, 1});
  const int dow = weekday(first);
  return 1 + (7 - dow) % 7 + 7 * (n - 1);
}

bool usage_based(CommitmentKind kind) {
  return kind == CommitmentKind::kAwsReservedInstance || kind == CommitmentKind::kAzureReservation ||
         kind == CommitmentKind::kGcpCud;
}

bool is_savings_plan(CommitmentKind kind) {
  return kind == CommitmentKind::kAwsSavingsPlan || kind == CommitmentKind::kAzureSavingsPlan;
}

int64_t hours_between(Timestamp from, Timestamp to) {
  return to > from ? (to.unix_seconds - from.unix_seconds) / kHour : 0;
}

struct Cover {
  uint32_t commitment = 0;
  int64_t quantity = 0;
};

struct MeterSlot {
  int64_t od = 0;
  std::array<Cover, kMaxCovers> covers{};
  int n_covers = 0;
  Int128 sud = 0;
  bool touched = false;

  void add_cover(uint32_t commitment, int64_t q) {
    for (int i = 0; i < n_covers; ++i) {
      if (covers[static_cast<size_t>(i)].commitment == commitment) {
        covers[static_cast<size_t>(i)].quantity += q;
        return;
      }
    }
    OPTIMA_CHECK(n_covers < kMaxCovers);
    covers[static_cast<size_t>(n_covers++)] = {commitment, q};
  }
};

struct Pool {
  const Commitment* c = nullptr;
  std::vector<uint32_t> eligible;  // local meter indices, in estate order
  std::vector<Int128> sp_rate;     // savings plans: price per unit for each eligible meter
  // Current charge period.
  int64_t hours = 0;
  int64_t used_units = 0;
  Int128 used_dollars = 0;
  // Whole billing period.
  int64_t period_used_units = 0;
};

struct ProductTotals {
  Int128 base = 0;      // billed cost subject to tax
  Int128 usage = 0;     // on-demand usage eligible for the enterprise discount
};

class PeriodSimulator {
 public:
  PeriodSimulator(const Estate& estate, Cloud cloud, const PeriodRun& run, ChargeSink& sink)
      : e_(estate), cloud_(cloud), run_(run), sink_(sink) {}

  core::Status run() {
    const core::Period period = billing_period(e_, cloud_, run_.period);
    start_ = period.start;
    period_end_ = period.end;
    end_ = std::min(period.end, run_.data_end);
    if (end_ <= start_) return core::Status::ok();
    select_meters();
    build_pools();
    setup_promotion();
    OPTIMA_RETURN_IF_ERROR(emit_upfront_and_refunds());
    OPTIMA_RETURN_IF_ERROR(emit_monthly_purchases());
    const std::vector<Timestamp> bounds = slot_bounds();
    for (size_t s = 0; s + 1 < bounds.size(); ++s) {
      for (Timestamp h = bounds[s]; h < bounds[s + 1]; h.unix_seconds += kHour) simulate_hour(h);
      OPTIMA_RETURN_IF_ERROR(emit_slot(bounds[s], bounds[s + 1]));
    }
    return emit_period_end();
  }

 private:
  void select_meters() {
    for (const Meter& m : e_.meters) {
      if (e_.sku_of(m).cloud != cloud_) continue;
      if (m.active_from >= end_ || m.active_to <= start_) continue;
      if (const Resource* r = e_.resource_of(m); r != nullptr) {
        if (r->created >= end_ || r->deleted <= start_) continue;
      }
      meters_.push_back(&m);
    }
    slots_.assign(meters_.size(), MeterSlot{});
    remaining_.assign(meters_.size(), 0);
  }

  bool eligible(const Commitment& c, const Meter& m) const {
    if (m.cover != c.cover) return false;
    const Sku& s = e_.sku_of(m);
    switch (c.kind) {
      case CommitmentKind::kAwsReservedInstance:
        return s.machine == c.machine && s.region == c.region;
      case CommitmentKind::kAwsSavingsPlan:
        return true;
      case CommitmentKind::kAzureReservation:
        return s.machine == c.machine && s.region == c.region &&
               e_.accounts[m.account].agreement == c.agreement;
      case CommitmentKind::kAzureSavingsPlan:
        return e_.accounts[m.account].agreement == c.agreement;
      case CommitmentKind::kGcpCud:
        return s.region == c.region;
    }
    return false;
  }

  void build_pools() {
    std::vector<const Commitment*> ordered;
    for (const Commitment& c : e_.commitments) {
      if (c.cloud != cloud_ || c.start >= end_ || c.active_end() <= start_) continue;
      ordered.push_back(&c);
    }
    // Usage-based commitments apply before savings plans.
    std::stable_sort(ordered.begin(), ordered.end(), [](const Commitment* a, const Commitment* b) {
      return usage_based(a->kind) && !usage_based(b->kind);
    });
    for (const Commitment* c : ordered) {
      Pool p;
      p.c = c;
      for (uint32_t i = 0; i < meters_.size(); ++i) {
        if (!eligible(*c, *meters_[i])) continue;
        p.eligible.push_back(i);
        if (is_savings_plan(c->kind)) {
          p.sp_rate.push_back(scale_price(e_.sku_of(*meters_[i]).rate, 1000 - c->discount_permille, 9));
        }
      }
      pools_.push_back(std::move(p));
    }
  }

  void setup_promotion() {
    // Google: a startup-programme promotion on the sandbox project for the first four invoice
    // months, up to $250 a month.
    if (cloud_ != Cloud::kGcp || run_.period >= 4) return;
    for (const Account& a : e_.accounts) {
      if (a.cloud == Cloud::kGcp && a.id.starts_with("nw-sandbox")) promo_account_ = a.index;
    }
    promo_left_ = core::Decimal::from_int(250).units();
  }

  std::vector<Timestamp> slot_bounds() const {
    std::vector<Timestamp> b;
    if (cloud_granularity(e_, cloud_) == Granularity::kHourly) {
      for (Timestamp t = start_; t < end_; t.unix_seconds += kHour) b.push_back(t);
    } else if (cloud_ == Cloud::kGcp) {
      // Pacific days, starting at the invoice month's first local midnight.
      core::CivilDate d = core::date_of(Timestamp{start_.unix_seconds - 7 * kHour});
      if (pacific_midnight(d) != start_) d = core::date_of(Timestamp{start_.unix_seconds - 8 * kHour});
      for (Timestamp t = pacific_midnight(d); t < end_;) {
        b.push_back(std::max(t, start_));
        d = core::civil_from_days(core::days_from_civil(d) + 1);
        t = pacific_midnight(d);
      }
    } else {
      for (Timestamp t = start_; t < end_; t = Timestamp{core::start_of_day(t).unix_seconds + core::kSecondsPerDay}) {
        b.push_back(t);
      }
    }
    b.push_back(end_);
    return b;
  }

  void simulate_hour(Timestamp hour) {
    const core::CivilDate d = core::date_of(hour);
    const int64_t month_hours = int64_t{core::days_in_month(d.year, d.month)} * 24;
    for (size_t i = 0; i < meters_.size(); ++i) {
      const int64_t q = hourly_quantity(e_, *meters_[i], hour, month_hours);
      remaining_[i] = q;
      if (q > 0) slots_[i].touched = true;
    }
    for (Pool& p : pools_) {
      const Commitment& c = *p.c;
      if (hour < c.start || hour >= c.active_end()) continue;
      ++p.hours;
      if (usage_based(c.kind)) {
        int64_t cap = c.units;
        for (const uint32_t i : p.eligible) {
          if (cap == 0) break;
          const int64_t take = std::min(remaining_[i], cap);
          if (take == 0) continue;
          remaining_[i] -= take;
          cap -= take;
          slots_[i].add_cover(c.index, take);
        }
        p.used_units += c.units - cap;
      } else {
        Int128 cap = c.hourly_commitment;
        for (size_t k = 0; k < p.eligible.size() && cap > 0; ++k) {
          const uint32_t i = p.eligible[k];
          if (remaining_[i] == 0) continue;
          const Int128 rate = p.sp_rate[k];
          int64_t take = remaining_[i];
          Int128 cost = cost_of(rate, take);
          if (cost > cap) {
            take = static_cast<int64_t>(cap / (rate / 1000000000));
            cost = cost_of(rate, take);
          }
          if (take == 0) break;
          remaining_[i] -= take;
          cap -= cost;
          slots_[i].add_cover(c.index, take);
        }
        p.used_dollars += c.hourly_commitment - cap;
      }
    }
    for (size_t i = 0; i < meters_.size(); ++i) {
      if (remaining_[i] == 0) continue;
      slots_[i].od += remaining_[i];
      if (cloud_ == Cloud::kGcp) {
        const Sku& s = e_.sku_of(*meters_[i]);
        if (s.machine != nullptr && s.machine->family == "n1") {
          // Sustained use discount: 0/20/40/60% on each successive quarter of the month.
          const int64_t into = hours_between(core::start_of_month(hour), hour);
          const int64_t tier = into * 4 / month_hours;
          slots_[i].sud -= cost_of(s.rate, remaining_[i]) * (tier * 20) / 100;
        }
      }
    }
  }

  Charge base_charge(ChargeKind kind, const Meter* m, Timestamp from, Timestamp to) const {
    Charge ch;
    ch.kind = kind;
    ch.cloud = cloud_;
    ch.period = run_.period;
    ch.start = from;
    ch.end = to;
    if (m != nullptr) {
      ch.meter = m;
      ch.sku = &e_.sku_of(*m);
      ch.resource = e_.resource_of(*m);
      ch.account = m->account;
    }
    return ch;
  }

  core::Status emit(const Charge& ch) {
    if (cloud_ == Cloud::kAws && ch.sku != nullptr && !ch.sku->marketplace &&
        ch.kind != ChargeKind::kTax && ch.kind != ChargeKind::kDiscount &&
        ch.kind != ChargeKind::kCredit && ch.kind != ChargeKind::kCorrection) {
      ProductTotals& t = products_[{ch.account, ch.sku->product_code}];
      t.base += ch.billed_cost;
      if (ch.kind == ChargeKind::kOnDemand) t.usage += ch.billed_cost;
    }
    if (cloud_ == Cloud::kGcp && ch.kind != ChargeKind::kTax && ch.kind != ChargeKind::kCorrection) {
      gcp_base_[ch.account] += ch.billed_cost;
    }
    return sink_.consume(ch);
  }

  core::Status emit_slot(Timestamp from, Timestamp to) {
    for (size_t i = 0; i < meters_.size(); ++i) {
      MeterSlot& slot = slots_[i];
      if (!slot.touched) continue;
      const Meter* m = meters_[i];
      const Sku& sku = e_.sku_of(*m);
      if (slot.od > 0) {
        Charge ch = base_charge(ChargeKind::kOnDemand, m, from, to);
        ch.quantity = slot.od;
        ch.contracted_cost = cost_of(sku.rate, slot.od);
        ch.list_cost = cost_of(sku.list_rate, slot.od);
        ch.billed_cost = ch.contracted_cost;
        if (slot.sud != 0) ch.credits[ch.credit_count++] = {CreditType::kSud, slot.sud};
        if (m->account == promo_account_ && promo_left_ > 0) {
          const Int128 net = ch.contracted_cost + slot.sud;
          const Int128 credit = std::min(net, promo_left_);
          if (credit > 0) {
            ch.credits[ch.credit_count++] = {CreditType::kPromotion, -credit};
            promo_left_ -= credit;
          }
        }
        for (uint8_t k = 0; k < ch.credit_count; ++k) ch.billed_cost += ch.credits[k].amount;
        ch.effective_cost = ch.billed_cost;
        OPTIMA_RETURN_IF_ERROR(emit(ch));
      }
      for (int k = 0; k < slot.n_covers; ++k) {
        const Cover& cv = slot.covers[static_cast<size_t>(k)];
        const Commitment& c = e_.commitments[cv.commitment];
        Charge ch = base_charge(ChargeKind::kCommitted, m, from, to);
        ch.commitment = &c;
        ch.quantity = cv.quantity;
        ch.contracted_cost = cost_of(sku.rate, cv.quantity);
        ch.list_cost = cost_of(sku.list_rate, cv.quantity);
        if (is_savings_plan(c.kind)) {
          ch.commitment_rate = scale_price(sku.rate, 1000 - c.discount_permille, 9);
        } else {
          ch.commitment_rate = c.effective_hourly();
          ch.amortized_upfront = cost_of(c.upfront_hourly, cv.quantity);
          ch.amortized_recurring = cost_of(c.recurring_hourly, cv.quantity);
        }
        ch.effective_cost = cost_of(ch.commitment_rate, cv.quantity);
        if (c.kind == CommitmentKind::kGcpCud) {
          ch.credits[ch.credit_count++] = {CreditType::kCud, -ch.contracted_cost};
        }
        ch.billed_cost = 0;
        OPTIMA_RETURN_IF_ERROR(emit(ch));
      }
      slot = MeterSlot{};
    }
    for (Pool& p : pools_) {
      if (p.hours == 0) continue;
      const Commitment& c = *p.c;
      const Sku* sku = &e_.skus[c.sku];
      Charge unused = base_charge(ChargeKind::kUnused, nullptr, from, to);
      unused.sku = sku;
      unused.commitment = &c;
      unused.account = c.account;
      if (usage_based(c.kind)) {
        unused.committed_units = c.units * p.hours;
        unused.used_units = p.used_units;
        unused.quantity = unused.committed_units - p.used_units;
        unused.effective_cost = cost_of(c.effective_hourly(), unused.quantity);
        unused.commitment_rate = c.effective_hourly();
        p.period_used_units += p.used_units;
      } else {
        unused.total_commitment = c.hourly_commitment * p.hours;
        unused.used_commitment = p.used_dollars;
        unused.effective_cost = unused.total_commitment - unused.used_commitment;
        unused.quantity = p.hours * kQuantityOne;
      }
      // Unused capacity is valued at the commitment's own price (FOCUS: ContractedCost =
      // ContractedUnitPrice x PricingQuantity on the Unused row).
      unused.contracted_cost = unused.effective_cost;
      unused.list_cost = unused.effective_cost;
      if (unused.effective_cost > 0) OPTIMA_RETURN_IF_ERROR(emit(unused));
      // Fees charged per period: AWS savings plans (recurring part) and Google CUDs.
      if (c.kind == CommitmentKind::kAwsSavingsPlan || c.kind == CommitmentKind::kGcpCud) {
        Charge fee = base_charge(ChargeKind::kCommitmentFee, nullptr, from, to);
        fee.sku = sku;
        fee.commitment = &c;
        fee.account = c.account;
        if (c.kind == CommitmentKind::kAwsSavingsPlan) {
          fee.quantity = p.hours * kQuantityOne;
          fee.total_commitment = c.hourly_commitment * p.hours;
          fee.used_commitment = p.used_dollars;
          fee.recurring_period = c.recurring_hourly * p.hours;
          fee.amortized_upfront_period = c.upfront_hourly * p.hours;
          fee.billed_cost = fee.recurring_period;
        } else {
          fee.committed_units = c.units * p.hours;
          fee.used_units = p.used_units;
          fee.quantity = fee.committed_units;
          fee.billed_cost = cost_of(c.recurring_hourly, fee.committed_units);
          fee.recurring_period = fee.billed_cost;
        }
        fee.contracted_cost = fee.billed_cost;
        fee.list_cost = fee.billed_cost;
        OPTIMA_RETURN_IF_ERROR(emit(fee));
      }
      p.hours = 0;
      p.used_units = 0;
      p.used_dollars = 0;
    }
    return core::Status::ok();
  }

  // One-time purchases (AWS RI/SP upfront fees, Azure upfront reservations) and the refund of
  // a cancelled reservation, when they fall in this period.
  core::Status emit_upfront_and_refunds() {
    for (const Commitment& c : e_.commitments) {
      if (c.cloud != cloud_) continue;
      const int64_t term_hours = hours_between(c.start, c.end);
      if (c.upfront_hourly > 0 && c.start >= start_ && c.start < end_) {
        Charge ch = base_charge(ChargeKind::kCommitmentUpfront, nullptr, c.start, c.start);
        ch.sku = &e_.skus[c.sku];
        ch.commitment = &c;
        ch.account = c.account;
        const int64_t units = is_savings_plan(c.kind) ? kQuantityOne : c.units;
        ch.quantity = units * term_hours;
        ch.billed_cost = cost_of(c.upfront_hourly, units * term_hours);
        ch.contracted_cost = ch.billed_cost;
        ch.list_cost = ch.billed_cost;
        OPTIMA_RETURN_IF_ERROR(emit(ch));
      }
      if (c.cancelled < c.end && c.cancelled >= start_ && c.cancelled < end_ && run_.late_adjustments) {
        Charge ch = base_charge(ChargeKind::kCommitmentRefund, nullptr, c.cancelled, c.cancelled);
        ch.sku = &e_.skus[c.sku];
        ch.commitment = &c;
        ch.account = c.account;
        const int64_t left = hours_between(c.cancelled, c.end);
        ch.quantity = -c.units * left;
        ch.billed_cost = -cost_of(c.effective_hourly(), c.units * left);
        ch.contracted_cost = ch.billed_cost;
        ch.list_cost = ch.billed_cost;
        ch.label = "Reservation exchange refund";
        OPTIMA_RETURN_IF_ERROR(emit(ch));
      }
    }
    return core::Status::ok();
  }

  // Azure reservations and savings plans paid monthly: one purchase row per month, dated on
  // the first day the commitment is active in it, covering the whole month.
  core::Status emit_monthly_purchases() {
    if (cloud_ != Cloud::kAzure) return core::Status::ok();
    for (const Commitment& c : e_.commitments) {
      if (c.cloud != cloud_ || c.payment != Payment::kMonthly) continue;
      const Timestamp from = std::max(start_, c.start);
      const Timestamp to = std::min(period_end_, c.active_end());
      if (from >= to || from >= end_) continue;
      const int64_t hours = hours_between(from, to);
      Charge ch = base_charge(ChargeKind::kCommitmentFee, nullptr, from, to);
      ch.sku = &e_.skus[c.sku];
      ch.commitment = &c;
      ch.account = c.account;
      if (is_savings_plan(c.kind)) {
        ch.quantity = hours * kQuantityOne;
        ch.billed_cost = c.hourly_commitment * hours;
        ch.total_commitment = ch.billed_cost;
      } else {
        ch.committed_units = c.units * hours;
        ch.quantity = ch.committed_units;
        ch.billed_cost = cost_of(c.recurring_hourly, ch.committed_units);
      }
      ch.recurring_period = ch.billed_cost;
      ch.contracted_cost = ch.billed_cost;
      ch.list_cost = ch.billed_cost;
      OPTIMA_RETURN_IF_ERROR(emit(ch));
    }
    return core::Status::ok();
  }

  core::Status emit_period_end() {
    const Timestamp last = end_;
    if (cloud_ == Cloud::kAws) {
      // Monthly RI fees: the recurring charge and the amortization of the period.
      for (const Pool& p : pools_) {
        const Commitment& c = *p.c;
        if (c.kind != CommitmentKind::kAwsReservedInstance) continue;
        const Timestamp from = std::max(start_, c.start);
        const Timestamp to = std::min(end_, c.active_end());
        if (from >= to) continue;
        Charge ch = base_charge(ChargeKind::kCommitmentFee, nullptr, start_, period_end_);
        ch.sku = &e_.skus[c.sku];
        ch.commitment = &c;
        ch.account = c.account;
        ch.committed_units = c.units * hours_between(from, to);
        ch.used_units = p.period_used_units;
        ch.quantity = ch.committed_units;
        ch.recurring_period = cost_of(c.recurring_hourly, ch.committed_units);
        ch.amortized_upfront_period = cost_of(c.upfront_hourly, ch.committed_units);
        ch.total_commitment = ch.recurring_period + ch.amortized_upfront_period;
        ch.billed_cost = ch.recurring_period;
        ch.contracted_cost = ch.billed_cost;
        ch.list_cost = ch.billed_cost;
        OPTIMA_RETURN_IF_ERROR(emit(ch));
      }
      OPTIMA_RETURN_IF_ERROR(emit_aws_adjustments(last));
    }
    if (cloud_ == Cloud::kGcp) OPTIMA_RETURN_IF_ERROR(emit_gcp_adjustments(last));
    return core::Status::ok();
  }

  const Account* account_named(std::string_view prefix) const {
    for (const Account& a : e_.accounts) {
      if (a.cloud == cloud_ && (a.name == prefix || a.id.starts_with(prefix))) return &a;
    }
    return nullptr;
  }

  core::Status emit_aws_adjustments(Timestamp last) {
    const Account* sandbox = account_named("sandbox");
    Int128 credit_left = run_.period < 6 ? core::Decimal::from_int(400).units() : 0;
    // Copy: emit() updates products_ while we iterate.
    const auto products = products_;
    for (const auto& [key, totals] : products) {
      const uint32_t account = key.first;
      const Sku* sku = nullptr;
      for (const Sku& s : e_.skus) {
        if (s.cloud == Cloud::kAws && s.product_code == key.second) {
          sku = &s;
          break;
        }
      }
      Int128 base = totals.base;
      if (totals.usage > 0) {
        Charge d = base_charge(ChargeKind::kDiscount, nullptr, start_, period_end_);
        d.account = account;
        d.sku = sku;
        d.billed_cost = -(totals.usage * kEdpPermille / 1000);
        d.effective_cost = d.billed_cost;
        d.contracted_cost = d.billed_cost;
        d.list_cost = 0;
        d.label = "Enterprise Discount Program discount";
        base += d.billed_cost;
        OPTIMA_RETURN_IF_ERROR(sink_.consume(d));
      }
      if (sandbox != nullptr && account == sandbox->index && credit_left > 0 && base > 0) {
        Charge cr = base_charge(ChargeKind::kCredit, nullptr, start_, period_end_);
        cr.account = account;
        cr.sku = sku;
        cr.billed_cost = -std::min(base, credit_left);
        cr.effective_cost = cr.billed_cost;
        cr.contracted_cost = cr.billed_cost;
        cr.label = "AWS Activate promotional credit";
        credit_left += cr.billed_cost;
        OPTIMA_RETURN_IF_ERROR(sink_.consume(cr));
      }
      if (base > 0) {
        Charge t = base_charge(ChargeKind::kTax, nullptr, start_, period_end_);
        t.account = account;
        t.sku = sku;
        t.billed_cost = base * kTaxPermille / 1000;
        t.effective_cost = t.billed_cost;
        t.contracted_cost = t.billed_cost;
        t.label = "Sales tax";
        OPTIMA_RETURN_IF_ERROR(sink_.consume(t));
      }
    }
    // A refund correcting the previous month: a duplicate EC2 charge in web-prod.
    if (run_.late_adjustments && run_.period == 4) {
      const Account* web = account_named("web-prod");
      Rng rng(hash_keys(e_.seed, hash_text("aws/correction")));
      const Sku* ec2 = nullptr;
      for (const Sku& s : e_.skus) {
        if (s.cloud == Cloud::kAws && s.product_code == "AmazonEC2" && s.kind == MeterKind::kCompute) {
          ec2 = &s;
          break;
        }
      }
      if (web != nullptr && ec2 != nullptr) {
        Charge r = base_charge(ChargeKind::kCorrection, nullptr, start_, last);
        r.account = web->index;
        r.sku = ec2;
        r.billed_cost = -core::Decimal::from_int(rng.range(10000, 30000)).units() / 100;
        r.effective_cost = r.billed_cost;
        r.contracted_cost = r.billed_cost;
        r.list_cost = r.billed_cost;
        r.corrected_start = e_.periods[run_.period - 1].start;
        r.corrected_end = e_.periods[run_.period - 1].end;
        r.label = "Refund for duplicate EC2 charges";
        OPTIMA_RETURN_IF_ERROR(sink_.consume(r));
      }
    }
    return core::Status::ok();
  }

  core::Status emit_gcp_adjustments(Timestamp last) {
    const auto bases = gcp_base_;
    for (const auto& [account, base] : bases) {
      if (base <= 0) continue;
      Charge t = base_charge(ChargeKind::kTax, nullptr, start_, last);
      t.account = account;
      t.billed_cost = base * kTaxPermille / 1000;
      t.effective_cost = t.billed_cost;
      t.contracted_cost = t.billed_cost;
      t.label = "Sales tax";
      OPTIMA_RETURN_IF_ERROR(sink_.consume(t));
    }
    if (run_.late_adjustments && run_.period == 5) {
      const Account* web = account_named("nw-web-prod");
      Rng rng(hash_keys(e_.seed, hash_text("gcp/correction")));
      if (web != nullptr) {
        Charge r = base_charge(ChargeKind::kCorrection, nullptr, start_, last);
        r.account = web->index;
        r.billed_cost = -core::Decimal::from_int(rng.range(5000, 20000)).units() / 100;
        r.effective_cost = r.billed_cost;
        r.contracted_cost = r.billed_cost;
        r.list_cost = r.billed_cost;
        const core::Period prev = billing_period(e_, cloud_, run_.period - 1);
        r.corrected_start = prev.start;
        r.corrected_end = prev.end;
        r.label = "Correction of overbilled network egress";
        OPTIMA_RETURN_IF_ERROR(sink_.consume(r));
      }
    }
    return core::Status::ok();
  }

  const Estate& e_;
  Cloud cloud_;
  PeriodRun run_;
  ChargeSink& sink_;
  Timestamp start_;
  Timestamp end_;
  Timestamp period_end_;
  std::vector<const Meter*> meters_;
  std::vector<MeterSlot> slots_;
  std::vector<int64_t> remaining_;
  std::vector<Pool> pools_;
  std::map<std::pair<uint32_t, std::string_view>, ProductTotals> products_;
  std::map<uint32_t, Int128> gcp_base_;
  uint32_t promo_account_ = kNoIndex;
  Int128 promo_left_ = 0;
};

}  // namespace

Timestamp pacific_midnight(core::CivilDate date) {
  const int64_t day = core::days_from_civil(date);
  const int64_t dst_start = core::days_from_civil({date.year, 3, nth_sunday(date.year, 3, 2)});
  const int64_t dst_end = core::days_from_civil({date.year, 11, nth_sunday(date.year, 11, 1)});
  // Clocks change at 02:00 local, so midnight of the switch day still has the old offset.
  const bool daylight = day > dst_start && day <= dst_end;
  return Timestamp{day * core::kSecondsPerDay + (daylight ? 7 : 8) * kHour};
}

core::Period billing_period(const Estate& estate, Cloud cloud, uint32_t period) {
  const core::Period utc = estate.periods[period];
  if (cloud != Cloud::kGcp) return utc;
  const core::CivilDate d = core::date_of(utc.start);
  const int next_year = d.month == 12 ? d.year + 1 : d.year;
  const int next_month = d.month == 12 ? 1 : d.month + 1;
  core::Period p{core::pacific_month_start(d.year, d.month),
                 core::pacific_month_start(next_year, next_month)};
  if (p.end > estate.end) p.end = estate.end;
  return p;
}

core::Status simulate_period(const Estate& estate, Cloud cloud, const PeriodRun& run,
                             ChargeSink& sink) {
  PeriodSimulator sim(estate, cloud, run, sink);
  return sim.run();
}

}  // namespace optima::demo
