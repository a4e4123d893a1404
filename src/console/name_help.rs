//! Help on one name (`:help tanh`, `tanh?`, `help(tanh)`): every function,
//! method, constructor, attribute, `train` keyword and `:` command, read
//! from the tables that define them (the built-ins table in
//! [`crate::eval::table`], the command table in [`super::meta`]). Each
//! entry gives the signature, a line of meaning, the derivative rule for
//! the math functions (from the engine's own rule text) and an example.

use crate::eval::table::{self, Builtin, Kind, ATTRIBUTES, BUILTINS};
use crate::text::{wrap, Palette};

use super::meta::{self, CommandInfo};

/// The help on `name`, wrapped to `width`; `None` when nothing is called
/// that. A name can be several things (`seed`: a command, a keyword of
/// `train` and `MLP`, `random.seed`): each gets its entry.
pub fn help_on(name: &str, palette: Palette, width: usize) -> Option<String> {
    let name = name.trim();
    let entries = entries(name, palette, width);
    (!entries.is_empty()).then(|| entries.join("\n"))
}

/// True when `name` is something [`help_on`] knows.
pub fn is_known(name: &str) -> bool {
    !entries(name.trim(), Palette::plain(), wrap::MAX_WIDTH).is_empty()
}

/// Every name help knows, for completion after `:help `.
pub fn topics() -> Vec<String> {
    let mut names: Vec<String> = BUILTINS
        .iter()
        .map(|b| match b.kind {
            Kind::ModuleFunction(module) => format!("{module}.{}", b.name),
            _ => b.name.to_string(),
        })
        .chain(ATTRIBUTES.iter().map(|(name, _, _)| name.to_string()))
        .chain(keywords().map(|(_, k)| k.name.to_string()))
        .chain(meta::COMMANDS.iter().map(|c| c.name.to_string()))
        .chain(CONSTANTS.iter().map(|(name, _)| name.to_string()))
        .collect();
    names.sort();
    names.dedup();
    names
}

/// The constants, which are names rather than built-ins.
const CONSTANTS: &[(&str, &str)] = &[
    (
        "pi",
        "the constant π = 3.141592653589793 (until you bind the name)",
    ),
    (
        "e",
        "the constant e = 2.718281828459045 (until you bind the name)",
    ),
    (
        "_",
        "the last value printed, as in Python: a * 3 then _ + 1",
    ),
];

fn entries(name: &str, palette: Palette, width: usize) -> Vec<String> {
    let (module, bare) = match name.split_once('.') {
        Some((module, bare)) if !module.is_empty() => (Some(module), bare),
        _ => (None, name),
    };
    let bare = bare.trim_end_matches("()");
    let mut entries = Vec::new();
    if let Some(command) = name
        .strip_prefix(':')
        .or(Some(name))
        .and_then(exact_command)
    {
        entries.push(command_entry(command, palette, width));
    }
    if name.starts_with(':') {
        return entries;
    }
    let of_module = module.is_some_and(is_module);
    for builtin in BUILTINS.iter().filter(|b| b.name == bare) {
        let wanted = match (module, builtin.kind) {
            (None, _) => true,
            (Some(m), Kind::ModuleFunction(of)) => m == of,
            // `x.tanh`, `n.loss`: the method, whatever the receiver is called.
            (Some(_), kind) => !of_module && kind != Kind::Function && kind != Kind::Constructor,
        };
        if wanted {
            entries.push(builtin_entry(builtin, palette, width));
        }
    }
    if !of_module {
        for (attribute, about, example) in ATTRIBUTES.iter().filter(|(a, _, _)| *a == bare) {
            let signature = format!("x.{attribute}");
            entries.push(entry(
                &signature,
                about,
                None,
                Some(example),
                palette,
                width,
            ));
        }
    }
    if module.is_none() {
        for (owner, keyword) in keywords().filter(|(_, k)| k.name == bare) {
            let signature = format!("{}={}", keyword.name, keyword.default);
            let about = format!("a keyword of {}: {}", owner.usage, keyword.help);
            entries.push(entry(&signature, &about, None, None, palette, width));
        }
        for (constant, about) in CONSTANTS.iter().filter(|(c, _)| *c == bare) {
            entries.push(entry(constant, about, None, None, palette, width));
        }
    }
    entries
}

