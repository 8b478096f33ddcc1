#!/usr/bin/env bash
# build.sh - time `playbook build` against Hugo on the same generated corpus.
#
# Usage: bench/build.sh [-r RUNS] [-w WARMUP] [-s SEED] [-c [-D]] [-k] [N ...]
#   N      number of content pages (default: 1000 10000)
#   -r     timed runs per tool and N (default 5 when N <= 1000, else 3)
#   -w     untimed warm-up runs before them (default 1)
#   -s     corpus seed (default 1)
#   -c     cold: every run starts with no output (public/, playbook's
#          .playbook-spare/, Hugo's resources/), instead of rebuilding over it.
#          The previous output is moved aside (into the temp dir, removed
#          at the end), not deleted: on ext4 without a journal (this
#          machine's disk), a file created within a minute of many deletions
#          in its block group makes the kernel read past every recently
#          deleted inode (`recently_deleted` in `find_inode_bit`), a cost
#          that grows with the deletions times the creations and that a
#          fresh checkout never pays
#   -D     with -c: delete the previous output just before each run instead
#   -k     keep the temp dir (corpora and outputs) and print its path
#
# Builds the release binary (cargo build --release --offline), generates the
# corpus with ../shared/bench/gen_corpus.py (--flavor playbook, and --flavor
# hugo when `hugo` is on PATH), then runs each tool WARMUP + RUNS times under
# GNU time (/usr/bin/time -f '%e %U %S %M'), keeping the last RUNS.
# Never downloads anything: cargo runs offline (run `cargo fetch` first if it
# complains), and an absent hugo only prints an "absent" row.
#
# One row per tool and N (playbook, then playbook with [wiki] features off):
# median wall seconds, median user+sys seconds,
# median peak RSS (MiB), output files; for playbook also wall and RSS as a
# ratio of Hugo's, measured in this same invocation. The output folder is
# removed once before the warm-up; timed runs rebuild over the previous
# output, as a user would (same method as ../shared/bench/peers.sh).
set -euo pipefail

RUNS=
WARMUP=1
SEED=1
KEEP=0
COLD=0
DELETE=0
while getopts "r:w:s:cDkh" opt; do
  case "$opt" in
    r) RUNS=$OPTARG ;;
    w) WARMUP=$OPTARG ;;
    s) SEED=$OPTARG ;;
    c) COLD=1 ;;
    D) DELETE=1 ;;
    k) KEEP=1 ;;
    h) sed -n '2,33p' "$0"; exit 0 ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || set -- 1000 10000

ROOT=$(cd "$(dirname "$0")/.." && pwd)
GEN=${GEN:-$ROOT/../shared/bench/gen_corpus.py}
[ -x /usr/bin/time ] || { echo "build.sh: GNU time (/usr/bin/time) is required: apt-get install time" >&2; exit 2; }
[ -f "$GEN" ] || { echo "build.sh: corpus generator not found: $GEN (the shared material belongs at ../shared)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "build.sh: python3 is required" >&2; exit 2; }

echo "# cargo build --release --offline" >&2
(cd "$ROOT" && cargo build --release --offline --quiet --bin playbook) || {
  echo "build.sh: the release build failed (offline: run \`cargo fetch\` once if crates are missing)" >&2
  exit 2
}
PLAYBOOK=$ROOT/target/release/playbook

WORK=$(mktemp -d "${TMPDIR:-/tmp}/playbook-bench.XXXXXX")
if [ "$KEEP" = 1 ]; then echo "# work dir: $WORK" >&2; else trap 'rm -rf "$WORK"' EXIT; fi

median() { sort -g | awk '{a[NR]=$1} END {if (NR) print a[int((NR+1)/2)]; else print "NA"}'; }

# bench_one NAME N RUNS SITE_DIR OUT_SUBDIR CMD...
#   runs CMD (cwd = SITE_DIR) WARMUP + RUNS times; sets WALL CPU RSS FILES OK.
bench_one() {
  local name=$1 n=$2 runs=$3 dir=$4 outsub=$5; shift 5
  local tf="$WORK/time.$name.$n" log="$WORK/log.$name.$n" i
  OK=1
  : > "$tf"
  rm -rf "${dir:?}/$outsub"
  for i in $(seq 1 $((WARMUP + runs))); do
    if [ "$COLD" = 1 ] && [ "$DELETE" = 1 ]; then
      rm -rf "${dir:?}/$outsub" "$dir/.playbook-spare" "$dir/resources"
    elif [ "$COLD" = 1 ]; then
      mkdir -p "$WORK/aside/$name.$n.$i"
      for old in "$dir/$outsub" "$dir/.playbook-spare" "$dir/resources"; do
        [ ! -e "$old" ] || mv "$old" "$WORK/aside/$name.$n.$i/"
      done
    fi
    if ! (cd "$dir" && /usr/bin/time -f '%e %U %S %M' -a -o "$tf.raw" "$@" >"$log" 2>&1); then
      OK=0
    fi
    if [ "$i" -gt "$WARMUP" ]; then tail -n 1 "$tf.raw" >> "$tf"; fi
  done
  rm -f "$tf.raw"
  if [ "$OK" = 0 ]; then echo "build.sh: $name failed at N=$n; last lines of its output:" >&2; tail -n 20 "$log" >&2; fi
  WALL=$(awk '{print $1}' "$tf" | median)
  CPU=$(awk '{printf "%.2f\n", $2 + $3}' "$tf" | median)
  RSS=$(awk '{printf "%.1f\n", $4 / 1024}' "$tf" | median)
  FILES=$(find "$dir/$outsub" -type f 2>/dev/null | wc -l)
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0 && a != "NA") printf "%.2f", a / b; else print "-" }'; }

