#!/usr/bin/env bash
# search.sh - the search index at scale (issue 6): size, bytes a first query loads, query time
# in Chromium, build time with and without the index, and mdBook's searchindex for the same corpus.
#
# Usage: bench/search.sh [-r RUNS] [-s SEED] [-k] [-M] [-Q] [-b BASELINE] [N]
#   N    content pages (default 10000)
#   -r   timed builds per variant (default 3), after one untimed warm-up each
#   -s   corpus seed (default 1)
#   -k   keep the work dir and print its path
#   -M   skip mdBook even when it is installed (at 10,000 pages it takes minutes and GBs)
#   -Q   queries only: no build timings, no search::build timing, no mdBook
#   -b   a baseline playbook binary (e.g. main's): the corpus is also built with it, its index
#        sized, and each query measured on both sites in turns, in the same Chromium
# PLAYBOOK_BENCH_REPEAT=n measures each query in n fresh pages (median times; default 1).
# PLAYBOOK_BIN=path uses that binary instead of building the release one (the index files are
# the same in a debug build; only the build timings need a release binary).
#
# The work dir is made in $TMPDIR (default /tmp). TMPDIR=/dev/shm (tmpfs) takes the disk out of
# the build times. (On this machine's ext4, the system time of a build that creates all its
# folders and files again varied from 1.5 to 7 s between identical runs; since the output stage
# keeps a spare, a rebuild creates almost nothing and varies far less.)
#
# Builds the release binary (offline), generates the corpus with ../shared/bench/gen_corpus.py
# (--flavor playbook; --flavor mdbook for mdBook), then, in this one invocation:
# - builds it RUNS times with search on and RUNS times with `[search] enabled = false`,
#   alternating (on off, off on, …), under GNU time: median wall and CPU seconds, and the ratio;
#   "rebuild" builds the unchanged site again into its public/ (as an agent does after an
#   edit; the output stage then rewrites only what changed), "cold" builds it into a new,
#   empty folder each time (a first build), "busy" rebuilds while one CPU-bound process per
#   core runs;
# - times search::build alone on one thread (examples/search_index.rs), as a share of the
#   CPU time of the build without search;
# - sizes the index (recherche/index/: files, bytes, gzip bytes);
# - opens the built site in headless Chromium (tests/browser's playwright-core), from file://
#   and over HTTP (bench/search-query.mjs), and puts queries in the search box: bytes of index
#   files each query loads in a fresh page, and the time to the announced result count when the
#   query is pasted into a fresh page (index files loading), typed a key every 120 ms (from the
#   last key) and run again warm;
# - when `mdbook` is on PATH: `mdbook build` of the mdBook flavour, and its searchindex size.
set -euo pipefail

RUNS=3
SEED=1
KEEP=0
MDBOOK=1
QUERIES_ONLY=0
BASELINE=
while getopts "r:s:kMQb:h" opt; do
  case "$opt" in
    r) RUNS=$OPTARG ;;
    s) SEED=$OPTARG ;;
    k) KEEP=1 ;;
    M) MDBOOK=0 ;;
    Q) QUERIES_ONLY=1; MDBOOK=0 ;;
    b) BASELINE=$OPTARG ;;
    h) sed -n '2,40p' "$0"; exit 0 ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))
N=${1:-10000}

ROOT=$(cd "$(dirname "$0")/.." && pwd)
GEN=${GEN:-$ROOT/../shared/bench/gen_corpus.py}
[ -x /usr/bin/time ] || { echo "search.sh: GNU time (/usr/bin/time) is required: apt-get install time" >&2; exit 2; }
[ -f "$GEN" ] || { echo "search.sh: corpus generator not found: $GEN" >&2; exit 2; }
[ -d "$ROOT/tests/browser/node_modules/playwright-core" ] || { echo "search.sh: run \`npm ci\` in tests/browser first" >&2; exit 2; }

TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
if [ -n "${PLAYBOOK_BIN:-}" ]; then
  PLAYBOOK=$PLAYBOOK_BIN
else
  echo "# cargo build --release --offline" >&2
  (cd "$ROOT" && cargo build --release --offline --quiet --bin playbook --example search_index)
  PLAYBOOK=$TARGET/release/playbook
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/playbook-search-bench.XXXXXX")
if [ "$KEEP" = 1 ]; then echo "# work dir: $WORK" >&2; else trap 'rm -rf "$WORK"' EXIT; fi

