#!/usr/bin/env bash
# serve.sh - time an edit in `playbook serve`, from the save to the new HTML
# served, against a baseline binary and Hugo's `hugo server`, in one run.
#
# Usage: bench/serve.sh [-n PAGES] [-e EDITS] [-k KINDS] [-b BASELINE] [-m MEM] [-s SEED] [-K]
#   -n  content pages of the generated corpus (default 10000)
#   -e  edits of each kind (default 20)
#   -k  kinds of edit, comma-separated (default body,title):
#       body   a sentence appended to a page (nothing else changes)
#       title  the page's title changed (its backlinks, navigation and
#              tag pages change too); timed twice: until the page shows
#              it, and until the page of its folder lists it ("title,
#              folder page": the rest of the site is rendered by then)
#   -b  a baseline playbook binary (say, one built from main): its server
#       gets the same edits, alternating with this tree's
#   -m  then MEM more body edits on this tree's server alone, printing its
#       resident memory every MEM/4 edits (does serve's memory stay flat?)
#   -s  corpus seed (default 1)
#   -K  keep the temp dir and print its path
#
# Builds the release binary (offline, into $CARGO_TARGET_DIR or target/),
# generates the corpus with ../shared/bench/gen_corpus.py (--flavor
# playbook, and --flavor hugo when `hugo` is on PATH: same pages, same
# paths), and starts one server per tool, each on its own copy. Each edit
# is an editor's atomic save (a temporary file renamed over the page) of
# the same page in every copy, the tools taking turns first; the time is
# from the save until a GET of the page's address (polled every 2 ms)
# returns HTML holding the new text. Medians and p95 per tool and kind,
# and each tool's median as a ratio of this tree's.
set -euo pipefail

PAGES=10000
EDITS=20
KINDS=body,title
BASE=
MEM=0
SEED=1
KEEP=0
while getopts "n:e:k:b:m:s:Kh" opt; do
  case "$opt" in
    n) PAGES=$OPTARG ;;
    e) EDITS=$OPTARG ;;
    k) KINDS=$OPTARG ;;
    b) BASE=$OPTARG ;;
    m) MEM=$OPTARG ;;
    s) SEED=$OPTARG ;;
    K) KEEP=1 ;;
    h) sed -n '2,29p' "$0"; exit 0 ;;
    *) exit 2 ;;
  esac
done

ROOT=$(cd "$(dirname "$0")/.." && pwd)
GEN=${GEN:-$ROOT/../shared/bench/gen_corpus.py}
[ -f "$GEN" ] || { echo "serve.sh: corpus generator not found: $GEN" >&2; exit 2; }
command -v python3 >/dev/null || { echo "serve.sh: python3 is required" >&2; exit 2; }
[ -z "$BASE" ] || [ -x "$BASE" ] || { echo "serve.sh: no baseline binary at $BASE" >&2; exit 2; }

echo "# cargo build --release --offline" >&2
(cd "$ROOT" && cargo build --release --offline --quiet --bin playbook)
PLAYBOOK=${CARGO_TARGET_DIR:-$ROOT/target}/release/playbook

WORK=$(mktemp -d "${TMPDIR:-/tmp}/playbook-serve-bench.XXXXXX")
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null || true; done
  if [ "$KEEP" = 1 ]; then echo "# work dir: $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

echo "# corpus: $PAGES pages, seed $SEED" >&2
python3 "$GEN" --pages "$PAGES" --seed "$SEED" --flavor playbook --out "$WORK/playbook" -q
SERVERS=()
port=$(free_port)
"$PLAYBOOK" serve --root "$WORK/playbook" --port "$port" 2>"$WORK/playbook.log" &
PIDS+=($!); SERVERS+=("playbook:$WORK/playbook:$port:$!")
if [ -n "$BASE" ]; then
  cp -r "$WORK/playbook" "$WORK/baseline"
  port=$(free_port)
  "$BASE" serve --root "$WORK/baseline" --port "$port" 2>"$WORK/baseline.log" &
  PIDS+=($!); SERVERS+=("baseline:$WORK/baseline:$port:$!")
fi
if command -v hugo >/dev/null; then
  python3 "$GEN" --pages "$PAGES" --seed "$SEED" --flavor hugo --out "$WORK/hugo" -q
  port=$(free_port)
  (cd "$WORK/hugo" && exec hugo server --bind 127.0.0.1 --port "$port" --disableFastRender >"$WORK/hugo.log" 2>&1) &
  PIDS+=($!); SERVERS+=("hugo:$WORK/hugo:$port:$!")
  echo "# $(hugo version | cut -d' ' -f1-2)" >&2
else
  echo "# hugo is not installed (apt-get install hugo): no Hugo row" >&2
fi

