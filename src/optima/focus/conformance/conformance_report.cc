#include "optima/focus/conformance/conformance_report.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace optima::focus {
namespace {

using Json = nlohmann::ordered_json;

std::string counts_line(const StatusCounts& c) {
  std::string out = fmt::format("pass {}, fail {}, not applicable {}, skipped {}", c.pass, c.fail,
                                c.not_applicable, c.skipped);
  if (c.known_gap > 0) {
    out += fmt::format(", known gap {}", c.known_gap);
  }
  return out;
}

Json counts_json(const StatusCounts& c) {
  Json j = Json::object();
  j["pass"] = c.pass;
  j["fail"] = c.fail;
  j["not_applicable"] = c.not_applicable;
  j["skipped"] = c.skipped;
  j["known_gap"] = c.known_gap;
  return j;
}

std::string sample_line(const FailureSample& s) {
  std::string out = fmt::format("row {}", s.row);
  if (s.line != 0) {
    out += fmt::format(" (line {})", s.line);
  }
  out += ":";
  for (const SampleValue& v : s.values) {
    out += fmt::format(" {}={}", v.column, v.value ? "'" + *v.value + "'" : std::string("null"));
  }
  if (!s.detail.empty()) {
    out += (s.values.empty() ? " " : "; ") + s.detail;
  }
  return out;
}

std::string shorten(const std::string& s, size_t max) {
  if (s.size() <= max) {
    return s;
  }
  return s.substr(0, max - 3) + "...";
}

}  // namespace

std::string_view rule_status_name(RuleStatus status) {
  switch (status) {
    case RuleStatus::kPass:
      return "pass";
    case RuleStatus::kFail:
      return "fail";
    case RuleStatus::kNotApplicable:
      return "not_applicable";
    case RuleStatus::kSkipped:
      return "skipped";
    case RuleStatus::kKnownGap:
      return "known_gap";
  }
  return "unknown";
}

void StatusCounts::add(RuleStatus status) {
  switch (status) {
    case RuleStatus::kPass:
      ++pass;
      break;
    case RuleStatus::kFail:
      ++fail;
      break;
    case RuleStatus::kNotApplicable:
      ++not_applicable;
      break;
    case RuleStatus::kSkipped:
      ++skipped;
      break;
    case RuleStatus::kKnownGap:
      ++known_gap;
      break;
  }
}

const RuleResult* ConformanceReport::find(std::string_view rule_id) const {
  for (const RuleResult& r : rules) {
    if (r.rule_id == rule_id) {
      return &r;
    }
  }
  return nullptr;
}

void ConformanceReport::summarize() {
  summary = ConformanceSummary();
  for (const RuleResult& r : rules) {
    summary.all.add(r.status);
    (r.mandatory ? summary.mandatory : summary.non_mandatory).add(r.status);
    summary.by_keyword[r.keyword].add(r.status);
  }
  summary.conformant_except_known_gaps = summary.mandatory.fail == 0;
  summary.conformant = summary.conformant_except_known_gaps && summary.mandatory.known_gap == 0;
}

std::string render_text(const ConformanceReport& report, const TextRenderOptions& options) {
  std::string out;
  const ConformanceSummary& s = report.summary;
  std::string verdict;
  if (s.conformant) {
    verdict = "CONFORMANT (no mandatory rule fails)";
  } else if (s.conformant_except_known_gaps) {
    verdict = fmt::format(
        "CONFORMANT EXCEPT KNOWN GAPS ({} mandatory rule{} fail only on documented provider gaps)",
        s.mandatory.known_gap, s.mandatory.known_gap == 1 ? "" : "s");
  } else {
    verdict = fmt::format("NOT CONFORMANT ({} mandatory rule{} fail)", s.mandatory.fail,
                          s.mandatory.fail == 1 ? "" : "s");
  }
  out += fmt::format("FOCUS {} conformance of {}: {}\n", report.focus_version,
                     report.data_description, verdict);
  auto joined = [](const std::vector<std::string>& names) {
    std::string text;
    for (const std::string& c : names) {
      text += (text.empty() ? "" : ",") + c;
    }
    return text.empty() ? std::string("none") : text;
  };
  out += fmt::format(
      "rows {}, columns {}, applicability criteria: {}, {}\n", report.rows, report.columns.size(),
      report.provider_criteria.empty() ? joined(report.applicability_criteria) : "per provider",
      report.present_columns_only ? "only present columns checked" : "all FOCUS columns expected");
  for (const auto& [provider, criteria] : report.provider_criteria) {
    out += fmt::format("  {}: {}\n", provider, joined(criteria));
  }
  if (!report.unknown_columns.empty()) {
    std::string names;
    for (const std::string& c : report.unknown_columns) {
      names += (names.empty() ? "" : ", ") + c;
    }
    out += fmt::format("columns that are neither FOCUS {} columns nor x_ custom columns: {}\n",
                       report.focus_version, names);
  }
  for (const std::string& note : report.notes) {
    out += "note: " + note + "\n";
  }
  if (options.model_notes) {
    for (const std::string& note : report.model_notes) {
      out += "model note: " + note + "\n";
    }
  } else if (!report.model_notes.empty()) {
    out += fmt::format("model notes: {} (malformed entries read leniently, errata applied)\n",
                       report.model_notes.size());
  }
  out += "\n";
  out += fmt::format("{:<44} {:<14} {:<11} {:>9}  {}\n", "Rule", "Status", "Keyword", "Failing",
                     "Requirement / reason");
  size_t listed = 0;
  for (const RuleResult& r : report.rules) {
    if (!options.all_rules && r.status != RuleStatus::kFail && r.status != RuleStatus::kKnownGap) {
      continue;
    }
    ++listed;
    std::string failing;
    if (r.status == RuleStatus::kFail || r.status == RuleStatus::kPass) {
      failing = r.failing_rows > 0 ? fmt::format("{}/{}", r.failing_rows, r.checked_rows)
                                   : (r.dataset_failures.empty() ? "0" : "dataset");
    } else if (r.status == RuleStatus::kKnownGap) {
      failing = fmt::format("{}/{}", r.known_gap_rows, r.checked_rows);
    }
    std::string text = r.status == RuleStatus::kNotApplicable || r.status == RuleStatus::kSkipped
                           ? r.reason
                           : r.must_satisfy;
    if ((r.status == RuleStatus::kPass || r.status == RuleStatus::kKnownGap) && !r.reason.empty()) {
      text += " [" + r.reason + "]";
    }
    out += fmt::format("{:<44} {:<14} {:<11} {:>9}  {}\n", r.rule_id, rule_status_name(r.status),
                       r.keyword, failing, shorten(text, 110));
    for (const std::string& f : r.dataset_failures) {
      out += "      " + f + "\n";
    }
    for (const FailureSample& sample : r.samples) {
      out += "      " + sample_line(sample) + "\n";
    }
  }
  if (listed == 0) {
    out += options.all_rules ? "(no rules)\n" : "(no rule fails or is a known gap)\n";
  }
  out += "\n";
  out += "all rules:       " + counts_line(s.all) + "\n";
  out += "mandatory:       " + counts_line(s.mandatory) + "\n";
  out += "non-mandatory:   " + counts_line(s.non_mandatory) + "\n";
  for (const auto& [keyword, counts] : s.by_keyword) {
    out += fmt::format("{:<16} {}\n", keyword + ":", counts_line(counts));
  }
  return out;
}

