//! The table of `:` commands and how a typed prefix finds one. As in GHCi,
//! a prefix that several commands share means the first of them in table
//! order, so `:h` is `:help` and `:s` is `:show`; type more to reach the
//! others (`:hi` for `:hint`). `:reset`, which forgets work, needs its full
//! name.

/// A meta command.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Meta {
    /// `:help [topic]`
    Help,
    /// `:vars`
    Vars,
    /// `:show L`
    Show,
    /// `:step L`
    Step,
    /// `:check L [h]`
    Check,
    /// `:paths L a`
    Paths,
    /// `:dot L FILE`
    Dot,
    /// `:zero [L]`
    Zero,
    /// `:reset`
    Reset,
    /// `:load FILE`
    Load,
    /// `:save FILE`
    Save,
    /// `:seed N`
    Seed,
    /// `:lessons`
    Lessons,
    /// `:lesson N`
    Lesson,
    /// `:next`
    Next,
    /// `:back`
    Back,
    /// `:hint`
    Hint,
    /// `:skip`
    Skip,
    /// `:quit`
    Quit,
}

/// One row of the command table: name, arguments, one-line description.
pub struct CommandInfo {
    /// The command.
    pub meta: Meta,
    /// Its full name without the colon.
    pub name: &'static str,
    /// Argument synopsis.
    pub args: &'static str,
    /// What it does.
    pub about: &'static str,
}

/// Every meta command, in prefix-priority order.
pub const COMMANDS: &[CommandInfo] = &[
    info(
        Meta::Help,
        "help",
        "[topic]",
        "this help; topics: language, views, functions, networks, lessons, commands",
    ),
    info(
        Meta::Vars,
        "vars",
        "",
        "every name with its value and gradient",
    ),
    info(
        Meta::Show,
        "show",
        "L",
        "the graph under L as a tree, with values and gradients",
    ),
    info(
        Meta::Step,
        "step",
        "L",
        "backward one node at a time, showing the chain rule",
    ),
    info(
        Meta::Check,
        "check",
        "L [h]",
        "analytic gradients vs finite differences for every leaf",
    ),
    info(
        Meta::Paths,
        "paths",
        "L a",
        "dL/da as a sum over paths, each a product of local derivatives",
    ),
    info(
        Meta::Dot,
        "dot",
        "L FILE",
        "the graph as a picture (g.svg, g.png) or as Graphviz DOT (g.dot)",
    ),
    info(
        Meta::Zero,
        "zero",
        "[L]",
        "set gradients to zero (under L, or everywhere)",
    ),
    info(
        Meta::Reset,
        "reset",
        "",
        "forget every name and node; random numbers start again from the seed (type it in full: no prefix reaches it)",
    ),
    info(Meta::Load, "load", "FILE", "run the statements in FILE"),
    info(
        Meta::Save,
        "save",
        "FILE",
        "save this session's statements as a script",
    ),
    info(
        Meta::Seed,
        "seed",
        "N",
        "start the random numbers (weights, data sets) again from seed N",
    ),
    info(
        Meta::Lessons,
        "lessons",
        "",
        "list the lessons and your progress",
    ),
    info(Meta::Lesson, "lesson", "N|NAME", "start or resume a lesson"),
    info(
        Meta::Next,
        "next",
        "",
        "in a lesson: go on to the next step",
    ),
    info(Meta::Back, "back", "", "in a lesson: go back one step"),
    info(Meta::Hint, "hint", "", "in a lesson: show the next hint"),
    info(Meta::Skip, "skip", "", "in a lesson: skip this step"),
    info(Meta::Quit, "quit", "", "leave the lesson, or the REPL"),
];

