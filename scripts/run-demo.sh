#!/usr/bin/env bash
# `make run`: generates the demo estate, ingests its billing, inventory and utilization, scans
# for anomalies, prints where the money goes, then serves the UI and API on the demo data and
# prints the URL and the owner's sign-in. Ctrl-C stops the server.
# Usage: scripts/run-demo.sh BINARY DEMO_DIR DATA_DIR ROWS [PORT]
set -euo pipefail
bin="$1"; demo="$2"; data="$3"; rows="$4"; port="${5:-8080}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
if [[ ! -f "$demo/.complete" ]]; then
  rm -rf "$demo"
  "$bin" demo generate --out "$demo" --rows "$rows" --seed 42
  touch "$demo/.complete"
fi
echo
echo "== Ingesting $demo/billing (AWS CUR delivery, Azure EA/MCA exports, Google BigQuery export, FOCUS)"
"$bin" ingest --data-dir "$data" "$demo/billing"
if [[ ! -f "$data/.demo-inventory" ]]; then
  echo
  echo "== Ingesting inventory and utilization (one snapshot)"
  "$bin" --data-dir "$data" inventory ingest "$demo/inventory" "$demo/utilization"
  touch "$data/.demo-inventory"
fi
echo
echo "== Anomalies (daily scan of every dimension; root cause in one sentence)"
"$bin" --data-dir "$data" anomalies detect | head -n 12 || true
echo
echo "== Overview"
"$bin" --data-dir "$data" kpis
echo
echo "== Spend by provider (billed = invoiced; effective = amortized commitments)"
"$bin" query --data-dir "$data" '{"metrics":["BilledCost","EffectiveCost"],"group_by":["ProviderName"]}'

echo
echo "== Building the web UI"
"$repo/scripts/build-web.sh" >/dev/null
password_file="$data/demo-owner-password"
if [[ ! -f "$password_file" ]]; then
  (umask 077; head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$password_file")
fi
echo
echo "Sign in as admin / $(cat "$password_file")   (the password is kept in $password_file)"
echo "Stop the server with Ctrl-C."
exec "$bin" --data-dir "$data" serve --port "$port" --web-root "$repo/web/dist" \
  --bootstrap-password-file "$password_file" --quiet
