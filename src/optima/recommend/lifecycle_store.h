// LifecycleStore: what people decided about recommendations, in <data_dir>/state.db (tables
// rec_state, rec_events, rec_feedback; SQLite WAL). A recommendation is
//   open → accepted | dismissed (reason) | snoozed (until)
//   accepted → implemented | dismissed;   snoozed → accepted | dismissed | open (after until)
//   implemented → verified (by verify(), from later bills)
// Stable ids (recommendation_id) make decisions survive re-runs. Dismissals and thumbs-down
// on one recommendation lower the confidence of similar ones (same recommender and account,
// or same recommender and team) and hide them after three net votes; thumbs-up raise it back.
// Not thread-safe: one LifecycleStore per thread (several processes may share the file).
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "optima/core/decimal.h"
#include "optima/core/status.h"
#include "optima/core/time.h"
#include "optima/recommend/recommendation.h"
#include "optima/store/sqlite_database.h"
#include "optima/store/table_source.h"

namespace optima::recommend {

enum class Action { kAccept, kDismiss, kSnooze, kImplemented };
std::optional<Action> parse_action(std::string_view name);  // accept|dismiss|snooze|implemented

struct LifecycleRecord {
  std::string id;
  std::string recommender;
  std::string resource_id;
  std::vector<std::string> resources;  // resource_id and affected resources
  std::string account_id;
  std::string team;
  std::string action;
  Status status = Status::kOpen;
  std::string reason;
  std::optional<core::Timestamp> snoozed_until;
  core::Decimal expected_monthly;      // the saving when it was acted on
  std::optional<core::Timestamp> implemented_at;
  std::optional<core::Decimal> realised_monthly;  // set by verify()
  std::string verification_note;
  core::Timestamp updated_at;
};

// One implemented recommendation checked against the bill.
struct Verification {
  std::string id;
  std::string resource_id;
  core::Decimal expected_monthly;
  core::Decimal cost_before;   // EffectiveCost in the days before implementation
  int64_t days_before = 0;
  core::Decimal cost_after;    // EffectiveCost from implementation until now (at most 30 days)
  int64_t days_after = 0;
  core::Decimal realised_monthly;  // (before/day − after/day) × 730/24
  bool verified = false;           // false: too early (fewer than min_days_after)
  std::string note;
};

class LifecycleStore {
 public:
  // Opens (creating if needed) <data_dir>/state.db and the rec_* tables. Errors: IoError.
  static core::Result<std::unique_ptr<LifecycleStore>> open(const std::filesystem::path& data_dir);

  // Applies `action` to `rec` at `now`. Errors: InvalidArgument for a transition the state
  // machine does not allow (the message names both states), for dismiss without a reason or
  // snooze without a future `until`.
  core::Status act(const Recommendation& rec, Action action, const std::string& reason,
                   std::optional<core::Timestamp> until, core::Timestamp now,
                   const std::string& team_tag = "team");
  // Records a thumbs up (+1) or down (-1) on `rec`.
  core::Status vote(const Recommendation& rec, int vote, core::Timestamp now,
                    const std::string& team_tag = "team");

  core::Result<std::optional<LifecycleRecord>> find(const std::string& id);
  core::Result<std::vector<LifecycleRecord>> records();

  // Sets status, reason and snooze of each recommendation (and its alternatives) from the
  // stored decisions — a snooze that has expired reads as open — and applies feedback on
  // similar recommendations: confidence −0.15 per net negative vote (dismissals count as one),
  // +0.1 per net positive one, hidden at three or more net negative; the note says so.
  core::Status apply(std::vector<Recommendation>* recs, core::Timestamp now,
                     const std::string& team_tag = "team");

  // Checks every implemented recommendation against the bill: the resources' EffectiveCost
  // per day in the 30 days before implementation vs after it (until `now`, at most 30 days);
  // with at least min_days_after days after, records the realised saving and moves it to
  // verified. Returns one entry per implemented or verified recommendation.
  core::Result<std::vector<Verification>> verify(const store::TableSource& billing,
                                                 core::Timestamp now, int min_days_after = 7);

 private:
  explicit LifecycleStore(std::unique_ptr<store::SqliteDatabase> db) : db_(std::move(db)) {}
  core::Status save(const LifecycleRecord& r, Status from, core::Timestamp now);

  std::unique_ptr<store::SqliteDatabase> db_;
};

}  // namespace optima::recommend
