#!/usr/bin/env bash
# Browser end-to-end tests of the web UI against a real `cloudoptima serve`.
#
#   web/e2e/run.sh BINARY
#
# Generates a small demo estate, ingests it except one held-out FOCUS file (the upload test
# sends it through the UI) and its inventory and utilization (for recommendations), starts the server on a free port with a bootstrap owner password,
# runs web/e2e/*.test.mjs (node --test, playwright-core driving /usr/bin/chromium), always
# stops the server, and exits non-zero when a test fails. Screenshots go to
# $OPTIMA_E2E_ARTIFACTS (default web/e2e/artifacts). Rebuilds web/dist first (scripts/build-web.sh).
set -euo pipefail

if [[ $# -lt 1 ]]; then
  echo "usage: $0 path/to/cloudoptima" >&2
  exit 2
fi
bin="$(realpath "$1")"
here="$(cd "$(dirname "$0")" && pwd)"
web="$(dirname "$here")"
repo="$(dirname "$web")"
export OPTIMA_E2E_ARTIFACTS="${OPTIMA_E2E_ARTIFACTS:-$here/artifacts}"
mkdir -p "$OPTIMA_E2E_ARTIFACTS"

# Rebuild the UI (a few seconds; npm ci only when node_modules is missing or stale) so the
# tests never run against an old dist; OPTIMA_E2E_SKIP_BUILD=1 uses web/dist as it is.
if [[ "${OPTIMA_E2E_SKIP_BUILD:-0}" != 1 || ! -f "$web/dist/index.html" ]]; then
  build_log="$(mktemp)"
  if ! "$repo/scripts/build-web.sh" >"$build_log" 2>&1; then
    cat "$build_log" >&2
    rm -f "$build_log"
    echo "e2e: the web UI did not build" >&2
    exit 1
  fi
  rm -f "$build_log"
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/optima-e2e.XXXXXX")"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$server_pid" 2>/dev/null || true
  fi
  if [[ -f "$tmp/server.log" ]]; then cp "$tmp/server.log" "$OPTIMA_E2E_ARTIFACTS/server.log"; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

start=$(date +%s)
"$bin" demo generate --out "$tmp/estate" --rows 40000 --months 3 --seed 7 >/dev/null
held_out="$(ls "$tmp"/estate/billing/focus/oci/focus-*.csv | sort | tail -n 1)"
mkdir -p "$tmp/upload"
mv "$held_out" "$tmp/upload/"
export OPTIMA_E2E_UPLOAD_FILE="$tmp/upload/$(basename "$held_out")"
"$bin" --data-dir "$tmp/data" ingest "$tmp/estate/billing" >"$tmp/ingest.log" 2>&1 || {
  cat "$tmp/ingest.log" >&2
  exit 1
}
# Inventory and utilization, so the recommenders have resources to look at.
"$bin" --data-dir "$tmp/data" inventory ingest "$tmp/estate/inventory" "$tmp/estate/utilization" \
  >"$tmp/inventory.log" 2>&1 || {
  cat "$tmp/inventory.log" >&2
  exit 1
}
# Anomalies recorded in state.db, for the anomalies page.
"$bin" --data-dir "$tmp/data" anomalies detect >"$tmp/anomalies.log" 2>&1 || {
  cat "$tmp/anomalies.log" >&2
  exit 1
}

export OPTIMA_E2E_USER="${OPTIMA_E2E_USER:-admin}"
export OPTIMA_E2E_PASSWORD="e2e-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
printf '%s\n' "$OPTIMA_E2E_PASSWORD" >"$tmp/owner-password"
chmod 600 "$tmp/owner-password"

"$bin" --data-dir "$tmp/data" serve --port 0 --web-root "$web/dist" \
  --bootstrap-password-file "$tmp/owner-password" >"$tmp/server.log" 2>&1 &
server_pid=$!
url=""
for _ in $(seq 300); do
  url="$(grep -o 'CloudOptima listening on http://[0-9.:]*/' "$tmp/server.log" | head -n 1 | sed 's/.* on //' || true)"
  [[ -n "$url" ]] && break
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "e2e: the server exited before listening:" >&2
    cat "$tmp/server.log" >&2
    exit 1
  fi
  sleep 0.1
done
if [[ -z "$url" ]]; then
  echo "e2e: no 'CloudOptima listening on' line within 30 s:" >&2
  cat "$tmp/server.log" >&2
  exit 1
fi
export OPTIMA_E2E_URL="$url"
echo "e2e: server at $url (setup $(( $(date +%s) - start )) s)"

status=0
(cd "$web" && node --test --test-concurrency=1 --test-reporter=spec e2e/*.test.mjs) || status=$?
echo "e2e: $( [[ $status -eq 0 ]] && echo passed || echo FAILED ) in $(( $(date +%s) - start )) s; artifacts in $OPTIMA_E2E_ARTIFACTS"
exit $status
