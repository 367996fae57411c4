//! The server's modules form layers without circles: leaves (the clock,
//! secrets), the store, the policy, the features, the HTTP assembly, the
//! command line. A module that names another (`crate::<other>`, or `super::`
//! from a top-level file) depends on it; the crate root depends on what its own
//! code names. A circle among these means two layers lean on each other.

use std::{
    collections::{BTreeMap, BTreeSet},
    path::{Path, PathBuf},
};

/// The crate root's node in the graph.
const ROOT: &str = "crate";

fn sources(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// The code of a file without its comments (a comment may name any module).
fn code(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            Some(at) if !line[..at].contains('"') => &line[..at],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn ident_at(text: &str) -> String {
    text.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// The first names after each `prefix` (`a::b` gives `a`; `{a, b::c}` gives both).
fn names_after(text: &str, prefix: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for (at, _) in text.match_indices(prefix) {
        let before = text[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let rest = &text[at + prefix.len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0usize;
            let mut item_start = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    c if item_start && (c.is_alphanumeric() || c == '_') => {
                        names.insert(ident_at(&group[i..]));
                        item_start = false;
                    }
                    c if c.is_whitespace() => {}
                    _ => item_start = false,
                }
            }
        } else {
            names.insert(ident_at(rest));
        }
    }
    names
}

/// The top-level module a file belongs to (`None`: the crate root, `lib.rs`).
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src).ok()?;
    let first = relative.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (name != "lib" && name != "main").then(|| name.to_owned())
}

/// Whether `file` is a top-level module's own file, where `super::` is the root.
fn is_top_level(src: &Path, file: &Path) -> bool {
    let Ok(relative) = file.strip_prefix(src) else {
        return false;
    };
    relative.components().count() == 1
        || (relative.ends_with("mod.rs") && relative.components().count() == 2)
}

/// Each top-level module with the modules it names; what the root re-exports
/// (`pub use error::ApiError`) counts as its module.
fn module_graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    sources(src, &mut files);
    let modules: BTreeSet<String> = files.iter().filter_map(|f| module_of(src, f)).collect();
    let root = std::fs::read_to_string(src.join("lib.rs"))
        .map(|t| code(&t))
        .unwrap_or_default();
    let mut exported: BTreeMap<String, String> = BTreeMap::new();
    for line in root.lines() {
        let Some(used) = line.trim().strip_prefix("pub use ") else {
            continue;
        };
        let module = ident_at(used);
        if !modules.contains(&module) {
            continue;
        }
        let tail = &used[module.len()..];
        for name in names_after(tail, "::") {
            exported.insert(name, module.clone());
        }
        // `pub use a::b::{C, D}`: the braces' names are a's too.
        if let Some(open) = tail.find('{') {
            for name in names_after(&tail[open - 2..], "::") {
                exported.insert(name, module.clone());
            }
        }
    }
    let resolve = |name: &str| -> Option<String> {
        if modules.contains(name) {
            Some(name.to_owned())
        } else if let Some(module) = exported.get(name) {
            Some(module.clone())
        } else if name.is_empty() || name == "self" {
            None
        } else {
            Some(ROOT.to_owned())
        }
    };
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut root_uses = BTreeSet::new();
    for word in modules.iter() {
        for (at, _) in root.match_indices(&format!("{word}::")) {
            let before = root[..at].chars().next_back();
            if !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                root_uses.insert(word.clone());
            }
        }
    }
    graph.insert(ROOT.to_owned(), root_uses);
    for file in &files {
        let Some(module) = module_of(src, file) else {
            continue;
        };
        if module == "layers" {
            continue;
        }
        let text = std::fs::read_to_string(file)
            .map(|t| code(&t))
            .unwrap_or_default();
        let mut named: BTreeSet<String> = names_after(&text, "crate::")
            .iter()
            .filter_map(|name| resolve(name))
            .collect();
        // `super::` in a top-level file is the root; only what names a module
        // counts (inside a file's own `mod tests`, `super::` is the file).
        if is_top_level(src, file) {
            named.extend(
                names_after(&text, "super::")
                    .iter()
                    .filter_map(|name| resolve(name))
                    .filter(|other| other != ROOT),
            );
        }
        named.remove(&module);
        graph.entry(module.clone()).or_default().extend(named);
    }
    graph
}

/// A circle in the graph, as the modules along it, if there is one.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

#[test]
fn the_modules_form_layers_without_a_circle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graph = module_graph(&src);
    assert!(graph.len() > 5, "the sources were read: {graph:?}");
    if let Some(cycle) = find_cycle(&graph) {
        panic!(
            "the server's modules lean on each other in a circle: {}",
            cycle.join(" → ")
        );
    }
}

#[test]
fn a_circle_is_found_and_named() {
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec!["a"]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.into_iter().map(str::to_owned).collect()))
    .collect();
    let cycle = find_cycle(&graph).unwrap_or_default();
    assert_eq!(cycle, ["a", "b", "c", "a"]);
    assert_eq!(
        names_after("use crate::{a, b::{c, d}, e::F};", "crate::"),
        ["a", "b", "e"].into_iter().map(str::to_owned).collect()
    );
}
