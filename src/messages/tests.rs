//! The catalogue is whole: every file parses, every message exists in
//! every language with the same arguments, every message the code builds
//! exists, and every message of the catalogue is used.

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast;

use super::*;
use crate::messages::msg;

/// id → the variables its text uses (value and selectors), per language.
fn catalogue(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
    let mut out = BTreeMap::new();
    for (l, file, text) in FILES {
        if *l != lang {
            continue;
        }
        let resource = match fluent_syntax::parser::parse(*text) {
            Ok(r) => r,
            Err((_, errors)) => panic!("{}/{file}.ftl does not parse: {errors:?}", l.code()),
        };
        for entry in resource.body {
            if let ast::Entry::Message(m) = entry {
                let mut vars = BTreeSet::new();
                if let Some(p) = &m.value {
                    pattern_vars(p, &mut vars);
                }
                let id = m.id.name.to_string();
                assert!(
                    out.insert(id.clone(), vars).is_none(),
                    "`{id}` is defined twice in {}",
                    l.code()
                );
            }
        }
    }
    out
}

fn pattern_vars(p: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
    for e in &p.elements {
        if let ast::PatternElement::Placeable { expression } = e {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(e: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for v in variants {
                pattern_vars(&v.value, vars);
            }
        }
        ast::Expression::Inline(i) => inline_vars(i, vars),
    }
}

fn inline_vars(i: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match i {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_string());
        }
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        _ => {}
    }
}

#[test]
fn every_message_exists_in_french_and_english_with_the_same_arguments() {
    let fr = catalogue(Lang::Fr);
    let en = catalogue(Lang::En);
    let only_fr: Vec<_> = fr.keys().filter(|k| !en.contains_key(*k)).collect();
    let only_en: Vec<_> = en.keys().filter(|k| !fr.contains_key(*k)).collect();
    assert!(only_fr.is_empty(), "missing in English: {only_fr:?}");
    assert!(only_en.is_empty(), "missing in French: {only_en:?}");
    for (id, vars) in &fr {
        assert_eq!(
            vars, &en[id],
            "`{id}` has other arguments in French and English"
        );
    }
    assert!(fr.len() > 150, "{} messages", fr.len());
}

/// The ids the code builds: every `msg!("id"` in `src/`.
fn ids_in_code() -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs")
            || entry.path().ends_with("messages/tests.rs")
        {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let mut rest = text.as_str();
        while let Some(i) = rest.find("msg!(") {
            rest = &rest[i + 5..];
            let after = rest.trim_start();
            if let Some(lit) = after.strip_prefix('"')
                && let Some(end) = lit.find('"')
            {
                out.insert(lit[..end].to_string(), entry.path().display().to_string());
            }
        }
    }
    out
}

#[test]
fn every_message_the_code_builds_exists_and_every_message_is_used() {
    let fr = catalogue(Lang::Fr);
    let used = ids_in_code();
    let missing: Vec<_> = used
        .iter()
        .filter(|(id, _)| !fr.contains_key(*id))
        .collect();
    assert!(missing.is_empty(), "not in the catalogue: {missing:?}");
    let unused: Vec<_> = fr.keys().filter(|id| !used.contains_key(*id)).collect();
    assert!(unused.is_empty(), "never used: {unused:?}");
}

#[test]
fn rendering_picks_the_language_and_the_plural() {
    let m = msg!("check-done", pages = 1, errors = 0, warnings = 2, notes = 1);
    assert_eq!(
        m.render(Lang::Fr),
        "1 page vérifiée : 0 erreur, 2 avertissements, 1 note"
    );
    assert_eq!(
        m.render(Lang::En),
        "checked 1 pages: 0 error(s), 2 warning(s), 1 note(s)"
    );
    // A message inside a message is rendered in the same language.
    let nested = msg!("cli-error", message = msg!("serve-stopped"));
    assert_eq!(nested.render(Lang::Fr), "erreur : arrêté");
    assert_eq!(nested.render(Lang::En), "error: stopped");
}

#[test]
fn the_language_of_a_setting_and_of_a_locale() {
    assert_eq!(Lang::from_code("en"), Lang::En);
    assert_eq!(Lang::from_code("fr"), Lang::Fr);
    assert_eq!(Lang::from_locale(Some("en_GB.UTF-8")), Lang::En);
    assert_eq!(Lang::from_locale(Some("fr_FR.UTF-8")), Lang::Fr);
    assert_eq!(Lang::from_locale(Some("C")), Lang::Fr);
    assert_eq!(Lang::from_locale(None), Lang::Fr);
}
