# Reading the content folder (load.rs).
load-content-unreadable = cannot read the content folder: { $reason }
load-content-unreadable-help = run playbook in a site folder that has a `content/` folder, or pass --root
load-skipped = skipped: { $reason }
load-name-not-utf8 = skipped: the file name is not valid UTF-8
load-name-not-utf8-help = rename the file
load-symlink-folder = skipped: symbolic link to a folder
load-symlink-outside = skipped: symbolic link leading outside content/ or nowhere
load-symlink-outside-help = copy the file into content/ if it should be published
load-unreadable = cannot read this file: { $reason }
load-too-large = this page is too large ({ $size } MB; the limit is { $limit } MB), it was not read
load-too-large-help = split it into several pages, and keep images and attachments as separate files in content/
load-utf16 = this file is encoded in UTF-16, not UTF-8
load-not-utf8 = this file is not valid UTF-8 (it looks like { $guess ->
        [latin1] Latin-1 / Windows-1252
       *[unknown] an unknown encoding
    })
load-encoding-help = save it again as UTF-8 (in most editors: « Save as… », UTF-8 encoding)

# I/O errors, by cause.
io-not-found = no such file or folder
io-permission-denied = permission denied
io-already-exists = already exists
io-is-a-directory = it is a folder
io-not-a-directory = it is not a folder
io-storage-full = the disk is full
io-read-only = the disk is read-only
io-invalid-data = unreadable data
io-other = { $reason }

# Front matter (frontmatter.rs, frontmatter/faults.rs).
fm-never-closed = the front matter opened by `{ $delim }` is never closed
fm-never-closed-help = add a line with only `{ $delim }` after the last front-matter field
fm-duplicate-key = the key `{ $key }` appears twice
fm-duplicate-key-help = keep one `{ $key }:` line and delete the other
fm-duplicate-key-kept = in the front matter, { $fault }: the last value is kept
fm-tab = this line is indented with a tab: front matter (YAML) only accepts spaces
fm-tab-help = replace the tab at the start of the line with two spaces
fm-unclosed-quote = the quote { $quote } opened here is never closed
fm-unclosed-quote-help = close the value with a { $quote } at the end of the line, e.g. `title: { $quote }My title{ $quote }`
fm-unclosed-bracket = the `{ $open }` opened on this line is never closed by `{ $close }`
fm-unclosed-bracket-help = close it with `{ $close }` on the same line: `{ $example }`
fm-after-quote = text follows the closing quote of the value
fm-after-quote-help = put the whole value inside the quotes, or delete what follows the closing quote
fm-colon = the value of `{ $key }` holds ": " without quotes: YAML reads a new key there
fm-colon-help = put the value in quotes: `{ $example }`
fm-too-deep = the front matter is nested too deeply
fm-too-deep-help = front matter is `key: value` lines; close every `[` and `{"{"}`
fm-too-large = the front matter is too large or too deeply nested once its `*aliases` are expanded
fm-too-large-help = write the values out; front matter is a few `key: value` lines
fm-yaml-other = the front matter is not valid YAML (the YAML reader says: "{ $reason }")
fm-yaml-other-help = front matter is `key: value` lines between two `---` lines; quote values that contain `:` or `#`
fm-toml-duplicate-key = the key `{ $key }` appears twice
fm-toml-duplicate-key-help = keep one `{ $key } = …` line and delete the other
fm-toml-other = the TOML front matter is not valid (the TOML reader says: "{ $reason }")
fm-toml-other-help = front matter between `+++` lines is TOML: `key = "value"`
fm-not-text = `{ $key }` must be text, found { $found }
fm-not-text-help = write `{ $key }: some text`
fm-bad-list-item = `{ $key }` must be a list of names, found an item that is { $found }
fm-not-list = `{ $key }` must be a list, found { $found }
fm-list-help = write `{ $key }: ["First Last", "Other Name"]`
fm-not-integer = `{ $key }` must be a whole number, found { $found }
fm-not-integer-help = write `{ $key }: 3`
fm-not-bool = `{ $key }` must be true or false, found { $found }
fm-not-bool-help = write `{ $key }: true`
fm-not-fields = the front matter must be a set of `key: value` fields, found { $found }
fm-not-fields-help = write one `key: value` per line, e.g. `title: My title`
fm-unknown-kind = unknown page kind `{ $kind }`
fm-unknown-kind-help = use one of: minutes, guide, typology, cartographie, page
fm-bad-rotation = each rotation must be a set of fields, found { $found }
fm-bad-rotation-help = write `- {"{"} number: 1, title: "…", start: "14h35", end: "14h55" {"}"}`
fm-rotations-not-list = `rotations` must be a list, found { $found }
fm-rotations-not-list-help = write one `- title: …` entry per rotation

