// ServerContext: the services the route handlers share (store, auth, jobs, events, metrics).
// Owned by Server; each member is thread-safe.
#pragma once

#include <functional>
#include <memory>

#include "optima/core/thread_pool.h"
#include "optima/server/auth_store.h"
#include "optima/server/event_hub.h"
#include "optima/server/job_manager.h"
#include "optima/server/login_rate_limiter.h"
#include "optima/server/metrics.h"
#include "optima/server/server_options.h"
#include "optima/server/static_files.h"
#include "optima/store/store.h"

namespace optima::server {

struct ServerContext {
  ServerOptions options;
  std::function<int64_t()> clock;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<AuthStore> auth;
  std::unique_ptr<LoginRateLimiter> login_limiter;
  EventHub events;
  Metrics metrics;
  std::unique_ptr<JobManager> jobs;
  std::unique_ptr<StaticFiles> static_files;
  std::unique_ptr<core::ThreadPool> query_pool;  // query::execute's parallel scans
};

}  // namespace optima::server
