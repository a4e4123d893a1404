//! `:help` and its topics: short, example-first pages for learners.

use std::io::{self, Write};

use super::meta::COMMANDS;
use crate::render::Palette;

const LANGUAGE: &str = "\
Type formulas; each line is one or more statements separated by `;`.
  a = 2.0            bind a name (echoes `a = 2`); a trailing `;` prints nothing
  e = a * b          + - * / ** (or ^), unary -, parentheses; Python precedence
  c += 1             += -= *= /= rebind the name to a new node
  L.backward()       reverse mode from L (also backward(L)); gradients accumulate
  a.grad  a.data     read one gradient or value at full precision
  a.data = 3         change a leaf: everything computed from it updates at once
  a.data -= 0.01 * a.grad     the lecture's nudge
  L.zero_grad()      clear gradients under L (or :zero)
  show L             the graph under L as a tree
Numbers: 2  -3.5  .5  1e-4.   Constants: pi, e.   Comments start with #.";

const VIEWS: &str = "\
  show L        the graph under L, one node a line: name, op, value, gradient
  :step L       backward one node at a time, each line the chain rule with numbers
  :check L      each leaf's gradient beside a finite-difference estimate
  :paths L a    dL/da as a sum over paths, each a product of local derivatives
  :dot L FILE   a Graphviz picture of the graph (SVG too if `dot` is installed)
  :vars         every name with its value and gradient";

const FUNCTIONS: &str = "\
  tanh(x) exp(x) log(x) relu(x) sigmoid(x) sin(x) cos(x) sqrt(x) abs(x) pow(x, y)
Each is also a method: x.tanh(), x.relu(), x.pow(2).
Math that leaves the real numbers (log(-1), 0/0) warns and gives NaN or inf.";

const LESSONS: &str = "\
  :lessons      list the lessons and your progress
  :lesson 1     start (or resume) lesson 1; also :lesson reuse (by name)
  Enter, :next  go on after reading;  :back  go back one step
  :hint         the next hint;  :skip  skip any step (a question shows its answer)
  :quit         leave the lesson (the REPL stays; progress is saved)
Answers are judged by meaning: c + b*a is as right as a*b + c.
From the shell: micrograd lesson N, micrograd lessons, micrograd lessons check.
Your own lessons: put NN-name.toml files in the `lessons` folder of the data
directory ($MICROGRAD_DATA_DIR, or your platform's data folder + micrograd).";

/// Writes the help page for `topic` (empty: the overview).
pub fn write(out: &mut dyn Write, palette: Palette, topic: &str) -> io::Result<()> {
    let topic = topic.trim().trim_start_matches(':');
    let page = match topic {
        "" => return overview(out, palette),
        t if "language".starts_with(t) || t == "syntax" => LANGUAGE,
        t if "views".starts_with(t) => VIEWS,
        t if "functions".starts_with(t) => FUNCTIONS,
        t if "lessons".starts_with(t) => LESSONS,
        t if "commands".starts_with(t) => return commands(out, palette),
        other => match super::meta::resolve(other) {
            Some(c) => {
                return writeln!(
                    out,
                    "{} {}\n  {}",
                    palette.bold(&format!(":{}", c.name)),
                    c.args,
                    c.about
                )
            }
            None => {
                return writeln!(
                    out,
                    "No help on `{other}`. Topics: language, views, functions, lessons, commands."
                )
            }
        },
    };
    writeln!(out, "{page}")
}

fn overview(out: &mut dyn Write, palette: Palette) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        palette.bold("micrograd: type a formula, call backward, see every gradient.")
    )?;
    writeln!(out, "{LANGUAGE}\n")?;
    commands(out, palette)?;
    writeln!(
        out,
        "\nMore: :help language | views | functions | lessons.  New here? Type :lesson 1"
    )
}

fn commands(out: &mut dyn Write, palette: Palette) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        palette.bold("Commands (any prefix works: :h, :sh):")
    )?;
    for c in COMMANDS {
        let usage = format!(":{} {}", c.name, c.args);
        writeln!(out, "  {usage:<16} {}", c.about)?;
    }
    Ok(())
}
