#!/usr/bin/env bash
# The sharded run of docs/distributed.md on one machine, from a fresh clone:
# installs Java (system packages, when missing and we may) and pyspark (into
# target/spark-venv), builds concord, runs the reference pipeline's tests,
# then the Spark job on the corpus with local[2], one in-process
# `concord check` of the same corpus, and compares the two.
#
# usage: scripts/spark-check.sh [CORPUS.jsonl.gz] [--tests-only]
# Writes target/spark/: corpus.jsonl, out/ (the job's findings, stories,
# counts.json), in-process.jsonl/.json, compare.json, times.txt.
# Exits 1 when a finding differs inside a story both runs form alike.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=../shared/corpus/news-large.jsonl.gz
tests_only=
for a in "$@"; do
  case "$a" in
    --tests-only) tests_only=1 ;;
    *) corpus=$a ;;
  esac
done
work=target/spark
venv=target/spark-venv
if ! command -v java >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Java (default-jre-headless) for Spark" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
  else
    echo "spark-check: Spark needs Java 8, 11 or 17 (install a JRE, e.g. default-jre-headless)" >&2
    exit 2
  fi
fi
if ! "$venv/bin/python" -c 'import pyspark' >/dev/null 2>&1; then
  echo "installing pyspark 3.5.3 into $venv" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q pyspark==3.5.3
fi
cargo build --release -q
"$venv/bin/python" -m unittest discover -s contrib/spark
[ -n "$tests_only" ] && exit 0
mkdir -p "$work"
python3 scripts/corpus-sample.py "$corpus" 1.0 "$work/corpus.jsonl" --seed 20241124
rm -rf "$work/out"
now() { date +%s.%N; }
since() { python3 -c "import sys; print(round(float(sys.argv[2]) - float(sys.argv[1]), 1))" "$1" "$(now)"; }
start=$(now)
"$venv/bin/python" contrib/spark/concord_spark.py "$work/corpus.jsonl" "$work/out" --master 'local[2]' \
  >"$work/job.log" 2>&1 || { tail -20 "$work/job.log" >&2; exit 2; }
echo "spark job (local[2]): $(since "$start") s wall" >"$work/times.txt"
flags=(--term-weights story --no-cache --fail-on never -q)
start=$(now)
target/release/concord check "$work/corpus.jsonl" --format jsonl "${flags[@]}" >"$work/in-process.jsonl"
echo "in-process check: $(since "$start") s wall" >>"$work/times.txt"
target/release/concord check "$work/corpus.jsonl" --format json "${flags[@]}" >"$work/in-process.json"
cat "$work/times.txt"
python3 contrib/spark/compare.py "$work/out" "$work/in-process.jsonl" "$work/in-process.json" "$work/corpus.jsonl" \
  | tee "$work/compare.json"
