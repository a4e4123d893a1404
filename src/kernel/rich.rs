//! Rich output for a notebook: an input that is exactly a view of one node
//! — `show L` (also `:show L`) or `:dot L` with no file — is answered with a
//! MIME bundle instead of text: the tree as `text/plain` and as `text/html`
//! (aligned, gradients coloured by sign), the graph as `image/svg+xml`
//! drawn in-process. Anything else, and any of these that fails, runs as
//! it would in a script, so errors read the same everywhere.

use serde_json::{json, Value as Json};

use crate::console::meta::{self, Meta};
use crate::console::Console;
use crate::engine::NodeId;
use crate::eval::Value;
use crate::render::{svg, tree};
use crate::text::{wrap, Palette, Style};

/// The view an input asks for, with the expression it names.
#[derive(Debug, PartialEq, Eq)]
enum View<'t> {
    Tree(&'t str),
    Picture(&'t str),
}

/// What `text` (one complete input) asks for, if it is a view of a node.
fn view_of(text: &str) -> Option<View<'_>> {
    let line = text.trim();
    if line.contains('\n') || line.ends_with(';') {
        return None;
    }
    if let Some(rest) = line.strip_prefix("show ") {
        return Some(View::Tree(rest.trim()));
    }
    let body = line.strip_prefix(':')?;
    let (word, rest) = body.split_once(char::is_whitespace)?;
    let rest = rest.trim();
    match meta::resolve(word)?.meta {
        Meta::Show => Some(View::Tree(rest)),
        // `:dot L FILE` writes a file as at the prompt; `:dot L` draws here.
        Meta::Dot if !rest.is_empty() && !rest.contains(char::is_whitespace) => {
            Some(View::Picture(rest))
        }
        _ => None,
    }
}

/// The MIME bundle for `text`, or `None` to run it as a script would.
pub fn display(console: &mut Console, text: &str) -> Option<Json> {
    let view = view_of(text)?;
    let source = match view {
        View::Tree(s) | View::Picture(s) => s,
    };
    if source.is_empty() {
        return None;
    }
    let root = match console.session.eval_expr(source) {
        Ok(Value::Node(id)) => id,
        _ => return None,
    };
    match view {
        View::Tree(_) => tree_bundle(console, root),
        View::Picture(_) => {
            let picture = svg::render(&console.session.graph, root).ok()?;
            Some(json!({
                "image/svg+xml": picture,
                "text/plain": format!("<the graph under {source}>"),
            }))
        }
    }
}

fn tree_bundle(console: &Console, root: NodeId) -> Option<Json> {
    let graph = &console.session.graph;
    let mut plain = Vec::new();
    tree::write(
        &mut plain,
        Style::new(Palette::plain(), wrap::MAX_WIDTH),
        graph,
        root,
    )
    .ok()?;
    let mut coloured = Vec::new();
    tree::write(
        &mut coloured,
        Style::new(Palette::ansi(), wrap::MAX_WIDTH),
        graph,
        root,
    )
    .ok()?;
    let html = ansi_to_html::convert(&String::from_utf8_lossy(&coloured)).ok()?;
    Some(json!({
        "text/plain": String::from_utf8_lossy(&plain),
        "text/html": format!("<pre style=\"line-height:1.25\">{html}</pre>"),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_view_of_one_node_is_rich() {
        assert_eq!(view_of("show L"), Some(View::Tree("L")));
        assert_eq!(view_of(":sh L"), Some(View::Tree("L")));
        assert_eq!(view_of(":dot L"), Some(View::Picture("L")));
        assert_eq!(view_of(":dot L g.svg"), None);
        assert_eq!(view_of("show L;"), None);
        assert_eq!(view_of("L = 2"), None);
    }

    #[test]
    fn show_gives_a_table_and_dot_a_picture() {
        let mut console = Console::new(Palette::plain());
        let mut out = Vec::new();
        console.execute(
            "a = 2; b = -3; L = a * b; L.backward()",
            crate::render::diagnostic::Origin::Prompt { prompt_width: 4 },
            &mut out,
            &mut crate::console::RunAll,
        );
        let table = display(&mut console, "show L").expect("a bundle");
        assert!(table["text/plain"].as_str().unwrap().contains("L = a * b"));
        let html = table["text/html"].as_str().unwrap();
        assert!(html.starts_with("<pre") && html.contains("color"), "{html}");
        let picture = display(&mut console, ":dot L").expect("a picture");
        let svg = picture["image/svg+xml"].as_str().unwrap();
        assert!(svg.contains("<svg") && svg.contains(">L"), "{svg}");
        assert!(display(&mut console, "show nope").is_none());
    }
}