std::string render_json(const ConformanceReport& report) {
  Json j = Json::object();
  j["data"] = report.data_description;
  j["focus_version"] = report.focus_version;
  j["model_version"] = report.model_version;
  j["dataset"] = report.dataset;
  j["applicability_criteria"] = report.applicability_criteria;
  if (!report.provider_criteria.empty()) {
    Json providers = Json::object();
    for (const auto& [provider, criteria] : report.provider_criteria) {
      providers[provider] = criteria;
    }
    j["provider_criteria"] = std::move(providers);
  }
  j["present_columns_only"] = report.present_columns_only;
  j["rows"] = report.rows;
  j["columns"] = report.columns;
  j["unknown_columns"] = report.unknown_columns;
  j["notes"] = report.notes;
  j["model_notes"] = report.model_notes;
  Json summary = Json::object();
  summary["conformant"] = report.summary.conformant;
  summary["conformant_except_known_gaps"] = report.summary.conformant_except_known_gaps;
  summary["all"] = counts_json(report.summary.all);
  summary["mandatory"] = counts_json(report.summary.mandatory);
  summary["non_mandatory"] = counts_json(report.summary.non_mandatory);
  Json by_keyword = Json::object();
  for (const auto& [keyword, counts] : report.summary.by_keyword) {
    by_keyword[keyword] = counts_json(counts);
  }
  summary["by_keyword"] = std::move(by_keyword);
  j["summary"] = std::move(summary);
  Json rules = Json::array();
  for (const RuleResult& r : report.rules) {
    Json rule = Json::object();
    rule["id"] = r.rule_id;
    rule["status"] = std::string(rule_status_name(r.status));
    rule["keyword"] = r.keyword;
    rule["mandatory"] = r.mandatory;
    rule["function"] = r.function;
    rule["entity_type"] = r.entity_type;
    rule["reference"] = r.reference;
    rule["must_satisfy"] = r.must_satisfy;
    if (!r.reason.empty()) {
      rule["reason"] = r.reason;
    }
    if (r.status == RuleStatus::kPass || r.status == RuleStatus::kFail ||
        r.status == RuleStatus::kKnownGap) {
      rule["checked_rows"] = r.checked_rows;
      rule["failing_rows"] = r.failing_rows;
    }
    if (r.known_gap_rows > 0) {
      rule["known_gap_rows"] = r.known_gap_rows;
    }
    if (!r.dataset_failures.empty()) {
      rule["dataset_failures"] = r.dataset_failures;
    }
    if (!r.samples.empty()) {
      Json samples = Json::array();
      for (const FailureSample& s : r.samples) {
        Json sample = Json::object();
        sample["row"] = s.row;
        if (s.line != 0) {
          sample["line"] = s.line;
        }
        Json values = Json::object();
        for (const SampleValue& v : s.values) {
          values[v.column] = v.value ? Json(*v.value) : Json(nullptr);
        }
        sample["values"] = std::move(values);
        if (!s.detail.empty()) {
          sample["detail"] = s.detail;
        }
        samples.push_back(std::move(sample));
      }
      rule["samples"] = std::move(samples);
    }
    rules.push_back(std::move(rule));
  }
  j["rules"] = std::move(rules);
  return j.dump(2, ' ', false, Json::error_handler_t::replace);
}

}  // namespace optima::focus
