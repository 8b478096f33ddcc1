# Reading the content folder (load.rs).
load-content-unreadable = impossible de lire le dossier des pages : { $reason }
load-content-unreadable-help = lancez playbook dans le dossier d'un site qui a un dossier `content/`, ou passez --root
load-skipped = ignoré : { $reason }
load-name-not-utf8 = ignoré : le nom du fichier n'est pas en UTF-8
load-name-not-utf8-help = renommez le fichier
load-symlink-folder = ignoré : lien symbolique vers un dossier
load-symlink-outside = ignoré : lien symbolique qui mène hors de content/ ou nulle part
load-symlink-outside-help = copiez le fichier dans content/ s'il doit être publié
load-unreadable = impossible de lire ce fichier : { $reason }
load-too-large = cette page est trop grande ({ $size } Mo ; la limite est de { $limit } Mo), elle n'a pas été lue
load-too-large-help = découpez-la en plusieurs pages, et gardez les images et pièces jointes en fichiers séparés dans content/
load-utf16 = ce fichier est encodé en UTF-16, pas en UTF-8
load-not-utf8 = ce fichier n'est pas en UTF-8 valide ({ $guess ->
        [latin1] il semble encodé en Latin-1 / Windows-1252
       *[unknown] son encodage est inconnu
    })
load-encoding-help = enregistrez-le de nouveau en UTF-8 (dans la plupart des éditeurs : « Enregistrer sous… », encodage UTF-8)

# I/O errors, by cause.
io-not-found = fichier ou dossier introuvable
io-permission-denied = permission refusée
io-already-exists = existe déjà
io-is-a-directory = c'est un dossier
io-not-a-directory = ce n'est pas un dossier
io-storage-full = le disque est plein
io-read-only = le disque est en lecture seule
io-invalid-data = données illisibles
io-other = { $reason }

# Front matter (frontmatter.rs, frontmatter/faults.rs).
fm-never-closed = le front matter ouvert par `{ $delim }` n'est jamais fermé
fm-never-closed-help = ajoutez une ligne avec seulement `{ $delim }` après le dernier champ du front matter
fm-duplicate-key = la clé `{ $key }` apparaît deux fois
fm-duplicate-key-help = gardez une seule ligne `{ $key }:` et supprimez l'autre
fm-duplicate-key-kept = dans le front matter, { $fault } : la dernière valeur est gardée
fm-tab = cette ligne est indentée avec une tabulation : le front matter (YAML) n'accepte que des espaces
fm-tab-help = remplacez la tabulation en début de ligne par deux espaces
fm-unclosed-quote = le guillemet { $quote } ouvert ici n'est jamais fermé
fm-unclosed-quote-help = fermez la valeur par un { $quote } à la fin de la ligne, par exemple `title: { $quote }Mon titre{ $quote }`
fm-unclosed-bracket = le `{ $open }` ouvert sur cette ligne n'est jamais fermé par `{ $close }`
fm-unclosed-bracket-help = fermez-le par `{ $close }` sur la même ligne : `{ $example }`
fm-after-quote = du texte suit le guillemet fermant de la valeur
fm-after-quote-help = mettez toute la valeur entre les guillemets, ou supprimez ce qui suit le guillemet fermant
fm-colon = la valeur de `{ $key }` contient « : » sans guillemets : le YAML y voit une nouvelle clé
fm-colon-help = mettez la valeur entre guillemets : `{ $example }`
fm-too-deep = le front matter est imbriqué trop profondément
fm-too-deep-help = le front matter, ce sont des lignes `clé: valeur` ; fermez chaque `[` et chaque `{"{"}`
fm-too-large = le front matter est trop grand ou trop imbriqué une fois ses `*alias` développés
fm-too-large-help = écrivez les valeurs en entier ; le front matter, ce sont quelques lignes `clé: valeur`
fm-yaml-other = le front matter n'est pas du YAML valide (le lecteur YAML dit : « { $reason } »)
fm-yaml-other-help = le front matter, ce sont des lignes `clé: valeur` entre deux lignes `---` ; mettez entre guillemets les valeurs qui contiennent `:` ou `#`
fm-toml-duplicate-key = la clé `{ $key }` apparaît deux fois
fm-toml-duplicate-key-help = gardez une seule ligne `{ $key } = …` et supprimez l'autre
fm-toml-other = le front matter TOML n'est pas valide (le lecteur TOML dit : « { $reason } »)
fm-toml-other-help = le front matter entre deux lignes `+++` est du TOML : `clé = "valeur"`
fm-not-text = `{ $key }` doit être du texte, pas { $found }
fm-not-text-help = écrivez `{ $key }: du texte`
fm-bad-list-item = `{ $key }` doit être une liste de noms, mais un élément est { $found }
fm-not-list = `{ $key }` doit être une liste, pas { $found }
fm-list-help = écrivez `{ $key }: ["Prénom Nom", "Autre Nom"]`
fm-not-integer = `{ $key }` doit être un nombre entier, pas { $found }
fm-not-integer-help = écrivez `{ $key }: 3`
fm-not-bool = `{ $key }` doit valoir true ou false, pas { $found }
fm-not-bool-help = écrivez `{ $key }: true`
fm-not-fields = le front matter doit être une suite de champs `clé: valeur`, pas { $found }
fm-not-fields-help = écrivez un champ `clé: valeur` par ligne, par exemple `title: Mon titre`
fm-unknown-kind = type de page inconnu : `{ $kind }`
fm-unknown-kind-help = choisissez parmi : minutes, guide, typology, cartographie, page
fm-bad-rotation = chaque rotation doit être une suite de champs, pas { $found }
fm-bad-rotation-help = écrivez `- {"{"} number: 1, title: "…", start: "14h35", end: "14h55" {"}"}`
fm-rotations-not-list = `rotations` doit être une liste, pas { $found }
fm-rotations-not-list-help = écrivez une entrée `- title: …` par rotation

