#include "optima/focus/conformance/rule_model.h"

#include <algorithm>
#include <mutex>

#include <nlohmann/json.hpp>

#include "optima/core/file_io.h"
#include "optima/core/paths.h"

namespace optima::focus {

using Json = nlohmann::ordered_json;

bool ModelRule::mandatory() const {
  return keyword == "MUST" || keyword == "MUST NOT";
}

char ModelRule::id_suffix() const {
  if (id.size() < 2 || id[id.size() - 2] != '-') {
    return '?';
  }
  const char c = id.back();
  return (c == 'M' || c == 'C' || c == 'O') ? c : '?';
}

const ModelRule* RuleModel::find(std::string_view id) const {
  const int i = index_of(id);
  return i < 0 ? nullptr : &rules_[static_cast<size_t>(i)];
}

int RuleModel::index_of(std::string_view id) const {
  auto it = index_.find(id);
  return it == index_.end() ? -1 : it->second;
}

// Builds a RuleModel from the JSON document; every error names its JSON path.
class RuleModelParser {
 public:
  explicit RuleModelParser(std::string_view source) : source_(source) {}

  core::Result<RuleModel> parse(std::string_view text, std::string_view errata_text,
                                std::string_view errata_source) {
    Json doc = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) {
      return error("", "not valid JSON");
    }
    if (!doc.is_object()) {
      return error("", "expected a JSON object");
    }
    OPTIMA_RETURN_IF_ERROR(parse_details(doc));
    if (!errata_text.empty()) {
      OPTIMA_RETURN_IF_ERROR(apply_errata(&doc, errata_text, errata_source));
    }
    OPTIMA_RETURN_IF_ERROR(parse_criteria(doc));
    OPTIMA_RETURN_IF_ERROR(parse_check_functions(doc));
    OPTIMA_RETURN_IF_ERROR(parse_rules(doc));
    OPTIMA_RETURN_IF_ERROR(parse_datasets(doc));
    OPTIMA_RETURN_IF_ERROR(check_references());
    OPTIMA_RETURN_IF_ERROR(check_cycles());
    return std::move(model_);
  }

 private:
  core::Status error(const std::string& path, const std::string& what) const {
    return core::invalid_argument(std::string(source_) + ": " + (path.empty() ? "" : path + ": ") +
                                  what);
  }

  core::Result<const Json*> member(const Json& obj, const std::string& path, const char* key,
                                   Json::value_t type) const {
    auto it = obj.find(key);
    if (it == obj.end()) {
      return error(path, std::string("missing \"") + key + "\"");
    }
    const bool ok =
        type == Json::value_t::number_integer ? it->is_number_integer() : it->type() == type;
    if (!ok) {
      return error(path + "." + key,
                   std::string("expected ") + type_name(type) + ", found " + it->type_name());
    }
    return &*it;
  }

  static const char* type_name(Json::value_t type) {
    switch (type) {
      case Json::value_t::object:
        return "object";
      case Json::value_t::array:
        return "array";
      case Json::value_t::string:
        return "string";
      case Json::value_t::number_integer:
        return "integer";
      default:
        return "value";
    }
  }

  core::Result<std::string> string_member(const Json& obj, const std::string& path,
                                          const char* key) const {
    OPTIMA_ASSIGN_OR_RETURN(const Json* v, member(obj, path, key, Json::value_t::string));
    return v->get<std::string>();
  }

