#!/usr/bin/env bash
# Starts Debian's ClickHouse 18.16 on loopback in a temp dir, loads a FOCUS CSV into a MergeTree
# table through clickhouse-client (not file(): it drops the first data row), runs the four
# benchmark queries, stops the server. Usage: clickhouse_bench.sh FILE.csv WORKDIR
# Prints one JSON object.
set -euo pipefail
file="$1"; work="$2"
port=19000; http=18123
rm -rf "$work"; mkdir -p "$work/data" "$work/tmp" "$work/log"
cat > "$work/config.xml" <<XML
<yandex>
  <logger><level>warning</level><log>$work/log/server.log</log><errorlog>$work/log/err.log</errorlog></logger>
  <listen_host>127.0.0.1</listen_host>
  <tcp_port>$port</tcp_port><http_port>$http</http_port>
  <path>$work/data/</path><tmp_path>$work/tmp/</tmp_path>
  <user_files_path>$work/</user_files_path>
  <max_server_memory_usage>0</max_server_memory_usage>
  <mark_cache_size>1073741824</mark_cache_size>
  <users_config>$work/users.xml</users_config>
  <default_profile>default</default_profile><default_database>default</default_database>
</yandex>
XML
cat > "$work/users.xml" <<XML
<yandex>
  <profiles><default><max_memory_usage>20000000000</max_memory_usage>
    <date_time_input_format>best_effort</date_time_input_format></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip></networks>
    <profile>default</profile><quota>default</quota></default></users>
  <quotas><default></default></quotas>
</yandex>
XML
clickhouse-server --config-file="$work/config.xml" >"$work/log/stdout" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  clickhouse-client --port $port -q "SELECT 1" >/dev/null 2>&1 && break
  sleep 0.2
done
ch() { clickhouse-client --port $port --date_time_input_format=best_effort "$@"; }
header="$(head -1 "$file" | tr -d '\r\357\273\277')"
cols=""
IFS=',' read -ra names <<<"$header"
for n in "${names[@]}"; do
  case "$n" in
    BilledCost|EffectiveCost|ListCost|ContractedCost) t="Float64" ;;  # 18.16's Decimal is experimental
    ChargePeriodStart|ChargePeriodEnd|BillingPeriodStart|BillingPeriodEnd) t="DateTime" ;;
    *) t="String" ;;
  esac
  cols+="${cols:+, }\`$n\` $t"
done
ch -q "CREATE TABLE focus ($cols) ENGINE = MergeTree() ORDER BY (ChargePeriodStart)"
t0=$(date +%s.%N)
ch --input_format_allow_errors_num=0 -q "INSERT INTO focus FORMAT CSVWithNames" < "$file"
t1=$(date +%s.%N)
load=$(printf '%.3f' "$(echo "$t1 - $t0" | bc)")
rows=$(ch -q "SELECT count() FROM focus")
declare -A queries=(
  [by_service]="SELECT ServiceName, sum(BilledCost) c FROM focus GROUP BY ServiceName ORDER BY c DESC"
  [by_day_subaccount]="SELECT toDate(ChargePeriodStart) d, SubAccountId, sum(BilledCost) FROM focus GROUP BY d, SubAccountId ORDER BY d, SubAccountId"
  [top100_resources]="SELECT ResourceId, sum(BilledCost) c FROM focus GROUP BY ResourceId ORDER BY c DESC LIMIT 100"
  [tag_filter_group]="SELECT extract(Tags, '\"team\":\"([^\"]*)\"') team, sum(BilledCost) c FROM focus WHERE Tags LIKE '%\"env\":\"prod\"%' GROUP BY team ORDER BY c DESC"
)
out="{\"peer\":\"clickhouse\",\"load_s\":$load,\"rows\":$rows,\"queries\":{"
first=1
for name in by_service by_day_subaccount top100_resources tag_filter_group; do
  times=()
  for _ in 1 2 3 4 5; do
    # --time prints the server-side elapsed seconds on stderr (no client start-up cost).
    times+=("$(ch --time -q "${queries[$name]}" 2>&1 >/dev/null | tail -1)")
  done
  median=$(printf '%s\n' "${times[@]}" | sort -g | sed -n 3p | xargs printf '%.4f')
  [[ $first == 1 ]] || out+=","
  first=0
  out+="\"$name\":{\"median_s\":$median}"
done
out+="}}"
echo "$out"
