#include "optima/focus/conformance/conformance_validator.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "optima/focus/conformance/check_evaluator.h"
#include "optima/focus/conformance/rule_plan.h"

namespace optima::focus {
namespace {

// Distinct values of column B seen with one value of column A (CheckDistinctCount).
struct DistinctGroup {
  std::vector<std::string> values;  // at most expected + 1 kept: enough to judge
  uint64_t rows = 0;
  uint64_t first_row = 0;
  uint64_t first_line = 0;
};

enum class RuleKind : uint8_t { kRows, kComposite, kPresence, kDistinct };

// Everything one rule accumulates during a run.
struct RuleState {
  const ModelRule* rule = nullptr;
  const PlannedRule* plan = nullptr;
  RuleKind kind = RuleKind::kRows;
  std::optional<BoundCheck> requirement;  // kRows, kDistinct
  std::optional<BoundCheck> condition;
  std::vector<int> sample_columns;  // dataset column indexes shown in samples
  uint64_t checked = 0;
  uint64_t failing = 0;
  std::vector<FailureSample> samples;
  std::vector<std::string> dataset_failures;
  std::map<std::string, DistinctGroup, std::less<>> groups;
  std::vector<uint8_t> eff;   // this batch: rows the rule judges
  std::vector<uint8_t> viol;  // this batch: rows where it fails (before alternative masking)
  // Per-provider criteria and known gaps.
  uint64_t gate_rows = 0;         // rows of the providers the rule is gated to (plan->gated)
  std::vector<int8_t> allowed;    // provider index -> gated to it (1), not (0), unknown (-1)
  std::vector<int8_t> gapped;     // provider index -> the rule has a known gap for it (same)
  std::vector<uint8_t> gap_viol;  // this batch: failing rows excused as known gaps
  uint64_t gap_failing = 0;
  std::vector<FailureSample> gap_samples;
  std::set<std::string> gap_providers;  // providers whose rows used a known gap
  bool inactive = false;                // gated to providers none of whose rows are in the dataset
};

uint64_t count_ones(const std::vector<uint8_t>& mask) {
  return static_cast<uint64_t>(std::count(mask.begin(), mask.end(), uint8_t{1}));
}

// A presence tree on the dataset's columns: whether it holds, and which named columns are
// absent.
bool presence_holds(const BoundCheck& check, std::vector<std::string>* absent) {
  const CheckNode& node = *check.node;
  if (node.function == CheckFunction::kColumnPresent) {
    if (check.columns[0] >= 0) {
      return true;
    }
    absent->push_back(node.columns[0]);
    return false;
  }
  const bool is_and = node.function == CheckFunction::kAnd;
  bool result = is_and;
  for (const BoundCheck& item : check.items) {
    const bool holds = presence_holds(item, absent);
    result = is_and ? (result && holds) : (result || holds);
  }
  return result;
}

class Run {
 public:
  Run(const RuleModel& model, const CurrencyCodes& currencies, const RulePlan& plan,
      const ValidationOptions& options, const std::vector<std::string>& columns)
      : model_(model), evaluator_(currencies), plan_(plan), options_(options), columns_(columns) {
    auto provider_it = std::find(columns.begin(), columns.end(), "ProviderName");
    provider_column_ =
        provider_it == columns.end() ? -1 : static_cast<int>(provider_it - columns.begin());
    const auto& planned = plan.rules();
    states_.resize(planned.size());
    state_index_.assign(model.rules().size(), -1);
    for (size_t p = 0; p < planned.size(); ++p) {
      RuleState& s = states_[p];
      s.plan = &planned[p];
      s.rule = &model.rules()[static_cast<size_t>(planned[p].rule)];
      state_index_[static_cast<size_t>(planned[p].rule)] = static_cast<int>(p);
      if (!s.plan->evaluate) {
        continue;
      }
      if (s.rule->condition) {
        s.condition = bind_check(*s.rule->condition, columns);
      }
      const CheckNode& req = *s.rule->requirement;
      if (s.rule->is_composite()) {
        s.kind = RuleKind::kComposite;
        continue;
      }
      s.requirement = bind_check(req, columns);
      s.kind = s.plan->presence                                     ? RuleKind::kPresence
               : req.function == CheckFunction::kCheckDistinctCount ? RuleKind::kDistinct
                                                                    : RuleKind::kRows;
      std::vector<std::string> shown;
      req.collect_columns(&shown);
      if (s.rule->condition) {
        s.rule->condition->collect_columns(&shown);
      }
      for (const std::string& name : shown) {
        auto it = std::find(columns.begin(), columns.end(), name);
        if (it != columns.end()) {
          s.sample_columns.push_back(static_cast<int>(it - columns.begin()));
        }
      }
      if (s.kind == RuleKind::kPresence) {
        std::vector<std::string> absent;
        if (!presence_holds(*s.requirement, &absent)) {
          for (const std::string& c : absent) {
            s.dataset_failures.push_back("column " + c + " is not present");
          }
        }
      }
    }
  }

