//! The shortcut for simple statements (src/syntax/fast.rs) against pest:
//! many random lines, parsed both ways; wherever the shortcut reads a line,
//! pest must read it too, into the same statement, spans included. The
//! lines mix what the shortcut reads with what it must leave to pest
//! (keywords, comparisons, strings, comments, keyword arguments, slips).

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::fast::simple_statement;
use super::stmt::parse_with_pest;

/// Where the random lines start in their (imagined) source: spans must be
/// shifted by it on both paths.
const OFFSET: usize = 17;

struct Lines {
    rng: ChaCha8Rng,
}

impl Lines {
    fn pick<'a>(&mut self, choices: &[&'a str]) -> &'a str {
        choices[self.rng.random_range(0..choices.len())]
    }

    /// Spacing between tokens: mostly none or one space, now and then more
    /// (or a tab, which the shortcut leaves to pest).
    fn space(&mut self) -> &'static str {
        match self.rng.random_range(0..50) {
            0..=22 => "",
            23..=44 => " ",
            45..=48 => "   ",
            _ => "\t",
        }
    }

    /// Now and then (one in `rare`) one of `odd`, else one of `usual`.
    fn mostly<'a>(&mut self, usual: &[&'a str], odd: &[&'a str], rare: u32) -> &'a str {
        if self.rng.random_range(0..rare) == 0 {
            self.pick(odd)
        } else {
            self.pick(usual)
        }
    }

    fn name(&mut self) -> &'static str {
        self.mostly(
            &[
                "a", "b", "x1", "_t", "w_2", "form", "iffy", "inx", "e", "tanh", "n", "shown",
            ],
            &["show", "True", "None", "lambda", "not", "for"],
            12,
        )
    }

    fn number(&mut self) -> &'static str {
        self.mostly(
            &[
                "1", "2.5", "0.1", ".5", "3.", "1e3", "2E-2", "0.1e+2", "007", "1e999", "0",
            ],
            &["1.e5", "1_0", "4x", "1e", "1.5.", "1e+"],
            8,
        )
    }

    fn args(&mut self, depth: u32) -> String {
        let count = self.rng.random_range(0..4);
        let mut items: Vec<String> = (0..count).map(|_| self.expr(depth + 1)).collect();
        if count > 0 && self.rng.random_range(0..10) == 0 {
            items[0] = format!("k{}={}", self.space(), items[0]);
        }
        let mut text = items.join(&format!(",{}", self.space()));
        if count > 0 && self.rng.random_range(0..10) == 0 {
            text.push(',');
        }
        text
    }

    fn expr(&mut self, depth: u32) -> String {
        let leaf = depth > 4 || self.rng.random_range(0..3) == 0;
        let choice = if leaf {
            self.rng.random_range(0..3)
        } else {
            self.rng.random_range(0..14)
        };
        let (s1, s2) = (self.space(), self.space());
        match choice {
            0 | 1 => self.name().to_string(),
            2 => self.number().to_string(),
            3..=5 => {
                let op = self.pick(&[
                    "+", "-", "*", "/", "//", "%", "**", "^", "+", "-", "*", "==", "<", " and ",
                    " in ",
                ]);
                format!(
                    "{}{s1}{op}{s2}{}",
                    self.expr(depth + 1),
                    self.expr(depth + 1)
                )
            }
            6 => {
                let op = self.pick(&["-", "+", "-", "not "]);
                format!("{op}{s1}{}", self.expr(depth + 1))
            }
            7 => format!("({s1}{}{s2})", self.expr(depth + 1)),
            8 => format!("{}{s1}({}{s2})", self.name(), self.args(depth)),
            9 => {
                let method = self.pick(&["tanh", "relu", "exp", "backward"]);
                format!(
                    "{}{s1}.{s2}{method}({})",
                    self.expr(depth + 1),
                    self.args(depth)
                )
            }
            10 => format!("{}.{s1}data", self.expr(depth + 1)),
            11 => format!("{}{s1}[{}]", self.expr(depth + 1), self.expr(depth + 1)),
            12 => format!("[{}]", self.args(depth)),
            _ => self
                .pick(&["'s'", "(a, b)", "()", "x if y else z", "f(x for x in y)"])
                .to_string(),
        }
    }

    fn line(&mut self) -> String {
        let (s1, s2) = (self.space(), self.space());
        let mut line = match self.rng.random_range(0..10) {
            0..=2 => self.expr(0),
            3..=6 => format!("{}{s1}={s2}{}", self.name(), self.expr(0)),
            7 => {
                let op = self.pick(&["+=", "-=", "*=", "/=", "**=", "//=", "==", "= ="]);
                format!("{}{s1}{op}{s2}{}", self.expr(1), self.expr(0))
            }
            8 => format!("{}{s1}={s2}{}", self.expr(1), self.expr(0)),
            _ => format!("a{s1}={s2}b{s1}={s2}{}", self.expr(0)),
        };
        match self.rng.random_range(0..12) {
            0 => line.push_str("  "),
            1 => line.push(';'),
            2 => line.push_str("  # note"),
            _ => {}
        }
        line
    }
}

