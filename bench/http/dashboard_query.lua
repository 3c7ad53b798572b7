-- wrk script: POST the dashboard's typical query (monthly EffectiveCost by ServiceName, top 10,
-- the last 90 days of the data) with an API token, and print p50/p95/p99 and errors at the end.
-- Env: OPTIMA_TOKEN (opt_…), OPTIMA_START / OPTIMA_END (YYYY-MM-DD).
wrk.method = "POST"
wrk.path = "/api/v1/costs/query"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("OPTIMA_TOKEN")
wrk.body = string.format([[{"time_range":{"start":"%s","end":"%s"},"granularity":"month",]] ..
  [["metrics":["EffectiveCost"],"group_by":["ServiceName"],"top_n":10,"others":true}]],
  os.getenv("OPTIMA_START"), os.getenv("OPTIMA_END"))

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_s=%.1f rps=%.0f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f max_ms=%.2f " ..
    "errors_connect=%d errors_read=%d errors_write=%d errors_timeout=%d non2xx=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.connect, e.read, e.write, e.timeout, e.status))
end
