//! Tab completion, for every front end (the terminal's line editor, the
//! Jupyter kernel): `:` commands, help topics after `:help `, methods and
//! attributes after a `.` (a network's methods after a network's name),
//! keywords inside `train(`, `MLP(` and the data sets' brackets, and
//! otherwise the session's names and the built-in functions. Where a file
//! name goes (after `:load`, `:save`, `:dot L`, inside `csv("`), it says
//! so with [`wants_path`], and the front end lists the files.

use super::meta::COMMANDS;
use super::name_help;
use crate::eval::table::{self, Kind, ATTRIBUTES, BUILTINS};
use crate::eval::{Session, Value, FUNCTIONS, METHODS};

/// What a bound name is, as far as what can follow its dot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Receiver {
    /// A number (a node): `.data`, `.grad`, `.tanh()`, `.backward()`, ...
    Number,
    /// A network: `.parameters()`, `.loss(d)`, `.accuracy(d)`.
    Network,
    /// A list: `.append(x)`, ...
    List,
    /// A module (`math`, `random`): its functions.
    Module(&'static str),
    /// Anything else: nothing is offered.
    Other,
}

impl Receiver {
    /// What can follow a dot after a name bound to `value`.
    pub fn of(value: &Value) -> Receiver {
        match value {
            Value::Node(_) | Value::Number(_) | Value::Int(_) => Receiver::Number,
            Value::Model(_) => Receiver::Network,
            Value::List(_) => Receiver::List,
            Value::Module(module) => Receiver::Module(module),
            _ => Receiver::Other,
        }
    }
}

/// The session's names with what each is, for [`complete`].
pub fn session_names(session: &Session) -> Vec<(String, Receiver)> {
    session
        .bindings()
        .iter()
        .map(|(name, value)| (name.clone(), Receiver::of(value)))
        .collect()
}

/// Where the word being completed starts in `line` (cursor at byte `pos`),
/// and the candidates for it, sorted and without repeats. `names` are the
/// session's names with what each is.
pub fn complete<'n>(
    line: &str,
    pos: usize,
    names: impl IntoIterator<Item = (&'n str, Receiver)>,
) -> (usize, Vec<String>) {
    let pos = line.floor_char_boundary(pos);
    let before = &line[..pos];
    let start = before
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
        .map_or(0, |i| i + 1);
    let word = &before[start..];
    let after_dot = start > 0 && before[..start].ends_with('.');
    if let Some(topic) = help_topic(before) {
        let start = pos - topic.len();
        let found = name_help::topics()
            .into_iter()
            .chain(super::help::TOPICS.map(String::from))
            .filter(|t| t.starts_with(topic));
        return (start, sorted(found.collect()));
    }
    if word.is_empty() && !after_dot {
        // Nothing typed yet: inside a call that takes keywords (`train(`,
        // `train(n, d, `) those are what Tab offers, as IPython does.
        let keywords = open_call(before).map(keywords_of).unwrap_or_default();
        return (pos, sorted(keywords));
    }
    let names: Vec<(&str, Receiver)> = names.into_iter().collect();
    let candidates: Vec<String> = if let Some(command) = word.strip_prefix(':') {
        COMMANDS
            .iter()
            .filter(|c| c.name.starts_with(command))
            .map(|c| format!(":{}", c.name))
            .collect()
    } else if after_dot {
        let receiver = receiver_before(&before[..start - 1], &names);
        after_dot_candidates(receiver)
            .into_iter()
            .filter(|m| m.starts_with(word))
            .collect()
    } else {
        let keywords = open_call(before)
            .map(keywords_of)
            .unwrap_or_default()
            .into_iter();
        names
            .iter()
            .map(|(name, _)| name.to_string())
            .chain(FUNCTIONS.iter().map(|f| f.to_string()))
            .chain(["pi".to_string()])
            .chain(keywords)
            .filter(|n| n.starts_with(word))
            .collect()
    };
    (start, sorted(candidates))
}

fn sorted(mut candidates: Vec<String>) -> Vec<String> {
    candidates.sort();
    candidates.dedup();
    candidates
}

/// The topic typed so far after `:help ` (or `:h `).
fn help_topic(before: &str) -> Option<&str> {
    let rest = before.trim_start().strip_prefix(':')?;
    let (word, topic) = rest.split_once(' ')?;
    let is_help = !word.is_empty() && "help".starts_with(word);
    (is_help && !topic.contains(' ')).then_some(topic)
}

/// What the name just before a dot is (`L.`, `n.`, `math.`).
fn receiver_before(text: &str, names: &[(&str, Receiver)]) -> Receiver {
    let name_start = text
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .map_or(0, |i| i + 1);
    let name = &text[name_start..];
    if name.is_empty() {
        // `(a*b).`: an expression, a number.
        return Receiver::Number;
    }
    if let Some((_, receiver)) = names.iter().find(|(n, _)| *n == name) {
        return *receiver;
    }
    match name {
        "math" => Receiver::Module("math"),
        "random" => Receiver::Module("random"),
        _ => Receiver::Number,
    }
}

fn after_dot_candidates(receiver: Receiver) -> Vec<String> {
    let of_kind = |kind: Kind| -> Vec<String> {
        BUILTINS
            .iter()
            .filter(|b| b.kind == kind)
            .map(|b| format!("{}()", b.name))
            .collect()
    };
    match receiver {
        Receiver::Number => METHODS
            .iter()
            .map(|m| format!("{m}()"))
            .chain(ATTRIBUTES.iter().map(|(name, _, _)| name.to_string()))
            .collect(),
        Receiver::Network => of_kind(Kind::NetworkMethod),
        Receiver::List => of_kind(Kind::ListMethod),
        Receiver::Module(module) => {
            let mut found = of_kind(Kind::ModuleFunction(module));
            if module == "math" {
                found.extend(["pi".to_string(), "e".to_string()]);
            }
            found
        }
        Receiver::Other => Vec::new(),
    }
}