/// Parses `line` both ways; true if the shortcut read it.
fn agree(line: &str) -> bool {
    let pest = parse_with_pest(line, OFFSET);
    let Some(fast) = simple_statement(line, OFFSET) else {
        return false;
    };
    match pest {
        Ok(parsed) => {
            assert!(parsed.header.is_none(), "{line:?}");
            assert_eq!(parsed.statements, vec![fast], "{line:?}");
        }
        Err(e) => panic!(
            "the shortcut read {line:?}, which pest rejects: {}",
            e.message
        ),
    }
    true
}

#[test]
fn the_shortcut_builds_what_pest_builds_or_leaves_the_line_to_pest() {
    let mut lines = Lines {
        rng: ChaCha8Rng::seed_from_u64(17),
    };
    let total = 30_000;
    let mut read = 0;
    let mut pest_read = 0;
    for _ in 0..total {
        let line = lines.line();
        pest_read += usize::from(parse_with_pest(&line, OFFSET).is_ok());
        read += usize::from(agree(&line));
    }
    // Both kinds of line are common, so both branches are exercised.
    assert!(read * 4 > total, "the shortcut read only {read} of {total}");
    assert!(
        pest_read > read * 5 / 4,
        "pest read {pest_read}, the shortcut {read}"
    );
}

#[test]
fn the_shortcut_reads_a_scripts_usual_lines() {
    for line in [
        "a0 = 1.5",
        "a1 = a0 * 2 + 1",
        "a2 = tanh(a1 * 0.5 - a0)",
        "a3 = a2.tanh() * 2 - 1",
        "y = -x ** 2 + (a - b) / 3 // 2 % 5 ^ 2",
        "x.data -= 0.01 * x.grad",
        "ws[0] += 1",
        "print(a3, n(xs[1]).data)  ",
        "-2**-1",
    ] {
        assert!(agree(line), "{line:?} goes to pest");
    }
}

#[test]
fn lines_the_shortcut_leaves_to_pest() {
    for line in [
        "show(x)",
        "x = 1  # one",
        "x = 1;",
        "f(k=1)",
        "f(a,)",
        "a = b = 1",
        "a < b",
        "s = 'text'",
        "x = (a, b)",
        "4x",
        "1_000",
        "x\t= 1",
        "x **= 2",
        "for = 3",
        "a = y if c else z",
    ] {
        assert!(simple_statement(line, 0).is_none(), "{line:?} was read");
    }
}

#[test]
fn keywords_are_sorted_for_the_shortcuts_binary_search() {
    let keywords = super::slips::KEYWORDS;
    assert!(keywords.windows(2).all(|pair| pair[0] < pair[1]));
    assert!(simple_statement("x = and_or + not_", 0).is_some());
    for keyword in keywords {
        assert!(
            simple_statement(&format!("x = {keyword}"), 0).is_none(),
            "{keyword}"
        );
    }
}
