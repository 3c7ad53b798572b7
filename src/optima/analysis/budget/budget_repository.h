// BudgetRepository: budgets persisted in the state database (<data_dir>/state.db), table
// budget_budgets. Each row keeps the budget's canonical JSON (budget_json.h), so a new field
// needs no migration.
//
// Not thread-safe (SqliteDatabase is not); one repository per connection.
#pragma once

#include <cstdint>
#include <vector>

#include "optima/analysis/budget/budget.h"
#include "optima/core/status.h"
#include "optima/store/sqlite_database.h"

namespace optima::analysis {

class BudgetRepository {
 public:
  // Creates the budget_ tables when missing. `db` must outlive the repository.
  static core::Result<BudgetRepository> open(store::SqliteDatabase& db);

  // Validates and stores a new budget; returns it with its id. Errors: InvalidArgument (naming
  // the field), AlreadyExists for a name in use, IoError.
  core::Result<Budget> create(Budget budget, core::Timestamp now);
  // Replaces budget.id's definition. Errors: NotFound, InvalidArgument, AlreadyExists.
  core::Result<Budget> update(const Budget& budget, core::Timestamp now);
  // Ordered by id. A stored row that no longer parses is DataLoss naming the budget.
  core::Result<std::vector<Budget>> list();
  core::Result<Budget> get(int64_t id);
  // By id when `key` is a number, else by name. NotFound otherwise.
  core::Result<Budget> find(std::string_view key);
  core::Status remove(int64_t id);

 private:
  explicit BudgetRepository(store::SqliteDatabase* db) : db_(db) {}
  core::Status check_name_free(const Budget& budget);

  store::SqliteDatabase* db_;
};

}  // namespace optima::analysis
