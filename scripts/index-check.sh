#!/usr/bin/env bash
# The story index on the shared corpus (docs/distributed.md, "Incremental
# feed"): 1% of the articles (a seeded sample) added to the index of the
# other 99%, against one full run over all of them. Prints the wall time
# and peak memory of both, and fails unless the index fed in two batches
# prints (--whole-index) exactly what the full run printed.
#
#   scripts/index-check.sh [CORPUS.jsonl.gz]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
corpus="${1:-$root/../shared/corpus/news-large.jsonl.gz}"
work="$root/target/index-check"
concord="$root/target/release/concord"
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
rm -rf "$work" && mkdir -p "$work" && cd "$work"
python3 - "$corpus" <<'PY'
import gzip, json, random, sys
path = sys.argv[1]
opener = gzip.open if path.endswith(".gz") else open
articles = []
with opener(path, "rt") as f:
    for line in f:
        v = json.loads(line)
        for a in v.get("articles", [v]):
            a = {k: a[k] for k in ("id", "text", "title", "outlet", "url", "published") if k in a}
            articles.append(json.dumps(a))
random.seed(16)
new = set(random.sample(range(len(articles)), len(articles) // 100))
with open("old.jsonl", "w") as old_f, open("new.jsonl", "w") as new_f:
    for i, a in enumerate(articles):
        (new_f if i in new else old_f).write(a + "\n")
print(f"{len(articles)} articles, {len(new)} new")
PY
run() { /usr/bin/time -f "$1: %e s wall, %M KB peak" "${@:2}" --format jsonl --no-cache --fail-on never -q 2> >(grep -v 'warning' >&2); }
run full "$concord" check --index full.idx old.jsonl new.jsonl > full.jsonl
"$concord" check --index inc.idx old.jsonl --format jsonl --no-cache --fail-on never -q > /dev/null 2>&1
run incremental "$concord" check --index inc.idx new.jsonl --timings > new.jsonl.out
"$concord" check --index inc.idx new.jsonl --format jsonl --no-cache --fail-on never -q --whole-index > whole.jsonl 2>/dev/null
cmp whole.jsonl full.jsonl
echo "incremental = full: $(wc -l < full.jsonl) finding lines identical"
