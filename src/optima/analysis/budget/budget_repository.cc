#include "optima/analysis/budget/budget_repository.h"

#include <fmt/format.h>

#include "optima/analysis/budget/budget_json.h"
#include "optima/analysis/budget/json_fields.h"
#include "optima/core/strings.h"

namespace optima::analysis {
namespace {

constexpr std::string_view kSchema = R"sql(
CREATE TABLE IF NOT EXISTS budget_budgets (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  definition  TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
)sql";

core::Result<Budget> budget_of_row(int64_t id, const std::string& definition) {
  auto document = parse_json_text(definition, "definition");
  core::Result<Budget> budget =
      document.is_ok() ? budget_from_json(*document) : core::Result<Budget>(document.status());
  if (!budget.is_ok())
    return core::data_loss(
        fmt::format("budget_budgets row {}: stored definition is invalid: {}", id,
                    budget.status().message()));
  budget->id = id;
  return budget;
}

std::string definition_of(const Budget& budget) {
  nlohmann::json j = budget_to_json(budget);
  j.erase("id");
  return j.dump();
}

}  // namespace

core::Result<BudgetRepository> BudgetRepository::open(store::SqliteDatabase& db) {
  OPTIMA_RETURN_IF_ERROR(db.exec(kSchema));
  return BudgetRepository(&db);
}

core::Status BudgetRepository::check_name_free(const Budget& budget) {
  OPTIMA_ASSIGN_OR_RETURN(auto stmt,
                          db_->prepare("SELECT id FROM budget_budgets WHERE name = ?1 AND id != ?2"));
  stmt.bind(1, budget.name).bind(2, budget.id);
  OPTIMA_ASSIGN_OR_RETURN(bool found, stmt.step());
  if (found)
    return core::already_exists(
        fmt::format("name: a budget named \"{}\" already exists (id {})", budget.name,
                    stmt.column_int(0)));
  return core::Status::ok();
}

core::Result<Budget> BudgetRepository::create(Budget budget, core::Timestamp now) {
  budget.id = 0;
  OPTIMA_RETURN_IF_ERROR(validate_budget(budget));
  OPTIMA_RETURN_IF_ERROR(check_name_free(budget));
  OPTIMA_ASSIGN_OR_RETURN(auto stmt,
                          db_->prepare("INSERT INTO budget_budgets (name, definition, created_at, "
                                       "updated_at) VALUES (?1, ?2, ?3, ?3)"));
  stmt.bind(1, budget.name).bind(2, definition_of(budget)).bind(3, now.unix_seconds);
  OPTIMA_RETURN_IF_ERROR(stmt.run());
  budget.id = db_->last_insert_rowid();
  return budget;
}

core::Result<Budget> BudgetRepository::update(const Budget& budget, core::Timestamp now) {
  OPTIMA_RETURN_IF_ERROR(validate_budget(budget));
  OPTIMA_RETURN_IF_ERROR(get(budget.id).status());
  OPTIMA_RETURN_IF_ERROR(check_name_free(budget));
  OPTIMA_ASSIGN_OR_RETURN(
      auto stmt, db_->prepare("UPDATE budget_budgets SET name = ?1, definition = ?2, "
                              "updated_at = ?3 WHERE id = ?4"));
  stmt.bind(1, budget.name).bind(2, definition_of(budget)).bind(3, now.unix_seconds).bind(4, budget.id);
  OPTIMA_RETURN_IF_ERROR(stmt.run());
  return budget;
}

core::Result<std::vector<Budget>> BudgetRepository::list() {
  OPTIMA_ASSIGN_OR_RETURN(auto stmt,
                          db_->prepare("SELECT id, definition FROM budget_budgets ORDER BY id"));
  std::vector<Budget> out;
  while (true) {
    OPTIMA_ASSIGN_OR_RETURN(bool row, stmt.step());
    if (!row) break;
    OPTIMA_ASSIGN_OR_RETURN(Budget b, budget_of_row(stmt.column_int(0), stmt.column_text(1)));
    out.push_back(std::move(b));
  }
  return out;
}

core::Result<Budget> BudgetRepository::get(int64_t id) {
  OPTIMA_ASSIGN_OR_RETURN(auto stmt,
                          db_->prepare("SELECT definition FROM budget_budgets WHERE id = ?1"));
  stmt.bind(1, id);
  OPTIMA_ASSIGN_OR_RETURN(bool found, stmt.step());
  if (!found) return core::not_found(fmt::format("no budget with id {}", id));
  return budget_of_row(id, stmt.column_text(0));
}

core::Result<Budget> BudgetRepository::find(std::string_view key) {
  if (auto id = core::parse_int64(key)) return get(*id);
  OPTIMA_ASSIGN_OR_RETURN(auto stmt,
                          db_->prepare("SELECT id, definition FROM budget_budgets WHERE name = ?1"));
  stmt.bind(1, key);
  OPTIMA_ASSIGN_OR_RETURN(bool found, stmt.step());
  if (!found) return core::not_found(fmt::format("no budget named \"{}\"", key));
  return budget_of_row(stmt.column_int(0), stmt.column_text(1));
}

core::Status BudgetRepository::remove(int64_t id) {
  OPTIMA_RETURN_IF_ERROR(get(id).status());
  OPTIMA_ASSIGN_OR_RETURN(auto stmt, db_->prepare("DELETE FROM budget_budgets WHERE id = ?1"));
  stmt.bind(1, id);
  return stmt.run();
}

}  // namespace optima::analysis
