//! The crate's layers, checked on its source: every `crate::…` and
//! `super::…` path in `src/**/*.rs` (comments and strings aside) is an
//! edge from the file it is written in to the file of the module it
//! names. The test fails on a top-level module using one that stands after
//! it in [`LAYERS`] (the order `src/lib.rs` describes), on any cycle among
//! top-level modules, and on any cycle among the files of one module
//! except those in [`KNOWN_FILE_CYCLES`].

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The top-level modules, lowest first: each may use only those before it.
const LAYERS: &[&str] = &[
    "text", "host", "syntax", "data", "engine", "train", "eval", "render", "bench", "console",
    "lesson", "repl", "kernel", "cli",
];

/// File cycles that exist today and are being removed by someone named
/// here. Delete the entry when its cycle is gone (the test says so).
const KNOWN_FILE_CYCLES: &[(&[&str], &str)] = &[];

type Module = Vec<String>;

/// Every `.rs` file under `src/` (but the binary's `main.rs`), by module path.
fn modules(src: &Path) -> BTreeMap<Module, PathBuf> {
    let mut found = BTreeMap::new();
    let mut pending = vec![src.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("src/ is readable") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") || path == src.join("main.rs") {
                continue;
            }
            let relative = path.strip_prefix(src).expect("under src/");
            let mut module: Module = relative
                .with_extension("")
                .iter()
                .map(|part| part.to_string_lossy().into_owned())
                .collect();
            if matches!(module.last().map(String::as_str), Some("mod" | "lib")) {
                module.pop();
            }
            found.insert(module, path);
        }
    }
    found
}

/// `source` with comments, strings and character literals blanked out, so
/// a path in a doc comment or an error message is not an edge.
fn code_only(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut code = String::with_capacity(source.len());
    let mut i = 0;
    while i < chars.len() {
        let rest = &chars[i..];
        match rest {
            ['/', '/', ..] => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            ['/', '*', ..] => {
                i += 2;
                while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                    i += 1;
                }
                i += 2;
            }
            ['r', '#', ..] | ['r', '"', ..] if !previous_is_ident(&chars, i) => {
                let hashes = rest[1..].iter().take_while(|&&c| c == '#').count();
                let closing: String = std::iter::once('"')
                    .chain((0..hashes).map(|_| '#'))
                    .collect();
                i += 2 + hashes;
                while i < chars.len()
                    && !chars[i..].starts_with(&closing.chars().collect::<Vec<_>>())
                {
                    i += 1;
                }
                i += closing.chars().count();
                code.push_str("\"\"");
            }
            ['"', ..] => {
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    i += if chars[i] == '\\' { 2 } else { 1 };
                }
                i += 1;
                code.push_str("\"\"");
            }
            ['\'', '\\', ..] => {
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            }
            ['\'', _, '\'', ..] => i += 3,
            [c, ..] => {
                code.push(*c);
                i += 1;
            }
            [] => unreachable!(),
        }
    }
    code
}

