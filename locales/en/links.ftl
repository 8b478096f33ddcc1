# Links and anchors (link.rs).
link-embed-cycle = this embed would show a page inside itself ({ $pages }): it is shown as a link there
link-embed-cycle-help = embed a section (`![[Page#Section]]`) that does not hold this embed, or link to it
link-ambiguous = `[[{ $target }]]` is ambiguous: { $pages }; using the nearest, { $chosen }
link-ambiguous-help = write the folder too, e.g. `[[dossier/page]]`, or add an alias
link-to-create-wiki = page to create: `[[{ $target }]]`
link-to-create-wiki-help = write that page, or fix the link's spelling
link-to-create = page to create: `{ $target }`
link-to-create-help = write that page, or fix the link's path (relative to this file's folder)
link-broken = broken link: nothing at `{ $target }` in content/
link-broken-help = check the path, relative to this file's folder
link-unpublished = this link leads to `content/{ $source }`, which is not published (see its own warning)
link-unpublished-help = fix that page; the link works again once it is published
anchor-other-tool = the anchor `{ $anchor }` is written for another tool: it leads to `#{ $id }`
anchor-other-tool-help = write `#{ $id }`
anchor-broken = broken anchor: `{ $page }` has no section `{ $anchor }`
anchor-broken-no-headings = that page has no headings
anchor-broken-sections = its sections are: { $sections }
