# Diagnostics: how a problem in a file is shown (check, build, serve).
# `$severity` is error, warning or note.
diag-line = { $severity ->
        [error] : error: { $message }
        [warning] : warning: { $message }
       *[note] : note: { $message }
    }
diag-help = {"  "}help: { $help }
diag-not-published = this page is not published: { $reason }
error-cause = { $error }: { $cause }

# Themes and templates (theme.rs, render/template.rs).
theme-not-found = theme `{ $name }` not found: no folder themes/{ $name }/
theme-not-found-help = create the folder, or remove the `theme` key to use the default theme
template-error = template error: { $reason }
template-error-rendering = { $error } (while rendering { $page })

# Writing the site (output.rs).
output-refused = refusing to write the site into `{ $folder }`: { $why ->
        [root] it is the root of the file system
        [home] it is your home folder
        [site] it is the site folder itself
        [contains-content] it contains the `content/` folder
        [inside-content] it is inside the `content/` folder
       *[looks-like-site] it looks like a playbook site (it has content/ or playbook.toml)
    }; choose another folder with --out
output-not-ours = `{ $path }` is not a folder playbook made: move it away, then build again
output-not-folder = `{ $path }` exists and is not a folder
output-not-cleared = the site is built, but the previous output could not be cleared from `{ $path }`
output-foreign-files = the output folder `{ $folder }` holds files playbook did not create and would overwrite: { $files }{ $more ->
        [0] {""}
       *[other] {" "}and { $more } more
    }; move them away or choose another folder with --out (nothing was changed)
output-manifest = cannot write the manifest
output-no-parent = the output folder has no parent folder
output-no-name = the output folder has no name
thread-panicked = a build thread stopped on an internal error
fs-cannot = cannot { $action ->
        [read] read
        [create] create
        [create-the-staging-folder] create the staging folder
        [keep-hardlink] keep (hard link failed)
        [keep-the-link] keep the link
        [lock] lock
        [move-aside] move aside
        [move-the-site-into] move the site into
        [open] open
        [remove] remove
        [remove-the-stale-staging-folder] remove the stale staging folder
        [replace] replace
        [restore] restore
        [swap-the-new-site-into] swap the new site into
       *[write] write
    } `{ $path }`
fs-cannot-copy = cannot copy `{ $from }` to `{ $path }`

# Credits from git (build.rs).
git-missing = note: git is not installed (no `git` command found): credits come from the front matter alone
git-not-a-repository = note: the content folder is not in a git repository: credits come from the front matter alone
git-unreadable = warning: cannot read the git history ({ $reason }): credits come from the front matter alone
git-shallow = warning: this is a shallow clone: the git history is partial, so changes are credited only from the oldest commit present (nobody is credited with writing a page from git); run `git fetch --unshallow` for full credits
no-content = no `content/` folder in `{ $root }`: run playbook in a site folder, or pass --root
output-left-as-it-was = the previous `{ $out }` was left as it was
output-failed = { $error }
    the previous `{ $out }` was left as it was
    help: { $cause ->
        [full] free some space on that disk (the new site is written beside the old one before it replaces it), then build again
        [read-only] the output folder is on a read-only disk: build into another folder with --out
        [denied] playbook may not write there: build into another folder with --out
       *[other] fix the problem above, then build again
    }

# The printable documents (`[print] sections`, `<section>/imprimer/`).
print-unknown-section = `[print] sections` names `{ $name }`, which is no folder of `content/`
print-unknown-section-help = write the folder's path under `content/`, like `ateliers`
print-reserved-address = the address `{ $url }` is reserved for the printable version of the section
print-reserved-address-help = rename the file or its folder
