//! Writing YAML front matter, for the pages playbook writes itself
//! (`playbook import`, `playbook new`); `frontmatter` reads it back. A leaf:
//! serde-saphyr's serializer does the writing and the escaping, this module
//! only fixes the style.
//!
//! Every string is written double-quoted ([`quoted`]), whatever it holds:
//! the serializer would leave plain text unquoted, and fold long lines,
//! which is valid YAML but reads less plainly in a page's head; quoted, a
//! `no`, a `2024-11-14` or a `# x` is a string for every YAML reader, and
//! characters YAML does not allow raw (controls, U+2028, a BOM…) are
//! escapes. Lists of names are written on one line (`["A", "B"]`), lists of
//! records as indented blocks (`  - number: 1`).

use serde::Serialize;
use serde_saphyr::{DoubleQuoted, FlowSeq, ser_options};

pub use serde_saphyr::FlowMap;

/// A string, written double-quoted.
pub type Quoted = DoubleQuoted<String>;

/// A list of strings, written on one line: `["A", "B"]`, `[]`.
pub type QuotedList = FlowSeq<Vec<Quoted>>;

/// `s` as a double-quoted string.
pub fn quoted(s: &str) -> Quoted {
    DoubleQuoted(s.to_string())
}

/// `items` as a one-line list of double-quoted strings.
pub fn quoted_list(items: &[String]) -> QuotedList {
    FlowSeq(items.iter().map(|s| quoted(s)).collect())
}

/// `value` as YAML, a mapping per line (no `---` around it).
///
/// # Panics
///
/// Never for the values playbook writes (see below): the `expect` states
/// why.
pub fn to_string(value: &impl Serialize) -> String {
    let options = ser_options! {
        compact_list_indent: false,
    };
    // The values written are structs of strings, numbers, booleans and
    // lists of them: no tag, anchor or block scalar, and the writer is a
    // `String`, so nothing can fail.
    serde_saphyr::to_string_with_options(value, options)
        .expect("front matter of strings, numbers and lists always serialises")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Head {
        title: Quoted,
        names: QuotedList,
        none: QuotedList,
        records: Vec<Record>,
        inline: Vec<FlowMap<Record>>,
    }

    #[derive(Serialize)]
    struct Record {
        number: u32,
        who: Quoted,
    }

    #[test]
    fn the_style() {
        let head = Head {
            title: quoted("no"),
            names: quoted_list(&["Anne".into(), "2024-11-14".into()]),
            none: quoted_list(&[]),
            records: vec![Record {
                number: 1,
                who: quoted("a \"b\" \\ c\u{2028}\u{1}"),
            }],
            inline: vec![FlowMap(Record {
                number: 2,
                who: quoted(""),
            })],
        };
        assert_eq!(
            to_string(&head),
            "title: \"no\"\n\
             names: [\"Anne\", \"2024-11-14\"]\n\
             none: []\n\
             records:\n  \
               - number: 1\n    \
                 who: \"a \\\"b\\\" \\\\ c\\L\\x01\"\n\
             inline:\n  \
               - {number: 2, who: \"\"}\n"
        );
        let long = "mot ".repeat(100);
        assert_eq!(
            to_string(&Record {
                number: 0,
                who: quoted(&long)
            }),
            format!("number: 0\nwho: \"{long}\"\n"),
            "never folded"
        );
    }
}
