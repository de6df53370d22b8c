#!/usr/bin/env bash
# Measures the full-size hostile inputs of docs/testing.md on the release
# build: wall time, CPU time and peak memory of each run. The test suite
# (crates/concord-cli/tests/hostile.rs) runs smaller sizes on the debug
# build; this script shows the bounds hold at the sizes the issue names.
# Inputs are generated in a temp dir and removed afterwards.
# usage: scripts/hostile-bench.sh [CONCORD_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/concord}
[ -x "$bin" ] || cargo build --release -q
bin=$(realpath "$bin")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"

python3 - <<'EOF'
import random
random.seed(1)
words = ("the officials said Japan and United States would expand trade talks on Monday "
         "after a summit in Tokyo where leaders agreed new defense measures").split()
def sentence():
    w = [random.choice(words) for _ in range(random.randint(8, 20))]
    return " ".join(w).capitalize() + "."
with open("one-line-50mb.txt", "w") as f:
    parts, total = [], 0
    while total < 50_000_000:
        s = sentence(); parts.append(s); total += len(s) + 1
    f.write(" ".join(parts))
for n in (25_000, 100_000):
    with open(f"sentences-{n // 1000}k.txt", "w") as f:
        for i in range(n):
            f.write(sentence() + ("\n" if i % 5 == 4 else " "))
# The same text as four articles of one story (--single-story).
import os
os.mkdir("story-4x25k")
for a in range(4):
    with open(f"story-4x25k/a{a}.txt", "w") as f:
        for i in range(25_000):
            f.write(sentence() + ("\n" if i % 5 == 4 else " "))
# HTML: 100,000 nested divs (refused), 500 (read), 20,000 paragraphs whose
# first word is written with entities.
def nested(n):
    return ("<html><body>" + "<div>" * n +
            "<p>Officials said the talks in Tokyo would resume on Monday.</p>" +
            "</div>" * n + "</body></html>")
open("nested-100k.html", "w").write(nested(100_000))
open("nested-500.html", "w").write(nested(500))
open("entities-20k.html", "w").write("<html><body><article>" + "".join(
    f"<p>&eacute;t&eacute;{i} officials said the talks in Tokyo would resume, number {i}.</p>\n"
    for i in range(20_000)) + "</article></body></html>")
# A rules folder of 100,000 entities with an alias each.
os.mkdir("entities-100k")
with open("entities-100k/entities.toml", "w") as f:
    for i in range(100_000):
        f.write(f'[[entity]]\nname = "Entity Number{i}"\naliases = ["Alias{i}x"]\n\n')
# YAML front matter whose aliases expand to 9^9 strings (refused).
laughs = "---\na: &a [" + ",".join(['"lol"'] * 9) + "]\n"
for prev, name in zip("abcdefgh", "bcdefghi"):
    laughs += f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]\n"
open("laughs.txt", "w").write(laughs + "---\nOfficials said the talks ended.\n")
# 50 MB of sentences of each shape that used to be quadratic, each just
# under the sentence cap.
shapes = {
    "initials": "a." * 1900,
    "hyphens": "ab-" * 1300,
    "clauses": "the leaders said they would meet; " * 110,
}
for name, run in shapes.items():
    s = f"Officials said {run} today. "
    with open(f"{name}-50mb.txt", "w") as f:
        f.write(s * (50_000_000 // len(s)))
with open("no-spaces-1mb.txt", "w") as f:
    f.write("Officials said " + "x" * 1_000_000 + " today.\n")
src = "Japan and the United States agreed on Monday to expand their defense cooperation.\n\n" \
      "Officials said the allies would hold joint exercises in the Pacific next year.\n"
import os
os.mkdir("copies-10k")
os.mkdir("near-copies-10k")
for i in range(10_000):
    open(f"copies-10k/a{i}.txt", "w").write(src)
    open(f"near-copies-10k/a{i}.txt", "w").write(src + f"The desk filed report number {i}.\n")
EOF

printf '%-22s %-22s %10s %10s %12s\n' input command wall_s cpu_s peak_rss_mb
run() {
  local input=$1 cmd=$2 args wall user sys cpu rss
  args=("$cmd" "$input")
  [ "$cmd" = rules ] && args=(rules check "$input")
  [ "$cmd" = check ] && args+=(--format json --fail-on never "${@:3}")
  [ "$cmd" != rules ] && args+=(--no-cache)
  /usr/bin/time -o time.txt -f '%e %U %S %M' "$bin" "${args[@]}" >/dev/null 2>&1 || true
  read -r wall user sys rss < <(tail -n 1 time.txt)
  cpu=$(echo "$user + $sys" | bc)
  printf '%-22s %-22s %10s %10s %12d\n' "$input" "$cmd${3:+ $3}" "$wall" "$cpu" $((rss / 1024))
}
for f in one-line-50mb.txt sentences-25k.txt sentences-100k.txt initials-50mb.txt hyphens-50mb.txt clauses-50mb.txt no-spaces-1mb.txt entities-20k.html; do
  run "$f" claims
done
for f in one-line-50mb.txt sentences-25k.txt sentences-100k.txt no-spaces-1mb.txt copies-10k near-copies-10k nested-100k.html nested-500.html entities-20k.html laughs.txt; do
  run "$f" check
done
run story-4x25k check --single-story
run entities-100k rules