  // ProviderName values seen, in order of appearance.
  const std::vector<std::string>& providers_seen() const { return provider_names_; }

  void process(const RowBatch& batch) {
    const size_t n = batch.rows;
    const auto& planned = plan_.rules();
    index_providers(batch);
    // Top-down: the rows each rule judges.
    std::vector<uint8_t> all(n, 1);
    for (size_t p = 0; p < planned.size(); ++p) {
      RuleState& s = states_[p];
      if (!s.plan->evaluate) {
        continue;
      }
      s.eff.assign(n, 0);
      if (s.plan->parents.empty()) {
        s.eff = all;
      } else {
        for (int parent : s.plan->parents) {
          const RuleState& ps = states_[static_cast<size_t>(parent)];
          if (!ps.plan->evaluate) {
            continue;
          }
          for (size_t i = 0; i < n; ++i) {
            s.eff[i] |= ps.eff[i];
          }
        }
      }
      if (s.plan->gated) {
        for (size_t i = 0; i < n; ++i) {
          s.eff[i] &= provider_matches(&s.allowed, s.plan->providers, i);
        }
        s.gate_rows += count_ones(s.eff);
      }
      if (s.condition) {
        std::vector<uint8_t> cond(n);
        evaluator_.evaluate(*s.condition, batch, CheckMode::kCondition, s.eff.data(), cond.data());
        for (size_t i = 0; i < n; ++i) {
          s.eff[i] &= cond[i];
        }
      }
      s.checked += count_ones(s.eff);
    }
    // Bottom-up: where each rule fails.
    for (size_t p = planned.size(); p-- > 0;) {
      RuleState& s = states_[p];
      if (!s.plan->evaluate) {
        continue;
      }
      s.viol.assign(n, 0);
      switch (s.kind) {
        case RuleKind::kRows: {
          std::vector<uint8_t> sat(n);
          evaluator_.evaluate(*s.requirement, batch, CheckMode::kRequirement, s.eff.data(),
                              sat.data());
          for (size_t i = 0; i < n; ++i) {
            s.viol[i] = (s.eff[i] && !sat[i]) ? 1 : 0;
          }
          excuse_known_gaps(s, n);
          break;
        }
        case RuleKind::kComposite: {
          auto violated = composite_violation(s, *s.rule->requirement, n);
          if (violated) {
            for (size_t i = 0; i < n; ++i) {
              s.viol[i] = (s.eff[i] && (*violated)[i]) ? 1 : 0;
            }
          }
          break;
        }
        case RuleKind::kDistinct:
          collect_groups(s, batch);
          break;
        case RuleKind::kPresence:
          break;
      }
    }
    // Count and sample (an OR alternative fails only where its OR composite fails).
    for (size_t p = 0; p < planned.size(); ++p) {
      RuleState& s = states_[p];
      if (!s.plan->evaluate || s.kind == RuleKind::kDistinct || s.kind == RuleKind::kPresence) {
        continue;
      }
      const RuleState* alt = s.plan->alternative_of >= 0
                                 ? &states_[static_cast<size_t>(s.plan->alternative_of)]
                                 : nullptr;
      for (size_t i = 0; i < n; ++i) {
        if (!s.gap_viol.empty() && s.gap_viol[i]) {
          ++s.gap_failing;
          s.gap_providers.insert(provider_names_[static_cast<size_t>(row_provider_[i])]);
          if (s.gap_samples.size() < options_.max_samples) {
            s.gap_samples.push_back(sample(s, batch, i));
          }
        }
        if (!s.viol[i] || (alt != nullptr && !alt->viol[i])) {
          continue;
        }
        ++s.failing;
        if (s.samples.size() < options_.max_samples) {
          s.samples.push_back(sample(s, batch, i));
        }
      }
    }
  }

