#!/usr/bin/env bash
# Installs what CloudOptima needs on Debian 12, only what is missing. Idempotent.
# Usage: scripts/install-deps.sh [build|test|bench]
#   build: compiler toolchain and libraries (default)
#   test:  build + what tests need (clang with libFuzzer)
#   bench: test + peers for benchmarks (clickhouse, sqlite3, hyperfine)
set -euo pipefail
profile="${1:-build}"

packages=(build-essential cmake ninja-build pkg-config ccache
  libfmt-dev nlohmann-json3-dev libcli11-dev libsqlite3-dev zlib1g-dev libzstd-dev libssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev python3)
if [[ "$profile" == test || "$profile" == bench ]]; then
  packages+=(clang libclang-rt-14-dev)
fi
if [[ "$profile" == bench ]]; then
  packages+=(clickhouse-server clickhouse-client hyperfine time)
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
