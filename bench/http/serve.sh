# Sourced by the bench/http scripts: start_server starts a release `cloudoptima serve` on a free
# loopback port and stops it when the script exits.
#
#   start_server BIN DATA_DIR WORK NAME [SERVE_OPTION...]
#
# The owner "admin" gets the password in $WORK/password (bootstrap on the store's first serve).
# Sets server_pid and url (no trailing slash); the server's stdout/stderr go to
# $WORK/NAME.out / $WORK/NAME.log.
start_server() {
  local bin="$1" data="$2" work="$3" name="$4"
  shift 4
  echo "bench-http-password" > "$work/password"
  "$bin" --data-dir "$data" serve --port 0 --quiet --bootstrap-password-file "$work/password" "$@" \
    > "$work/$name.out" 2> "$work/$name.log" &
  server_pid=$!
  trap 'kill -TERM $server_pid 2>/dev/null || true; wait $server_pid 2>/dev/null || true' EXIT
  for _ in $(seq 1 300); do
    grep -q "listening on" "$work/$name.out" 2>/dev/null && break
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  if ! url=$(grep -o 'http://[^ ]*' "$work/$name.out"); then
    echo "the server did not start; its log ($work/$name.log):" >&2
    tail -n 20 "$work/$name.log" >&2
    exit 1
  fi
  url="${url%/}"
}