  // Finishes dataset-level checks and builds the per-rule results (model order).
  std::vector<RuleResult> finish(uint64_t total_rows) {
    const auto& planned = plan_.rules();
    for (RuleState& s : states_) {
      if (s.plan->evaluate && s.kind == RuleKind::kDistinct) {
        judge_groups(s);
      }
    }
    // A rule gated to providers none of whose rows were read does not apply, nor do the rules
    // it alone references.
    for (RuleState& s : states_) {
      if (!s.plan->evaluate) {
        continue;
      }
      if (s.plan->gated) {
        s.inactive = s.gate_rows == 0;
      } else if (!s.plan->parents.empty()) {
        s.inactive = std::all_of(s.plan->parents.begin(), s.plan->parents.end(), [&](int p) {
          const RuleState& ps = states_[static_cast<size_t>(p)];
          return !ps.plan->evaluate || ps.inactive;
        });
      }
      if (s.inactive) {
        s.dataset_failures.clear();
      }
    }
    for (size_t p = planned.size(); p-- > 0;) {
      RuleState& s = states_[p];
      if (s.plan->evaluate && !s.inactive && s.kind == RuleKind::kComposite) {
        s.dataset_failures = composite_dataset_failures(s, *s.rule->requirement)
                                 .value_or(std::vector<std::string>());
      }
    }
    std::vector<RuleResult> results;
    for (size_t p = 0; p < states_.size(); ++p) {
      const RuleState& s = states_[p];
      RuleResult r;
      r.rule_id = s.rule->id;
      r.keyword = s.rule->keyword;
      r.mandatory = s.rule->mandatory();
      r.function = s.rule->function;
      r.entity_type = s.rule->entity_type;
      r.reference = s.rule->reference;
      r.must_satisfy = s.rule->must_satisfy;
      r.reason = s.plan->reason;
      r.status = s.plan->status;
      if (s.inactive) {
        r.status = RuleStatus::kNotApplicable;
        r.reason = inactive_reason(s);
      } else if (s.plan->evaluate) {
        r.checked_rows = s.checked;
        r.failing_rows = s.failing;
        r.dataset_failures = s.dataset_failures;
        r.samples = s.samples;
        r.known_gap_rows = s.gap_failing;
        r.status = (r.failing_rows > 0 || !r.dataset_failures.empty()) ? RuleStatus::kFail
                                                                       : RuleStatus::kPass;
        if (r.status == RuleStatus::kFail && s.rule->keyword == "MAY") {
          // A MAY grants a permission; data that does not use it breaks nothing.
          r.status = RuleStatus::kPass;
          r.reason = r.failing_rows > 0 ? fmt::format("permission not used on {} of {} rows",
                                                      r.failing_rows, r.checked_rows)
                                        : "permission not used: " + r.dataset_failures.front();
          r.failing_rows = 0;
          r.dataset_failures.clear();
          r.samples.clear();
        } else if (r.status == RuleStatus::kPass && s.gap_failing > 0) {
          r.status = RuleStatus::kKnownGap;
          r.samples = s.gap_samples;
          r.reason = gap_reason(s);
        } else if (r.status == RuleStatus::kPass && s.kind != RuleKind::kPresence &&
                   s.checked == 0) {
          r.reason =
              total_rows == 0 ? "the dataset has no rows" : "no row meets the rule's conditions";
        }
      }
      results.push_back(std::move(r));
    }
    // A composite that fails nowhere but holds a known gap is itself a known gap (children come
    // after their parents in plan order).
    for (size_t p = results.size(); p-- > 0;) {
      RuleResult& r = results[p];
      const RuleState& s = states_[p];
      if (r.status != RuleStatus::kPass || s.kind != RuleKind::kComposite) {
        continue;
      }
      for (int c : s.plan->children) {
        const RuleResult& child = results[static_cast<size_t>(c)];
        if (counts_for(s, states_[static_cast<size_t>(c)]) &&
            child.status == RuleStatus::kKnownGap) {
          r.status = RuleStatus::kKnownGap;
          r.known_gap_rows = std::max(r.known_gap_rows, child.known_gap_rows);
          r.reason = child.reason.rfind("via ", 0) == 0
                         ? "via " + child.rule_id + " > " + child.reason.substr(4)
                         : "via " + child.rule_id + ": " + child.reason;
          break;
        }
      }
    }
    std::sort(results.begin(), results.end(), [&](const RuleResult& a, const RuleResult& b) {
      return model_.index_of(a.rule_id) < model_.index_of(b.rule_id);
    });
    return results;
  }

