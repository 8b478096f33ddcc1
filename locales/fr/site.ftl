# Diagnostics: how a problem in a file is shown (check, build, serve).
# `$severity` is error, warning or note.
diag-line = { $severity ->
        [error] : erreur : { $message }
        [warning] : avertissement : { $message }
       *[note] : note : { $message }
    }
diag-help = {"  "}aide : { $help }
diag-not-published = cette page n'est pas publiée : { $reason }
error-cause = { $error } : { $cause }

# Themes and templates (theme.rs, render/template.rs).
theme-not-found = thème `{ $name }` introuvable : pas de dossier themes/{ $name }/
theme-not-found-help = créez le dossier, ou supprimez la clé `theme` pour utiliser le thème par défaut
template-error = erreur de modèle : { $reason }
template-error-rendering = { $error } (pendant le rendu de { $page })

# Writing the site (output.rs).
output-refused = refus d'écrire le site dans `{ $folder }` : { $why ->
        [root] c'est la racine du système de fichiers
        [home] c'est votre dossier personnel
        [site] c'est le dossier du site lui-même
        [contains-content] il contient le dossier `content/`
        [inside-content] il est dans le dossier `content/`
       *[looks-like-site] il ressemble à un site playbook (il a content/ ou playbook.toml)
    } ; choisissez un autre dossier avec --out
output-not-ours = `{ $path }` n'est pas un dossier créé par playbook : déplacez-le, puis relancez la construction
output-not-folder = `{ $path }` existe et n'est pas un dossier
output-not-cleared = le site est construit, mais l'ancienne version n'a pas pu être effacée de `{ $path }`
output-foreign-files = le dossier de sortie `{ $folder }` contient des fichiers que playbook n'a pas créés et qu'il écraserait : { $files }{ $more ->
        [0] {""}
       *[other] {" "}et { $more } autres
    } ; déplacez-les ou choisissez un autre dossier avec --out (rien n'a été modifié)
output-manifest = impossible d'écrire le manifeste
output-no-parent = le dossier de sortie n'a pas de dossier parent
output-no-name = le dossier de sortie n'a pas de nom
thread-panicked = une tâche de construction s'est arrêtée sur une erreur interne
fs-cannot = impossible { $action ->
        [read] de lire
        [create] de créer
        [create-the-staging-folder] de créer le dossier de préparation
        [keep-hardlink] de garder (le lien physique a échoué)
        [keep-the-link] de garder le lien
        [lock] de verrouiller
        [move-aside] de mettre de côté
        [move-the-site-into] de placer le site dans
        [open] d'ouvrir
        [remove] de supprimer
        [remove-the-stale-staging-folder] de supprimer l'ancien dossier de préparation
        [replace] de remplacer
        [restore] de restaurer
        [swap-the-new-site-into] de mettre le nouveau site à la place de
       *[write] d'écrire
    } `{ $path }`
fs-cannot-copy = impossible de copier `{ $from }` vers `{ $path }`

# Credits from git (build.rs).
git-missing = note : git n'est pas installé : les crédits viennent seulement du front matter
git-not-a-repository = note : le dossier content n'est pas dans un dépôt git : les crédits viennent seulement du front matter
git-unreadable = avertissement : impossible de lire l'historique git ({ $reason }) : les crédits viennent seulement du front matter
git-shallow = avertissement : ce dépôt est un clone partiel (shallow) : l'historique git est incomplet, donc les modifications ne sont créditées qu'à partir du plus ancien commit présent (personne n'est crédité de la rédaction d'une page d'après git) ; lancez `git fetch --unshallow` pour des crédits complets
no-content = pas de dossier `content/` dans `{ $root }` : lancez playbook dans le dossier d'un site, ou passez --root
output-left-as-it-was = le site déjà construit dans `{ $out }` n'a pas été modifié
output-failed = { $error }
    le site déjà construit dans `{ $out }` n'a pas été modifié
    aide : { $cause ->
        [full] libérez de la place sur ce disque (le nouveau site est écrit à côté de l'ancien avant de le remplacer), puis relancez la construction
        [read-only] le dossier de sortie est sur un disque en lecture seule : construisez dans un autre dossier avec --out
        [denied] playbook n'a pas le droit d'écrire là : construisez dans un autre dossier avec --out
       *[other] corrigez le problème ci-dessus, puis relancez la construction
    }

# The printable documents (`[print] sections`, `<section>/imprimer/`).
print-unknown-section = `[print] sections` nomme `{ $name }`, qui n’est pas un dossier de `content/`
print-unknown-section-help = indiquez le chemin du dossier sous `content/`, par exemple `ateliers`
print-reserved-address = l’adresse `{ $url }` est réservée à la version imprimable de la rubrique
print-reserved-address-help = renommez le fichier ou son dossier
