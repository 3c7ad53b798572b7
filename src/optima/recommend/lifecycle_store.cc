// LifecycleStore: rec_state (one row per acted-on recommendation), rec_events (every
// transition), rec_feedback (votes; a dismissal is a vote of -1).
#include "optima/recommend/lifecycle_store.h"

#include <algorithm>
#include <cstdlib>
#include <map>

#include <fmt/format.h>

#include "optima/core/strings.h"
#include "optima/query/executor.h"

namespace optima::recommend {
namespace {

constexpr std::string_view kSchema = R"sql(
CREATE TABLE IF NOT EXISTS rec_state (
  id TEXT PRIMARY KEY,
  recommender TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  resources TEXT NOT NULL,
  account_id TEXT NOT NULL,
  team TEXT NOT NULL,
  action TEXT NOT NULL,
  status TEXT NOT NULL,
  reason TEXT NOT NULL,
  snoozed_until INTEGER,
  expected_monthly TEXT NOT NULL,
  implemented_at INTEGER,
  realised_monthly TEXT,
  verification_note TEXT NOT NULL DEFAULT '',
  updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS rec_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL,
  at INTEGER NOT NULL,
  from_status TEXT NOT NULL,
  to_status TEXT NOT NULL,
  reason TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS rec_feedback (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL,
  recommender TEXT NOT NULL,
  account_id TEXT NOT NULL,
  team TEXT NOT NULL,
  vote INTEGER NOT NULL,
  at INTEGER NOT NULL
);
)sql";

std::string team_of(const Recommendation& rec, const std::string& team_tag) {
  for (const auto& [k, v] : rec.tags) {
    if (core::iequals(k, team_tag)) return v;
  }
  return {};
}

bool allowed(Status from, Action action) {
  switch (action) {
    case Action::kAccept:
      return from == Status::kOpen || from == Status::kSnoozed;
    case Action::kDismiss:
      return from == Status::kOpen || from == Status::kSnoozed || from == Status::kAccepted;
    case Action::kSnooze:
      return from == Status::kOpen || from == Status::kSnoozed;
    case Action::kImplemented:
      return from == Status::kAccepted || from == Status::kOpen;
  }
  return false;
}

Status target_of(Action a) {
  switch (a) {
    case Action::kAccept: return Status::kAccepted;
    case Action::kDismiss: return Status::kDismissed;
    case Action::kSnooze: return Status::kSnoozed;
    case Action::kImplemented: return Status::kImplemented;
  }
  return Status::kOpen;
}

std::string_view action_name(Action a) {
  switch (a) {
    case Action::kAccept: return "accept";
    case Action::kDismiss: return "dismiss";
    case Action::kSnooze: return "snooze";
    case Action::kImplemented: return "implemented";
  }
  return "";
}

LifecycleRecord record_of(const Recommendation& rec, const std::string& team_tag) {
  LifecycleRecord r;
  r.id = rec.id;
  r.recommender = rec.recommender;
  r.resource_id = rec.resource_id;
  r.resources.push_back(rec.resource_id);
  for (const auto& a : rec.affected_resources) r.resources.push_back(a);
  r.account_id = rec.account_id;
  r.team = team_of(rec, team_tag);
  r.action = rec.action;
  r.expected_monthly = rec.savings.monthly;
  return r;
}

std::optional<core::Timestamp> optional_time(const store::SqliteStatement& s, int col) {
  if (s.column_is_null(col)) return std::nullopt;
  return core::Timestamp{s.column_int(col)};
}

std::optional<int64_t> time_value(const std::optional<core::Timestamp>& t) {
  if (!t) return std::nullopt;
  return t->unix_seconds;
}

core::Result<core::Decimal> resources_cost(const store::TableSource& billing,
                                           const std::vector<std::string>& resources,
                                           core::Period period) {
  query::Query q;
  q.time_range = period;
  q.metrics = {query::Metric::of_column(focus::Column::kEffectiveCost)};
  q.filters = {{query::Dimension::of_column(focus::Column::kResourceId), query::FilterOp::kIn,
                resources}};
  OPTIMA_ASSIGN_OR_RETURN(query::QueryResult result, query::execute(q, billing));
  core::Decimal total;
  if (!result.totals.empty()) {
    if (const auto* d = std::get_if<core::Decimal>(&result.totals[0])) total = *d;
  }
  return total;
}

// Billing rows of any resource in `period`: zero means the bill does not reach that far yet.
core::Result<int64_t> bill_rows(const store::TableSource& billing, core::Period period) {
  query::Query q;
  q.time_range = period;
  q.metrics = {query::Metric::row_count()};
  OPTIMA_ASSIGN_OR_RETURN(query::QueryResult result, query::execute(q, billing));
  if (!result.totals.empty()) {
    if (const auto* n = std::get_if<int64_t>(&result.totals[0])) return *n;
  }
  return int64_t{0};
}

}  // namespace

std::optional<Action> parse_action(std::string_view name) {
  for (Action a : {Action::kAccept, Action::kDismiss, Action::kSnooze, Action::kImplemented}) {
    if (action_name(a) == name) return a;
  }
  return std::nullopt;
}

core::Result<std::unique_ptr<LifecycleStore>> LifecycleStore::open(
    const std::filesystem::path& data_dir) {
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (ec) return core::io_error(fmt::format("{}: {}", data_dir.string(), ec.message()));
  OPTIMA_ASSIGN_OR_RETURN(auto db, store::SqliteDatabase::open(data_dir / "state.db", 5000));
  OPTIMA_RETURN_IF_ERROR(db->exec("PRAGMA journal_mode=WAL;"));
  OPTIMA_RETURN_IF_ERROR(db->exec(kSchema));
  return std::unique_ptr<LifecycleStore>(new LifecycleStore(std::move(db)));
}

core::Result<std::optional<LifecycleRecord>> LifecycleStore::find(const std::string& id) {
  OPTIMA_ASSIGN_OR_RETURN(auto all, records());
  for (auto& r : all) {
    if (r.id == id) return std::optional<LifecycleRecord>(std::move(r));
  }
  return std::optional<LifecycleRecord>();
}

core::Result<std::vector<LifecycleRecord>> LifecycleStore::records() {
  OPTIMA_ASSIGN_OR_RETURN(
      auto s, db_->prepare("SELECT id, recommender, resource_id, resources, account_id, team, "
                           "action, status, reason, snoozed_until, expected_monthly, "
                           "implemented_at, realised_monthly, verification_note, updated_at "
                           "FROM rec_state ORDER BY id"));
  std::vector<LifecycleRecord> out;
  while (true) {
    OPTIMA_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) break;
    LifecycleRecord r;
    r.id = s.column_text(0);
    r.recommender = s.column_text(1);
    r.resource_id = s.column_text(2);
    const std::string resources = s.column_text(3);  // split() views into it
    for (auto part : core::split(resources, '\n')) {
      if (!part.empty()) r.resources.emplace_back(part);
    }
    r.account_id = s.column_text(4);
    r.team = s.column_text(5);
    r.action = s.column_text(6);
    r.status = parse_status(s.column_text(7)).value_or(Status::kOpen);
    r.reason = s.column_text(8);
    r.snoozed_until = optional_time(s, 9);
    (void)core::Decimal::parse(s.column_text(10), &r.expected_monthly);
    r.implemented_at = optional_time(s, 11);
    if (!s.column_is_null(12)) {
      core::Decimal realised;
      if (core::Decimal::parse(s.column_text(12), &realised)) r.realised_monthly = realised;
    }
    r.verification_note = s.column_text(13);
    r.updated_at = core::Timestamp{s.column_int(14)};
    out.push_back(std::move(r));
  }
  return out;
}

