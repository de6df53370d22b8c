#!/usr/bin/env bash
# Scale and blocking benchmarks of the release binary; see
# docs/performance.md. Arguments go to scripts/bench.py
# (--runs N, --only scale|blocking, --corpus PATH).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
exec python3 scripts/bench.py "$@"
