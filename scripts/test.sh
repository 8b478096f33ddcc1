#!/usr/bin/env bash
# Runs every check of the project: formatting, lints, unit and integration tests.
# Installs what the tests need when it is missing (Debian packages through apt-get,
# as root), so it passes on a bare machine. Usage: scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v python3 >/dev/null || need_apt+=(python3)
command -v git >/dev/null || need_apt+=(git)
[ -x /usr/bin/time ] || need_apt+=(time)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing: ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}"
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
