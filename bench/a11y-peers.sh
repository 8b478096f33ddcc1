#!/usr/bin/env bash
# Accessibility of playbook's default theme against peers' default themes, on the same
# generated corpus: axe-core (WCAG 2.0/2.1 A and AA) in headless Chromium on the index and the
# first N pages of each build. A comparison, not a test (the a11y browser suite asserts zero
# violations for playbook). Peers that are not installed print an "absent" line.
#
# Usage: bench/a11y-peers.sh [PAGES_IN_CORPUS [PAGES_CHECKED]]   (defaults 200 30)
# Needs: cargo, python3, node with tests/browser/node_modules (scripts/test.sh installs them),
# /usr/bin/chromium; optionally mdbook (cargo install mdbook) and zola on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-200}
CHECKED=${2:-30}
GEN=../shared/bench/gen_corpus.py
WORK=$(mktemp -d "${TMPDIR:-/tmp}/a11y-peers.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# The output does not depend on the profile: the debug binary, warm from the tests, is enough.
cargo build --locked --quiet --bin playbook
sites=()

python3 "$GEN" --pages "$N" --flavor playbook --out "$WORK/playbook" -q
"${CARGO_TARGET_DIR:-target}/debug/playbook" build --root "$WORK/playbook" >/dev/null 2>&1
sites+=("playbook=$WORK/playbook/public")

if command -v mdbook >/dev/null; then
  python3 "$GEN" --pages "$N" --flavor mdbook --out "$WORK/mdbook" -q
  (cd "$WORK/mdbook" && mdbook build >/dev/null 2>&1)
  sites+=("mdbook-$(mdbook --version | awk '{print $2}')=$WORK/mdbook/book")
else
  echo "mdbook: absent"
fi
if command -v zola >/dev/null; then
  python3 "$GEN" --pages "$N" --flavor zola --out "$WORK/zola" -q
  (cd "$WORK/zola" && zola build >/dev/null 2>&1)
  sites+=("zola-$(zola --version | awk '{print $2}')=$WORK/zola/public")
else
  echo "zola: absent"
fi

echo "corpus: $N pages (gen_corpus.py seed 1); checked: index + $CHECKED pages per site"
(cd tests/browser && node peers.mjs --pages "$CHECKED" "${sites[@]}")