  // An optional string member: absent or null give "".
  core::Result<std::string> optional_string(const Json& obj, const std::string& path,
                                            const char* key) const {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) {
      return std::string();
    }
    if (!it->is_string()) {
      return error(path + "." + key, std::string("expected string, found ") + it->type_name());
    }
    return it->get<std::string>();
  }

  core::Result<std::vector<std::string>> string_list(const Json& obj, const std::string& path,
                                                     const char* key) const {
    OPTIMA_ASSIGN_OR_RETURN(const Json* arr, member(obj, path, key, Json::value_t::array));
    std::vector<std::string> out;
    for (size_t i = 0; i < arr->size(); ++i) {
      const Json& v = (*arr)[i];
      if (!v.is_string()) {
        return error(path + "." + key + "[" + std::to_string(i) + "]",
                     std::string("expected string, found ") + v.type_name());
      }
      out.push_back(v.get<std::string>());
    }
    return out;
  }

  core::Status parse_details(const Json& doc) {
    OPTIMA_ASSIGN_OR_RETURN(const Json* details, member(doc, "", "Details", Json::value_t::object));
    OPTIMA_ASSIGN_OR_RETURN(model_.model_version_,
                            string_member(*details, "Details", "ModelVersion"));
    OPTIMA_ASSIGN_OR_RETURN(model_.focus_version_,
                            optional_string(*details, "Details", "FOCUSVersion"));
    if (model_.focus_version_.empty()) {
      model_.focus_version_ = model_.model_version_;
    }
    return core::Status::ok();
  }

  // Replaces ModelRules[id].ValidationCriteria.<Field> with each erratum's Value. The parser
  // below then checks the replacement like any other check tree.
  core::Status apply_errata(Json* doc, std::string_view text, std::string_view errata_source) {
    RuleModelParser errata_parser(errata_source);
    Json errata = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (errata.is_discarded() || !errata.is_object()) {
      return errata_parser.error("", "not a JSON object");
    }
    OPTIMA_ASSIGN_OR_RETURN(std::string version,
                            errata_parser.string_member(errata, "", "ModelVersion"));
    if (version != model_.model_version_) {
      return errata_parser.error("ModelVersion", "errata for model " + version + ", the model is " +
                                                     model_.model_version_);
    }
    OPTIMA_ASSIGN_OR_RETURN(const Json* list,
                            errata_parser.member(errata, "", "Errata", Json::value_t::array));
    auto rules = doc->find("ModelRules");
    for (size_t i = 0; i < list->size(); ++i) {
      const std::string path = "Errata[" + std::to_string(i) + "]";
      const Json& entry = (*list)[i];
      if (!entry.is_object()) {
        return errata_parser.error(path, "expected object");
      }
      ModelErratum erratum;
      OPTIMA_ASSIGN_OR_RETURN(erratum.rule_id, errata_parser.string_member(entry, path, "RuleId"));
      OPTIMA_ASSIGN_OR_RETURN(erratum.field, errata_parser.string_member(entry, path, "Field"));
      OPTIMA_ASSIGN_OR_RETURN(erratum.reason, errata_parser.string_member(entry, path, "Reason"));
      OPTIMA_ASSIGN_OR_RETURN(const Json* value,
                              errata_parser.member(entry, path, "Value", Json::value_t::object));
      if (erratum.field != "Requirement" && erratum.field != "Condition") {
        return errata_parser.error(path + ".Field", "expected \"Requirement\" or \"Condition\"");
      }
      if (rules == doc->end() || !rules->is_object() || !rules->contains(erratum.rule_id)) {
        return errata_parser.error(path + ".RuleId",
                                   "no rule \"" + erratum.rule_id + "\" in the model");
      }
      Json& rule = (*rules)[erratum.rule_id];
      if (!rule.is_object() || !rule.contains("ValidationCriteria") ||
          !rule["ValidationCriteria"].is_object()) {
        return error("ModelRules[\"" + erratum.rule_id + "\"]", "no ValidationCriteria to correct");
      }
      rule["ValidationCriteria"][erratum.field] = *value;
      model_.errata_.push_back(std::move(erratum));
    }
    return core::Status::ok();
  }

  core::Status parse_criteria(const Json& doc) {
    OPTIMA_ASSIGN_OR_RETURN(const Json* criteria,
                            member(doc, "", "ApplicabilityCriteria", Json::value_t::object));
    for (const auto& [name, body] : criteria->items()) {
      const std::string path = "ApplicabilityCriteria." + name;
      if (!body.is_object()) {
        return error(path, "expected object");
      }
      ApplicabilityCriterion c;
      c.name = name;
      OPTIMA_ASSIGN_OR_RETURN(c.description, optional_string(body, path, "Description"));
      model_.criteria_.push_back(std::move(c));
    }
    return core::Status::ok();
  }

  core::Status parse_check_functions(const Json& doc) {
    OPTIMA_ASSIGN_OR_RETURN(const Json* functions,
                            member(doc, "", "CheckFunctions", Json::value_t::object));
    for (const auto& [name, body] : functions->items()) {
      const std::string path = "CheckFunctions." + name;
      if (!body.is_object()) {
        return error(path, "expected object");
      }
      auto function = check_function_from_name(name);
      if (!function) {
        // Declared but unused functions are harmless; a rule using one fails in parse_node().
        model_.warnings_.push_back(path + ": check function not implemented by CloudOptima");
        continue;
      }
      if (body.contains("FormatAttributes")) {
        OPTIMA_ASSIGN_OR_RETURN(model_.format_attributes_[static_cast<size_t>(*function)],
                                string_list(body, path, "FormatAttributes"));
      }
    }
    return core::Status::ok();
  }

  core::Status parse_rules(const Json& doc) {
    OPTIMA_ASSIGN_OR_RETURN(const Json* rules,
                            member(doc, "", "ModelRules", Json::value_t::object));
    for (const auto& [id, body] : rules->items()) {
      const std::string path = "ModelRules[\"" + id + "\"]";
      if (!body.is_object()) {
        return error(path, "expected object");
      }
      OPTIMA_ASSIGN_OR_RETURN(ModelRule rule, parse_rule(id, body, path));
      model_.index_.emplace(rule.id, static_cast<int>(model_.rules_.size()));
      model_.rules_.push_back(std::move(rule));
    }
    return core::Status::ok();
  }

  core::Result<ModelRule> parse_rule(const std::string& id, const Json& body,
                                     const std::string& path) {
    ModelRule rule;
    rule.id = id;
    OPTIMA_ASSIGN_OR_RETURN(rule.function, string_member(body, path, "Function"));
    OPTIMA_ASSIGN_OR_RETURN(rule.reference, string_member(body, path, "Reference"));
    OPTIMA_ASSIGN_OR_RETURN(rule.entity_type, string_member(body, path, "EntityType"));
    OPTIMA_ASSIGN_OR_RETURN(rule.notes, optional_string(body, path, "Notes"));
    OPTIMA_ASSIGN_OR_RETURN(rule.version_introduced,
                            optional_string(body, path, "ModelVersionIntroduced"));
    OPTIMA_ASSIGN_OR_RETURN(rule.status, optional_string(body, path, "Status"));
    OPTIMA_ASSIGN_OR_RETURN(rule.applicability_criteria,
                            string_list(body, path, "ApplicabilityCriteria"));
    for (size_t i = 0; i < rule.applicability_criteria.size(); ++i) {
      const std::string& name = rule.applicability_criteria[i];
      const auto& known = model_.criteria_;
      if (std::none_of(known.begin(), known.end(),
                       [&](const ApplicabilityCriterion& c) { return c.name == name; })) {
        return error(path + ".ApplicabilityCriteria[" + std::to_string(i) + "]",
                     "unknown applicability criterion \"" + name + "\"");
      }
    }
    OPTIMA_ASSIGN_OR_RETURN(std::string type, string_member(body, path, "Type"));
    if (type == "Static") {
      rule.type = RuleType::kStatic;
    } else if (type == "Dynamic") {
      rule.type = RuleType::kDynamic;
    } else {
      return error(path + ".Type", "expected \"Static\" or \"Dynamic\", found \"" + type + "\"");
    }
    const std::string vc_path = path + ".ValidationCriteria";
    OPTIMA_ASSIGN_OR_RETURN(const Json* vc,
                            member(body, path, "ValidationCriteria", Json::value_t::object));
    OPTIMA_ASSIGN_OR_RETURN(rule.must_satisfy, string_member(*vc, vc_path, "MustSatisfy"));
    OPTIMA_ASSIGN_OR_RETURN(rule.keyword, string_member(*vc, vc_path, "Keyword"));
    OPTIMA_ASSIGN_OR_RETURN(rule.dependencies, string_list(*vc, vc_path, "Dependencies"));
    OPTIMA_ASSIGN_OR_RETURN(const Json* requirement,
                            member(*vc, vc_path, "Requirement", Json::value_t::object));
    OPTIMA_ASSIGN_OR_RETURN(
        rule.requirement, parse_tree(*requirement, vc_path + ".Requirement", /*condition=*/false));
    OPTIMA_ASSIGN_OR_RETURN(const Json* condition,
                            member(*vc, vc_path, "Condition", Json::value_t::object));
    OPTIMA_ASSIGN_OR_RETURN(rule.condition,
                            parse_tree(*condition, vc_path + ".Condition", /*condition=*/true));
    if (rule.type == RuleType::kStatic && !rule.requirement) {
      return error(vc_path + ".Requirement", "a Static rule needs a Requirement");
    }
    return rule;
  }

  // A Requirement or Condition: {} means none.
  core::Result<std::optional<CheckNode>> parse_tree(const Json& j, const std::string& path,
                                                    bool condition) {
    if (j.empty()) {
      return std::optional<CheckNode>();
    }
    OPTIMA_ASSIGN_OR_RETURN(CheckNode node, parse_node(j, path, condition));
    OPTIMA_RETURN_IF_ERROR(check_shape(node, condition, /*root=*/true));
    return std::optional<CheckNode>(std::move(node));
  }

  core::Result<CheckNode> parse_node(const Json& j, const std::string& path, bool condition) {
    if (!j.is_object()) {
      return error(path, std::string("expected a check object, found ") + j.type_name());
    }
    CheckNode node;
    node.path = path;
    auto fn = j.find("CheckFunction");
    if (fn == j.end() && condition && j.size() == 1 && j.contains("AND")) {
      // Published 1.2 model: {"AND": {...}} / {"AND": [...]} without "CheckFunction".
      model_.warnings_.push_back(path +
                                 ": Condition without \"CheckFunction\" read as an AND of "
                                 "the nodes under \"AND\"");
      node.function = CheckFunction::kAnd;
      const Json& inner = *j.find("AND");
      if (inner.is_object()) {
        OPTIMA_ASSIGN_OR_RETURN(CheckNode item, parse_node(inner, path + ".AND", condition));
        node.items.push_back(std::move(item));
      } else if (inner.is_array() && !inner.empty()) {
        for (size_t i = 0; i < inner.size(); ++i) {
          OPTIMA_ASSIGN_OR_RETURN(
              CheckNode item,
              parse_node(inner[i], path + ".AND[" + std::to_string(i) + "]", condition));
          node.items.push_back(std::move(item));
        }
      } else {
        return error(path + ".AND", "expected a check object or a non-empty list");
      }
      return node;
    }
    if (fn == j.end()) {
      return error(path, "missing \"CheckFunction\"");
    }
    if (!fn->is_string()) {
      return error(path + ".CheckFunction", "expected string");
    }
    const std::string name = fn->get<std::string>();
    auto function = check_function_from_name(name);
    if (!function) {
      return error(path + ".CheckFunction", "unknown check function \"" + name + "\"");
    }
    node.function = *function;
    std::vector<std::string> used = {"CheckFunction"};
    switch (check_function_arguments(node.function)) {
      case CheckArguments::kItems: {
        used.emplace_back("Items");
        OPTIMA_ASSIGN_OR_RETURN(const Json* items, member(j, path, "Items", Json::value_t::array));
        if (items->empty()) {
          return error(path + ".Items", name + " needs at least one item");
        }
        for (size_t i = 0; i < items->size(); ++i) {
          OPTIMA_ASSIGN_OR_RETURN(
              CheckNode item,
              parse_node((*items)[i], path + ".Items[" + std::to_string(i) + "]", condition));
          node.items.push_back(std::move(item));
        }
        break;
      }
      case CheckArguments::kColumn:
        OPTIMA_RETURN_IF_ERROR(column_argument(j, path, &node, &used));
        break;
      case CheckArguments::kColumnValue: {
        OPTIMA_RETURN_IF_ERROR(column_argument(j, path, &node, &used));
        used.emplace_back("Value");
        auto v = j.find("Value");
        if (v == j.end()) {
          return error(path, "missing \"Value\"");
        }
        OPTIMA_ASSIGN_OR_RETURN(node.value, literal(*v, path + ".Value"));
        if (node.function == CheckFunction::kCheckGreaterOrEqualThanValue &&
            node.value.kind != CheckLiteral::Kind::kNumber) {
          return error(path + ".Value", "expected a number");
        }
        break;
      }
      case CheckArguments::kTwoColumns:
      case CheckArguments::kDistinctCount:
      case CheckArguments::kProduct: {
        std::vector<const char*> keys = {"ColumnAName", "ColumnBName"};
        if (check_function_arguments(node.function) == CheckArguments::kProduct) {
          keys.push_back("ResultColumnName");
        }
        for (const char* key : keys) {
          used.emplace_back(key);
          OPTIMA_ASSIGN_OR_RETURN(std::string column, string_member(j, path, key));
          if (column.empty()) {
            return error(path + "." + key, "empty column name");
          }
          node.columns.push_back(std::move(column));
        }
        if (check_function_arguments(node.function) == CheckArguments::kDistinctCount) {
          used.emplace_back("ExpectedCount");
          OPTIMA_ASSIGN_OR_RETURN(const Json* count,
                                  member(j, path, "ExpectedCount", Json::value_t::number_integer));
          node.expected_count = count->get<int64_t>();
          if (node.expected_count < 0) {
            return error(path + ".ExpectedCount", "must be >= 0");
          }
        }
        break;
      }
      case CheckArguments::kModelRule:
        used.emplace_back("ModelRuleId");
        OPTIMA_ASSIGN_OR_RETURN(node.model_rule_id, string_member(j, path, "ModelRuleId"));
        break;
    }
    for (const auto& [key, value] : j.items()) {
      if (std::find(used.begin(), used.end(), key) == used.end()) {
        std::string warning = path;
        warning.append(".").append(key).append(": argument not used by ").append(name);
        warning.append(", ignored");
        model_.warnings_.push_back(std::move(warning));
      }
    }
    return node;
  }

  core::Status column_argument(const Json& j, const std::string& path, CheckNode* node,
                               std::vector<std::string>* used) {
    const char* key = "ColumnName";
    if (!j.contains("ColumnName") && j.contains("CheckCondition")) {
      // Published 1.2 model: "CheckCondition" written where "ColumnName" is meant.
      key = "CheckCondition";
      model_.warnings_.push_back(path + ": \"CheckCondition\" read as \"ColumnName\"");
    }
    used->emplace_back(key);
    OPTIMA_ASSIGN_OR_RETURN(std::string column, string_member(j, path, key));
    if (column.empty()) {
      return error(path + "." + key, "empty column name");
    }
    node->columns.push_back(std::move(column));
    return core::Status::ok();
  }

  core::Result<CheckLiteral> literal(const Json& v, const std::string& path) const {
    CheckLiteral lit;
    if (v.is_null()) {
      return lit;
    }
    if (v.is_string()) {
      lit.kind = CheckLiteral::Kind::kString;
      lit.text = v.get<std::string>();
      return lit;
    }
    if (v.is_number()) {
      lit.kind = CheckLiteral::Kind::kNumber;
      lit.text = v.dump();
      if (!core::Decimal::parse(lit.text, &lit.number)) {
        return error(path, "number " + lit.text + " is out of range");
      }
      return lit;
    }
    return error(path, std::string("expected null, string or number, found ") + v.type_name());
  }

  // Where each function may appear: CheckModelRule only in Requirements, never mixed with column
  // checks; CheckDistinctCount only as a whole Requirement (it judges groups, not rows).
  core::Status check_shape(const CheckNode& node, bool condition, bool root) const {
    if (node.function == CheckFunction::kCheckDistinctCount && (condition || !root)) {
      return error(node.path, "CheckDistinctCount is supported only as a rule's whole Requirement");
    }
    if (node.function == CheckFunction::kCheckModelRule && condition) {
      return error(node.path, "CheckModelRule is not allowed in a Condition");
    }
    if (root && !condition && node.references_rules()) {
      OPTIMA_RETURN_IF_ERROR(check_composite(node));
    }
    for (const CheckNode& item : node.items) {
      OPTIMA_RETURN_IF_ERROR(check_shape(item, condition, /*root=*/false));
    }
    return core::Status::ok();
  }

  core::Status check_composite(const CheckNode& node) const {
    if (node.function == CheckFunction::kCheckModelRule) {
      return core::Status::ok();
    }
    if (node.function != CheckFunction::kAnd && node.function != CheckFunction::kOr) {
      return error(node.path,
                   "a Requirement that references rules may hold only AND, OR and "
                   "CheckModelRule, found " +
                       std::string(check_function_name(node.function)));
    }
    for (const CheckNode& item : node.items) {
      OPTIMA_RETURN_IF_ERROR(check_composite(item));
    }
    return core::Status::ok();
  }

  core::Status parse_datasets(const Json& doc) {
    OPTIMA_ASSIGN_OR_RETURN(const Json* datasets,
                            member(doc, "", "ModelDatasets", Json::value_t::object));
    for (const auto& [name, body] : datasets->items()) {
      const std::string path = "ModelDatasets." + name;
      if (!body.is_object()) {
        return error(path, "expected object");
      }
      OPTIMA_ASSIGN_OR_RETURN(std::vector<std::string> roots,
                              string_list(body, path, "ModelRules"));
      for (size_t i = 0; i < roots.size(); ++i) {
        if (model_.find(roots[i]) == nullptr) {
          return error(path + ".ModelRules[" + std::to_string(i) + "]",
                       "unknown rule \"" + roots[i] + "\"");
        }
      }
      model_.datasets_[name] = std::move(roots);
    }
    return core::Status::ok();
  }

  core::Status check_references() const {
    for (const CheckFunctionInfo& info : all_check_functions()) {
      const auto& attributes = model_.format_attributes_[static_cast<size_t>(info.function)];
      for (size_t i = 0; i < attributes.size(); ++i) {
        if (model_.find(attributes[i]) == nullptr) {
          return error("CheckFunctions." + std::string(info.name) + ".FormatAttributes[" +
                           std::to_string(i) + "]",
                       "unknown rule \"" + attributes[i] + "\"");
        }
      }
    }
    for (const ModelRule& rule : model_.rules_) {
      const std::string path = "ModelRules[\"" + rule.id + "\"].ValidationCriteria";
      if (rule.requirement) {
        OPTIMA_RETURN_IF_ERROR(check_node_references(*rule.requirement));
      }
      for (size_t i = 0; i < rule.dependencies.size(); ++i) {
        if (model_.find(rule.dependencies[i]) == nullptr) {
          return error(path + ".Dependencies[" + std::to_string(i) + "]",
                       "unknown rule \"" + rule.dependencies[i] + "\"");
        }
      }
    }
    return core::Status::ok();
  }

  core::Status check_node_references(const CheckNode& node) const {
    if (node.function == CheckFunction::kCheckModelRule &&
        model_.find(node.model_rule_id) == nullptr) {
      return error(node.path + ".ModelRuleId", "unknown rule \"" + node.model_rule_id + "\"");
    }
    for (const CheckNode& item : node.items) {
      OPTIMA_RETURN_IF_ERROR(check_node_references(item));
    }
    return core::Status::ok();
  }

  // Rules must form a DAG over CheckModelRule references and Dependencies: an iterative
  // depth-first search reports the first cycle as "A -> B -> A".
  core::Status check_cycles() const {
    const size_t n = model_.rules_.size();
    std::vector<std::vector<int>> edges(n);
    for (size_t i = 0; i < n; ++i) {
      const ModelRule& rule = model_.rules_[i];
      std::vector<std::string> targets;
      if (rule.requirement) {
        rule.requirement->collect_rule_references(&targets);
      }
      targets.insert(targets.end(), rule.dependencies.begin(), rule.dependencies.end());
      for (const std::string& t : targets) {
        edges[i].push_back(model_.index_of(t));
      }
    }
    enum : uint8_t { kWhite, kGrey, kBlack };
    std::vector<uint8_t> color(n, kWhite);
    for (size_t start = 0; start < n; ++start) {
      if (color[start] != kWhite) {
        continue;
      }
      std::vector<std::pair<int, size_t>> stack = {{static_cast<int>(start), 0}};
      color[start] = kGrey;
      while (!stack.empty()) {
        auto& [u, next] = stack.back();
        const auto& out = edges[static_cast<size_t>(u)];
        if (next == out.size()) {
          color[static_cast<size_t>(u)] = kBlack;
          stack.pop_back();
          continue;
        }
        const int v = out[next++];
        if (color[static_cast<size_t>(v)] == kGrey) {
          std::string cycle;
          bool on = false;
          for (const auto& frame : stack) {
            if (frame.first == v) {
              on = true;
            }
            if (on) {
              cycle += model_.rules_[static_cast<size_t>(frame.first)].id + " -> ";
            }
          }
          cycle += model_.rules_[static_cast<size_t>(v)].id;
          return error("ModelRules", "dependency cycle: " + cycle);
        }
        if (color[static_cast<size_t>(v)] == kWhite) {
          color[static_cast<size_t>(v)] = kGrey;
          stack.emplace_back(v, 0);
        }
      }
    }
    return core::Status::ok();
  }

  std::string_view source_;
  RuleModel model_;
};

