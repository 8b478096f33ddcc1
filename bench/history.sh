#!/usr/bin/env bash
# history.sh - time playbook's git history pass against a bare `git log`.
#
# Usage: bench/history.sh [-r RUNS] [-p PAGES] [-c COMMITS] [-s SEED] [-k]
#   -r  timed runs per command (default 5), after one untimed warm-up
#   -p  pages in the generated repository (default 10000)
#   -c  commits (default 20000)
#   -s  generator seed (default 1)
#   -k  keep the generated repository and print its path
#   -R  reuse a repository kept by an earlier -k run (REPO is its path)
#
# Generates a repository with `git fast-import` (deterministic; Python 3
# standard library): PAGES Markdown pages under content/ in 100 folders,
# COMMITS commits by 12 authors (some with a second email mapped by
# .mailmap, two bots), about 10% with Co-authored-by trailers, 1% renaming a
# page (most unchanged, some edited), 5% also touching files outside
# content/. The work tree is checked out, as a user's would be.
#
# Then runs each command once as a warm-up, then RUNS rounds of all of them
# in turn, and prints the median wall and CPU (user + sys, children
# included) seconds of each:
#   history   target/release/examples/history (playbook::git::read_history:
#             rev-parse, status, the log pass, check-mailmap, parsing and
#             aggregation)
#   log       git log --name-status (the floor: one bare pass, output to
#             /dev/null)
#   ours      our git log command alone (for the breakdown)
#   pathspec  the same restricted by a pathspec instead of --relative
# and the ratio history / log. All run without the user's or the system's
# git configuration (GIT_CONFIG_GLOBAL=/dev/null).
set -euo pipefail

RUNS=5
PAGES=10000
COMMITS=20000
SEED=1
KEEP=0
REUSE=
while getopts "r:p:c:s:kR:h" opt; do
  case "$opt" in
    r) RUNS=$OPTARG ;;
    p) PAGES=$OPTARG ;;
    c) COMMITS=$OPTARG ;;
    s) SEED=$OPTARG ;;
    k) KEEP=1 ;;
    R) REUSE=$OPTARG ;;
    h) sed -n '2,32p' "$0"; exit 0 ;;
    *) exit 2 ;;
  esac
done

ROOT=$(cd "$(dirname "$0")/.." && pwd)
command -v python3 >/dev/null || { echo "history.sh: python3 is required" >&2; exit 2; }
command -v git >/dev/null || { echo "history.sh: git is required" >&2; exit 2; }
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_SYSTEM=/dev/null GIT_CONFIG_NOSYSTEM=1

echo "# cargo build --release --offline --example history" >&2
(cd "$ROOT" && cargo build --release --offline --quiet --example history)
BIN=$ROOT/target/release/examples/history

# The fast-import stream of the generated history, on stdout.
generate() {
python3 - "$PAGES" "$COMMITS" "$SEED" <<'PY'
import random, sys

pages, commits, seed = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)
out = sys.stdout.buffer

AUTHORS = [
    ("Anne Berlemont", "anne.berlemont@ville.example"),
    ("Florence Mensah", "florence.mensah@ville.example"),
    ("Karim Haddad", "karim.haddad@agglo.example"),
    ("Léa Martin", "lea.martin@ville.example"),
    ("Jérôme Petit", "jerome.petit@cnfpt.example"),
    ("Sophie Nguyen", "sophie.nguyen@ville.example"),
    ("Marc Dubois", "marc.dubois@departement.example"),
    ("Chloé Bernard", "chloe.bernard@ville.example"),
    ("Yannick Le Goff", "yannick.legoff@region.example"),
    ("Inès Moreau", "ines.moreau@ville.example"),
    ("Paul Girard", "paul.girard@ville.example"),
    ("Nadia Benali", "nadia.benali@agglo.example"),
]
# Second spellings and addresses, merged by .mailmap.
ALIASES = [
    ("anne", "anne@perso.example"),
    ("Flo M.", "flo@perso.example"),
    ("karim", "karim@laptop.local"),
]
BOTS = [
    ("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com"),
    ("renovate[bot]", "29139614+renovate[bot]@users.noreply.github.com"),
]
WORDS = ("atelier collaboration agents service direction mairie partage notes "
         "guide étape rôle animation relecture décision usagers projet outil "
         "réunion synthèse équipe territoire pratique retour expérience").split()

def line():
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 14))).capitalize() + "."

def data(b):
    out.write(b"data %d\n" % len(b))
    out.write(b)
    out.write(b"\n")

texts = {}      # path -> list of lines
live = []       # paths, for random picks
index = {}      # path -> position in live
folders = ["content/%02d-dossier" % i for i in range(100)]
next_page = 0
t = 1_500_000_000

def add_path(p):
    index[p] = len(live)
    live.append(p)

def remove_path(p):
    i = index.pop(p)
    last = live.pop()
    if i < len(live):
        live[i] = last
        index[last] = i