fn previous_is_ident(chars: &[char], i: usize) -> bool {
    i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_')
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The paths of a use tree starting at `at` (`a::b`, `a::{b, c::d}`,
/// `a::*`), each as its segments, and where the tree ends.
fn use_tree(code: &[char], mut at: usize) -> (Vec<Vec<String>>, usize) {
    let mut prefix = Vec::new();
    loop {
        while code.get(at).is_some_and(|c| c.is_whitespace()) {
            at += 1;
        }
        if code.get(at) == Some(&'{') {
            let mut paths = Vec::new();
            at += 1;
            loop {
                while code.get(at).is_some_and(|c| c.is_whitespace() || *c == ',') {
                    at += 1;
                }
                match code.get(at) {
                    Some('}') | None => return (paths, at + 1),
                    _ => {}
                }
                let (inner, end) = use_tree(code, at);
                at = end.max(at + 1);
                for path in inner {
                    // `a::{self, b}`: `self` is `a` itself.
                    let path = path.into_iter().filter(|s| s != "self");
                    paths.push(prefix.iter().cloned().chain(path).collect());
                }
            }
        }
        let start = at;
        while code.get(at).copied().is_some_and(is_ident) {
            at += 1;
        }
        if start == at {
            return (vec![prefix], at);
        }
        let segment: String = code[start..at].iter().collect();
        prefix.push(segment);
        if code.get(at) == Some(&':') && code.get(at + 1) == Some(&':') {
            at += 2;
        } else {
            return (vec![prefix], at);
        }
    }
}

/// The modules `module`'s file names through `crate::` and `super::`.
fn references(module: &Module, source: &str) -> Vec<Module> {
    let code: Vec<char> = code_only(source).chars().collect();
    // Inline modules (`mod tests { … }`) move what `super` means.
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut found = Vec::new();
    let mut i = 0;
    while i < code.len() {
        let word_start = i == 0 || !is_ident(code[i - 1]);
        let here: String = code[i..(i + 7).min(code.len())].iter().collect();
        match code[i] {
            '{' => depth += 1,
            '}' => {
                depth = depth.saturating_sub(1);
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
            }
            _ if word_start && here.starts_with("mod ") => {
                let (names, end) = use_tree(&code, i + 4);
                let mut after = end;
                while code.get(after).is_some_and(|c| c.is_whitespace()) {
                    after += 1;
                }
                if code.get(after) == Some(&'{') {
                    let name = names.concat().concat();
                    inline.push((name, depth));
                }
            }
            _ if word_start && (here.starts_with("crate::") || here.starts_with("super::")) => {
                let (paths, end) = use_tree(&code, i);
                let mut base: Module = module.clone();
                base.extend(inline.iter().map(|(name, _)| name.clone()));
                for path in paths {
                    found.push(absolute(&base, &path));
                }
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    found
}

/// `path` (`crate::…` or `super::…`) as seen from `base`, from the crate root.
fn absolute(base: &Module, path: &[String]) -> Module {
    let mut module = base.clone();
    let mut rest = path;
    if rest.first().is_some_and(|s| s == "crate") {
        module.clear();
        rest = &rest[1..];
    }
    while rest.first().is_some_and(|s| s == "super") {
        module.pop();
        rest = &rest[1..];
    }
    module.extend(rest.iter().cloned());
    module
}

/// The file a path leads into: the longest prefix of it that is a file.
fn file_of<'a>(files: &'a BTreeMap<Module, PathBuf>, path: &Module) -> Option<&'a Module> {
    (1..=path.len())
        .rev()
        .find_map(|n| files.get_key_value(&path[..n]).map(|(k, _)| k))
}

/// Every edge between files, and between top-level modules.
struct Graph {
    files: BTreeMap<Module, BTreeSet<Module>>,
    tops: BTreeMap<String, BTreeSet<String>>,
    /// Each module's file, relative to `src/` (`render/mod.rs`).
    paths: BTreeMap<Module, String>,
}

fn graph() -> Graph {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let files = modules(&src);
    let mut graph = Graph {
        files: BTreeMap::new(),
        tops: BTreeMap::new(),
        paths: BTreeMap::new(),
    };
    for (module, path) in &files {
        let source = std::fs::read_to_string(path).expect("a readable source file");
        let relative = path.strip_prefix(&src).expect("under src/");
        graph.paths.insert(
            module.clone(),
            relative.to_string_lossy().replace('\\', "/"),
        );
        let edges = graph.files.entry(module.clone()).or_default();
        for target in references(module, &source) {
            let Some(file) = file_of(&files, &target) else {
                continue;
            };
            if file != module && !file.is_empty() {
                edges.insert(file.clone());
            }
        }
        let Some(top) = module.first() else { continue };
        for target in edges.iter() {
            if target[0] != *top {
                graph
                    .tops
                    .entry(top.clone())
                    .or_default()
                    .insert(target[0].clone());
            }
        }
    }
    graph
}

fn name(module: &Module) -> String {
    module.join("/")
}

/// The sets of nodes that reach each other (strongly connected, more than
/// one node), found by a search from every node: a crate's few hundred
/// files make that cheap, and plain.
fn cycles<N: Ord + Clone>(edges: &BTreeMap<N, BTreeSet<N>>) -> Vec<BTreeSet<N>> {
    let reach = |from: &N| {
        let mut seen = BTreeSet::new();
        let mut pending = vec![from.clone()];
        while let Some(node) = pending.pop() {
            for next in edges.get(&node).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    pending.push(next.clone());
                }
            }
        }
        seen
    };
    let reachable: BTreeMap<N, BTreeSet<N>> = edges.keys().map(|n| (n.clone(), reach(n))).collect();
    let mut sets: Vec<BTreeSet<N>> = Vec::new();
    for node in edges.keys() {
        let set: BTreeSet<N> = reachable[node]
            .iter()
            .filter(|other| reachable.get(*other).is_some_and(|r| r.contains(node)))
            .cloned()
            .chain(std::iter::once(node.clone()))
            .collect();
        if set.len() > 1 && !sets.contains(&set) {
            sets.push(set);
        }
    }
    sets
}

#[test]
fn no_module_uses_one_that_stands_above_it() {
    let graph = graph();
    let rank = |top: &str| LAYERS.iter().position(|l| *l == top);
    let mut wrong = Vec::new();
    for (from, targets) in &graph.tops {
        let Some(from_rank) = rank(from) else {
            wrong.push(format!("{from} is not in LAYERS: add it where it belongs"));
            continue;
        };
        for to in targets {
            match rank(to) {
                Some(to_rank) if to_rank < from_rank => {}
                Some(_) => wrong.push(format!("{from} uses {to}, which stands above it")),
                None => wrong.push(format!("{to} is not in LAYERS: add it where it belongs")),
            }
        }
    }
    for (from, targets) in &graph.tops {
        println!(
            "{from} → {}",
            targets.iter().cloned().collect::<Vec<_>>().join(", ")
        );
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn top_level_modules_form_no_cycle() {
    let found = cycles(&graph().tops);
    assert!(found.is_empty(), "cycles among modules: {found:?}");
}

#[test]
fn files_inside_a_module_form_no_cycle_but_the_known_ones() {
    let graph = graph();
    let mut wrong = Vec::new();
    let mut known_seen = BTreeSet::new();
    for set in cycles(&graph.files) {
        let names: BTreeSet<String> = set.iter().map(|m| graph.paths[m].clone()).collect();
        let known = KNOWN_FILE_CYCLES.iter().position(|(files, _)| {
            files.iter().map(|f| f.to_string()).collect::<BTreeSet<_>>() == names
        });
        match known {
            Some(index) => {
                known_seen.insert(index);
            }
            None => wrong.push(format!("files in a cycle: {names:?}")),
        }
    }
    for (index, (files, who)) in KNOWN_FILE_CYCLES.iter().enumerate() {
        if !known_seen.contains(&index) {
            wrong.push(format!(
                "the cycle {files:?} ({who}) is gone: delete it from KNOWN_FILE_CYCLES"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_scanner_sees_grouped_nested_and_relative_paths() {
    let module: Module = vec!["render".into(), "tree".into()];
    let source = r#"
        use super::{node_text::{self, StatesSeen}, Palette};
        use crate::text::{self, wrap};
        // use crate::lesson::Hidden;
        let s = "crate::repl::Hidden";
        let c = '"'; fn g<'a>(x: &'a str) {}
        fn f() { crate::engine::Graph::new(); }
        mod tests { use super::*; }
    "#;
    let found: BTreeSet<String> = references(&module, source).iter().map(name).collect();
    let expected: BTreeSet<String> = [
        "render/node_text",
        "render/node_text/StatesSeen",
        "render/Palette",
        "text",
        "text/wrap",
        "engine/Graph/new",
        // `super::*` inside `mod tests` names the file itself.
        "render/tree",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_eq!(found, expected);
}

/// Modules that own the process and may write to its stdout and stderr
/// directly: the terminal app, the kernel, the command-line tools and the
/// machine's [`Host`]. Everything else reaches the world through a Host
/// or a writer it is given (issue 11).
const PROCESS_EDGES: &[&[&str]] = &[&["repl"], &["kernel"], &["cli"], &["host", "system"]];

#[test]
fn only_the_process_edges_write_to_stdout_or_stderr() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut offenders = Vec::new();
    for (module, path) in modules(&src) {
        let owns_the_process = PROCESS_EDGES.iter().any(|edge| {
            edge.len() <= module.len() && edge.iter().zip(&module).all(|(a, b)| a == b)
        });
        if owns_the_process {
            continue;
        }
        let code = code_only(&std::fs::read_to_string(&path).expect("readable"));
        for needle in [
            "eprintln!",
            "eprint!",
            "println!",
            "print!",
            "stderr()",
            "stdout()",
        ] {
            let hits = code
                .match_indices(needle)
                .filter(|(at, _)| !code[..*at].chars().next_back().is_some_and(is_ident))
                .count();
            if hits > 0 {
                offenders.push(format!("{}: {needle} ×{hits}", path.display()));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "the core writes to the process's streams (use the Host or the writer given):\n{}",
        offenders.join("\n")
    );
}
