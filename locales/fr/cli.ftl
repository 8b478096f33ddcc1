# Command-line messages (cli/*.rs).
cli-error = erreur : { $message }
cli-summary = {" "}({ $warnings ->
        [0] {""}
        [one] 1 avertissement
       *[other] { $warnings } avertissements
    }{ $warnings ->
        [0] {""}
       *[other] { $notes ->
            [0] {""}
           *[other] ,{" "}
        }
    }{ $notes ->
        [0] {""}
        [one] 1 lien vers une page à créer
       *[other] { $notes } liens vers des pages à créer
    })
cli-build-failed = erreur : la construction a échoué avec { $errors ->
        [one] 1 erreur
       *[other] { $errors } erreurs
    } et { $warnings ->
        [one] 1 avertissement
       *[other] { $warnings } avertissements
    } ; le site déjà construit n'a pas été modifié

# serve (serve/mod.rs).
serve-bad-address = `{ $bind }` n'est pas une adresse IP sur laquelle écouter (essayez 127.0.0.1)
serve-port-taken = le port { $port } sur { $bind } est déjà utilisé (ou interdit) ; choisissez-en un autre avec --port
serve-no-free-port = aucun port libre entre 1111 et 1210 ; choisissez-en un avec --port
serve-not-ip = le serveur n'écoute pas sur une adresse IP
serve-cannot-watch = impossible de surveiller les fichiers du site
serve-serving = aperçu de { $root } sur { $address } (Ctrl-C pour arrêter)
serve-no-config = la configuration du site (playbook.toml) n'a pas pu être lue
serve-stopped = arrêté
serve-ctrlc = impossible d'installer la réponse à Ctrl-C
serve-watch-new-folder = avertissement : impossible de surveiller un nouveau dossier : { $reason }
serve-changed = { $paths ->
        [one] 1 chemin modifié
       *[other] { $paths } chemins modifiés
    } : { $parsed ->
        [one] 1 page relue
       *[other] { $parsed } pages relues
    }, { $rendered ->
        [one] 1 fichier produit
       *[other] { $rendered } fichiers produits
    }, { $reused ->
        [one] 1 réutilisé
       *[other] { $reused } réutilisés
    }
serve-built = { $first ->
        [yes] construit
       *[no] reconstruit
    } : { $files } fichiers en { $ms } ms
serve-still-online = la version précédente reste en ligne jusqu'à ce que ce soit corrigé
serve-overlay-title = playbook : la dernière modification n’a pas pu être publiée

# new (cli/new.rs).
new-no-slug = le titre `{ $title }` n'a aucune lettre ni aucun chiffre pour en faire un nom de fichier
new-exists = `{ $page }` existe déjà ; choisissez un autre titre ou modifiez cette page
new-stakeholders = à compléter : remplacez les acteurs d'exemple de { $page } par les vôtres (nom, structure, type, influence et intérêt de 1 à 5, attitude) ; `playbook check` signale ce qui ne se lit pas
new-typology = à compléter : `axis` et `level` valent « { $value } » dans { $page } ; `playbook check` le signale tant qu'ils ne sont pas remplis
new-guide-first = première étape du guide (`order: 1`)
    aide : les étapes suivantes prendront 2, 3… ; pour changer l'ordre, changez `order` dans { $page }
new-guide-step = étape { $order } du guide, après « { $previous } »
    aide : pour la placer ailleurs, changez `order: { $order }` dans { $page }{ $prefixed ->
        [yes] {" "}et le numéro au début du nom du fichier
       *[no] {""}
    }{ $has_index ->
        [yes] {" "}; si { $index } présente les étapes, ajoutez-y [[{ $title }]]
       *[no] {""}
    }

# init (cli/init.rs).
init-created = playbook créé ({ $files } fichiers) dans `{ $dir }` ; construisez-le avec `{ $command }`
init-ci-gitlab = `.gitlab-ci.yml` écrit : sur GitLab, chaque envoi vérifie, construit et publie le site (GitLab Pages, ou rsync vers l'intranet : voir « Publier sur l'intranet » dans le README de playbook) ; supprimez-le hors de GitLab
init-not-empty = `{ $dir }` n'est pas vide (il contient `{ $file }`) ; playbook init n'écrit que dans un dossier nouveau ou vide
init-git-committed = dépôt git créé avec un premier commit ({ $hash }) : les crédits des pages viendront de son historique
init-git-missing = attention : git n'est pas installé, `{ $dir }` n'est pas un dépôt git ; les crédits viendront du front matter seulement
    aide : installez git, puis : { $cd }git init && git add -A && git commit -m "Nouveau playbook"