core::Result<RuleModel> RuleModel::parse(std::string_view json_text, std::string_view source,
                                         std::string_view errata_text,
                                         std::string_view errata_source) {
  return RuleModelParser(source).parse(json_text, errata_text, errata_source);
}

core::Result<RuleModel> RuleModel::load(const std::filesystem::path& path,
                                        const std::filesystem::path& errata_path) {
  OPTIMA_ASSIGN_OR_RETURN(std::string text, core::read_file(path));
  std::string errata_text;
  if (!errata_path.empty()) {
    OPTIMA_ASSIGN_OR_RETURN(errata_text, core::read_file(errata_path));
  }
  return parse(text, path.filename().string(), errata_text, errata_path.filename().string());
}

core::Result<std::shared_ptr<const RuleModel>> RuleModel::bundled(ModelErrata errata) {
  static std::mutex mu;
  static std::shared_ptr<const RuleModel> cached[2];
  std::lock_guard<std::mutex> lock(mu);
  std::shared_ptr<const RuleModel>& slot = cached[errata == ModelErrata::kApply ? 0 : 1];
  if (slot) {
    return slot;
  }
  OPTIMA_ASSIGN_OR_RETURN(std::filesystem::path path,
                          core::find_data_file("focus/validator/model-1.2.json"));
  std::filesystem::path errata_path;
  if (errata == ModelErrata::kApply) {
    OPTIMA_ASSIGN_OR_RETURN(errata_path,
                            core::find_data_file("focus/validator/model-1.2-errata.json"));
  }
  OPTIMA_ASSIGN_OR_RETURN(RuleModel model, load(path, errata_path));
  slot = std::make_shared<const RuleModel>(std::move(model));
  return slot;
}

}  // namespace optima::focus
