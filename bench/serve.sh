#!/usr/bin/env bash
# serve.sh - time `playbook serve`'s incremental rebuild against a full rebuild.
#
# Usage: bench/serve.sh [-n PAGES] [-e EDITS] [-f FULL] [-s SEED] [-k]
#   -n  content pages of the generated corpus (default 10000)
#   -e  single-page edits (default 20)
#   -f  full rebuilds, triggered by touching playbook.toml (default 3)
#   -s  corpus seed (default 1)
#   -k  keep the temp dir and print its path
#
# Builds the release binary (offline), generates the corpus with
# ../shared/bench/gen_corpus.py --flavor playbook, starts `playbook serve`
# on it, and listens to its Server-Sent Events. Each edit appends a sentence
# to one page (a different page each time, chosen with the seed) with an
# editor's atomic save (write a temporary file, rename it over the page),
# then waits for the `reload` event. Two times per rebuild:
#   save→event  from the save to the event in the browser's place: includes
#               the watcher's debounce window (DEBOUNCE + SETTLE in
#               src/serve/watch.rs, 80 ms) and the rebuild;
#   rebuild     the server's own "rebuilt … in N ms" line: from the settled
#               batch to the new site in place.
# Medians and p95 of both, for the edits and for the full rebuilds of the
# same site in the same run, and the edit/full ratios.
# Then, when `wrk` is installed (apt-get install wrk), 10 s at 50
# connections on one page and on the 404 page, with its error counts.
set -euo pipefail

PAGES=10000
EDITS=20
FULL=3
SEED=1
KEEP=0
while getopts "n:e:f:s:kh" opt; do
  case "$opt" in
    n) PAGES=$OPTARG ;;
    e) EDITS=$OPTARG ;;
    f) FULL=$OPTARG ;;
    s) SEED=$OPTARG ;;
    k) KEEP=1 ;;
    h) sed -n '2,25p' "$0"; exit 0 ;;
    *) exit 2 ;;
  esac
done

ROOT=$(cd "$(dirname "$0")/.." && pwd)
GEN=${GEN:-$ROOT/../shared/bench/gen_corpus.py}
[ -f "$GEN" ] || { echo "serve.sh: corpus generator not found: $GEN" >&2; exit 2; }
command -v python3 >/dev/null || { echo "serve.sh: python3 is required" >&2; exit 2; }

echo "# cargo build --release --offline" >&2
(cd "$ROOT" && cargo build --release --offline --quiet --bin playbook)
PLAYBOOK=$ROOT/target/release/playbook

WORK=$(mktemp -d "${TMPDIR:-/tmp}/playbook-serve-bench.XXXXXX")
SERVER=
cleanup() {
  if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null || true; fi
  if [ "$KEEP" = 1 ]; then echo "# work dir: $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

echo "# corpus: $PAGES pages, seed $SEED" >&2
python3 "$GEN" --pages "$PAGES" --seed "$SEED" --flavor playbook --out "$WORK/site" -q
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$PLAYBOOK" serve --root "$WORK/site" --port "$PORT" 2>"$WORK/serve.log" &
SERVER=$!

python3 - "$WORK" "$PORT" "$EDITS" "$FULL" "$SEED" <<'PY'
import os, random, re, socket, statistics, sys, time

work, port, edits, full, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
site, log = os.path.join(work, "site"), os.path.join(work, "serve.log")

deadline = time.time() + 600
# The site is served once the first build is done.
while "serving " not in open(log).read():
    if time.time() > deadline:
        sys.exit("serve.sh: the server did not start; see " + log)
    time.sleep(0.2)
while True:
    try:
        sock = socket.create_connection(("127.0.0.1", port), timeout=600)
        break
    except OSError:
        if time.time() > deadline:
            sys.exit("serve.sh: the server did not start; see " + log)
        time.sleep(0.2)
sock.sendall(b"GET /__playbook/events HTTP/1.1\r\nHost: x\r\n\r\n")
stream = sock.makefile("rb")

def next_event():
    name = None
    for line in stream:
        line = line.decode().rstrip("\r\n")
        if line.startswith("event: "):
            name = line[7:]
        elif line == "" and name:
            return name
    sys.exit("serve.sh: the event stream closed")

def rebuild_times():
    with open(log) as f:
        return [int(m.group(1)) for m in re.finditer(r"^rebuilt \d+ files in (\d+) ms", f.read(), re.M)]

def save(path, text):
    # An editor's atomic save: a temporary file, renamed over the page.
    tmp = os.path.join(os.path.dirname(path), "." + os.path.basename(path) + ".tmp~")
    with open(tmp, "w") as f:
        f.write(text)
    os.rename(tmp, path)

def timed(change):
    before = len(rebuild_times())
    t0 = time.perf_counter()
    change()
    event = next_event()
    t1 = time.perf_counter()
    if event != "reload":
        sys.exit(f"serve.sh: expected a reload event, got {event}")
    for _ in range(100):
        times = rebuild_times()
        if len(times) > before:
            return (t1 - t0) * 1000, times[-1]
        time.sleep(0.01)
    sys.exit("serve.sh: no rebuild line in " + log)

pages = sorted(
    os.path.join(d, f)
    for d, _, fs in os.walk(os.path.join(site, "content"))
    for f in fs
    if f.endswith(".md") and not f.startswith("_")
)
rng = random.Random(seed)
config = os.path.join(site, "playbook.toml")
config_text = open(config).read()

full_runs = []
for i in range(full):
    full_runs.append(timed(lambda: save(config, config_text + f"\n# {i}\n")))
edit_runs = []
for i, path in enumerate(rng.sample(pages, edits)):
    text = open(path).read()
    edit_runs.append(timed(lambda: save(path, text + f"\nModification {i} pour le banc d'essai.\n")))

def p95(xs):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]

def row(name, runs, k):
    xs = [r[k] for r in runs]
    return statistics.median(xs), p95(xs)

print(f"playbook serve, {len(pages)} pages: {edits} single-page edits, {full} full rebuilds (playbook.toml touched)")
print(f"{'':24}{'median ms':>12}{'p95 ms':>10}")
for name, runs in (("edit", edit_runs), ("full rebuild", full_runs)):
    for k, what in ((1, "rebuild"), (0, "save→event")):
        m, p = row(name, runs, k)
        print(f"{name + ' ' + what:24}{m:>12.0f}{p:>10.0f}")
for k, what in ((1, "rebuild"), (0, "save→event")):
    e, f = row("", edit_runs, k)[0], row("", full_runs, k)[0]
    print(f"ratio edit/full, {what} (median): {e / f:.3f}  ({f / e:.0f}x faster)")
with open(log) as f:
    counts = re.findall(r"^(\d+) paths changed: (\d+) pages parsed, (\d+) files rendered, (\d+) reused", f.read(), re.M)
edits_counts = counts[full:]
if edits_counts:
    rendered = [int(c[2]) for c in edits_counts]
    parsed = [int(c[1]) for c in edits_counts]
    print(f"per edit: pages parsed median {statistics.median(parsed):.0f}, files rendered median {statistics.median(rendered):.0f} (max {max(rendered)})")
PY

if command -v wrk >/dev/null; then
  for target in "/" "/guide/" "/nowhere/"; do
    echo "# wrk -t2 -c50 -d10s http://127.0.0.1:$PORT$target"
    wrk -t2 -c50 -d10s "http://127.0.0.1:$PORT$target" | grep -E "Requests/sec|requests in|Socket errors|Non-2xx|Latency"
  done
else
  echo "# wrk is not installed (apt-get install wrk): no load run"
fi
