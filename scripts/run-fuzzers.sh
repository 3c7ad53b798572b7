#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/*_fuzzer.cc) with clang and runs each, one at a time,
# for FUZZ_SECONDS (default 10). Each target starts from its seed corpus
# tests/fuzz/corpus/<name without _fuzzer>/ plus what earlier runs found (build/fuzz/corpus-*),
# with the dictionary tests/fuzz/dict/<same name>.dict when there is one. Inputs are capped at
# FUZZ_MAX_LEN bytes (default 16384). A crash, hang (FUZZ_TIMEOUT seconds per input, default
# 10), leak or sanitizer report fails the script (after every target has run) and prints the end
# of that fuzzer's log; the input that caused it is kept as build/fuzz/artifacts/<target>-crash-*
# (or -leak-, -timeout-).
# Reproduce with: build/fuzz/<target> build/fuzz/artifacts/<file>
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-10}"
max_len="${FUZZ_MAX_LEN:-16384}"
timeout="${FUZZ_TIMEOUT:-10}"
if ! ls tests/fuzz/*_fuzzer.cc >/dev/null 2>&1; then
  echo "no fuzz targets"; exit 0
fi
cmake --preset fuzz >/dev/null
targets=()
for src in tests/fuzz/*_fuzzer.cc; do targets+=(--target "$(basename "$src" .cc)"); done
cmake --build --preset fuzz -j "$(nproc)" "${targets[@]}"
mkdir -p build/fuzz/artifacts
failed=()
for src in tests/fuzz/*_fuzzer.cc; do
  name="$(basename "$src" .cc)"
  short="${name%_fuzzer}"
  corpus="tests/fuzz/corpus/$short"
  dict="tests/fuzz/dict/$short.dict"
  work="build/fuzz/corpus-$name"
  log="build/fuzz/$name.log"
  mkdir -p "$work"
  args=(-max_total_time="$seconds" -max_len="$max_len" -timeout="$timeout" -print_final_stats=1
        -artifact_prefix="build/fuzz/artifacts/$name-")
  [[ -f "$dict" ]] && args+=(-dict="$dict")
  args+=("$work")
  [[ -d "$corpus" ]] && args+=("$corpus")
  echo "fuzzing $name for ${seconds}s"
  if ! "build/fuzz/$name" "${args[@]}" >"$log" 2>&1; then
    tail -60 "$log"
    echo "FAILED: $name (full log: $log)"
    failed+=("$name")
    continue
  fi
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")"
  rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")"
  grep -E '^#[0-9]+.*(DONE|INITED)' "$log" | tail -2 || true
  echo "  $name: ${runs:-?} runs, ${rate:-?} exec/s, corpus $(ls "$work" | wc -l) files"
done
if ((${#failed[@]} > 0)); then
  echo "fuzzers failing: ${failed[*]}"
  echo "fuzzers: $(( ${#targets[@]} / 2 - ${#failed[@]} )) passed, ${#failed[@]} failed"
  exit 1
fi
echo "fuzzers: $(( ${#targets[@]} / 2 )) passed, 0 failed"
