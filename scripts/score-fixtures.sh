#!/usr/bin/env bash
# Scores `concord check --format json` on every fixture case with the shared
# scorer (../shared/eval/score_articles.py) and prints a Markdown table.
# usage: scripts/score-fixtures.sh [CONCORD_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/concord}
[ -x "$bin" ] || cargo build --release -q
scorer=../shared/eval/score_articles.py
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
echo "| case | links recalled | look-alikes joined | contradictions recalled | contradiction precision | unsupported recalled |"
echo "|---|---|---|---|---|---|"
for dir in fixtures/*/; do
  [ -f "$dir/gold.toml" ] || continue
  "$bin" check "$dir" --format json --fail-on never > "$tmp" 2>/dev/null || true
  python3 "$scorer" "$tmp" "$dir" --json | python3 scripts/fixture_table.py
done
