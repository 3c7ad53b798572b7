#include "optima/focus/conformance/rule_plan.h"

#include <algorithm>
#include <deque>
#include <map>

#include "optima/core/strings.h"

namespace optima::focus {
namespace {

// "1.2" -> {1, 2}; non-numeric parts compare as 0.
std::vector<int64_t> version_parts(std::string_view v) {
  std::vector<int64_t> parts;
  for (std::string_view p : core::split(v, '.')) {
    parts.push_back(core::parse_int64(p).value_or(0));
  }
  return parts;
}

bool version_after(std::string_view a, std::string_view b) {
  return version_parts(a) > version_parts(b);
}

bool is_presence_tree(const CheckNode& node) {
  if (node.function == CheckFunction::kColumnPresent) {
    return true;
  }
  if (node.function != CheckFunction::kAnd && node.function != CheckFunction::kOr) {
    return false;
  }
  return std::all_of(node.items.begin(), node.items.end(), is_presence_tree);
}

// Columns read by the row checks of a tree (ColumnPresent only asks whether a column exists).
void read_columns(const CheckNode& node, std::vector<std::string>* out) {
  if (node.function == CheckFunction::kColumnPresent) {
    return;
  }
  for (const std::string& c : node.columns) {
    if (std::find(out->begin(), out->end(), c) == out->end()) {
      out->push_back(c);
    }
  }
  for (const CheckNode& item : node.items) {
    read_columns(item, out);
  }
}

bool is_simple_or(const CheckNode& node) {
  return node.function == CheckFunction::kOr &&
         std::all_of(node.items.begin(), node.items.end(), [](const CheckNode& item) {
           return item.function == CheckFunction::kCheckModelRule;
         });
}

std::string comma_list(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    out += (i ? ", " : "") + names[i];
  }
  return out;
}

std::string and_list(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    out += (i ? " and " : "") + names[i];
  }
  return out;
}

// Whether `set` holds every criterion of `criteria`.
bool covers(const std::vector<std::string>& set, const std::vector<std::string>& criteria) {
  return std::all_of(criteria.begin(), criteria.end(), [&](const std::string& c) {
    return std::find(set.begin(), set.end(), c) != set.end();
  });
}

// Names as the model spells them ("ALL" -> every criterion); unknown names are an error.
core::Result<std::vector<std::string>> resolve_criteria(const std::vector<std::string>& names,
                                                        const std::vector<std::string>& known) {
  std::vector<std::string> out;
  for (const std::string& name : names) {
    if (core::iequals(name, "ALL")) {
      return known;
    }
    auto it = std::find_if(known.begin(), known.end(),
                           [&](const std::string& k) { return core::iequals(k, name); });
    if (it == known.end()) {
      return core::invalid_argument("unknown applicability criterion \"" + name +
                                    "\"; known: ALL, " + comma_list(known));
    }
    if (std::find(out.begin(), out.end(), *it) == out.end()) {
      out.push_back(*it);
    }
  }
  return out;
}

}  // namespace

