#!/usr/bin/env bash
# End-to-end benchmark (`make bench`): on generated FOCUS 1.2 CSVs of each size, measures
#   - the machine's raw read throughput of the file (page cache),
#   - cloudoptima ingest (wall time, MB/s, rows/s, peak RSS, segment bytes vs CSV bytes),
#   - the four reference queries on the store (bench/store_query_bench),
#   - the same load and queries in DuckDB and Polars (npm) and ClickHouse 18.16 (Debian).
# Results go to $BENCH_DIR/results.jsonl (one JSON object per measurement) and a summary.
# Usage: bench/run.sh [ROWS...]   (default: 1000000 10000000)
#   BENCH_DIR   work directory (default build/bench; needs ~3x the CSV size free)
#   BENCH_PEERS "duckdb polars clickhouse" (default all; empty to skip peers)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
bin="$root/build/release/cloudoptima"
query_bench="$root/build/release/bench/store_query_bench"
work="${BENCH_DIR:-$root/build/bench}"
peers="${BENCH_PEERS-duckdb polars clickhouse}"
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(1000000 10000000)
mkdir -p "$work"
results="$work/results.jsonl"

record() { echo "$1" | tee -a "$results"; }

# Runs a command under /usr/bin/time; sets $elapsed (s) and $peak_kb.
timed() {
  local log="$work/time.log"
  /usr/bin/time -f "%e %M" -o "$log" "$@"
  read -r elapsed peak_kb < "$log"
}

if [[ -n "$peers" ]] && [[ ! -d bench/peers/node_modules ]]; then
  (cd bench/peers && npm install --no-audit --no-fund >/dev/null)
fi

for rows in "${sizes[@]}"; do
  dir="$work/$rows"
  csv="$dir/focus.csv"
  mkdir -p "$dir"
  if [[ ! -f "$csv" ]]; then
    echo "== generating $rows FOCUS rows"
    rm -rf "$dir/estate"
    "$bin" demo generate --formats focus --rows "$rows" --seed 1 --end 2026-11-01 --out "$dir/estate" >/dev/null
    # One file for every tool: the per-provider monthly files share one header.
    mapfile -t parts < <(find "$dir/estate/billing" -name '*.csv' | sort)
    head -1 "${parts[0]}" > "$csv.tmp"
    for p in "${parts[@]}"; do tail -n +2 "$p" >> "$csv.tmp"; done
    mv "$csv.tmp" "$csv"
    rm -rf "$dir/estate"
  fi
  bytes=$(stat -c %s "$csv")
  lines=$(($(wc -l < "$csv") - 1))
  mb=$(echo "$bytes / 1000000" | bc -l)

  cat "$csv" > /dev/null
  timed cat "$csv" > /dev/null
  record "$(printf '{"rows":%d,"what":"raw_read","seconds":%s,"mb_per_s":%.0f}' "$lines" "$elapsed" "$(echo "$mb / $elapsed" | bc -l)")"

  echo "== cloudoptima ingest ($lines rows, $(numfmt --to=si "$bytes")B)"
  rm -rf "$dir/data"
  timed "$bin" ingest --data-dir "$dir/data" "$csv" > "$dir/ingest.log"
  seg=$(du -sb "$dir/data/segments" | cut -f1)
  record "$(printf '{"rows":%d,"what":"cloudoptima_ingest","seconds":%s,"mb_per_s":%.0f,"rows_per_s":%.0f,"peak_rss_mb":%d,"segment_bytes":%d,"segment_pct_of_csv":%.2f}' \
    "$lines" "$elapsed" "$(echo "$mb / $elapsed" | bc -l)" "$(echo "$lines / $elapsed" | bc -l)" \
    $((peak_kb / 1024)) "$seg" "$(echo "100 * $seg / $bytes" | bc -l)")"

  if [[ -x "$query_bench" ]]; then
    echo "== cloudoptima queries"
    OPTIMA_BENCH_DATA_DIR="$dir/data" timed "$query_bench" --benchmark_format=json > "$dir/query.json"
    record "$(python3 - "$dir/query.json" "$lines" "$peak_kb" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
out = {"rows": int(sys.argv[2]), "what": "cloudoptima_queries", "peak_rss_mb": int(sys.argv[3]) // 1024}
for b in d.get("benchmarks", []):
    out[b["name"]] = {k: b[k] for k in b if k in ("real_time", "cpu_time", "time_unit") or k.endswith("_ms")}
print(json.dumps(out))
PY
)"
  fi

  for peer in $peers; do
    echo "== $peer"
    case "$peer" in
      duckdb|polars)
        timed node "bench/peers/${peer}_bench.mjs" "$csv" > "$dir/$peer.json"
        record "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["rows"]=int(sys.argv[2]); d["peak_rss_mb"]=int(sys.argv[3])//1024; d["mb_per_s"]=round(int(sys.argv[4])/1e6/d["load_s"]); print(json.dumps(d))' "$dir/$peer.json" "$lines" "$peak_kb" "$bytes")"
        ;;
      clickhouse)
        bench/peers/clickhouse_bench.sh "$csv" "$dir/clickhouse" > "$dir/clickhouse.json"
        record "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["rows"]=int(sys.argv[2]); d["mb_per_s"]=round(int(sys.argv[3])/1e6/d["load_s"]); print(json.dumps(d))' "$dir/clickhouse.json" "$lines" "$bytes")"
        rm -rf "$dir/clickhouse"
        ;;
    esac
  done
done
echo "results: $results"