/// A line that shows the command at work, for `:help NAME`.
pub fn example(meta: Meta) -> &'static str {
    match meta {
        Meta::Help => ":help tanh   (also tanh? or help(tanh))",
        Meta::Vars => "a = 2; b = a * 3; :vars",
        Meta::Show => "a = 2; L = a * 3 + 1; :show L",
        Meta::Step => "a = 2; L = a * 3 + 1; :step L",
        Meta::Check => "a = 2; L = a.tanh() * a; :check L",
        Meta::Paths => "a = 2; b = a * a; L = b + a; :paths L a",
        Meta::Dot => ":dot L graph.svg",
        Meta::Zero => "L.backward(); :zero L",
        Meta::Reset => ":reset   (the full name: it forgets every name)",
        Meta::Load => ":load lecture.mg",
        Meta::Save => ":save session.mg   (:save! to replace a file)",
        Meta::Seed => ":seed 42",
        Meta::Lessons => ":lessons",
        Meta::Lesson => ":lesson 1",
        Meta::Next => ":next   (or Enter)",
        Meta::Back => ":back",
        Meta::Hint => ":hint",
        Meta::Skip => ":skip",
        Meta::Quit => ":quit   (or Ctrl-D)",
    }
}

const fn info(
    meta: Meta,
    name: &'static str,
    args: &'static str,
    about: &'static str,
) -> CommandInfo {
    CommandInfo {
        meta,
        name,
        args,
        about,
    }
}

/// Finds the command a typed word (without the colon) means: an exact name,
/// else the first command in table order that starts with it.
/// Commands that forget work answer only to their full name, so a prefix
/// meant for something else (`:r` for GHCi's `:reload`) cannot wipe a
/// session.
pub fn resolve(word: &str) -> Option<&'static CommandInfo> {
    if word.is_empty() {
        return None;
    }
    COMMANDS.iter().find(|c| c.name == word).or_else(|| {
        COMMANDS
            .iter()
            .find(|c| !forgets_work(c.meta) && c.name.starts_with(word))
    })
}

/// True for the commands that forget work, which need their full name.
pub fn forgets_work(meta: Meta) -> bool {
    meta == Meta::Reset
}

/// The commands needing their full name that `word` is a prefix of (what
/// `:r` could have meant), for the message that says so.
pub fn full_name_only(word: &str) -> Vec<&'static str> {
    COMMANDS
        .iter()
        .filter(|c| forgets_work(c.meta) && !word.is_empty() && c.name.starts_with(word))
        .map(|c| c.name)
        .collect()
}

/// Splits `:cmd rest of line` into the command word, its arguments, and the
/// byte offset of the arguments in `line` (for pointing at them in errors).
pub fn split(line: &str) -> (&str, &str, usize) {
    let body_start = line.len() - line.trim_start().len();
    let body = line[body_start..].trim_end();
    let body = body.strip_prefix(':').unwrap_or(body);
    let word_start = line.len() - line[body_start..].trim_start_matches(':').len();
    match body.find(char::is_whitespace) {
        Some(end) => {
            let rest = &body[end..];
            let args = rest.trim_start();
            let offset = word_start + end + (rest.len() - args.len());
            (&body[..end], args, offset)
        }
        None => (body, "", line.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_resolve_in_table_order() {
        assert_eq!(resolve("h").unwrap().meta, Meta::Help);
        assert_eq!(resolve("hi").unwrap().meta, Meta::Hint);
        assert_eq!(resolve("sh").unwrap().meta, Meta::Show);
        assert_eq!(resolve("st").unwrap().meta, Meta::Step);
        assert_eq!(resolve("lesson").unwrap().meta, Meta::Lesson);
        assert_eq!(resolve("lessons").unwrap().meta, Meta::Lessons);
        assert_eq!(resolve("q").unwrap().meta, Meta::Quit);
        assert!(resolve("xyz").is_none());
        // Forgetting work takes the full name.
        for prefix in ["r", "re", "res", "rese"] {
            assert!(resolve(prefix).is_none(), "{prefix}");
            assert_eq!(full_name_only(prefix), vec!["reset"]);
        }
        assert_eq!(resolve("reset").unwrap().meta, Meta::Reset);
        assert!(full_name_only("s").is_empty());
        assert!(resolve("").is_none());
        assert_eq!(split(":check L 1e-4"), ("check", "L 1e-4", 7));
        assert_eq!(split("  :show   a*b  "), ("show", "a*b", 10));
        assert_eq!(split(":vars"), ("vars", "", 5));
    }
}