 private:
  // Requires: the rule is in the plan (references were resolved when the model loaded, and the
  // plan holds everything its rules reference).
  const RuleState& state_of(std::string_view rule_id) const {
    const int model_index = model_.index_of(rule_id);
    return states_[static_cast<size_t>(state_index_[static_cast<size_t>(model_index)])];
  }

  // Whether child `c` takes part in composite `s`'s verdict: it must be evaluated, and a
  // mandatory composite (MUST) is not failed by a SHOULD/MAY part — the model lists optional
  // requirements (e.g. RECOMMENDED columns) inside mandatory composites.
  static bool counts_for(const RuleState& s, const RuleState& c) {
    return c.plan->evaluate && !c.inactive && (!s.rule->mandatory() || c.rule->mandatory());
  }

  // Maps each row of the batch to an index into provider_names_ (-1: null or no column).
  void index_providers(const RowBatch& batch) {
    row_provider_.assign(batch.rows, -1);
    if (provider_column_ < 0) {
      return;
    }
    const ColumnBatch& col = batch.columns[static_cast<size_t>(provider_column_)];
    std::string last;
    int last_index = -1;
    for (size_t i = 0; i < batch.rows; ++i) {
      if (col.is_null(i)) {
        continue;
      }
      std::string name = col.text(i);
      if (last_index < 0 || name != last) {
        auto it = std::find(provider_names_.begin(), provider_names_.end(), name);
        if (it == provider_names_.end()) {
          provider_names_.push_back(name);
          it = provider_names_.end() - 1;
        }
        last_index = static_cast<int>(it - provider_names_.begin());
        last = std::move(name);
      }
      row_provider_[i] = last_index;
    }
  }

  // Whether row i's provider is one of `names`, cached per provider in *cache.
  uint8_t provider_matches(std::vector<int8_t>* cache, const std::vector<std::string>& names,
                           size_t i) const {
    const int p = row_provider_[i];
    if (p < 0) {
      return 0;
    }
    if (cache->size() < provider_names_.size()) {
      cache->resize(provider_names_.size(), -1);
    }
    int8_t& known = (*cache)[static_cast<size_t>(p)];
    if (known < 0) {
      known = std::find(names.begin(), names.end(), provider_names_[static_cast<size_t>(p)]) !=
                      names.end()
                  ? 1
                  : 0;
    }
    return static_cast<uint8_t>(known);
  }

