#!/usr/bin/env bash
# Measures the claim cache: cold runs (empty cache folder, so they also
# write it) against warm runs (the same inputs again), and both against
# --no-cache; median of RUNS runs each, with the release binary. Three scenarios on the shared Multi-News corpus:
#   check   concord check CORPUS                  (the whole pipeline)
#   new     concord check CORPUS --new ARTICLE    (an incremental CI check)
#   claims  concord claims CORPUS                 (extraction only)
# Usage: scripts/bench-cache.sh [CORPUS.jsonl.gz] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus/multinews-clusters.jsonl.gz}
runs=${2:-5}
cargo build --release --quiet
bin=target/release/concord
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The incremental scenario: one article taken out of the corpus is "new".
python3 - "$corpus" "$work" <<'PY'
import gzip, json, sys
corpus, work = sys.argv[1], sys.argv[2]
lines = gzip.open(corpus, "rt", encoding="utf-8").read().splitlines()
rec = json.loads(lines[5])
new = rec["articles"].pop(0)
lines[5] = json.dumps(rec)
open(f"{work}/corpus.jsonl", "w", encoding="utf-8").write("\n".join(lines) + "\n")
open(f"{work}/new.txt", "w", encoding="utf-8").write(new["text"])
PY

seconds() { # runs "$@" and prints its wall-clock time in seconds
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || true
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}

median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m}'; }

bench() { # name, then the command without --cache
  local name=$1; shift
  local cold=() warm=() none=()
  for _ in $(seq "$runs"); do
    rm -rf "$work/cache"
    none+=("$(seconds "$@" --no-cache)")
    cold+=("$(seconds "$@" --cache "$work/cache")")
    warm+=("$(seconds "$@" --cache "$work/cache")")
  done
  local n c w
  n=$(printf '%s\n' "${none[@]}" | median)
  c=$(printf '%s\n' "${cold[@]}" | median)
  w=$(printf '%s\n' "${warm[@]}" | median)
  printf '%-7s no cache %6.3f s   cold %6.3f s   warm %6.3f s   cold/warm %5.2fx   no-cache/warm %5.2fx\n' \
    "$name" "$n" "$c" "$w" "$(echo "$c / $w" | bc -l)" "$(echo "$n / $w" | bc -l)"
}

echo "corpus: $corpus; median of $runs runs; $(nproc) cores"
bench check  "$bin" check "$corpus" --fail-on never -o "$work/out.txt"
bench new    "$bin" check "$work/corpus.jsonl" --new "$work/new.txt" --fail-on never -o "$work/out.txt"
bench claims "$bin" claims "$corpus"