row() { printf '%-9s %-8s %6s %4s %8s %8s %8s %7s %9s %8s  %s\n' "$@"; }

HUGO_V=absent
if command -v hugo >/dev/null; then HUGO_V=$(hugo version | sed -n 's/^hugo v\([0-9.]*\).*/\1/p'); fi
PB_V=$("$PLAYBOOK" --version | awk '{print $2}')
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "?")
if [ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null)" ]; then COMMIT="$COMMIT+dirty"; fi
echo "# $(nproc) cores; playbook $PB_V ($COMMIT, release); hugo $HUGO_V; seed $SEED; warm-up $WARMUP; $([ "$COLD" = 1 ] && echo "cold: no output before each run, $([ "$DELETE" = 1 ] && echo "deleted just before" || echo "moved aside")" || echo "rebuilds over the previous output")"
row tool version pages runs wall_s cpu_s rss_MiB files wall/hugo rss/hugo notes

for N in "$@"; do
  R=${RUNS:-$([ "$N" -le 1000 ] && echo 5 || echo 3)}
  H_WALL=NA H_RSS=NA
  if [ "$HUGO_V" != absent ]; then
    python3 "$GEN" -q --pages "$N" --seed "$SEED" --flavor hugo --out "$WORK/hugo-$N"
    bench_one hugo "$N" "$R" "$WORK/hugo-$N" public hugo --quiet
    H_WALL=$WALL H_RSS=$RSS
    row hugo "$HUGO_V" "$N" "$R" "$WALL" "$CPU" "$RSS" "$FILES" - - "$([ "$OK" = 1 ] || echo "FAILED, see $WORK/log.hugo.$N")"
  else
    row hugo absent "$N" - - - - - - - "not on PATH (apt-get install hugo)"
  fi

  python3 "$GEN" -q --pages "$N" --seed "$SEED" --flavor playbook --out "$WORK/playbook-$N"
  bench_one playbook "$N" "$R" "$WORK/playbook-$N" public "$PLAYBOOK" build
  row playbook "$PB_V" "$N" "$R" "$WALL" "$CPU" "$RSS" "$FILES" "$(ratio "$WALL" "$H_WALL")" "$(ratio "$RSS" "$H_RSS")" \
    "$([ "$OK" = 1 ] || echo "FAILED, see $WORK/log.playbook.$N")"

  P_WALL=$WALL
  # The same corpus without backlinks, tags and "see also" (issue 3 asks the
  # wiki features to cost at most 1.3x the build without them).
  cp -r "$WORK/playbook-$N" "$WORK/nowiki-$N"
  rm -rf "$WORK/nowiki-$N/public"
  printf '\n[wiki]\nbacklinks = false\ntags = false\n' >> "$WORK/nowiki-$N/playbook.toml"
  bench_one nowiki "$N" "$R" "$WORK/nowiki-$N" public "$PLAYBOOK" build
  row nowiki "$PB_V" "$N" "$R" "$WALL" "$CPU" "$RSS" "$FILES" "$(ratio "$WALL" "$H_WALL")" "$(ratio "$RSS" "$H_RSS")" \
    "playbook without backlinks/tags; playbook/nowiki = $(ratio "$P_WALL" "$WALL")"

  [ "$KEEP" = 1 ] || rm -rf "${WORK:?}"/*-"$N"
done
