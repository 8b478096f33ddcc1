#!/usr/bin/env bash
# Runs every check of the project: formatting, lints (Rust and JavaScript), unit, integration and
# browser tests.
# Installs what the tests need when it is missing (Debian packages through apt-get,
# as root), so it passes on a bare machine. Usage: scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v python3 >/dev/null || need_apt+=(python3)
command -v git >/dev/null || need_apt+=(git)
[ -x /usr/bin/time ] || need_apt+=(time)
# Browser tests (tests/browser): Debian's Chromium, driven from Node.js by playwright-core.
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
# f-print: the printed guide's pages are read with pdftotext.
command -v pdftotext >/dev/null || need_apt+=(poppler-utils)
command -v node >/dev/null || need_apt+=(nodejs)
command -v npm >/dev/null || need_apt+=(npm)
# f-deploy: the web servers of docs/publier.md (tests/testsuite/deploy_web.rs), rsync and curl
# for the CI template's publication and package download (deploy_ci.rs), man for the Debian
# package's test (scripts/test-deb.sh).
[ -x /usr/sbin/nginx ] || need_apt+=(nginx)
[ -x /usr/sbin/apache2 ] || need_apt+=(apache2)
command -v rsync >/dev/null || need_apt+=(rsync)
command -v curl >/dev/null || need_apt+=(curl)
command -v man >/dev/null || need_apt+=(man-db)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing: ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  # nginx and apache2 would each start a service on port 80 as they install (and the second
  # fail on a busy port): the tests start their own servers, so services stay stopped during
  # the install (policy-rc.d, as in Debian's container images).
  policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    policy=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
    $SUDO chmod 755 "$policy"
  fi
  status=0
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" || status=$?
  [ -z "$policy" ] || $SUDO rm -f "$policy"
  [ "$status" = 0 ] || exit "$status"
fi
rustup component list --installed 2>/dev/null | grep -q rustfmt || rustup component add rustfmt clippy || true

# The tests use the shared corpora and the corpus generator beside the repository.
if [ ! -f ../shared/bench/gen_corpus.py ]; then
  echo "error: ../shared/bench/gen_corpus.py is missing (the shared/ folder must sit beside the repository)" >&2
  exit 1
fi

cargo fmt --all -- --check
cargo clippy --all-targets --locked -- -D warnings
cargo test --locked
# f-deploy: the Debian package (cargo deb, dpkg -i into a temporary root, --version, man -l).
command -v cargo-deb >/dev/null || cargo install cargo-deb --locked
scripts/test-deb.sh

# Browser tests: the real binary builds the example and a generated corpus, headless Chromium
# browses them (navigation, phone layout, print, keyboard, dark mode, axe-core). They always run:
# a missing Chromium or Node.js is installed above, and a failure to do so fails the script.
# Screenshots and PDFs go to tests/browser/artifacts/. See tests/browser/README.md.
# ESLint (pinned in the root package-lock.json) needs Node.js 20.19 or later.
if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'; then
  echo "error: the browser tests and the lint need Node.js 20.19 or later (found $(node --version))" >&2
  exit 1
fi
# `npm ci` in a folder, unless its node_modules is there and newer than its package-lock.json.
npm_ci() {
  if [ ! -d "$1/node_modules" ] || [ "$1/package-lock.json" -nt "$1/node_modules/.package-lock.json" ]; then
    (cd "$1" && npm ci --no-audit --no-fund)
  fi
}
npm_ci tests/browser
npm_ci .
# Lint: ESLint's recommended rules on the theme's scripts (themes/), the browser tests and the
# benchmarks; the theme's in ES2020 at most (eslint.config.js).
npm run --silent lint
# f-print: every ```mermaid diagram of the example parses with the vendored Mermaid, and the
# check reports a broken one with its file and line (scripts/check-diagrams.mjs).
node --test tests/diagrams/
cargo build --locked --bin playbook
target_dir=${CARGO_TARGET_DIR:-target}
case $target_dir in /*) ;; *) target_dir=$PWD/$target_dir ;; esac
(cd tests/browser && PLAYBOOK_BIN="$target_dir/debug/playbook" node --test --test-reporter=spec browser.test.mjs)