init-git-inside = `{ $dir }` est déjà dans le dépôt git `{ $top }` : pas de nouveau dépôt, rien n'est commité
    aide : pour versionner le playbook : { $cd }git add -A && git commit -m "Nouveau playbook"
init-git-no-identity = attention : dépôt git créé, mais sans premier commit : git ne sait pas qui vous êtes (user.name et user.email ne sont pas configurés)
    aide : donnez votre nom et votre adresse (les crédits des pages viennent des commits), puis faites le premier commit :
    {"  "}git config --global user.name "Prénom Nom"
    {"  "}git config --global user.email "prenom.nom@example.fr"
    {"  "}{ $cd }git commit -m "Nouveau playbook"
init-git-failed = attention : `{ $command }` a échoué ({ $reason }) : le playbook est créé, mais sans premier commit
    aide : corrigez la cause, puis : { $cd }git add -A && git commit -m "Nouveau playbook"

# package-files (cli/package_files.rs, hidden: scripts/deb.sh runs it).
package-files-man = impossible de produire la page de manuel `{ $command }`

# import (cli/import.rs, pad/).
import-bad-date = --date `{ $date }` n'est pas une date : écrivez AAAA-MM-JJ
import-stdin = l'entrée standard
import-file = `{ $file }`
import-cannot-read = impossible de lire { $pad }
import-failed = impossible d'importer { $pad } : { $reason }
import-exists = `{ $page }` existe déjà ; passez --force pour le remplacer
import-latin1 = attention : { $pad } n'est pas en UTF-8 valide ; il a été lu comme du Windows-1252 (Latin-1)
import-done = « { $title } » importé : { $facilitators ->
        [one] { $facilitators } personne à l'animation
       *[other] { $facilitators } personnes à l'animation
    }, { $rotations ->
        [one] { $rotations } rotation
       *[other] { $rotations } rotations
    }, { $weather ->
        [one] { $weather } météo
       *[other] { $weather } météos
    }
import-undated = attention : le pad ne donne pas la date de l'atelier ; la page est datée d'aujourd'hui ({ $today })
    aide : si l'atelier a eu lieu un autre jour, supprimez `{ $page }` et relancez avec sa date : playbook import { $pad } --date AAAA-MM-JJ
pad-empty = le pad est vide : il n'a aucune ligne avec des lettres ou des chiffres
pad-binary = ce n'est pas l'export texte d'un pad : la ligne { $line } contient des données binaires

# build and check (cli/build.rs, cli/check.rs).
build-done = { $pages ->
        [one] { $pages } page construite
       *[other] { $pages } pages construites
    } ({ $files } fichiers, { $changed ->
        [one] { $changed } nouveau ou modifié
       *[other] { $changed } nouveaux ou modifiés
    }) dans { $out } en { $ms } ms
check-links = { $total ->
        [one] { $total } lien
       *[other] { $total } liens
    } : { $pages } vers des pages, { $files } vers des fichiers, { $missing } vers des pages à créer, { $broken ->
        [one] { $broken } cassé
       *[other] { $broken } cassés
    }
check-done = { $pages ->
        [one] { $pages } page vérifiée
       *[other] { $pages } pages vérifiées
    } : { $errors ->
        [one] { $errors } erreur
       *[other] { $errors } erreurs
    }, { $warnings ->
        [one] { $warnings } avertissement
       *[other] { $warnings } avertissements
    }, { $notes ->
        [one] { $notes } note
       *[other] { $notes } notes
    }

# Finding the site (cli/root.rs).
not-a-site = pas de site playbook ici : ni `playbook.toml` ni dossier `content/` dans `{ $dir }` ni dans les dossiers au-dessus
    aide : lancez playbook dans le dossier d'un site, passez --root DOSSIER, ou créez un site avec `playbook init`