python3 - "$EDITS" "$KINDS" "$MEM" "$SEED" "${SERVERS[@]}" <<'PY'
import http.client, os, random, re, statistics, sys, time

edits, kinds, mem, seed = int(sys.argv[1]), sys.argv[2].split(","), int(sys.argv[3]), int(sys.argv[4])
servers = []
for spec in sys.argv[5:]:
    name, site, port, pid = spec.split(":")
    servers.append({"name": name, "site": site, "port": int(port), "pid": int(pid)})

def get(srv, path):
    try:
        c = srv.get("conn") or http.client.HTTPConnection("127.0.0.1", srv["port"], timeout=60)
        srv["conn"] = c
        c.request("GET", path)
        r = c.getresponse()
        return r.status, r.read()
    except (OSError, http.client.HTTPException):
        srv["conn"] = None
        return 0, b""

deadline = time.time() + 1800
for s in servers:
    while get(s, "/")[0] != 200:
        if time.time() > deadline:
            sys.exit(f"serve.sh: {s['name']} did not start")
        time.sleep(0.5)
print("# servers up: " + ", ".join(s["name"] for s in servers), file=sys.stderr)

content = os.path.join(servers[0]["site"], "content")
pages = sorted(
    os.path.relpath(os.path.join(d, f), content)
    for d, _, fs in os.walk(content)
    for f in fs
    if f.endswith(".md") and not f.startswith("_")
)
# Same address for every tool: lowercase ASCII slugs, no order prefix.
pages = [p for p in pages if re.fullmatch(r"([a-z][a-z0-9-]*/)*[a-z][a-z0-9-]*\.md", p)]
rng = random.Random(seed)

def save(path, text):
    tmp = os.path.join(os.path.dirname(path), "." + os.path.basename(path) + ".tmp~")
    with open(tmp, "w") as f:
        f.write(text)
    os.rename(tmp, path)

def edited(text, kind, marker):
    if kind == "body":
        return text + f"\n{marker} pour le banc d'essai.\n"
    return re.sub(r'^title: .*$', f'title: "{marker}"', text, count=1, flags=re.M)

def timed(srv, rel, kind, marker):
    path = os.path.join(srv["site"], "content", rel)
    url = "/" + rel[:-3] + "/"
    text = open(path).read()
    needle = marker.encode()
    t0 = time.perf_counter()
    save(path, edited(text, kind, marker))
    urls = [url]
    if kind == "title":
        # Then the page of its folder, which lists its pages by title.
        urls.append("/" + os.path.dirname(rel) + "/")
    times = []
    for u in urls:
        while True:
            status, body = get(srv, u)
            if status == 200 and needle in body:
                times.append((time.perf_counter() - t0) * 1000)
                break
            if time.perf_counter() - t0 > 600:
                sys.exit(f"serve.sh: {srv['name']}: {u} not updated after 600 s")
            time.sleep(0.002)
    if kind == "title":
        results[(srv["name"], "title, folder page")].append(times[1])
    return times[0]

def rss(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1)) // 1024

rows = kinds + (["title, folder page"] if "title" in kinds else [])
results = {(s["name"], k): [] for s in servers for k in rows}
n = 0
for kind in kinds:
    for i, rel in enumerate(rng.sample(pages, edits)):
        order = servers[n % len(servers):] + servers[:n % len(servers)]
        n += 1
        for s in order:
            results[(s["name"], kind)].append(timed(s, rel, kind, f"Marqueur{kind}{i}x"))
            time.sleep(0.3)

def p95(xs):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]

print(f"save → new HTML served, {len(pages)} editable pages, {edits} edits of each kind, tools alternating")
print(f"{'':32}{'median ms':>10}{'p95 ms':>9}{'ratio':>8}  (ratio: median / playbook's)")
for kind in rows:
    ref = statistics.median(results[("playbook", kind)])
    for s in servers:
        xs = results[(s["name"], kind)]
        m = statistics.median(xs)
        print(f"{s['name'] + ' ' + kind:32}{m:>10.0f}{p95(xs):>9.0f}{m / ref:>8.2f}")
for s in servers:
    print(f"# {s['name']} resident memory after these edits: {rss(s['pid'])} MiB")

if mem:
    srv = servers[0]
    print(f"memory of playbook serve over {mem} more body edits (MiB resident):")
    line = [f"0: {rss(srv['pid'])}"]
    times = []
    for i in range(mem):
        rel = pages[rng.randrange(len(pages))]
        times.append(timed(srv, rel, "body", f"Memoire{i}x"))
        time.sleep(0.05)
        if (i + 1) % max(1, mem // 4) == 0:
            line.append(f"{i + 1}: {rss(srv['pid'])}")
    print("  " + ", ".join(line))
    print(f"  those edits: median {statistics.median(times):.0f} ms, p95 {p95(times):.0f} ms")
PY
