#!/usr/bin/env bash
# Pairs per second of `concord pairs` on MRPC-sized pairs: the MRPC train
# file repeated to about 50,000 pairs (ids made unique), release build, all
# cores. Prints each run and the median.
# usage: scripts/bench-pairs.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
cargo build --release -q
src=../shared/eval/pairs/mrpc-train.tsv
tsv=$(mktemp --suffix .tsv)
trap 'rm -f "$tsv"' EXIT
head -1 "$src" > "$tsv"
for k in $(seq 1 14); do tail -n +2 "$src" | sed "s/^/r$k-/" >> "$tsv"; done
pairs=$(( $(wc -l < "$tsv") - 1 ))
times=()
for r in $(seq 1 "$runs"); do
  start=$(date +%s.%N)
  target/release/concord pairs "$tsv" > /dev/null
  end=$(date +%s.%N)
  t=$(echo "$end - $start" | bc -l)
  times+=("$t")
  printf 'run %d: %.3f s, %.0f pairs/s\n' "$r" "$t" "$(echo "$pairs / $t" | bc -l)"
done
median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')
printf 'median of %d runs: %.3f s for %d pairs = %.0f pairs/s\n' "$runs" "$median" "$pairs" "$(echo "$pairs / $median" | bc -l)"
