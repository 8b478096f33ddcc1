#!/usr/bin/env bash
# hostile.sh - time and peak memory of `playbook build` on hostile pages.
#
# Usage: bench/hostile.sh [-r RUNS] [-k]
#   -r   runs per case, the median is kept (default 3)
#   -k   keep the temp dir and print its path
#
# Builds the release binary (cargo build --release --offline), then runs it
# under GNU time (/usr/bin/time -f '%e %M') on one site per case:
#   200-pages   2 MiB of ordinary Markdown in 200 pages of 10 KB (the
#               baseline of the ratios: the same bytes, spread as usual)
#   example     the bundled example playbook
#   50mb        one 50 MB page of ordinary Markdown (paragraphs, links,
#               lists, tables): refused, since it is over the 2 MiB limit
#   2mb         the same Markdown, just under the 2 MiB limit: built
#   2mb-<p>     2 MiB of one pathological pattern (footnotes, wikilinks,
#               emphasis, links, block quotes and lists nested a million
#               levels deep, table columns, HTML): built or refused, never
#               a panic
# One row per case: exit code, median wall seconds, median peak RSS (MiB),
# and both as a ratio of the 200-pages baseline's, measured in this same
# invocation.
set -euo pipefail

RUNS=3
KEEP=0
while getopts "r:kh" opt; do
  case "$opt" in
    r) RUNS=$OPTARG ;;
    k) KEEP=1 ;;
    h) sed -n '2,20p' "$0"; exit 0 ;;
    *) exit 2 ;;
  esac
done

ROOT=$(cd "$(dirname "$0")/.." && pwd)
[ -x /usr/bin/time ] || { echo "hostile.sh: GNU time (/usr/bin/time) is required: apt-get install time" >&2; exit 2; }
command -v python3 >/dev/null || { echo "hostile.sh: python3 is required" >&2; exit 2; }

echo "# cargo build --release --offline" >&2
(cd "$ROOT" && cargo build --release --offline --quiet --bin playbook) || {
  echo "hostile.sh: the release build failed (offline: run \`cargo fetch\` once if crates are missing)" >&2
  exit 2
}
PLAYBOOK=$ROOT/target/release/playbook

WORK=$(mktemp -d "${TMPDIR:-/tmp}/playbook-hostile.XXXXXX")
if [ "$KEEP" = 1 ]; then echo "# work dir: $WORK" >&2; else trap 'rm -rf "$WORK"' EXIT; fi

mkdir -p "$WORK/example"
cp -r "$ROOT/content" "$WORK/example/"
[ -f "$ROOT/playbook.toml" ] && cp "$ROOT/playbook.toml" "$WORK/example/"

python3 - "$WORK" <<'EOF'
import os, sys
work = sys.argv[1]
LIMIT = 2 << 20

def ordinary(size):
    out = ["---\ntitle: Très grande page\ntags: [grande]\n---\n\n"]
    n, i = len(out[0].encode()), 0
    while True:
        i += 1
        chunk = ""
        if i % 200 == 1:
            chunk += f"## Partie {i}\n\n"
        chunk += (f"Paragraphe {i} avec du **gras**, de l'*italique*, un lien vers [[Autre page]], "
                  f"[un fichier](autre.md), une [ancre](#partie-1), du `code` et des accents : été, "
                  f"œuvre, coopération.\n\n- un point\n- un autre point vers [[Autre page#Section]]\n\n"
                  f"| a | b |\n|---|---|\n| {i} | <b>x</b> |\n\n")
        b = len(chunk.encode())
        if n + b > size:
            break
        out.append(chunk)
        n += b
    return "".join(out)

def site(name, text):
    d = os.path.join(work, name, "content")
    os.makedirs(d)
    with open(os.path.join(d, "page.md"), "w") as f:
        f.write(text)
    with open(os.path.join(d, "autre.md"), "w") as f:
        f.write("# Autre page\n\n## Section\n\n[[Très grande page]]\n")

site("50mb", ordinary(50 << 20))
d = os.path.join(work, "200-pages", "content")
os.makedirs(d)
for k in range(200):
    text = ordinary(LIMIT // 200).replace("Très grande page", f"Page {k}", 1)
    with open(os.path.join(d, f"page-{k}.md"), "w") as f:
        f.write(text)
site("2mb", ordinary(LIMIT - 1024))
patterns = {
    "footnote-refs": "x[^a]",
    "footnote-defs": "[^a]: ",
    "wikilinks": "[[a|",
    "links": "[a](",
    "emphasis": "*a **a ",
    "quotes": "> ",
    "lists": "- ",
    "table": "| a ",
    "html": "<div>",
}
for name, pat in patterns.items():
    body = "# P\n\n" + pat * ((LIMIT - 64) // len(pat.encode())) + "x\n"
    site("2mb-" + name, body)
EOF

median() { sort -g | awk '{a[NR]=$1} END {if (NR) print a[int((NR+1)/2)]; else print "NA"}'; }

run_case() { # prints: code wall_median rss_median_kb
  local dir=$1 walls=() rsss=() code=0
  for _ in $(seq "$RUNS"); do
    rm -rf "$dir/public"
    set +e
    /usr/bin/time -o "$WORK/time" -f '%e %M' "$PLAYBOOK" build --root "$dir" >/dev/null 2>"$WORK/stderr"
    code=$?
    set -e
    if [ "$code" -ne 0 ] && [ "$code" -ne 1 ]; then
      echo "hostile.sh: $dir: exit $code (a crash?)" >&2; cat "$WORK/stderr" >&2; exit 1
    fi
    if grep -q panicked "$WORK/stderr"; then
      echo "hostile.sh: $dir: panic" >&2; cat "$WORK/stderr" >&2; exit 1
    fi
    read -r w r < <(tail -1 "$WORK/time")
    walls+=("$w"); rsss+=("$r")
  done
  echo "$code $(printf '%s\n' "${walls[@]}" | median) $(printf '%s\n' "${rsss[@]}" | median)"
}

read -r _ BW BR < <(run_case "$WORK/200-pages")
printf '%-22s %5s %9s %9s %10s %10s\n' case exit wall_s rss_MiB wall_ratio rss_ratio
printf '%-22s %5s %9s %9d %10s %10s\n' 200-pages 0 "$BW" $((BR / 1024)) 1.00 1.00
for d in "$WORK"/example "$WORK"/50mb "$WORK"/2mb "$WORK"/2mb-*; do
  read -r c w r < <(run_case "$d")
  printf '%-22s %5s %9s %9d %10.2f %10.2f\n' "$(basename "$d")" "$c" "$w" $((r / 1024)) \
    "$(echo "$w $BW" | awk '{print ($2 > 0 ? $1 / $2 : 0)}')" \
    "$(echo "$r $BR" | awk '{print $1 / $2}')"
done