core::Status LifecycleStore::save(const LifecycleRecord& r, Status from, core::Timestamp now) {
  OPTIMA_RETURN_IF_ERROR(db_->exec("BEGIN IMMEDIATE"));
  auto body = [&]() -> core::Status {
    OPTIMA_ASSIGN_OR_RETURN(
        auto s,
        db_->prepare("INSERT OR REPLACE INTO rec_state (id, recommender, resource_id, resources, "
                     "account_id, team, action, status, reason, snoozed_until, expected_monthly, "
                     "implemented_at, realised_monthly, verification_note, updated_at) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"));
    s.bind(1, r.id).bind(2, r.recommender).bind(3, r.resource_id);
    const std::string resources = core::join(r.resources, "\n");
    s.bind(4, resources).bind(5, r.account_id).bind(6, r.team).bind(7, r.action);
    const std::string status(status_name(r.status));
    s.bind(8, status).bind(9, r.reason).bind(10, time_value(r.snoozed_until));
    const std::string expected = r.expected_monthly.to_string();
    s.bind(11, expected).bind(12, time_value(r.implemented_at));
    const std::string realised = r.realised_monthly ? r.realised_monthly->to_string() : "";
    if (r.realised_monthly) {
      s.bind(13, realised);
    } else {
      s.bind_null(13);
    }
    s.bind(14, r.verification_note).bind(15, now.unix_seconds);
    OPTIMA_RETURN_IF_ERROR(s.run());
    if (from != r.status) {
      OPTIMA_ASSIGN_OR_RETURN(auto e, db_->prepare("INSERT INTO rec_events (id, at, from_status, "
                                                   "to_status, reason) VALUES (?1, ?2, ?3, ?4, ?5)"));
      const std::string from_name(status_name(from));
      e.bind(1, r.id).bind(2, now.unix_seconds).bind(3, from_name).bind(4, status).bind(5, r.reason);
      OPTIMA_RETURN_IF_ERROR(e.run());
    }
    return core::Status::ok();
  };
  const core::Status status = body();
  if (!status.is_ok()) {
    (void)db_->exec("ROLLBACK");
    return status;
  }
  return db_->exec("COMMIT");
}

