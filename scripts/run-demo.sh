#!/usr/bin/env bash
# Generates the demo estate, ingests it, prints a cost summary. Used by `make run`.
# Usage: scripts/run-demo.sh BINARY DEMO_DIR DATA_DIR ROWS
set -euo pipefail
bin="$1"; demo="$2"; data="$3"; rows="$4"
if [[ ! -f "$demo/.complete" ]]; then
  rm -rf "$demo"
  "$bin" demo generate --out "$demo" --rows "$rows" --seed 42
  touch "$demo/.complete"
fi
"$bin" ingest --data-dir "$data" "$demo/billing"
"$bin" partitions --data-dir "$data"
"$bin" query --data-dir "$data" '{"metrics":["BilledCost","EffectiveCost"],"group_by":["ProviderName"]}'
"$bin" query --data-dir "$data" '{"metrics":["EffectiveCost"],"group_by":["ServiceName"],"top_n":10}'