  // Moves the failing rows of providers with a known gap of this rule out of s.viol, so they
  // neither fail the rule nor the composites above it.
  void excuse_known_gaps(RuleState& s, size_t n) {
    if (s.plan->gaps.empty()) {
      return;
    }
    std::vector<std::string> providers;
    for (const KnownGap& gap : s.plan->gaps) {
      providers.push_back(gap.provider);
    }
    s.gap_viol.assign(n, 0);
    for (size_t i = 0; i < n; ++i) {
      if (s.viol[i] && provider_matches(&s.gapped, providers, i)) {
        s.viol[i] = 0;
        s.gap_viol[i] = 1;
      }
    }
  }

  static std::string gap_reason(const RuleState& s) {
    std::string out = "known gap";
    for (const KnownGap& gap : s.plan->gaps) {
      if (s.gap_providers.count(gap.provider) != 0) {
        out += "; " + gap.provider + ": " + gap.reason;
      }
    }
    return out;
  }

  std::string inactive_reason(const RuleState& s) const {
    if (s.plan->gated) {
      std::string names;
      for (const std::string& p : s.plan->providers) {
        names += (names.empty() ? "" : ", ") + p;
      }
      std::string criteria;
      for (const std::string& c : s.rule->applicability_criteria) {
        criteria += (criteria.empty() ? "" : " and ") + c;
      }
      return "applies to the rows of providers declaring " + criteria + " (" + names +
             "); the dataset has none";
    }
    const RuleState& parent = states_[static_cast<size_t>(s.plan->parents.front())];
    return "part of " + parent.rule->id + ", which is not applicable";
  }

  // Rows where a composite's AND/OR of referenced rules fails; nullopt when no referenced rule
  // is evaluated (neutral).
  std::optional<std::vector<uint8_t>> composite_violation(const RuleState& s, const CheckNode& node,
                                                          size_t n) const {
    if (node.function == CheckFunction::kCheckModelRule) {
      const RuleState& c = state_of(node.model_rule_id);
      if (!counts_for(s, c)) {
        return std::nullopt;
      }
      return c.viol;
    }
    const bool is_and = node.function == CheckFunction::kAnd;
    std::optional<std::vector<uint8_t>> out;
    for (const CheckNode& item : node.items) {
      auto v = composite_violation(s, item, n);
      if (!v) {
        continue;
      }
      if (!out) {
        out = std::move(v);
        continue;
      }
      for (size_t i = 0; i < n; ++i) {
        (*out)[i] = is_and ? ((*out)[i] | (*v)[i]) : ((*out)[i] & (*v)[i]);
      }
    }
    return out;
  }

  // Dataset-level failures of a composite: AND collects its parts' failures; OR fails only when
  // every evaluated alternative fails. nullopt when nothing below is evaluated.
  std::optional<std::vector<std::string>> composite_dataset_failures(const RuleState& s,
                                                                     const CheckNode& node) const {
    if (node.function == CheckFunction::kCheckModelRule) {
      const RuleState& c = state_of(node.model_rule_id);
      if (!counts_for(s, c)) {
        return std::nullopt;
      }
      if (c.dataset_failures.empty()) {
        return std::vector<std::string>();
      }
      return std::vector<std::string>{c.rule->id + " fails: " + c.dataset_failures.front() +
                                      (c.dataset_failures.size() > 1 ? " (and more)" : "")};
    }
    const bool is_and = node.function == CheckFunction::kAnd;
    std::optional<std::vector<std::string>> out;
    bool every_item_fails = true;
    for (const CheckNode& item : node.items) {
      auto f = composite_dataset_failures(s, item);
      if (!f) {
        continue;
      }
      if (!out) {
        out.emplace();
      }
      if (f->empty()) {
        every_item_fails = false;
      }
      out->insert(out->end(), f->begin(), f->end());
    }
    if (out && !is_and && !every_item_fails) {
      out->clear();
    }
    return out;
  }