mailmap = "".join("%s <%s> <%s>\n" % (AUTHORS[i][0], AUTHORS[i][1], ALIASES[i][1]) for i in range(len(ALIASES)))
# Pages are created over the first half of the commits, on average.
create_every = max(1, (commits // 2) // max(1, pages))

for n in range(commits):
    t += rng.randint(600, 7200)
    ops = []
    r = rng.random()
    if r < 0.02:
        who = rng.choice(BOTS)
    elif r < 0.10:
        who = ALIASES[rng.randrange(len(ALIASES))]
    else:
        who = AUTHORS[min(int(rng.expovariate(0.35)), len(AUTHORS) - 1)]
    subject = "%s : %s" % (rng.choice(["Complète", "Relit", "Corrige", "Ajoute", "Reformule"]), rng.choice(WORDS))
    body = ""
    if rng.random() < 0.10:
        co = rng.sample(AUTHORS + ALIASES[:1], rng.randint(1, 2))
        body = "\n\n" + "\n".join("Co-authored-by: %s <%s>" % c for c in co)
    # New pages: enough to reach `pages` by the middle of the history.
    remaining = commits - n
    todo = pages - next_page
    new = 0
    if todo > 0:
        new = todo if remaining <= commits // 2 else (1 if n % create_every == 0 else 0)
        if n < commits // 2 and rng.random() < 0.5 and todo > remaining // 2:
            new = min(todo, rng.randint(1, 8))
        new = min(new, todo, 50 if remaining > commits // 2 else todo)
    for _ in range(new):
        p = "%s/page-%05d.md" % (rng.choice(folders), next_page)
        next_page += 1
        texts[p] = ["---", "title: Page %d" % next_page, "---", ""] + [line() for _ in range(rng.randint(5, 20))]
        add_path(p)
        ops.append(("M", p))
    if live and rng.random() < 0.01:
        old = rng.choice(live)
        newp = "%s/%s" % (rng.choice(folders), old.rsplit("/", 1)[1])
        if newp not in texts:
            texts[newp] = texts.pop(old)
            if rng.random() < 0.3:
                texts[newp].append(line())
            remove_path(old)
            add_path(newp)
            ops.append(("D", old))
            ops.append(("M", newp))
    if live and (not ops or rng.random() < 0.3):
        for p in rng.sample(live, min(len(live), rng.randint(1, 4))):
            if any(q == p for _, q in ops):
                continue
            lines = texts[p]
            i = rng.randrange(4, len(lines) + 1)
            if i < len(lines) and rng.random() < 0.6:
                lines[i] = line()
            else:
                lines.insert(i, line())
            ops.append(("M", p))
    if n == 0:
        ops.append(("X", ".mailmap"))
    if rng.random() < 0.05:
        ops.append(("X", "src/code-%d.txt" % rng.randrange(50)))

    ident = ("%s <%s> %d +0200" % (who[0], who[1], t)).encode()
    out.write(b"commit refs/heads/main\n")
    out.write(b"author " + ident + b"\ncommitter " + ident + b"\n")
    data((subject + body).encode())
    for kind, p in ops:
        if kind == "D":
            out.write(("D %s\n" % p).encode())
        elif kind == "M":
            out.write(("M 100644 inline %s\n" % p).encode())
            data(("\n".join(texts[p]) + "\n").encode())
        elif p == ".mailmap":
            out.write(b"M 100644 inline .mailmap\n")
            data(mailmap.encode())
        else:
            out.write(("M 100644 inline %s\n" % p).encode())
            data(("%d %d\n" % (n, t)).encode())
    out.write(b"\n")
PY
}

if [ -n "$REUSE" ]; then
  REPO=$REUSE
else
  TMP=$(mktemp -d)
  if [ "$KEEP" = 1 ]; then echo "# kept: $TMP/repo" >&2; else trap 'rm -rf "$TMP"' EXIT; fi
  REPO=$TMP/repo
  git init -q -b main "$REPO"
  echo "# generating $PAGES pages, $COMMITS commits (seed $SEED)" >&2
  generate | git -C "$REPO" fast-import --quiet
  git -C "$REPO" reset -q --hard
  git -C "$REPO" gc -q
fi
echo "# $(git -C "$REPO" rev-list --count HEAD) commits, $(git -C "$REPO" ls-files content | wc -l) pages" >&2

echo "# what the history pass finds:" >&2
"$BIN" "$REPO" content >&2

# One warm-up of each command, then RUNS rounds running each once, in turn
# (so that a change of machine load hits every command alike).
python3 - "$RUNS" "$BIN" "$REPO" <<'PY'
import resource, statistics, subprocess, sys, time

runs, binary, repo = int(sys.argv[1]), sys.argv[2], sys.argv[3]
fmt = "--format=%x1e%H%x00%aI%x00%at%x00%aN%x00%aE%x00%s%x00%(trailers:key=Co-authored-by,valueonly,separator=%x1f)"
cmds = {
    "history": [binary, repo, "content"],
    "log": ["git", "-C", repo, "log", "--name-status"],
    "ours": ["git", "-C", repo + "/content", "log", "--no-merges", "--relative", "-M", "--name-status", "-z", fmt],
    "pathspec": ["git", "-C", repo, "log", "--no-merges", "-M", "--name-status", "-z", fmt, "--", "content"],
}

def run(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu

for cmd in cmds.values():
    run(cmd)
walls = {k: [] for k in cmds}
cpus = {k: [] for k in cmds}
for _ in range(runs):
    for name, cmd in cmds.items():
        w, c = run(cmd)
        walls[name].append(w)
        cpus[name].append(c)
med = lambda v: statistics.median(v)
notes = {
    "history": "read_history (example binary), all processes",
    "log": "git log --name-status (the floor)",
    "ours": "our git log command alone (--relative in content/)",
    "pathspec": "the same restricted by a pathspec (-- content) instead",
}
print("%-9s %9s %9s  %s" % ("pass", "wall s", "cpu s", "(medians of %d)" % runs))
for name in cmds:
    print("%-9s %9.3f %9.3f  %s" % (name, med(walls[name]), med(cpus[name]), notes[name]))
print("ratio history / bare git log: %.2fx wall, %.2fx cpu (goal < 1.5x)" % (
    med(walls["history"]) / med(walls["log"]), med(cpus["history"]) / med(cpus["log"])))
PY
