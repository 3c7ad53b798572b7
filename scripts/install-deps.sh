#!/usr/bin/env bash
# Installs what CloudOptima needs on Debian 12, only what is missing. Idempotent.
# Usage: scripts/install-deps.sh [build|test|bench]
#   build: compiler toolchain and libraries (default)
#   test:  build + what tests need (clang with libFuzzer, Chromium for browser tests,
#          Prometheus and node exporter for the metrics readers)
#   bench: test + peers and load tools for benchmarks (clickhouse, hyperfine, wrk)
set -euo pipefail
profile="${1:-build}"

packages=(build-essential cmake ninja-build pkg-config ccache
  libfmt-dev nlohmann-json3-dev libcli11-dev libsqlite3-dev zlib1g-dev libzstd-dev libssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev python3
  libboost1.81-dev libsodium-dev)
# Node.js builds the web UI; a machine may already have it from elsewhere (with npm inside).
if ! command -v npm >/dev/null; then packages+=(nodejs npm); fi
if [[ "$profile" == test || "$profile" == bench ]]; then
  packages+=(clang libclang-rt-14-dev chromium prometheus prometheus-node-exporter)
fi
if [[ "$profile" == bench ]]; then
  packages+=(clickhouse-server clickhouse-client hyperfine time wrk)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]} == 0)); then
  exit 0
fi
echo "installing: ${missing[*]}"
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
