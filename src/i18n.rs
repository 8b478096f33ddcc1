//! UI strings of the default theme, in every shipped language.
//!
//! One table per part of the theme (`theme`: the frame and the common
//! pages; `stakeholders`, `actions`, `print`: the pages of those features),
//! merged by [`strings`]; `callouts` titles callout types and `groups` lists
//! the collective mentions of the credits.

use std::collections::BTreeMap;

mod actions;
mod callouts;
mod groups;
mod print;
mod stakeholders;
mod theme;

pub use callouts::callout;
pub use groups::GROUP_MENTIONS;

/// Every `(key, français, English)` of every table.
fn all() -> impl Iterator<Item = &'static (&'static str, &'static str, &'static str)> {
    [
        theme::THEME,
        stakeholders::STAKEHOLDERS,
        actions::ACTIONS,
        print::PRINT,
    ]
    .into_iter()
    .flatten()
}

/// The strings of `language` (French for anything unknown).
pub fn strings(language: &str) -> BTreeMap<&'static str, &'static str> {
    all()
        .map(|(k, fr, en)| (*k, if language == "en" { *en } else { *fr }))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_key_is_translated_and_unique() {
        let mut keys: Vec<_> = super::all().map(|s| s.0).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), super::all().count());
        for (k, fr, en) in super::all() {
            assert!(!fr.is_empty() && !en.is_empty(), "{k}");
        }
        assert_eq!(super::strings("en")["home"], "Home");
        // Every key the code looks up exists (a missing one would panic).
        for src in [
            include_str!("render/body.rs"),
            include_str!("render/credits.rs"),
            include_str!("render/actions.rs"),
            include_str!("render/generated.rs"),
            include_str!("render/globals.rs"),
            include_str!("render/nav.rs"),
            include_str!("render/weather.rs"),
        ] {
            for part in src.split("strings[\"").skip(1) {
                let key = &part[..part.find('"').unwrap()];
                assert!(keys.contains(&key), "missing UI string `{key}`");
            }
        }
        assert_eq!(super::strings("fr")["home"], "Accueil");
    }

    #[test]
    fn callout_types_have_a_family_and_a_title_in_both_languages() {
        assert_eq!(super::callout("tip", false), ("tip", "Astuce".to_string()));
        assert_eq!(
            super::callout("caution", true),
            ("warning", "Caution".to_string())
        );
        assert_eq!(
            super::callout("lexique", false),
            ("note", "Lexique".to_string())
        );
        assert_eq!(
            super::callout("a-faire", false),
            ("note", "A faire".to_string())
        );
        for (kind, family, fr, en) in super::callouts::CALLOUTS {
            assert!(
                super::callouts::CALLOUTS.iter().any(|c| c.0 == *family),
                "{kind}"
            );
            assert!(!fr.is_empty() && !en.is_empty(), "{kind}");
        }
    }
}