  void collect_groups(RuleState& s, const RowBatch& batch) {
    const BoundCheck& req = *s.requirement;
    const ColumnBatch& a = batch.columns[static_cast<size_t>(req.columns[0])];
    const ColumnBatch& b = batch.columns[static_cast<size_t>(req.columns[1])];
    const size_t keep = static_cast<size_t>(req.node->expected_count) + 1;
    for (size_t i = 0; i < batch.rows; ++i) {
      // A null A has no group: "ServiceName has one ServiceCategory" speaks of named services.
      if (!s.eff[i] || a.is_null(i)) {
        continue;
      }
      const std::string key = a.text(i);
      auto it = s.groups.find(key);
      if (it == s.groups.end()) {
        it = s.groups.emplace(key, DistinctGroup{}).first;
        it->second.first_row = batch.first_row + i + 1;
        it->second.first_line = batch.source_lines.empty() ? 0 : batch.source_lines[i];
      }
      DistinctGroup& g = it->second;
      ++g.rows;
      if (b.is_null(i) || g.values.size() >= keep) {
        continue;
      }
      std::string value = b.text(i);
      if (std::find(g.values.begin(), g.values.end(), value) == g.values.end()) {
        g.values.push_back(std::move(value));
      }
    }
  }

  void judge_groups(RuleState& s) const {
    const CheckNode& node = *s.requirement->node;
    const auto expected = static_cast<size_t>(node.expected_count);
    std::vector<const std::pair<const std::string, DistinctGroup>*> bad;
    for (const auto& entry : s.groups) {
      if (entry.second.values.size() != expected) {
        bad.push_back(&entry);
      }
    }
    if (bad.empty()) {
      return;
    }
    std::sort(bad.begin(), bad.end(), [](const auto* x, const auto* y) {
      return x->second.first_row < y->second.first_row;
    });
    for (const auto* entry : bad) {
      s.failing += entry->second.rows;
    }
    s.dataset_failures.push_back(
        std::to_string(bad.size()) + " of " + std::to_string(s.groups.size()) + " " +
        node.columns[0] + " values do not have exactly " + std::to_string(expected) + " distinct " +
        node.columns[1] + " value" + (expected == 1 ? "" : "s"));
    for (const auto* entry : bad) {
      if (s.samples.size() >= options_.max_samples) {
        break;
      }
      const DistinctGroup& g = entry->second;
      FailureSample sample;
      sample.row = g.first_row;
      sample.line = g.first_line;
      sample.values.push_back({node.columns[0], entry->first});
      if (g.values.empty()) {
        sample.detail = "no non-null " + node.columns[1];
      } else {
        sample.detail = node.columns[1] + " values: ";
        for (size_t k = 0; k < g.values.size(); ++k) {
          sample.detail += (k ? ", " : "") + g.values[k];
        }
        if (g.values.size() > expected) {
          sample.detail += ", ...";
        }
      }
      s.samples.push_back(std::move(sample));
    }
  }

  FailureSample sample(const RuleState& s, const RowBatch& batch, size_t i) const {
    FailureSample out;
    out.row = batch.first_row + i + 1;
    out.line = batch.source_lines.empty() ? 0 : batch.source_lines[i];
    const RuleState* leaf = &s;
    while (leaf->kind == RuleKind::kComposite) {
      const RuleState* next = nullptr;
      for (int c : leaf->plan->children) {
        const RuleState& cs = states_[static_cast<size_t>(c)];
        if (counts_for(*leaf, cs) && !cs.viol.empty() && cs.viol[i]) {
          next = &cs;
          break;
        }
      }
      if (next == nullptr) {
        break;
      }
      out.detail += (out.detail.empty() ? "via " : " > ") + next->rule->id;
      leaf = next;
    }
    for (int c : leaf->sample_columns) {
      const ColumnBatch& col = batch.columns[static_cast<size_t>(c)];
      SampleValue v;
      v.column = columns_[static_cast<size_t>(c)];
      if (!col.is_null(i)) {
        v.value = col.text(i);
      }
      out.values.push_back(std::move(v));
    }
    return out;
  }

