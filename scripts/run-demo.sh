#!/usr/bin/env bash
# Generates the demo estate, ingests it, prints where the money goes. Used by `make run`.
# Usage: scripts/run-demo.sh BINARY DEMO_DIR DATA_DIR ROWS
set -euo pipefail
bin="$1"; demo="$2"; data="$3"; rows="$4"
if [[ ! -f "$demo/.complete" ]]; then
  rm -rf "$demo"
  "$bin" demo generate --out "$demo" --rows "$rows" --seed 42
  touch "$demo/.complete"
fi
echo
echo "== Ingesting $demo/billing (AWS CUR delivery, Azure EA/MCA exports, Google BigQuery export, FOCUS)"
"$bin" ingest --data-dir "$data" "$demo/billing"
echo
"$bin" sources --data-dir "$data"
echo
echo "== Spend by provider (billed = invoiced; effective = amortized commitments)"
"$bin" query --data-dir "$data" '{"metrics":["BilledCost","EffectiveCost"],"group_by":["ProviderName"]}'
echo
echo "== Top 10 services by effective cost"
"$bin" query --data-dir "$data" \
  '{"metrics":["EffectiveCost"],"group_by":["ServiceName"],"top_n":10,"others":true}'
echo
echo "== Who owns it: effective cost by team tag ((null) = untagged)"
"$bin" query --data-dir "$data" '{"metrics":["EffectiveCost"],"group_by":["tag:team"]}'
echo
echo "Data directory: $data  (try: $bin query --data-dir $data '{\"metrics\":[\"EffectiveCost\"],\"granularity\":\"month\",\"group_by\":[\"ProviderName\"]}')"
