# Links and anchors (link.rs).
link-embed-cycle = cette inclusion montrerait une page à l'intérieur d'elle-même ({ $pages }) : elle est affichée comme un lien à cet endroit
link-embed-cycle-help = incluez une section (`![[Page#Section]]`) qui ne contient pas cette inclusion, ou faites un lien
link-ambiguous = `[[{ $target }]]` est ambigu : { $pages } ; la plus proche est choisie, { $chosen }
link-ambiguous-help = écrivez aussi le dossier, par exemple `[[dossier/page]]`, ou ajoutez un alias
link-to-create-wiki = page à créer : `[[{ $target }]]`
link-to-create-wiki-help = écrivez cette page, ou corrigez l'orthographe du lien
link-to-create = page à créer : `{ $target }`
link-to-create-help = écrivez cette page, ou corrigez le chemin du lien (relatif au dossier de ce fichier)
link-broken = lien cassé : rien à `{ $target }` dans content/
link-broken-help = vérifiez le chemin, relatif au dossier de ce fichier
link-unpublished = ce lien mène à `content/{ $source }`, qui n'est pas publiée (voir son propre avertissement)
link-unpublished-help = corrigez cette page ; le lien fonctionnera de nouveau une fois qu'elle sera publiée
anchor-other-tool = l'ancre `{ $anchor }` est écrite pour un autre outil : elle mène à `#{ $id }`
anchor-other-tool-help = écrivez `#{ $id }`
anchor-broken = ancre cassée : `{ $page }` n'a pas de section `{ $anchor }`
anchor-broken-no-headings = cette page n'a pas de titres de section
anchor-broken-sections = ses sections sont : { $sections }
