#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each briefly (FUZZ_SECONDS, default 20).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-20}"
if ! ls tests/fuzz/*_fuzzer.cc >/dev/null 2>&1; then
  echo "no fuzz targets"; exit 0
fi
cmake --preset fuzz >/dev/null
targets=()
for src in tests/fuzz/*_fuzzer.cc; do targets+=(--target "$(basename "$src" .cc)"); done
cmake --build --preset fuzz -j "$(nproc)" "${targets[@]}"
for src in tests/fuzz/*_fuzzer.cc; do
  name="$(basename "$src" .cc)"
  corpus="tests/fuzz/corpus/${name%_fuzzer}"
  work="build/fuzz/corpus-$name"
  mkdir -p "$work"
  args=("$work")
  [[ -d "$corpus" ]] && args+=("$corpus")
  echo "fuzzing $name for ${seconds}s"
  "build/fuzz/tests/$name" -max_total_time="$seconds" -print_final_stats=0 "${args[@]}" 2>"build/fuzz/$name.log" \
    || { tail -50 "build/fuzz/$name.log"; exit 1; }
done
echo "fuzzers: all passed"