  const RuleModel& model_;
  CheckEvaluator evaluator_;
  const RulePlan& plan_;
  const ValidationOptions& options_;
  const std::vector<std::string>& columns_;
  int provider_column_ = -1;
  std::vector<std::string> provider_names_;
  std::vector<int> row_provider_;  // this batch: index into provider_names_, -1 when null
  std::vector<RuleState> states_;
  std::vector<int> state_index_;  // model rule index -> index into states_ (-1: not in plan)
};

// Columns any rule of the model names: the FOCUS columns of the model's version.
std::vector<std::string> model_columns(const RuleModel& model) {
  std::vector<std::string> out;
  for (const ModelRule& rule : model.rules()) {
    if (rule.requirement) {
      rule.requirement->collect_columns(&out);
    }
    if (rule.condition) {
      rule.condition->collect_columns(&out);
    }
  }
  return out;
}

}  // namespace

ConformanceValidator::ConformanceValidator(std::shared_ptr<const RuleModel> model,
                                           std::shared_ptr<const CurrencyCodes> currencies)
    : model_(std::move(model)), currencies_(std::move(currencies)) {}

core::Result<ConformanceValidator> ConformanceValidator::bundled(ModelErrata errata) {
  OPTIMA_ASSIGN_OR_RETURN(std::shared_ptr<const RuleModel> model, RuleModel::bundled(errata));
  OPTIMA_ASSIGN_OR_RETURN(std::shared_ptr<const CurrencyCodes> codes, CurrencyCodes::bundled());
  return ConformanceValidator(std::move(model), std::move(codes));
}

core::Result<ConformanceReport> ConformanceValidator::validate(
    ConformanceDataset& data, const ValidationOptions& options) const {
  const std::vector<std::string>& columns = data.column_names();
  OPTIMA_ASSIGN_OR_RETURN(RulePlan plan, RulePlan::build(*model_, options, columns));
  Run run(*model_, *currencies_, plan, options, columns);
  RowBatch batch;
  while (true) {
    OPTIMA_ASSIGN_OR_RETURN(bool more, data.next_batch(&batch));
    if (!more) {
      break;
    }
    run.process(batch);
  }

  ConformanceReport report;
  report.data_description = data.description();
  report.model_version = model_->model_version();
  report.focus_version = model_->focus_version();
  report.dataset = options.dataset;
  report.applicability_criteria = plan.criteria();
  report.present_columns_only = options.column_scope == ColumnScope::kPresentColumnsOnly;
  report.rows = data.rows_read();
  report.columns = columns;
  const std::vector<std::string> known = model_columns(*model_);
  for (const std::string& c : columns) {
    if (c.rfind("x_", 0) != 0 && std::find(known.begin(), known.end(), c) == known.end()) {
      report.unknown_columns.push_back(c);
    }
  }
  report.notes = data.notes();
  report.model_notes = model_->warnings();
  for (const ModelErratum& e : model_->errata()) {
    report.model_notes.push_back("erratum applied to " + e.rule_id + " " + e.field + ": " +
                                 e.reason);
  }
  report.rules = run.finish(report.rows);
  for (const ProviderCriteria& p : options.provider_criteria) {
    report.provider_criteria[p.provider] = p.criteria;
  }
  if (!options.provider_criteria.empty()) {
    for (const std::string& name : run.providers_seen()) {
      if (report.provider_criteria.count(name) == 0) {
        report.notes.push_back("ProviderName \"" + name +
                               "\" declares no applicability criteria: its rows are held only "
                               "to rules without criteria");
      }
    }
  }
  report.summarize();
  return report;
}

}  // namespace optima::focus
