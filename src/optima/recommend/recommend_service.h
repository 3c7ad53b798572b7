// The recommendation service: everything `cloudoptima recommend` and the server's
// /api/v1/recommendations need, over one data directory — the latest inventory snapshot (or
// inventory files), the billing store, the price book (bundled catalog + rates learned from the
// bill), a profile and the lifecycle state — so the CLI and the API share one implementation.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "optima/core/status.h"
#include "optima/core/time.h"
#include "optima/recommend/engine.h"
#include "optima/recommend/lifecycle_store.h"
#include "optima/recommend/profile.h"
#include "optima/recommend/summary.h"

namespace optima::recommend {

struct ServiceOptions {
  std::filesystem::path data_dir;
  std::string profile = "aws-like";          // bundled name or JSON file
  std::optional<Category> category;
  // Read these inventory / utilization files instead of the latest stored snapshot.
  std::vector<std::filesystem::path> inventory_paths;
  // "Now" for ages and the end of the billing window; default: the snapshot's time (files: the
  // latest metric sample).
  std::optional<core::Timestamp> now;
  int billing_days = 30;                     // window of BillingFacts and learned rates
  std::string team_tag = "team";
};

struct ServiceResult {
  Profile profile;
  RunResult run;                // lifecycle applied (status, feedback)
  SavingsSummary summary;       // of the active recommendations
  core::Timestamp now;
  core::Period billing_window;
  std::string inventory_source; // "snapshot 3 taken 2025-06-30T23:00:00Z" or the files
};

// Runs every recommender. Errors: NotFound when there is no inventory snapshot and no files
// (the message says how to add one), the profile's, the store's and the readers' errors.
core::Result<ServiceResult> run_service(const ServiceOptions& options);

// The recommendation (or alternative) with this id (a unique prefix of ≥ 6 characters is
// accepted), nullptr when none.
const Recommendation* find_recommendation(const std::vector<Recommendation>& recs,
                                          std::string_view id);

// Runs the service to find `id`, then applies the action at `now` (system clock when unset).
// Errors: NotFound for an unknown id, the lifecycle's InvalidArgument for a refused transition.
core::Result<Recommendation> act_on(const ServiceOptions& options, std::string_view id,
                                    Action action, const std::string& reason,
                                    std::optional<core::Timestamp> until);
// Thumbs up (+1) / down (-1) on `id`.
core::Status vote_on(const ServiceOptions& options, std::string_view id, int vote);

// Verifies implemented recommendations against the billing store at `now` (system clock when
// unset).
core::Result<std::vector<Verification>> verify_implemented(const ServiceOptions& options);

}  // namespace optima::recommend
