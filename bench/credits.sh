#!/usr/bin/env bash
# credits.sh - what contributor credits cost a whole `playbook build`.
#
# Usage: bench/credits.sh [-r RUNS] [-p PAGES] [-c COMMITS] [-s SEED] [-R REPO]
#   -r  timed rounds (default 5), after one untimed warm-up round
#   -p  pages (default 10000), -c commits (default 20000), -s seed (default 1):
#       passed to bench/history.sh, which generates the repository
#   -R  reuse a repository kept by `bench/history.sh -k` (REPO is its path)
#
# Builds the release binary, generates the repository of bench/history.sh
# (PAGES pages under content/, COMMITS commits by 12 authors, .mailmap,
# co-authors, renames, bots; its own timings are printed too) unless -R is
# given, then runs `playbook build` in it with three configurations, in
# turn in every round, each into its own output folder:
#   credits    the default: git history read once + credits pages
#   nogit      [credits] git = false: credits from front matter only
#   off        [credits] enabled = false: no credits at all (the baseline)
# and prints the median wall and CPU (user + sys, git's included) seconds,
# the peak RSS and the ratios credits/off and nogit/off, measured in this
# same invocation. On a shared machine prefer the CPU ratio: wall times
# then mostly measure the neighbours.
set -euo pipefail

RUNS=5
PAGES=10000
COMMITS=20000
SEED=1
REUSE=
while getopts "r:p:c:s:R:h" opt; do
  case "$opt" in
    r) RUNS=$OPTARG ;;
    p) PAGES=$OPTARG ;;
    c) COMMITS=$OPTARG ;;
    s) SEED=$OPTARG ;;
    R) REUSE=$OPTARG ;;
    h) sed -n '2,20p' "$0"; exit 0 ;;
    *) exit 2 ;;
  esac
done

ROOT=$(cd "$(dirname "$0")/.." && pwd)
[ -x /usr/bin/time ] || { echo "credits.sh: GNU time (/usr/bin/time) is required: apt-get install time" >&2; exit 2; }
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_SYSTEM=/dev/null GIT_CONFIG_NOSYSTEM=1

echo "# cargo build --release --offline" >&2
(cd "$ROOT" && cargo build --release --offline --quiet --bin playbook)
PLAYBOOK=$ROOT/target/release/playbook

WORK=$(mktemp -d "${TMPDIR:-/tmp}/playbook-credits.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
if [ -n "$REUSE" ]; then
  REPO=$REUSE
else
  "$ROOT/bench/history.sh" -k -r 1 -p "$PAGES" -c "$COMMITS" -s "$SEED" 2> "$WORK/history.err" | sed 's/^/# history.sh: /'
  REPO=$(sed -n 's/^# kept: //p' "$WORK/history.err")
  [ -d "$REPO" ] || { cat "$WORK/history.err" >&2; exit 2; }
  trap 'rm -rf "$WORK" "$(dirname "$REPO")"' EXIT
fi
echo "# $(git -C "$REPO" rev-list --count HEAD) commits, $(git -C "$REPO" ls-files content | wc -l) pages in $REPO"

CONFIGS="credits nogit off"
toml() {
  case "$1" in
    credits) printf 'title = "Bench"\n' ;;
    nogit) printf 'title = "Bench"\n[credits]\ngit = false\n' ;;
    off) printf 'title = "Bench"\n[credits]\nenabled = false\n' ;;
  esac
}
run() {
  toml "$1" > "$REPO/playbook.toml"
  /usr/bin/time -f '%e %U %S %M' -a -o "$WORK/time.$1.raw" \
    "$PLAYBOOK" build --root "$REPO" --out "$WORK/out-$1" > "$WORK/log.$1" 2>&1 \
    || { echo "credits.sh: the $1 build failed:" >&2; tail -n 20 "$WORK/log.$1" >&2; exit 1; }
}
for c in $CONFIGS; do run "$c"; : > "$WORK/time.$c.raw"; done   # warm-up
for i in $(seq 1 "$RUNS"); do for c in $CONFIGS; do run "$c"; done; done
rm -f "$REPO/playbook.toml"

median() { sort -g | awk '{a[NR]=$1} END {if (NR) print a[int((NR+1)/2)]; else print "NA"}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0) printf "%.2f", a / b; else print "-" }'; }
for c in $CONFIGS; do
  eval "WALL_$c=$(awk '{print $1}' "$WORK/time.$c.raw" | median)"
  eval "CPU_$c=$(awk '{printf "%.2f\n", $2 + $3}' "$WORK/time.$c.raw" | median)"
done
printf '%-8s %5s %8s %8s %8s %7s %8s %8s\n' config runs wall_s cpu_s rss_MiB files wall/off cpu/off
for c in $CONFIGS; do
  W=$(eval echo "\$WALL_$c")
  C=$(eval echo "\$CPU_$c")
  M=$(awk '{printf "%.1f\n", $4 / 1024}' "$WORK/time.$c.raw" | median)
  F=$(find "$WORK/out-$c" -type f | wc -l)
  printf '%-8s %5s %8s %8s %8s %7s %8s %8s\n' "$c" "$RUNS" "$W" "$C" "$M" "$F" "$(ratio "$W" "$WALL_off")" "$(ratio "$C" "$CPU_off")"
done
echo "# credits/off = $(ratio "$WALL_credits" "$WALL_off") wall, $(ratio "$CPU_credits" "$CPU_off") cpu; nogit/off = $(ratio "$WALL_nogit" "$WALL_off") wall, $(ratio "$CPU_nogit" "$CPU_off") cpu (medians of $RUNS; cpu includes git's)"
