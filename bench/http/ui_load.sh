#!/usr/bin/env bash
# Web UI page-load timings in Chromium (bench/http/ui_load.mjs) against a freshly started release
# server on the store that bench/http/run.sh built (run that first, with the same settings).
# Usage: bench/http/ui_load.sh
#   ROWS, FORMATS, END_DATE, WORK   select the store, as in bench/http/run.sh
#   ROUNDS                          visits per page (default 3; round 1 is the first visit)
# Output: one line per page and round, and a RESULT line; also appended to $WORK/results.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
work="${WORK:-$root/build/bench-http}"
data="$work/data-${ROWS:-1000000}-${FORMATS:-focus}-${END_DATE:-2025-01-01}"
bin="$root/build/release/cloudoptima"
results="$work/results.txt"
if [[ ! -f "$data/.complete" ]]; then
  echo "no store at $data: run bench/http/run.sh with the same ROWS, FORMATS and END_DATE first" >&2
  exit 1
fi
[[ -f web/dist/index.html ]] || scripts/build-web.sh

source bench/http/serve.sh
start_server "$bin" "$data" "$work" ui-serve --web-root "$root/web/dist"

echo "# $(date -u +%FT%TZ) ui load, store $data" | tee -a "$results"
node bench/http/ui_load.mjs "$url" admin "$work/password" "${ROUNDS:-3}" | tee -a "$results"
