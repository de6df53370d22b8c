#!/usr/bin/env bash
# Installs concord the way the README says (`cargo install --path
# crates/concord-cli`) into a scratch folder, then checks that what got
# installed works: `--version` names the revision, the seed fixtures give
# a report and exit 1 with `--fail-on unsupported` (they hold unsupported
# details), the completions and the
# man page are generated. Reuses the repository's release build folder so
# that a second run costs seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target} \
  cargo install --locked --quiet --path crates/concord-cli --root "$root"
bin="$root/bin/concord"
fail() { echo "install-check: $*" >&2; exit 1; }
version=$("$bin" --version)
echo "installed: $version"
[[ $version == "concord "* ]] || fail "unexpected --version: $version"
if git rev-parse HEAD >/dev/null 2>&1; then
  rev=$(git rev-parse --short=12 HEAD)
  [[ $version == *"rev $rev"* ]] || fail "--version does not name revision $rev"
fi
set +e
"$bin" check --no-cache --fail-on unsupported fixtures/seeds >"$root/report.txt"
code=$?
set -e
[[ $code == 1 ]] || fail "check fixtures/seeds exited $code, expected 1 (findings)"
grep -q "unsupported-detail" "$root/report.txt" || fail "the seed report has no unsupported detail"
# Captured first: `grep -q` closing a pipe early would fail it under
# pipefail.
for shell in bash zsh fish powershell elvish; do
  script=$("$bin" completions "$shell")
  [[ $script == *fail-on* ]] || fail "no $shell completions"
done
page=$("$bin" man)
[[ $page == *".TH concord 1"* ]] || fail "concord man wrote no man page"
echo "install-check: ok ($bin works; removed after this run)"