# What a value is, in the messages above.
value-nothing = rien
value-bool = `{ $value }`
value-number = le nombre { $value }
value-text = le texte `{ $value }`
value-list = une liste
value-table = un tableau de clés
fm-bad-date = `{ $field }: { $value }` n'est pas une date lisible : elle est ignorée
fm-bad-date-help = écrivez `{ $field }: 2025-08-12` (année-mois-jour)

# Other tools' Markdown (markdown/dialect*).
dialect-note-help = écrivez-le comme playbook le lit (voir docs/syntaxes.md), ou supprimez-le
gitbook-never-closed = `{"{"}% { $tag } %{"}"}` n'est jamais fermé (`{"{"}% end{ $tag } %{"}"}`) : il se termine avec la page
gitbook-container-inline = la balise GitBook `{"{"}% { $tag } %{"}"}` doit être seule sur sa ligne pour être lue ; elle a été retirée
gitbook-unknown-tag = la balise `{"{"}% { $tag } %{"}"}` est inconnue : elle a été retirée (le texte autour est gardé)
gitbook-end-closes-nothing = `{"{"}% end{ $tag } %{"}"}` ne ferme rien : elle a été retirée
gitbook-end-closes-inner = `{"{"}% end{ $tag } %{"}"}` ferme aussi les balises ouvertes à l'intérieur