core::Status LifecycleStore::act(const Recommendation& rec, Action action,
                                 const std::string& reason, std::optional<core::Timestamp> until,
                                 core::Timestamp now, const std::string& team_tag) {
  OPTIMA_ASSIGN_OR_RETURN(auto existing, find(rec.id));
  LifecycleRecord r = existing ? *existing : record_of(rec, team_tag);
  Status from = existing ? existing->status : Status::kOpen;
  if (from == Status::kSnoozed && r.snoozed_until && *r.snoozed_until <= now) from = Status::kOpen;
  if (!allowed(from, action)) {
    return core::invalid_argument(fmt::format("recommendation {} is {}: cannot {} it", rec.id,
                                              status_name(from), action_name(action)));
  }
  if (action == Action::kDismiss && core::trim(reason).empty()) {
    return core::invalid_argument("dismiss needs a reason (--reason)");
  }
  if (action == Action::kSnooze && (!until || *until <= now)) {
    return core::invalid_argument("snooze needs --until in the future");
  }
  r.status = target_of(action);
  r.reason = reason;
  r.snoozed_until = action == Action::kSnooze ? until : std::nullopt;
  r.expected_monthly = rec.savings.monthly;
  if (action == Action::kImplemented) r.implemented_at = now;
  OPTIMA_RETURN_IF_ERROR(save(r, existing ? existing->status : Status::kOpen, now));
  if (action == Action::kDismiss) return vote(rec, -1, now, team_tag);
  return core::Status::ok();
}

core::Status LifecycleStore::vote(const Recommendation& rec, int value, core::Timestamp now,
                                  const std::string& team_tag) {
  if (value != 1 && value != -1) return core::invalid_argument("a vote is +1 or -1");
  OPTIMA_ASSIGN_OR_RETURN(auto s, db_->prepare("INSERT INTO rec_feedback (id, recommender, "
                                               "account_id, team, vote, at) VALUES (?1, ?2, ?3, "
                                               "?4, ?5, ?6)"));
  const std::string team = team_of(rec, team_tag);
  s.bind(1, rec.id).bind(2, rec.recommender).bind(3, rec.account_id).bind(4, team);
  s.bind(5, int64_t{value}).bind(6, now.unix_seconds);
  return s.run();
}

core::Status LifecycleStore::apply(std::vector<Recommendation>* recs, core::Timestamp now,
                                   const std::string& team_tag) {
  OPTIMA_ASSIGN_OR_RETURN(auto all, records());
  std::map<std::string, LifecycleRecord> by_id;
  for (auto& r : all) by_id.emplace(r.id, std::move(r));
  // Votes per (recommender, scope) and the part of each that one recommendation cast.
  std::map<std::string, int64_t> scope_votes;
  std::map<std::pair<std::string, std::string>, int64_t> own_votes;
  OPTIMA_ASSIGN_OR_RETURN(auto s, db_->prepare("SELECT id, recommender, account_id, team, vote "
                                               "FROM rec_feedback"));
  while (true) {
    OPTIMA_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) break;
    const std::string id = s.column_text(0);
    const std::string account = "account\n" + s.column_text(1) + "\n" + s.column_text(2);
    const std::string team = "team\n" + s.column_text(1) + "\n" + s.column_text(3);
    const int64_t v = s.column_int(4);
    scope_votes[account] += v;
    own_votes[{account, id}] += v;
    if (!s.column_text(3).empty()) {
      scope_votes[team] += v;
      own_votes[{team, id}] += v;
    }
  }
  auto net_of = [&](const std::string& scope, const std::string& id) -> int64_t {
    auto it = scope_votes.find(scope);
    if (it == scope_votes.end()) return 0;
    auto own = own_votes.find({scope, id});
    return it->second - (own == own_votes.end() ? 0 : own->second);
  };
  auto update = [&](Recommendation& rec) {
    if (auto it = by_id.find(rec.id); it != by_id.end()) {
      const LifecycleRecord& r = it->second;
      rec.status = r.status;
      rec.status_reason = r.reason;
      rec.snoozed_until = r.snoozed_until;
      if (r.status == Status::kSnoozed && r.snoozed_until && *r.snoozed_until <= now) {
        rec.status = Status::kOpen;
      }
    }
    const std::string account = "account\n" + rec.recommender + "\n" + rec.account_id;
    const std::string team_value = team_of(rec, team_tag);
    const int64_t by_account = net_of(account, rec.id);
    const int64_t by_team =
        team_value.empty() ? 0 : net_of("team\n" + rec.recommender + "\n" + team_value, rec.id);
    const bool use_team = std::llabs(by_team) > std::llabs(by_account);
    const int64_t net = use_team ? by_team : by_account;
    if (net == 0) return;
    const std::string scope = use_team ? "team " + team_value : "account " + rec.account_id;
    if (net < 0) {
      rec.confidence = std::max(0.0, rec.confidence - 0.15 * static_cast<double>(-net));
      rec.hidden = net <= -3;
      rec.confidence_note += fmt::format("; lowered by {} net dismissal(s)/thumbs-down on similar "
                                         "{} recommendations in {}{}",
                                         -net, rec.recommender, scope, rec.hidden ? " (hidden)" : "");
    } else {
      rec.confidence = std::min(1.0, rec.confidence + 0.1 * static_cast<double>(net));
      rec.confidence_note += fmt::format("; raised by {} thumbs-up on similar {} recommendations "
                                         "in {}",
                                         net, rec.recommender, scope);
    }
    rec.confidence_level = confidence_level_of(rec.confidence);
  };
  for (auto& rec : *recs) {
    update(rec);
    for (auto& alt : rec.alternatives) update(alt);
  }
  return core::Status::ok();
}