# What a value is, in the messages above.
value-nothing = nothing
value-bool = `{ $value }`
value-number = the number { $value }
value-text = the text `{ $value }`
value-list = a list
value-table = a table of keys
fm-bad-date = `{ $field }: { $value }` is not a date I can read; it is ignored
fm-bad-date-help = write `{ $field }: 2025-08-12` (year-month-day)

# Other tools' Markdown (markdown/dialect*).
dialect-note-help = write it as playbook reads it (see docs/syntaxes.md), or remove it
gitbook-never-closed = `{"{"}% { $tag } %{"}"}` is never closed (`{"{"}% end{ $tag } %{"}"}`): it ends with the page
gitbook-container-inline = the GitBook tag `{"{"}% { $tag } %{"}"}` must stand alone on its line to be read; it was dropped
gitbook-unknown-tag = the tag `{"{"}% { $tag } %{"}"}` is not known: it was dropped (the text around it is kept)
gitbook-end-closes-nothing = `{"{"}% end{ $tag } %{"}"}` closes nothing: it was dropped
gitbook-end-closes-inner = `{"{"}% end{ $tag } %{"}"}` also closes the tags opened inside it

# Files that could run script (active.rs, svg.rs).
active-file = a `.{ $ext }` file is not published: a browser would run the script it may hold on the site
active-file-help = move it out of content/, or show its text in a page inside a ``` code block (sites that trust their authors may set `unsafe_html = true` under [markdown] in playbook.toml)
active-svgz = a compressed `.svgz` drawing cannot be checked for script, so it is not published
active-svgz-help = save the drawing as plain `.svg`
active-in-svg = this SVG drawing holds { $what }{ $more ->
        [0] {""}
        [one] {" "}(and 1 more thing that runs script)
       *[other] {" "}(and { $more } more things that run script)
    }, which a browser would run: the published copy leaves it out
active-in-svg-help = remove it from the drawing (in Inkscape: File › Save a copy… › Optimised SVG), or export the drawing as PNG
active-in-xml = this XML file holds { $what }{ $more ->
        [0] {""}
        [one] {" "}(and 1 more thing that runs script)
       *[other] {" "}(and { $more } more things that run script)
    }: a browser would run it on the site, so it is not published
active-in-xml-help = remove it from the file, or publish the data in another format (CSV, JSON)
active-unreadable = this { $kind ->
        [svg] SVG drawing
       *[xml] XML file
    } cannot be read, so it is not published: { $reason }
active-unreadable-svg-help = open it in a drawing program and save it again as plain SVG, or export it as PNG
active-unreadable-xml-help = fix the XML (a validator names the fault), or publish the data in another format (CSV, JSON)
active-stylesheet = a style sheet instruction (XSLT can write script)
active-entity = an XML entity declaration
active-element = a <{ $element }> element
active-html = HTML content (<{ $element }>), which a browser shows as a page
active-animation = an animation that changes `{ $attribute }`
active-handler = an event handler attribute (`{ $attribute }`)
active-srcdoc = an embedded HTML document (`srcdoc`)
active-url = a `{ $scheme }:` URL in `{ $attribute }`
xml-malformed = { $reason }
svg-not-svg = this is not an SVG drawing: its root element is <{ $root }>

# Addresses (assemble.rs, collide.rs).
address-reserved = the address `{ $address }` is reserved for a page playbook generates
address-reserved-folder-help = rename the folder
address-reserved-file-help = rename the file or its folder
address-collision = this { $kind } would be published at `{ $wanted }`, like the { $first_kind } `{ $first }`: it is published at `{ $given }` instead
address-collision-help = rename one of the two (names that differ only by case, accents, spaces or punctuation give the same address); links by path reach each one
address-generated-file = this file would replace `{ $file }`, which playbook generates
address-generated-file-help = rename or move the file: playbook writes this address itself

# The site's settings (config.rs).
config-invalid = playbook.toml is not valid: { $reason }
config-keys-help = known keys: { $keys }
config-language = unsupported language `{ $language }`
config-language-help = use `fr` or `en`

# People and credits (credits/people_file.rs, check.rs).
people-toml = the people file is not valid: { $reason }
people-entry = person `{ $id }`: { $reason }
people-help = each person is a table: `[anne-berlemont]` then `name = "Anne Berlemont"`, and optionally `structure = "…"`, `aliases = ["anne"]`, `emails = ["…"]`, or `group = true` for a collective mention such as `Tout le groupe`
people-empty-name = person `{ $id }` has an empty `name`
people-empty-name-help = write the name to display, e.g. `name = "Anne Berlemont"`
people-group-emails = group `{ $id }` has `emails`: a group never makes a commit
people-group-emails-help = remove `emails`, or `group = true` if this is one person
people-shared = person `{ $id }` shares the { $what } with `{ $other }` (line { $line })
people-shared-help = a name, alias or email may belong to one person only
people-same-address = person `{ $id }` has the same address as line { $line }
lookalike-page = `{ $spelling }` looks like `{ $like }` but is credited as another person
lookalike-git = the git author `{ $spelling }` looks like `{ $like }` but is credited as another person
lookalike-help = if they are the same person, list `{ $spelling }` among the `aliases` of `{ $like }` in { $file }

# check's own findings (check.rs).
orphan = orphan page: no page links to it
orphan-help = link to it from a related page or from its section's _index.md
placeholder = `{ $field }` is still « { $value } », the value `playbook new` left
placeholder-help = { $field ->
        [axis] replace it with the typology's axis (for example Intensité, Origine or Périmètre)
        [level] replace it with this page's level on its axis (1, 2, 3…)
       *[other] replace it with the right value, or delete the line
    }
placeholder-sample = the sample text of `playbook new` is still there
placeholder-sample-help = replace it with the workshop's question and what was said

# Stakeholder maps (stakeholders/mod.rs): an actor or a link left out.
sh-not-a-list = `{ $key }` must be a list of actors, found { $found }
sh-not-a-list-help = write one `- name: …` line per actor under `actors:`
sh-duplicate = the actor `{ $name }` is already on the map; this one is left out
sh-duplicate-help = give it another name, or delete one of them
sh-link-unknown = the link from `{ $from }` to `{ $to }` is left out: no other actor of the map has this name
sh-link-unknown-help = write the name of another actor: { $names }
sh-no-actor = this stakeholder map has no actor
sh-no-actor-help = list them under `actors:`, one `- name: …` each, with `influence` and `interest` from 1 to 5
sh-actor-not-fields = actor #{ $n } is left out: it is { $found }, not a set of fields
sh-actor-not-fields-help = write `- {"{"} name: "DG", influence: 5, interest: 4, attitude: ally {"}"}`
sh-actor-no-name = actor #{ $n } is left out: it has no `name`
sh-actor-no-name-help = add `name: "…"` (a person, a service, an organisation)
sh-bad-score = the actor `{ $name }` is left out: `{ $field }` must be a number from 1 to 5 ({ $found })
sh-no-score = the actor `{ $name }` is left out: `{ $field }` must be a number from 1 to 5
sh-score-help = write `{ $field }: 3` (1: very low, 5: very high)
sh-kind-unknown = the kind `{ $kind }` of `{ $name }` is unknown; it is filed as `other`
sh-kind-unknown-help = use one of: elected, management, service, staff, partner, user, other
sh-attitude-unknown = the attitude `{ $attitude }` of `{ $name }` is unknown; it is shown as `unknown`
sh-attitude-unknown-help = use one of: ally, neutral, reluctant, opposed, unknown
sh-link-no-target = a link of `{ $name }` is left out: it does not say to whom
sh-link-no-target-help = write `- {"{"} to: "Another actor's name", label: "reports to" {"}"}`
sh-links-not-list = the links of `{ $name }` are left out: found { $found }, not a list
sh-links-not-list-help = write one `- {"{"} to: "…", label: "…" {"}"}` line per link under `links:`
# What a value is, in the messages above.
sh-value-nothing = nothing
sh-value-bool = `{ $value }`
sh-value-number = the number { $value }
sh-value-text = the text `{ $value }`
sh-value-list = a list
sh-value-fields = a set of fields

# Actions ("Prochains pas"): what `check` says of a task item.
action-no-owner = action without an owner: “{ $what }”
action-no-owner-help = name who carries it: `@Name`, `@[[Full Name]]`, or `who:` in the front matter
action-bad-date = cannot read the due date `{ $date }`
action-bad-date-help = write the date as `📅 2025-03-31` or `(échéance : 31/03/2025)`
action-overdue = action past due (due { $due }, today is { $today }): “{ $what }”
action-overdue-help = tick it `[x]` if it is done, or move its date
