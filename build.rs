//! Embeds the default theme (`themes/default/`) and the example playbook
//! (`content/`, for `playbook init`) into the binary.

use std::fmt::Write;
use std::path::Path;

fn collect(dir: &Path, base: &Path, out: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let p = e.path();
        if p.is_dir() {
            collect(&p, base, out);
        } else if let Ok(rel) = p.strip_prefix(base) {
            let name = rel.to_string_lossy().replace('\\', "/");
            if !name.starts_with('.') {
                out.push((name, p.canonicalize().unwrap().display().to_string()));
            }
        }
    }
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    println!("cargo:rerun-if-changed=themes/default");
    let mut code = String::new();
    for (kind, sub) in [("TEMPLATES", "templates"), ("STATIC", "static")] {
        let dir = root.join(sub);
        let mut files = vec![];
        collect(&dir, &dir, &mut files);
        writeln!(code, "pub static {kind}: &[(&str, &[u8])] = &[").unwrap();
        for (name, abs) in files {
            println!("cargo:rerun-if-changed={abs}");
            writeln!(code, "    ({name:?}, include_bytes!({abs:?})),").unwrap();
        }
        writeln!(code, "];").unwrap();
    }
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    println!("cargo:rerun-if-changed=content");
    let mut files = vec![];
    collect(&content, &content, &mut files);
    writeln!(code, "pub static EXAMPLE: &[(&str, &[u8])] = &[").unwrap();
    for (name, abs) in files {
        println!("cargo:rerun-if-changed={abs}");
        writeln!(code, "    ({name:?}, include_bytes!({abs:?})),").unwrap();
    }
    writeln!(code, "];").unwrap();
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("theme_files.rs");
    std::fs::write(out, code).unwrap();
}