median() { sort -g | awk '{a[NR]=$1} END {if (NR) print a[int((NR+1)/2)]; else print "NA"}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0) printf "%.2f", a / b; else print "-" }'; }
kib() { awk -v b="$1" 'BEGIN { printf "%.1f KiB", b / 1024 }'; }
mib() { awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }

echo "# generating $N pages (seed $SEED)" >&2
python3 "$GEN" -q --pages "$N" --seed "$SEED" --flavor playbook --out "$WORK/on"
cp -r "$WORK/on" "$WORK/off"
printf '\n[search]\nenabled = false\n' >> "$WORK/off/playbook.toml"

COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "?")
echo "# $(nproc) cores; playbook $COMMIT ($PLAYBOOK); $N pages; $RUNS runs each, alternating, after a warm-up"

if [ "$QUERIES_ONLY" = 1 ]; then
  (cd "$WORK/on" && "$PLAYBOOK" build >/dev/null 2>&1)
else
# Build times: warm-up, then alternate on/off so both see the same machine load, in the order
# on off, off on, on off… : on ext4 a build pays for the inodes the build before it deleted, and
# a fixed order put that cost on one side (about 1 s of system time here).
# alternate PREFIX [cold]: RUNS timed builds of each variant, alternating, into time.PREFIXon and
# time.PREFIXoff; with `cold`, each into a new output folder.
alternate() {
  local i v order out
  for i in $(seq 1 "$RUNS"); do
    order="on off"
    [ $((i % 2)) = 0 ] && order="off on"
    for v in $order; do
      out=()
      [ "${2:-}" = cold ] && out=(--out "$WORK/cold/$v.$i")
      (cd "$WORK/$v" && /usr/bin/time -f '%e %U %S %M' -a -o "$WORK/time.$1$v" "$PLAYBOOK" build "${out[@]}" >/dev/null 2>&1)
    done
  done
}
for v in on off; do (cd "$WORK/$v" && "$PLAYBOOK" build >/dev/null 2>&1); done
alternate ""
# Cold builds: each into a new, empty output folder (kept until the end: deleting a 10,000-page
# site just before a build makes ext4 slow to allocate the next build's inodes).
mkdir -p "$WORK/cold"
alternate cold. cold
# Busy machine: the rebuilds again, while one CPU-bound process per core runs (the index must
# not wait for idle time that never comes).
HOGS=()
for _ in $(seq 1 "$(nproc)"); do yes >/dev/null & HOGS+=($!); done
trap 'kill "${HOGS[@]}" 2>/dev/null; [ "$KEEP" = 1 ] || rm -rf "$WORK"' EXIT
alternate busy.
kill "${HOGS[@]}"
trap '[ "$KEEP" = 1 ] || rm -rf "$WORK"' EXIT
for v in on off cold.on cold.off busy.on busy.off; do
  eval "WALL_${v/./_}=\$(awk '{print \$1}' \"\$WORK/time.$v\" | median)"
  eval "CPU_${v/./_}=\$(awk '{printf \"%.2f\\n\", \$2 + \$3}' \"\$WORK/time.$v\" | median)"
  eval "RSS_${v/./_}=\$(awk '{printf \"%.0f\\n\", \$4 / 1024}' \"\$WORK/time.$v\" | median)"
done
rm -rf "$WORK/cold"
spread() { awk '{print $1}' "$WORK/time.$1" | sort -g | awk '{a[NR]=$1} END {printf "%s-%s", a[1], a[NR]}'; }
usersys() { awk '{print $2}' "$WORK/time.$1" | median | tr '\n' /; awk '{print $3}' "$WORK/time.$1" | median; }
printf '%-34s %8s %12s %8s %12s %8s\n' build wall_s wall_range cpu_s user/sys_s rss_MiB
row() { printf '%-34s %8s %12s %8s %12s %8s\n' "$1" "$2" "$(spread "$3")" "$4" "$(usersys "$3")" "$5"; }
row "rebuild, with search" "$WALL_on" on "$CPU_on" "$RSS_on"
row "rebuild, [search] enabled = false" "$WALL_off" off "$CPU_off" "$RSS_off"
row "cold, with search" "$WALL_cold_on" cold.on "$CPU_cold_on" "$RSS_cold_on"
row "cold, [search] enabled = false" "$WALL_cold_off" cold.off "$CPU_cold_off" "$RSS_cold_off"
row "busy rebuild, with search" "$WALL_busy_on" busy.on "$CPU_busy_on" "$RSS_busy_on"
row "busy rebuild, search off" "$WALL_busy_off" busy.off "$CPU_busy_off" "$RSS_busy_off"
echo "with/without search, rebuild: wall $(ratio "$WALL_on" "$WALL_off"), cpu $(ratio "$CPU_on" "$CPU_off"); cold: wall $(ratio "$WALL_cold_on" "$WALL_cold_off"), cpu $(ratio "$CPU_cold_on" "$CPU_cold_off"); busy: wall $(ratio "$WALL_busy_on" "$WALL_busy_off") (goal: wall <= 1.20)"
# search::build alone, on one thread (examples/search_index.rs: the site compiled once, the
# index built RUNS times), against the CPU time of the whole build without search.
RAYON_NUM_THREADS=1 "$TARGET/release/examples/search_index" "$WORK/on" "$RUNS" \
  | awk '{print $(NF-1)}' > "$WORK/time.index"