/// True for `math` and `random`, the modules the table has functions of.
fn is_module(name: &str) -> bool {
    BUILTINS
        .iter()
        .any(|b| matches!(b.kind, Kind::ModuleFunction(of) if of == name))
}

/// The command called exactly `word` (help takes no prefixes: `:help s`
/// should not guess).
fn exact_command(word: &str) -> Option<&'static CommandInfo> {
    meta::COMMANDS.iter().find(|c| c.name == word)
}

/// Every keyword with the built-in it belongs to, each (owner, keyword)
/// once (the data sets share their keywords).
fn keywords() -> impl Iterator<Item = (&'static Builtin, &'static table::Keyword)> {
    let mut seen: Vec<*const table::Keyword> = Vec::new();
    BUILTINS
        .iter()
        .flat_map(|b| b.keywords.iter().map(move |k| (b, k)))
        .filter(move |(_, k)| {
            let first = !seen.contains(&std::ptr::from_ref(*k));
            seen.push(std::ptr::from_ref(*k));
            first
        })
}

fn command_entry(command: &CommandInfo, palette: Palette, width: usize) -> String {
    let signature = format!(":{} {}", command.name, command.args);
    let example = meta::example(command.meta);
    entry(
        signature.trim_end(),
        command.about,
        None,
        Some(example),
        palette,
        width,
    )
}

fn builtin_entry(builtin: &Builtin, palette: Palette, width: usize) -> String {
    let mut signature = builtin.usage.to_string();
    let as_method = format!(".{}()", builtin.name);
    if let Some(receiver) = builtin
        .usage
        .strip_suffix(&as_method)
        .filter(|_| builtin.kind == Kind::NumberFunction)
    {
        // `L.backward()` is also `backward(L)`, as the evaluator takes both.
        signature = format!("{signature}, or {}({receiver})", builtin.name);
    } else if builtin.kind == Kind::NumberFunction && !builtin.usage.contains('.') {
        let method = match builtin.arity.1 {
            Some(2) => format!("x.{}(y)", builtin.name),
            _ => format!("x.{}()", builtin.name),
        };
        if !builtin.usage.starts_with("show") {
            signature = format!("{signature}, or {method}");
        }
    }
    let rule = builtin.op().map(|op| {
        if op.inputs().as_slice().len() == 2 {
            format!(
                "∂/∂x = {}, ∂/∂y = {}",
                op.rule_text(0, "x", "y"),
                op.rule_text(1, "x", "y")
            )
        } else {
            format!("d{}(x)/dx = {}", builtin.name, op.rule_text(0, "x", "y"))
        }
    });
    let mut text = entry(
        &signature,
        builtin.help,
        rule.as_deref(),
        builtin.example(),
        palette,
        width,
    );
    for keyword in builtin.keywords {
        let label = format!("  {}={}  ", keyword.name, keyword.default);
        text.push('\n');
        text.push_str(&wrap::hanging(keyword.help, &label, width));
    }
    text
}