/// The built-in whose brackets the cursor is in, if the brackets are still
/// open: `train(n, d, st` is inside `train(`.
fn open_call(before: &str) -> Option<&str> {
    let mut depth = 0usize;
    for (index, c) in before.char_indices().rev() {
        match c {
            ')' | ']' => depth += 1,
            '(' | '[' if depth > 0 => depth -= 1,
            '[' => return None,
            '(' => {
                let head = &before[..index];
                let name_start = head
                    .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .map_or(0, |i| i + 1);
                return Some(&head[name_start..]);
            }
            _ => {}
        }
    }
    None
}

/// `lr=`, `steps=`, ... for a call of `name`.
fn keywords_of(name: &str) -> Vec<String> {
    table::function(name)
        .map(|b| b.keywords.iter().map(|k| format!("{}=", k.name)).collect())
        .unwrap_or_default()
}

/// Where a file name starts when the cursor is where one goes: after
/// `:load `, `:save `, `:dot L ` (and `!` forms), or inside `csv("`.
pub fn wants_path(line: &str, pos: usize) -> Option<usize> {
    let pos = line.floor_char_boundary(pos);
    let before = &line[..pos];
    if let Some(rest) = before.trim_start().strip_prefix(':') {
        let (word, args) = rest.split_once(' ')?;
        let word = word.trim_end_matches('!');
        let command = super::meta::resolve(word)?;
        let args_start = pos - args.len();
        let skip = match command.name {
            "load" | "save" => 0,
            "dot" => 1,
            _ => return None,
        };
        // The file is the argument after `skip` others.
        let words: Vec<&str> = args.split(' ').collect();
        return (words.len() == skip + 1)
            .then(|| pos - words[skip].len())
            .filter(|s| *s >= args_start);
    }
    let call = before.rfind("csv(")?;
    let inside = &before[call + 4..];
    let quote = inside.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    (!inside[1..].contains(quote)).then_some(call + 5)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<String> {
        complete(
            line,
            line.len(),
            [("n", Receiver::Network), ("xs", Receiver::List)],
        )
        .1
    }

    #[test]
    fn methods_and_attributes_follow_a_dot() {
        let (start, found) = complete("L.ba", 4, []);
        assert_eq!(start, 2);
        assert_eq!(found, vec!["backward()"]);
        let (_, after_bare_dot) = complete("x.", 2, []);
        assert!(after_bare_dot.contains(&"grad".to_string()));
        assert!(after_bare_dot.contains(&"backward()".to_string()));
        assert_eq!(words("n."), vec!["accuracy()", "loss()", "parameters()"]);
        assert!(words("xs.ap") == vec!["append()"]);
        assert!(words("math.ex") == vec!["exp()"]);
    }

    #[test]
    fn names_and_functions_complete_a_word() {
        let (start, found) = complete("y = ta", 6, [("tax", Receiver::Number)]);
        assert_eq!(start, 4);
        assert_eq!(found, vec!["tanh", "tax"]);
        assert_eq!(complete(":he", 3, []).1, vec![":help"]);
        assert!(complete("", 0, [("a", Receiver::Number)]).1.is_empty());
    }

    #[test]
    fn keywords_complete_inside_train_and_help_topics_after_help() {
        assert_eq!(words("train(n, d, st"), vec!["standardize=", "steps="]);
        assert_eq!(
            words("train(n, d, steps=10, l"),
            vec!["l1=", "l2=", "len", "list", "log", "loss=", "lr="]
        );
        assert!(words("MLP(2, [4, 1], act").contains(&"activation=".to_string()));
        assert!(!words("tanh(st").iter().any(|w| w.ends_with('=')));
        let (start, topics) = complete(":help ta", 8, []);
        assert_eq!(start, 6);
        assert_eq!(topics, vec!["tanh", "task"]);
        assert!(complete(":help ", 6, []).1.contains(&"views".to_string()));
    }

    #[test]
    fn an_empty_word_inside_train_offers_its_keywords() {
        for line in ["train(", "train(n, d, ", "train(n, d, steps=10, "] {
            let (start, found) = complete(line, line.len(), [("n", Receiver::Network)]);
            assert_eq!(start, line.len(), "{line}");
            assert!(
                found.contains(&"steps=".to_string()) && found.contains(&"plot=".to_string()),
                "{line}: {found:?}"
            );
            assert!(found.iter().all(|k| k.ends_with('=')), "{line}: {found:?}");
        }
        assert!(complete("tanh(", 5, []).1.is_empty());
        assert!(complete("x = ", 4, []).1.is_empty());
    }

    #[test]
    fn file_names_go_after_load_save_dot_and_inside_csv() {
        assert_eq!(wants_path(":load ", 6), Some(6));
        assert_eq!(wants_path(":load ex", 8), Some(6));
        assert_eq!(wants_path(":save! s", 8), Some(7));
        assert_eq!(wants_path(":dot L g", 8), Some(7));
        assert_eq!(wants_path(":dot L", 6), None);
        assert_eq!(wants_path("d = csv(\"po", 11), Some(9));
        assert_eq!(wants_path("d = csv(\"p.csv\")", 16), None);
        assert_eq!(wants_path(":show L", 7), None);
        assert_eq!(wants_path("a = 2", 5), None);
    }
}