INDEX_MS=$(median < "$WORK/time.index")
echo "search::build alone, one thread: $INDEX_MS ms (median of $RUNS) = $(awk -v a="$INDEX_MS" -v b="$CPU_off" 'BEGIN { printf "%.0f%%", a / 10 / b }') of the CPU time of the build without search"

fi

# index_size LABEL DIR: files, bytes, gzip bytes of the index in DIR.
index_size() {
IDX=$2
FILES=$(find "$IDX" -type f | wc -l)
BYTES=$(find "$IDX" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
GZ=$(find "$IDX" -type f -name '*.js' -print0 | sort -z | xargs -0 cat | gzip -6 -c | wc -c)
TERMS=$(find "$IDX" -name 't*.js' | wc -l)
DOCS=$(find "$IDX" -name 'd*.js' | wc -l)
MAN=$(stat -c %s "$IDX/manifest.js")
LARGEST=$(find "$IDX" -name 't*.js' -printf '%s\n' | sort -n | tail -1)
echo "$1 index: $FILES files ($TERMS term shards, $DOCS document chunks, manifest $(kib "$MAN")), $BYTES bytes = $(mib "$BYTES") ($(mib "$GZ") gzip, as one stream); largest term shard $(kib "$LARGEST")"
}
index_size playbook "$WORK/on/public/recherche/index"
SITES=playbook=$WORK/on/public
if [ -n "$BASELINE" ]; then
  (cd "$WORK/on" && "$BASELINE" build --out "$WORK/baseline" >/dev/null 2>&1)
  index_size baseline "$WORK/baseline/recherche/index"
  SITES=$SITES,baseline=$WORK/baseline
fi

echo "# Chromium, site opened from file:// and over HTTP" >&2
# QUERIES='a|b c' measures those queries instead.
if [ -n "${QUERIES:-}" ]; then IFS='|' read -r -a QS <<< "$QUERIES"; else
  QS=(cooperation "facilitation reunion" "gouvernance partagée" direction "mutualisation des moyens" "l'équipe" coop)
fi
node "$ROOT/bench/search-query.mjs" "$SITES" "${QS[@]}"

if [ "$MDBOOK" = 1 ] && command -v mdbook >/dev/null; then
  echo "# mdBook $(mdbook --version | awk '{print $NF}'), same corpus (--flavor mdbook)" >&2
  python3 "$GEN" -q --pages "$N" --seed "$SEED" --flavor mdbook --out "$WORK/mdbook"
  (cd "$WORK/mdbook" && /usr/bin/time -f '%e %U %S %M' -o "$WORK/time.mdbook" mdbook build >/dev/null 2>&1) || echo "mdbook build failed" >&2
  SI=$(find "$WORK/mdbook/book" -maxdepth 1 -name 'searchindex*.js' -printf '%s\n' | head -1)
  SJ=$(find "$WORK/mdbook/book" -maxdepth 1 -name 'searchindex*.json' -printf '%s\n' | head -1)
  MW=$(awk '{print $1}' "$WORK/time.mdbook")
  if [ -n "$SI" ]; then
    SIGZ=$(find "$WORK/mdbook/book" -maxdepth 1 -name 'searchindex*.js' -print0 | xargs -0 cat | gzip -6 -c | wc -c)
    echo "mdbook: searchindex.js $(mib "$SI") ($(mib "$SIGZ") gzip)${SJ:+, searchindex.json $(mib "$SJ")}, all loaded by its first query; build ${MW} s"
    echo "first query bytes, playbook cooperation vs mdBook searchindex.js: see the query rows; index total playbook/mdBook = $(ratio "$BYTES" "$SI")"
  else
    echo "mdbook: no searchindex*.js in its output (build ${MW} s)"
  fi
else
  echo "mdbook: not run (not on PATH, or -M)"
fi