/// One entry: the signature in bold, then indented lines of meaning,
/// derivative and example, each wrapped under its label.
fn entry(
    signature: &str,
    about: &str,
    rule: Option<&str>,
    example: Option<&str>,
    palette: Palette,
    width: usize,
) -> String {
    let mut lines = vec![palette.bold(signature), wrap::hanging(about, "  ", width)];
    if let Some(rule) = rule {
        lines.push(wrap::hanging(rule, "  derivative: ", width));
    }
    if let Some(example) = example {
        lines.push(wrap::hanging(example, "  example: ", width));
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn help(name: &str) -> String {
        help_on(name, Palette::plain(), 80).unwrap_or_else(|| panic!("no help on {name}"))
    }

    #[test]
    fn a_math_function_shows_signature_meaning_derivative_and_example() {
        let tanh = help("tanh");
        assert!(tanh.starts_with("tanh(x), or x.tanh()\n"), "{tanh}");
        assert!(tanh.contains("hyperbolic tangent"), "{tanh}");
        assert!(
            tanh.contains("derivative: dtanh(x)/dx = 1 - tanh(x)²"),
            "{tanh}"
        );
        assert!(tanh.contains("example: x = Value(0.5)"), "{tanh}");
        // math.tanh is there too, for plain numbers.
        assert!(tanh.contains("math.tanh(x)"), "{tanh}");
        assert!(!help("math.tanh").contains("x.tanh()"));
        let pow = help("pow");
        assert!(pow.contains("∂/∂x = y·x^(y-1), ∂/∂y = x^y·ln x"), "{pow}");
    }

    #[test]
    fn methods_attributes_keywords_commands_and_constants_have_help() {
        assert!(help("backward").contains("L.backward()"));
        assert!(help("backward").starts_with("L.backward(), or backward(L)\n"));
        let zero_grad = help("zero_grad");
        assert!(
            zero_grad.starts_with("L.zero_grad(), or zero_grad(L)\n"),
            "{zero_grad}"
        );
        assert!(help("L.backward").contains("reverse mode"));
        assert!(help("x.grad").starts_with("x.grad\n"));
        assert!(help("data").contains("x.data = 3"));
        assert!(help("lr").starts_with("lr=1\n  a keyword of train"));
        assert!(help("activation").contains("MLP"));
        assert!(help(":dot").starts_with(":dot L FILE\n"));
        assert!(help("dot").contains("example: :dot L graph.svg"));
        assert!(help("append").contains("xs.append(x)"));
        assert!(help("pi").contains("3.14159"));
        assert!(help("_").contains("last value printed"));
        let seed = help("seed");
        for part in [":seed N", "seed=N", "random.seed(n)"] {
            assert!(seed.contains(part), "{part} missing: {seed}");
        }
        assert!(help_on("fit", Palette::plain(), 80).is_none());
        assert!(help_on(":s", Palette::plain(), 80).is_none());
    }

    #[test]
    fn every_built_in_and_command_is_a_topic() {
        let topics = topics();
        for builtin in BUILTINS {
            assert!(
                topics.iter().any(|t| t.ends_with(builtin.name)),
                "{}",
                builtin.name
            );
        }
        for topic in &topics {
            assert!(is_known(topic), "{topic}");
        }
        assert!(topics.contains(&"math.exp".to_string()) && topics.contains(&"lr".to_string()));
    }

    #[test]
    fn every_example_runs() {
        use crate::console::{Console, Outcome, RunAll};
        use crate::render::diagnostic::Origin;
        let examples = BUILTINS
            .iter()
            .map(|b| {
                b.example()
                    .unwrap_or_else(|| panic!("{} has no example", b.name))
            })
            .chain(ATTRIBUTES.iter().map(|(_, _, example)| *example));
        for example in examples.filter(|e| !e.contains("csv(")) {
            let host = crate::host::shared(crate::host::MemoryHost::default());
            let mut console = Console::with_host(Palette::plain(), host);
            let mut out = Vec::new();
            let outcome = console.execute(
                example,
                Origin::Prompt { prompt_width: 4 },
                &mut out,
                &mut RunAll,
            );
            let printed = String::from_utf8_lossy(&out);
            assert_eq!(outcome, Outcome::Ok, "{example}: {printed}");
            assert!(!printed.contains("error"), "{example}: {printed}");
        }
    }

    #[test]
    fn entries_fit_forty_columns_without_breaking_words() {
        for topic in topics() {
            let text = help_on(&topic, Palette::plain(), 40).unwrap();
            for line in text.lines() {
                let long_word = line.split(' ').any(|w| w.chars().count() > 30);
                assert!(
                    textwrap::core::display_width(line) <= 40 || long_word,
                    ":help {topic}: {line:?}"
                );
            }
        }
    }
}
