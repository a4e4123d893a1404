//! Lines that ask for something rather than compute it, written as Python
//! and IPython users write them: `tanh?`, `?tanh`, `help(tanh)`, `help()`,
//! `quit()`, `exit()`. They are recognised whole, before the line is
//! parsed, so they work wherever a statement would.

use crate::eval::Value;

/// What a line asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ask {
    /// Help on a name (empty: the overview).
    Help(String),
    /// Leave, as Python's `quit()`.
    Quit,
}

/// The request `line` makes, if it is one.
pub fn recognise(line: &str) -> Option<Ask> {
    let line = line.trim().trim_end_matches(';').trim_end();
    if matches!(line, "quit()" | "exit()") {
        return Some(Ask::Quit);
    }
    if let Some(inside) = line
        .strip_prefix("help(")
        .and_then(|rest| rest.strip_suffix(')'))
    {
        let inside = inside.trim();
        let unquoted = inside
            .strip_prefix(['"', '\''])
            .and_then(|s| s.strip_suffix(['"', '\'']))
            .unwrap_or(inside);
        return is_help_name(unquoted).then(|| Ask::Help(unquoted.to_string()));
    }
    // IPython's `tanh?`, `tanh??` and `?tanh`.
    let name = line
        .strip_suffix("??")
        .or_else(|| line.strip_suffix('?'))
        .or_else(|| line.strip_prefix('?'))?;
    (!name.is_empty() && is_help_name(name)).then(|| Ask::Help(name.to_string()))
}

/// What `help(x)` says about a name the learner bound (IPython shows the
/// object): what it is and what to do with it.
pub fn describe(name: &str, value: &Value) -> String {
    let what = value.kind();
    let next = match value {
        Value::Node(_) => format!(
            "show {name} draws its graph; {name}.data, {name}.grad, {name}.backward(); :help backward"
        ),
        Value::Model(_) => format!(
            "{name}([0.5, -0.3]) runs it; {name}.parameters(), {name}.loss(d), train({name}, d); :help networks"
        ),
        Value::Data(_) => format!("train(n, {name}) trains a network on it; len({name}); :help networks"),
        Value::List(_) | Value::Tuple(_) => format!("{name}[0], len({name}), for x in {name}: ..."),
        _ => format!("type {name} to see it; :vars lists every name"),
    };
    format!("`{name}` is {what} you made: {next}")
}

/// A name, a dotted name (`x.grad`, `math.exp`), a `:command`, or nothing
/// (for `help()`).
fn is_help_name(text: &str) -> bool {
    let body = text.strip_prefix(':').unwrap_or(text);
    body.chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
        && !body.starts_with('.')
        && !body.ends_with('.')
        || matches!(text, "+" | "-" | "*" | "/" | "**")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_and_ipython_ways_of_asking_are_recognised() {
        let help = |name: &str| Some(Ask::Help(name.to_string()));
        assert_eq!(recognise("tanh?"), help("tanh"));
        assert_eq!(recognise("  tanh?? "), help("tanh"));
        assert_eq!(recognise("?tanh"), help("tanh"));
        assert_eq!(recognise("L.backward?"), help("L.backward"));
        assert_eq!(recognise("help(tanh)"), help("tanh"));
        assert_eq!(recognise("help('math.exp')"), help("math.exp"));
        assert_eq!(recognise("help()"), help(""));
        assert_eq!(recognise(":dot?"), help(":dot"));
        assert_eq!(recognise("quit()"), Some(Ask::Quit));
        assert_eq!(recognise("exit();"), Some(Ask::Quit));
    }

    #[test]
    fn statements_are_left_alone() {
        for line in [
            "tanh(x)",
            "a ? b",
            "?",
            "x = help",
            "help(tanh(x))",
            "quit",
            "a.?",
        ] {
            assert_eq!(recognise(line), None, "{line}");
        }
    }
}
