#!/usr/bin/env bash
# Builds the Debian package of playbook with cargo-deb: $CARGO_TARGET_DIR/debian/playbook_<version>-1_<arch>.deb
# (target/debian/ by default), holding /usr/bin/playbook, the man pages and the shell completions
# (written from the clap definitions by the hidden `playbook package-files`). Prints the package's path.
# Needs cargo-deb: cargo install cargo-deb --locked. Usage: scripts/deb.sh [--fast]
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v cargo-deb >/dev/null; then
  echo "error: cargo-deb is missing; install it with: cargo install cargo-deb --locked" >&2
  exit 1
fi
target_dir=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
cargo build --release --locked --bin playbook >&2
files=$target_dir/release/package-files
rm -rf "$files"
"$target_dir/release/playbook" package-files "$files" >/dev/null
gzip -9n "$files"/man/*.1
cargo deb --no-build --locked "$@" >&2
ls -t "$target_dir"/debian/playbook_*.deb | head -n 1