core::Result<RulePlan> RulePlan::build(const RuleModel& model, const ValidationOptions& options,
                                       const std::vector<std::string>& columns) {
  RulePlan plan;
  // Options.
  if (options.focus_version.empty() ||
      version_parts(options.focus_version) != version_parts(model.focus_version())) {
    return core::invalid_argument("FOCUS version \"" + options.focus_version +
                                  "\" is not covered: the requirements model is for FOCUS " +
                                  model.focus_version());
  }
  std::vector<std::string> known;
  for (const auto& c : model.applicability_criteria()) {
    known.push_back(c.name);
  }
  // Criteria sets: one per declaring provider, or the one selection for the whole dataset.
  const bool per_provider = !options.provider_criteria.empty();
  std::vector<std::vector<std::string>> sets;
  for (size_t p = 0; p < (per_provider ? options.provider_criteria.size() : 1); ++p) {
    OPTIMA_ASSIGN_OR_RETURN(std::vector<std::string> set,
                            resolve_criteria(per_provider ? options.provider_criteria[p].criteria
                                                          : options.applicability_criteria,
                                             known));
    for (const std::string& c : set) {
      if (std::find(plan.criteria_.begin(), plan.criteria_.end(), c) == plan.criteria_.end()) {
        plan.criteria_.push_back(c);
      }
    }
    sets.push_back(std::move(set));
  }
  for (const KnownGap& gap : options.known_gaps) {
    if (model.find(gap.rule_id) == nullptr) {
      return core::invalid_argument("known gap of " + gap.provider + " names unknown rule \"" +
                                    gap.rule_id + "\"");
    }
  }
  auto roots_it = model.datasets().find(options.dataset);
  if (roots_it == model.datasets().end()) {
    return core::invalid_argument("the requirements model has no dataset \"" + options.dataset +
                                  "\"");
  }

  // Scope: everything reachable from the dataset's roots, and the format attributes of the
  // check functions those rules use (the model describes each format as attribute rules).
  const auto& rules = model.rules();
  std::vector<uint8_t> in_scope(rules.size(), 0);
  std::deque<int> queue;
  for (const std::string& id : roots_it->second) {
    queue.push_back(model.index_of(id));
  }
  while (!queue.empty()) {
    const int i = queue.front();
    queue.pop_front();
    if (in_scope[static_cast<size_t>(i)]) {
      continue;
    }
    in_scope[static_cast<size_t>(i)] = 1;
    const ModelRule& rule = rules[static_cast<size_t>(i)];
    std::vector<std::string> targets;
    if (rule.requirement) {
      rule.requirement->collect_rule_references(&targets);
    }
    targets.insert(targets.end(), rule.dependencies.begin(), rule.dependencies.end());
    std::vector<CheckFunction> used;
    if (rule.requirement) {
      rule.requirement->collect_functions(&used);
    }
    for (CheckFunction f : used) {
      const auto& attributes = model.format_attributes(f);
      targets.insert(targets.end(), attributes.begin(), attributes.end());
    }
    for (const std::string& t : targets) {
      queue.push_back(model.index_of(t));
    }
  }

  // Structure among rules in scope, then a topological order (parents first; ties in model
  // order). The model was checked acyclic when loaded.
  std::map<int, std::vector<int>> children_of;  // model index -> child model indexes
  std::vector<int> indegree(rules.size(), 0);
  for (size_t i = 0; i < rules.size(); ++i) {
    if (!in_scope[i] || !rules[i].requirement) {
      continue;
    }
    std::vector<std::string> refs;
    rules[i].requirement->collect_rule_references(&refs);
    auto& kids = children_of[static_cast<int>(i)];
    for (const std::string& r : refs) {
      const int c = model.index_of(r);
      if (std::find(kids.begin(), kids.end(), c) != kids.end()) {
        continue;
      }
      kids.push_back(c);
      ++indegree[static_cast<size_t>(c)];
    }
  }
  std::vector<int> order;
  std::vector<int> ready;
  for (size_t i = 0; i < rules.size(); ++i) {
    if (in_scope[i] && indegree[i] == 0) {
      ready.push_back(static_cast<int>(i));
    }
  }
  while (!ready.empty()) {
    std::sort(ready.begin(), ready.end(), std::greater<>());
    const int i = ready.back();
    ready.pop_back();
    order.push_back(i);
    for (int c : children_of[i]) {
      if (--indegree[static_cast<size_t>(c)] == 0) {
        ready.push_back(c);
      }
    }
  }
  std::vector<int> plan_index(rules.size(), -1);
  for (size_t p = 0; p < order.size(); ++p) {
    plan_index[static_cast<size_t>(order[p])] = static_cast<int>(p);
  }
  plan.rules_.resize(order.size());
  for (size_t p = 0; p < order.size(); ++p) {
    PlannedRule& pr = plan.rules_[p];
    pr.rule = order[p];
    for (int c : children_of[order[p]]) {
      const int cp = plan_index[static_cast<size_t>(c)];
      pr.children.push_back(cp);
      plan.rules_[static_cast<size_t>(cp)].parents.push_back(static_cast<int>(p));
    }
  }

  // Top-down: statuses decided before reading rows.
  for (PlannedRule& pr : plan.rules_) {
    const ModelRule& rule = rules[static_cast<size_t>(pr.rule)];
    pr.evaluate = false;
    pr.status = RuleStatus::kNotApplicable;
    if (rule.type == RuleType::kDynamic) {
      pr.status = RuleStatus::kSkipped;
      pr.reason = "dynamic rule: not machine-checkable";
      continue;
    }
    if (!rule.status.empty() && rule.status != "Active") {
      pr.reason = "rule status is " + rule.status;
      continue;
    }
    if (version_after(rule.version_introduced, options.focus_version)) {
      pr.reason = "introduced in FOCUS " + rule.version_introduced;
      continue;
    }
    const auto& criteria = rule.applicability_criteria;
    if (!criteria.empty()) {
      std::vector<std::string> providers;
      bool covered = false;
      for (size_t p = 0; p < sets.size(); ++p) {
        if (covers(sets[p], criteria)) {
          covered = true;
          if (per_provider) {
            providers.push_back(options.provider_criteria[p].provider);
          }
        }
      }
      if (!covered) {
        pr.reason = "applies when the provider supports " + and_list(criteria) +
                    (!per_provider          ? " (not in --applicability-criteria)"
                     : criteria.size() == 1 ? " (no provider declares it)"
                                            : " (no provider declares them all)");
        continue;
      }
      pr.gated = per_provider;
      pr.providers = std::move(providers);
    }
    if (!pr.parents.empty()) {
      const bool parent_applies = std::any_of(pr.parents.begin(), pr.parents.end(), [&](int p) {
        return plan.rules_[static_cast<size_t>(p)].evaluate;
      });
      if (!parent_applies) {
        const PlannedRule& first = plan.rules_[static_cast<size_t>(pr.parents[0])];
        pr.reason =
            "part of " + rules[static_cast<size_t>(first.rule)].id + ", which is not applicable";
        if (first.status == RuleStatus::kNotApplicable && !first.reason.empty()) {
          pr.reason += " (" + first.reason + ")";
        }
        continue;
      }
    }
    pr.presence = rule.requirement && is_presence_tree(*rule.requirement);
    std::vector<std::string> needed;
    if (rule.condition) {
      read_columns(*rule.condition, &needed);
    }
    if (rule.requirement && !rule.is_composite()) {
      read_columns(*rule.requirement, &needed);
    }
    std::vector<std::string> absent;
    for (const std::string& c : needed) {
      if (std::find(columns.begin(), columns.end(), c) == columns.end()) {
        absent.push_back(c);
      }
    }
    if (!absent.empty()) {
      pr.reason = "column " + comma_list(absent) + " not present";
      continue;
    }
    if (pr.presence && options.column_scope == ColumnScope::kPresentColumnsOnly) {
      std::vector<std::string> named;
      rule.requirement->collect_columns(&named);
      std::vector<std::string> missing;
      for (const std::string& c : named) {
        if (std::find(columns.begin(), columns.end(), c) == columns.end()) {
          missing.push_back(c);
        }
      }
      if (!missing.empty()) {
        pr.reason =
            "column " + comma_list(missing) + " not present (only present columns are checked)";
        continue;
      }
    }
    pr.evaluate = true;
    pr.status = RuleStatus::kPass;
    for (const KnownGap& gap : options.known_gaps) {
      if (gap.rule_id == rule.id) {
        pr.gaps.push_back(gap);
      }
    }
  }

  // Bottom-up: a composite with no evaluated child has nothing to judge.
  for (size_t p = plan.rules_.size(); p-- > 0;) {
    PlannedRule& pr = plan.rules_[p];
    if (!pr.evaluate || pr.children.empty()) {
      continue;
    }
    bool any_evaluated = false;
    bool any_skipped = false;
    for (int c : pr.children) {
      any_evaluated = any_evaluated || plan.rules_[static_cast<size_t>(c)].evaluate;
      any_skipped =
          any_skipped || plan.rules_[static_cast<size_t>(c)].status == RuleStatus::kSkipped;
    }
    if (any_evaluated) {
      continue;
    }
    pr.evaluate = false;
    pr.status = any_skipped ? RuleStatus::kSkipped : RuleStatus::kNotApplicable;
    pr.reason = any_skipped ? "every rule it references is dynamic or not applicable"
                            : "no rule it references applies";
  }

  // OR alternatives.
  for (PlannedRule& pr : plan.rules_) {
    if (pr.parents.size() != 1) {
      continue;
    }
    const PlannedRule& parent = plan.rules_[static_cast<size_t>(pr.parents[0])];
    const ModelRule& parent_rule = rules[static_cast<size_t>(parent.rule)];
    if (parent_rule.requirement && is_simple_or(*parent_rule.requirement)) {
      pr.alternative_of = pr.parents[0];
    }
  }
  return plan;
}

}  // namespace optima::focus