core::Result<std::vector<Verification>> LifecycleStore::verify(const store::TableSource& billing,
                                                               core::Timestamp now,
                                                               int min_days_after) {
  OPTIMA_ASSIGN_OR_RETURN(auto all, records());
  std::vector<Verification> out;
  constexpr int64_t kWindowDays = 30;
  for (auto& r : all) {
    if ((r.status != Status::kImplemented && r.status != Status::kVerified) || !r.implemented_at) {
      continue;
    }
    Verification v;
    v.id = r.id;
    v.resource_id = r.resource_id;
    v.expected_monthly = r.expected_monthly;
    const int64_t at = r.implemented_at->unix_seconds;
    const int64_t after_end = std::min(now.unix_seconds, at + kWindowDays * 86400);
    v.days_before = kWindowDays;
    v.days_after = std::max<int64_t>(0, (after_end - at) / 86400);
    if (v.days_after < min_days_after) {
      v.note = fmt::format("too early: {} day(s) of bills after implementation, {} needed",
                           v.days_after, min_days_after);
      out.push_back(std::move(v));
      continue;
    }
    // Only days the bill covers count as "after": the last day with any billing row.
    int64_t covered = 0;
    for (int64_t d = v.days_after; d > 0; --d) {
      OPTIMA_ASSIGN_OR_RETURN(const int64_t rows,
                              bill_rows(billing, {core::Timestamp{at + (d - 1) * 86400},
                                                  core::Timestamp{at + d * 86400}}));
      if (rows > 0) {
        covered = d;
        break;
      }
    }
    v.days_after = covered;
    if (v.days_after < min_days_after) {
      v.note = fmt::format("waiting for bills: {} day(s) billed after implementation, {} needed",
                           v.days_after, min_days_after);
      out.push_back(std::move(v));
      continue;
    }
    OPTIMA_ASSIGN_OR_RETURN(v.cost_before,
                            resources_cost(billing, r.resources,
                                           {core::Timestamp{at - kWindowDays * 86400},
                                            core::Timestamp{at}}));
    OPTIMA_ASSIGN_OR_RETURN(v.cost_after,
                            resources_cost(billing, r.resources,
                                           {core::Timestamp{at},
                                            core::Timestamp{at + v.days_after * 86400}}));
    const core::Decimal per_day_before =
        core::Decimal::divide(v.cost_before, core::Decimal::from_int(v.days_before));
    const core::Decimal per_day_after =
        core::Decimal::divide(v.cost_after, core::Decimal::from_int(v.days_after));
    // Per day × 730/24 days per month.
    v.realised_monthly = core::Decimal::divide(
        core::Decimal::multiply(per_day_before - per_day_after,
                                core::Decimal::from_int(kHoursPerMonth)),
        core::Decimal::from_int(24));
    v.verified = true;
    v.note = fmt::format("({} / {} d − {} / {} d) × 730/24 = ${}/month realised vs ${} expected",
                         v.cost_before.to_string(), v.days_before, v.cost_after.to_string(),
                         v.days_after, v.realised_monthly.to_fixed(2),
                         v.expected_monthly.to_fixed(2));
    const Status from = r.status;
    r.status = Status::kVerified;
    r.realised_monthly = v.realised_monthly;
    r.verification_note = v.note;
    OPTIMA_RETURN_IF_ERROR(save(r, from, now));
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace optima::recommend
