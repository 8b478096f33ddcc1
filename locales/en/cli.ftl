# Command-line messages (cli/*.rs).
cli-error = error: { $message }
cli-summary = {" "}({ $warnings ->
        [0] {""}
        [one] 1 warning
       *[other] { $warnings } warnings
    }{ $warnings ->
        [0] {""}
       *[other] { $notes ->
            [0] {""}
           *[other] ,{" "}
        }
    }{ $notes ->
        [0] {""}
        [one] 1 link to pages to create
       *[other] { $notes } links to pages to create
    })
cli-build-failed = error: the build failed with { $errors } error(s) and { $warnings } warning(s); the previous output was left untouched

# serve (serve/mod.rs).
serve-bad-address = `{ $bind }` is not an IP address to listen on (try 127.0.0.1)
serve-port-taken = port { $port } on { $bind } is already in use (or not allowed); choose another with --port
serve-no-free-port = no free port between 1111 and 1210; choose one with --port
serve-not-ip = not an IP socket
serve-cannot-watch = cannot watch the site's files
serve-serving = serving { $root } at { $address } (Ctrl-C to stop)
serve-no-config = the site's configuration (playbook.toml) could not be read
serve-stopped = stopped
serve-ctrlc = cannot install the Ctrl-C handler
serve-watch-new-folder = warning: cannot watch a new folder: { $reason }
serve-changed = { $paths } paths changed: { $parsed } pages parsed, { $rendered } files rendered, { $reused } reused
serve-built = { $first ->
        [yes] built
       *[no] rebuilt
    } { $files } files in { $ms } ms
serve-still-online = the previous version stays online until this is fixed
serve-overlay-title = playbook: the last change could not be published

# new (cli/new.rs).
new-no-slug = the title `{ $title }` has no letter or digit to make a file name from
new-exists = `{ $page }` already exists; choose another title or edit that page
new-stakeholders = to fill in: replace the sample actors of { $page } with yours (name, organisation, kind, influence and interest from 1 to 5, attitude); `playbook check` reports what it cannot read
new-typology = to fill in: `axis` and `level` are « { $value } » in { $page }; `playbook check` reports them until they are filled in
new-guide-first = first step of the guide (`order: 1`)
    help: the next steps will take 2, 3…; to change the order, change `order` in { $page }
new-guide-step = step { $order } of the guide, after « { $previous } »
    help: to put it elsewhere, change `order: { $order }` in { $page }{ $prefixed ->
        [yes] {" "}and the number at the start of the file name
       *[no] {""}
    }{ $has_index ->
        [yes] {" "}; if { $index } lists the steps, add [[{ $title }]] to it
       *[no] {""}
    }

# init (cli/init.rs).
init-created = created a playbook ({ $files } files) in `{ $dir }`; build it with `{ $command }`
init-ci-gitlab = wrote `.gitlab-ci.yml`: on GitLab, every push checks, builds and publishes the site (GitLab Pages, or rsync to the intranet: see "Publier sur l'intranet" in playbook's README); delete it outside GitLab
init-not-empty = `{ $dir }` is not empty (it holds `{ $file }`); playbook init only writes into a new or empty folder
init-git-committed = git repository created with a first commit ({ $hash }): the pages' credits will come from its history
init-git-missing = warning: git is not installed, `{ $dir }` is not a git repository; credits will come from the front matter alone
    help: install git, then: { $cd }git init && git add -A && git commit -m "New playbook"
init-git-inside = `{ $dir }` is already inside the git repository `{ $top }`: no new repository, nothing committed
    help: to version the playbook: { $cd }git add -A && git commit -m "New playbook"
init-git-no-identity = warning: git repository created, but without a first commit: git does not know who you are (user.name and user.email are not set)
    help: give your name and address (the pages' credits come from the commits), then make the first commit:
    {"  "}git config --global user.name "First Last"
    {"  "}git config --global user.email "first.last@example.org"
    {"  "}{ $cd }git commit -m "New playbook"
init-git-failed = warning: `{ $command }` failed ({ $reason }): the playbook is created, but without a first commit
    help: fix the cause, then: { $cd }git add -A && git commit -m "New playbook"

# package-files (cli/package_files.rs, hidden: scripts/deb.sh runs it).
package-files-man = cannot render the man page `{ $command }`

# import (cli/import.rs, pad/).
import-bad-date = --date `{ $date }` is not a date: write YYYY-MM-DD
import-stdin = standard input
import-file = `{ $file }`
import-cannot-read = cannot read { $pad }
import-failed = cannot import { $pad }: { $reason }
import-exists = `{ $page }` already exists; pass --force to replace it
import-latin1 = warning: { $pad } is not valid UTF-8; it was read as Windows-1252 (Latin-1)
import-done = imported « { $title } »: { $facilitators } facilitator(s), { $rotations } rotation(s), { $weather } weather { $weather ->
        [one] entry
       *[other] entries
    }
import-undated = warning: the pad gives no date for the workshop; the page is dated today ({ $today })
    help: if the workshop took place another day, delete `{ $page }` and run again with its date: playbook import { $pad } --date YYYY-MM-DD
pad-empty = the pad is empty: it has no line with letters or digits
pad-binary = this is not a pad's text export: line { $line } holds binary data

# build and check (cli/build.rs, cli/check.rs).
build-done = built { $pages } pages ({ $files } files, { $changed } new or changed) into { $out } in { $ms } ms
check-links = { $total } links: { $pages } to pages, { $files } to files, { $missing } to pages to create, { $broken } broken
check-done = checked { $pages } pages: { $errors } error(s), { $warnings } warning(s), { $notes } note(s)

# Finding the site (cli/root.rs).
not-a-site = no playbook site here: neither `playbook.toml` nor a `content/` folder in `{ $dir }` or in the folders above it
    help: run playbook inside a site's folder, pass --root DIR, or start a site with `playbook init`
