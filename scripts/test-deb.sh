#!/usr/bin/env bash
# Tests the Debian package: builds it with scripts/deb.sh (cargo deb), lists it (dpkg-deb -c), installs
# it with dpkg into a temporary root, then runs the installed `playbook --version` (it must name the
# commit checked out), `man -l` on its man page and its bash completion. Run by scripts/test.sh.
# Usage: scripts/test-deb.sh
set -euo pipefail
cd "$(dirname "$0")/.."
passed=0
fail() { echo "FAIL: $*" >&2; echo "deb: $passed passed, 1 failed"; exit 1; }
ok() { echo "ok: $*"; passed=$((passed + 1)); }

deb=$(scripts/deb.sh --fast)
[ -f "$deb" ] || fail "scripts/deb.sh printed no package ($deb)"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
arch=$(dpkg --print-architecture)
[ "$(basename "$deb")" = "playbook_${version}-1_${arch}.deb" ] || fail "package name: $(basename "$deb")"
ok "cargo deb built $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"

# The files it installs, exactly.
listing=$(dpkg-deb -c "$deb" | awk '$1 !~ /^d/ { print $6 }' | sort)
expected="./usr/bin/playbook
./usr/share/bash-completion/completions/playbook
./usr/share/doc/playbook/README.md
./usr/share/doc/playbook/copyright
./usr/share/doc/playbook/publier.md
./usr/share/fish/vendor_completions.d/playbook.fish
./usr/share/man/man1/playbook-build.1.gz
./usr/share/man/man1/playbook-check.1.gz
./usr/share/man/man1/playbook-import.1.gz
./usr/share/man/man1/playbook-init.1.gz
./usr/share/man/man1/playbook-new.1.gz
./usr/share/man/man1/playbook-serve.1.gz
./usr/share/man/man1/playbook.1.gz
./usr/share/zsh/vendor-completions/_playbook"
if [ "$listing" != "$expected" ]; then
  diff <(echo "$expected") <(echo "$listing") >&2 || true
  fail "dpkg-deb -c lists other files (diff above: expected, listed)"
fi
ok "dpkg-deb -c lists the binary, 7 man pages, 3 completions and the docs"
[ "$(dpkg-deb -f "$deb" Package)" = playbook ] || fail "control: Package"
dpkg-deb -f "$deb" Depends | grep -q '^libc6' || fail "control: Depends $(dpkg-deb -f "$deb" Depends)"

# dpkg -i into a temporary root (its own dpkg database; libc6 is the host's).
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
touch "$root/var/lib/dpkg/status"
dpkg --root="$root" --log=/dev/null --force-depends --force-script-chrootless -i "$deb" >/dev/null 2>&1 ||
  dpkg --root="$root" --log=/dev/null --force-depends -i "$deb" >/dev/null || fail "dpkg -i --root"
[ -x "$root/usr/bin/playbook" ] || fail "dpkg -i did not install /usr/bin/playbook"
ok "dpkg -i installs it into a temporary root"

commit=$(git log -1 --format='%h %cs' --abbrev=12)
got=$("$root/usr/bin/playbook" --version)
[ "$got" = "playbook $version ($commit)" ] || fail "playbook --version: '$got', expected 'playbook $version ($commit)'"
ok "playbook --version: $got"

page=$(MANWIDTH=80 man -l -P cat "$root/usr/share/man/man1/playbook.1.gz" 2>/dev/null)
echo "$page" | grep -q '^NAME' || fail "man -l: no NAME section"
echo "$page" | grep -q 'playbook-build(1)\|playbook-build' || fail "man -l: the commands are not listed"
echo "$page" | grep -q "$commit" || echo "$page" | grep -q "playbook $version" || fail "man -l: no version"
sub=$(MANWIDTH=80 man -l -P cat "$root/usr/share/man/man1/playbook-build.1.gz" 2>/dev/null)
echo "$sub" | grep -q -- '--base-url' || fail "man -l playbook-build: no --base-url"
ok "man -l shows playbook(1) and playbook-build(1)"

words=$(bash -c "source '$root/usr/share/bash-completion/completions/playbook' 2>/dev/null
  COMP_WORDS=(playbook ''); COMP_CWORD=1; COMP_LINE='playbook '; COMP_POINT=9
  _playbook playbook '' playbook; echo \"\${COMPREPLY[*]}\"")
for w in build check import init new serve; do
  [[ " $words " == *" $w "* ]] || fail "bash completion: no '$w' in '$words'"
done
[[ " $words " != *" package-files "* ]] || fail "bash completion offers the hidden package-files"
ok "bash completion offers the commands"
echo "deb: $passed passed, 0 failed"