# Files that could run script (active.rs, svg.rs).
active-file = un fichier `.{ $ext }` n'est pas publié : un navigateur exécuterait sur le site le script qu'il peut contenir
active-file-help = sortez-le de content/, ou montrez son texte dans une page, dans un bloc de code ``` (un site qui fait confiance à ses auteurs peut écrire `unsafe_html = true` sous [markdown] dans playbook.toml)
active-svgz = un dessin compressé `.svgz` ne peut pas être vérifié, il n'est donc pas publié
active-svgz-help = enregistrez le dessin en `.svg` simple
active-in-svg = ce dessin SVG contient { $what }{ $more ->
        [0] {""}
        [one] {" "}(et 1 autre chose qui exécute du script)
       *[other] {" "}(et { $more } autres choses qui exécutent du script)
    }, qu'un navigateur exécuterait : la copie publiée l'enlève
active-in-svg-help = enlevez-le du dessin (dans Inkscape : Fichier › Enregistrer une copie… › SVG optimisé), ou exportez le dessin en PNG
active-in-xml = ce fichier XML contient { $what }{ $more ->
        [0] {""}
        [one] {" "}(et 1 autre chose qui exécute du script)
       *[other] {" "}(et { $more } autres choses qui exécutent du script)
    } : un navigateur l'exécuterait sur le site, il n'est donc pas publié
active-in-xml-help = enlevez-le du fichier, ou publiez les données dans un autre format (CSV, JSON)
active-unreadable = { $kind ->
        [svg] ce dessin SVG
       *[xml] ce fichier XML
    } est illisible, il n'est donc pas publié : { $reason }
active-unreadable-svg-help = ouvrez-le dans un logiciel de dessin et enregistrez-le de nouveau en SVG simple, ou exportez-le en PNG
active-unreadable-xml-help = corrigez le XML (un validateur indique l'erreur), ou publiez les données dans un autre format (CSV, JSON)
active-stylesheet = une instruction de feuille de style (XSLT peut écrire du script)
active-entity = une déclaration d'entité XML
active-element = un élément <{ $element }>
active-html = du contenu HTML (<{ $element }>), qu'un navigateur affiche comme une page
active-animation = une animation qui change `{ $attribute }`
active-handler = un attribut de gestion d'événement (`{ $attribute }`)
active-srcdoc = un document HTML intégré (`srcdoc`)
active-url = une adresse `{ $scheme }:` dans `{ $attribute }`
xml-malformed = { $reason }
svg-not-svg = ce n'est pas un dessin SVG : son élément racine est <{ $root }>

# Addresses (assemble.rs, collide.rs).
address-reserved = l'adresse `{ $address }` est réservée à une page que playbook génère
address-reserved-folder-help = renommez le dossier
address-reserved-file-help = renommez le fichier ou son dossier
address-collision = { $kind ->
        [folder] ce dossier
        [file] ce fichier
       *[page] cette page
    } serait { $kind ->
        [page] publiée
       *[other] publié
    } à `{ $wanted }`, comme { $first_kind ->
        [folder] le dossier
        [file] le fichier
       *[page] la page
    } `{ $first }` : { $kind ->
        [folder] il est publié
        [file] il est publié
       *[page] elle est publiée
    } à `{ $given }` à la place
address-collision-help = renommez l'un des deux (des noms qui ne diffèrent que par la casse, les accents, les espaces ou la ponctuation donnent la même adresse) ; les liens par chemin mènent à chacun
address-generated-file = ce fichier remplacerait `{ $file }`, que playbook génère
address-generated-file-help = renommez ou déplacez le fichier : playbook écrit lui-même à cette adresse

# The site's settings (config.rs).
config-invalid = playbook.toml n'est pas valide : { $reason }
config-keys-help = clés connues : { $keys }
config-language = langue non prise en charge : `{ $language }`
config-language-help = écrivez `fr` ou `en`

# People and credits (credits/people_file.rs, check.rs).
people-toml = le fichier des personnes n'est pas valide : { $reason }
people-entry = personne `{ $id }` : { $reason }
people-help = chaque personne est une table : `[anne-berlemont]` puis `name = "Anne Berlemont"`, et si besoin `structure = "…"`, `aliases = ["anne"]`, `emails = ["…"]`, ou `group = true` pour une mention collective comme `Tout le groupe`
people-empty-name = la personne `{ $id }` a un `name` vide
people-empty-name-help = écrivez le nom à afficher, par exemple `name = "Anne Berlemont"`
people-group-emails = le groupe `{ $id }` a des `emails` : un groupe ne fait jamais de commit
people-group-emails-help = supprimez `emails`, ou `group = true` s'il s'agit d'une seule personne
people-shared = la personne `{ $id }` partage { $what ->
        [email] l'adresse e-mail
       *[spelling] l'orthographe
    } de `{ $other }` (ligne { $line })
people-shared-help = un nom, un alias ou une adresse e-mail n'appartient qu'à une seule personne
people-same-address = la personne `{ $id }` a la même adresse que celle de la ligne { $line }
lookalike-page = `{ $spelling }` ressemble à `{ $like }` mais est crédité comme une autre personne
lookalike-git = l'auteur git `{ $spelling }` ressemble à `{ $like }` mais est crédité comme une autre personne
lookalike-help = s'il s'agit de la même personne, ajoutez `{ $spelling }` aux `aliases` de `{ $like }` dans { $file }

# check's own findings (check.rs).
orphan = page orpheline : aucune page n'y mène
orphan-help = faites-y un lien depuis une page proche ou depuis le _index.md de sa rubrique
placeholder = `{ $field }` vaut encore « { $value } », la valeur laissée par `playbook new`
placeholder-help = { $field ->
        [axis] remplacez-la par l'axe de la typologie (par exemple Intensité, Origine ou Périmètre)
        [level] remplacez-la par le niveau de cette page sur son axe (1, 2, 3…)
       *[other] remplacez-la par la bonne valeur, ou supprimez la ligne
    }
placeholder-sample = le texte d'exemple de `playbook new` est encore là
placeholder-sample-help = remplacez-le par la question de l'atelier et ce qui s'est dit

# Stakeholder maps (stakeholders/mod.rs): an actor or a link left out.
sh-not-a-list = `{ $key }` doit être une liste d’acteurs, pas { $found }
sh-not-a-list-help = écrivez une ligne `- nom: …` par acteur sous `acteurs:`
sh-duplicate = l’acteur « { $name } » est déjà sur la carte ; celui-ci est ignoré
sh-duplicate-help = donnez-lui un autre nom, ou supprimez l’un des deux
sh-link-unknown = le lien de « { $from } » vers « { $to } » est ignoré : aucun autre acteur de la carte ne s’appelle ainsi
sh-link-unknown-help = écrivez le nom d’un autre acteur : { $names }
sh-no-actor = cette cartographie n’a aucun acteur
sh-no-actor-help = listez-les sous `acteurs:`, un `- nom: …` par acteur, avec `influence` et `intérêt` de 1 à 5
sh-actor-not-fields = l’acteur n° { $n } est ignoré : c’est { $found }, pas un ensemble de champs
sh-actor-not-fields-help = écrivez `- {"{"} nom: "DG", influence: 5, intérêt: 4, attitude: allié {"}"}`
sh-actor-no-name = l’acteur n° { $n } est ignoré : il n’a pas de `nom`
sh-actor-no-name-help = ajoutez `nom: "…"` (une personne, un service, une structure)
sh-bad-score = l’acteur « { $name } » est ignoré : `{ $field ->
        [interest] intérêt
       *[influence] influence
    }` doit être un nombre de 1 à 5 ({ $found })
sh-no-score = l’acteur « { $name } » est ignoré : `{ $field ->
        [interest] intérêt
       *[influence] influence
    }` doit être un nombre de 1 à 5
sh-score-help = écrivez `{ $field ->
        [interest] intérêt
       *[influence] influence
    }: 3` (1 : très faible, 5 : très fort)
sh-kind-unknown = le type « { $kind } » de « { $name } » est inconnu ; il est classé « autre »
sh-kind-unknown-help = utilisez l’un de : élu, direction, service, agents, partenaire, usager, autre
sh-attitude-unknown = l’attitude « { $attitude } » de « { $name } » est inconnue ; elle est notée « inconnu »
sh-attitude-unknown-help = utilisez l’une de : allié, neutre, réticent, opposé, inconnu
sh-link-no-target = un lien de « { $name } » est ignoré : il ne dit pas vers qui
sh-link-no-target-help = écrivez `- {"{"} vers: "Nom d’un autre acteur", libellé: "rend compte à" {"}"}`
sh-links-not-list = les liens de « { $name } » sont ignorés : c’est { $found }, pas une liste
sh-links-not-list-help = écrivez une ligne `- {"{"} vers: "…", libellé: "…" {"}"}` par lien sous `liens:`
# What a value is, in the messages above.
sh-value-nothing = vide
sh-value-bool = `{ $value }`
sh-value-number = le nombre { $value }
sh-value-text = le texte « { $value } »
sh-value-list = une liste
sh-value-fields = un ensemble de champs

# Actions ("Prochains pas"): what `check` says of a task item.
action-no-owner = action sans responsable : « { $what } »
action-no-owner-help = nommez qui la porte : `@Prénom`, `@[[Prénom Nom]]`, ou `who:` dans l’en-tête
action-bad-date = échéance illisible `{ $date }`
action-bad-date-help = écrivez la date `📅 2025-03-31` ou `(échéance : 31/03/2025)`
action-overdue = action en retard (échéance le { $due }, nous sommes le { $today }) : « { $what } »
action-overdue-help = cochez-la `[x]` si elle est faite, ou reportez son échéance
