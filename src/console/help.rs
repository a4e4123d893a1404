//! `:help` and its topics: short, example-first pages for learners.

use std::io::{self, Write};

use super::meta::COMMANDS;
use super::name_help;
use crate::eval::table::{Kind, BUILTINS, TRAIN_KEYWORDS};
use crate::text::{wrap, Style};

const LANGUAGE: &str = "\
Type formulas; each line is one or more statements separated by `;`.
  a = 2.0            bind a name (echoes `a = 2`); a trailing `;` prints nothing
  e = a * b          + - * / ** (or ^), unary -, parentheses; Python precedence
  c += 1             += -= *= /= rebind the name to a new node
  L.backward()       reverse mode from L (or backward(L)); gradients accumulate
  a.grad  a.data     read one gradient or value at full precision
  a.data = 3         change a leaf: everything computed from it updates at once
  a.data -= 0.01 * a.grad     the lecture's nudge
  L.zero_grad()      clear gradients under L (or :zero)
  show L             the graph under L as a tree
Numbers: 2  -3.5  .5  1e-4.   Constants: pi, e.   Comments start with #.";

/// The rest of `:help language`: the small Python (not in the overview).
const SMALL_PYTHON: &str = "\
Blocks, loops and functions, as in Python (a line ending in `:` continues
with `... `; an empty line ends the block; in files, indent with spaces):
  for k in range(20):         also for a, b in zip(xs, ys):, enumerate(xs)
  while loss.data > 0.01:     with break and continue; if / elif / else
  def neuron(xs, ws, b=0.0):  return ...; defaults, closures, recursion
  [n(x) for x in xs if ...]   lists, xs[-1], sum(x*x for x in xs), lambda
  range len sum min max zip enumerate print abs; Value(2.0, label='a')
  p.grad = 0.0                set a gradient (the lecture zeroes this way)
  from micrograd.engine import Value; from micrograd.nn import Neuron,
  Layer, MLP; import math, random (math.exp(1) works on plain numbers)
Inside a block only print(...) and warnings print; a warning raised on every
iteration prints once with a count (×20). print is Python's, and so are
numbers: 2 is an int, 2.0 a float (int op int stays an int, / gives a
float, a Value's data and grad are floats); echoes write them the same way.
The one intended difference from Python: a node's value always follows its
leaves (the live nudge), so after p.data += -0.1 * p.grad over every
parameter, loss.data is already the new loss, where Python's stays stale.
Print the loss before the update to see what Python prints.
The lecture's training cell (MLP's default is the lecture's network, tanh
on every layer; nn.py's, activation=\"relu\", has ReLUs that on 4 samples
die for most seeds, so its loss stays flat):
  n = MLP(3, [4, 4, 1])
  for k in range(20):
      ypred = [n(x) for x in xs]
      loss = sum((yout - ygt)**2 for ygt, yout in zip(ys, ypred))
      for p in n.parameters():
          p.grad = 0.0
      loss.backward()
      for p in n.parameters():
          p.data += -0.1 * p.grad
      print(k, loss.data)";

const VIEWS: &str = "  show L        the graph under L, one node a line: name, op, value, gradient
  :step L       backward one node at a time, each line the chain rule in numbers
  :check L      each leaf's gradient beside a finite-difference estimate
  :paths L a    dL/da as a sum over paths, each a product of local derivatives
  :dot L g.svg  a picture of the graph for a browser (g.dot: Graphviz DOT)
  :vars         every name with its value and gradient";

/// Under the list of math functions, which comes from the table.
const FUNCTIONS_NOTES: &str = "Each is also a method: x.tanh(), x.relu(), x.pow(2).
Help on one, with its derivative and an example: :help tanh (or tanh?).
Math that leaves the real numbers (log(-1), 0/0) warns and gives NaN or inf.
NaN passes through every op (relu(NaN) is NaN). At kinks, gradients follow
PyTorch: relu'(0) = 0, and relu below 0 passes 0 whatever comes from above;
abs'(0) = 0; sqrt'(0) = inf; 0**0 = 1 with both partials 0; 0**-1 has
d/dy = -inf; a negative base to a non-integer power is NaN (with a warning).
Networks, data sets and training (MLP, moons, csv, train, ...): :help networks";

/// The networks page, before the list of `train` keywords (from the table).
const NETWORKS: &str = "  n = MLP(2, [16, 16, 1])   2 inputs, layer sizes (the last is the output);
                            tanh on every layer: the lecture's network
  MLP(2, [8, 1], activation=\"relu\")  micrograd nn.py's: ReLU hidden layers,
                            a linear output; also \"sigmoid\", \"linear\", \"tanh\"
  MLP(2, [8, 1], output=\"linear\")    the last layer's activation; without
                            output= it is tanh after tanh hidden layers, else
                            linear
  Neuron(3), Layer(3, 4)    micrograd's nn.py pieces: one layer, ReLU unless
                            nonlin=False; callable, with .parameters()
  d = moons(100, noise=0.1) also circles, xor, spiral (3 classes); defaults
                            samples=100, noise=0.1
  d = csv(\"iris.csv\")       a header row, quotes, ; or tab are fine; the last
                            column the label (label=\"species\" or a number):
                            names are classes, other numbers a quantity
  d = dataset(xs, ys)       from lists: rows of features, one label each (as
                            a CSV's label column: names or a few whole
                            numbers are classes)
  d[0], len(d), show d      a sample (features, label), how many, a few rows
                            with each feature's range and the class counts
  n([0.5, -0.3])            the network's output as a node (a list if several)
  n.parameters()            every weight and bias, as nodes; views name them
                            n.L1.N2.w1 (layer 1, neuron 2, weight 1), n.L1.N2.b
  show n, show n.L1         layer by layer (sizes, activation, weight range);
  show n.L1.N2              a layer's neurons; a neuron's weights and grads
  n.L1.N2.w1.data           each part as named, to read, change or call
                            (n.L1([x1, x2]) is layer 1's outputs)
  n.layers[0].neurons[1].w[0]  micrograd's spelling of n.L1.N2.w1
  L = n.loss(d)             the loss over d as a graph to show and backward;
                            takes loss=, l2=, l1= as train does
  n.accuracy(d)             the fraction of d the network classifies right
Random numbers, as after torch.manual_seed: after :seed N, the k-th MLP or data
set gets the same weights or points whatever else ran in between (:reset starts
again from the first). seed=N on one, as in MLP(2, [8, 1], seed=1) or
moons(20, seed=1), uses exactly N and does not move the stream.";

/// The networks page after the keyword list.
const NETWORKS_EXAMPLE: &str =
    "Example: a network memorises 30 noisy points; watch the held-out loss rise,
then try again with l2=0.01 or patience=3 (new n each time):
  d = moons(60, noise=0.3)
  n = MLP(2, [16, 16, 1], activation=\"relu\")
  train(n, d, steps=1000, holdout=0.5, loss=\"bce\", lr=0.3, decay=0, l2=0)
From the shell: micrograd train --help.";

const LESSONS: &str = "  :lessons      list the lessons and your progress
  :lesson 1     start (or resume) lesson 1; also :lesson reuse (by name)
  Enter, :next  go on after reading;  :back  go back one step
  :hint         the next hint;  :skip  skip a step (a question shows its answer)
  :quit         leave the lesson (the REPL stays; progress is saved)";

/// How answers are judged, one paragraph a rule: each is wrapped to the
/// terminal as a whole (not pre-broken for 80 columns, which left lines of
/// two widths at 60: finding A406), and code is in backticks, which the
/// wrapper never breaks.
const LESSON_RULES: [&str; 8] = [
    "Answers are judged by meaning: `c + b*a` is as right as `a*b + c`. If your \
     form leaves out a node later steps read, it counts, and the lesson binds its \
     own form and shows you what it bound.",
    "Looking is never graded: at any question, a bare name, `x.grad`, `show L`, \
     `:vars`, `tanh?`, `help(x)` or `n.accuracy(d)` just runs, and the question \
     stays open for your answer. So do statements (`y = x + 1`, `L.backward()`) \
     at a number or choice question; and, at a number question, a list \
     (`n.parameters()`), the very call the step will show (`n(x)`) and anything \
     that builds a network or data set (`len(MLP(2, [8, 1]).parameters())`). So \
     does arithmetic over the very quantity asked once it holds the answer \
     (`x.grad*1` at \"what is x.grad?\" after backward ran), over the call the \
     step will show (`n(x) + 0`) or over a name you bound to one of them there \
     (`acc = n.accuracy(d)`, then `acc*1`): that reads the answer, it does not \
     predict it.",
    "Answers are judged as the question found the session: what you ran there \
     that moved its names is put back first, and you are told so (names you made \
     before that stay).",
    "At a number question anything else that gives a number is your answer, \
     graded by its value: `2*3`, `w.data - 0.1*w.grad`, \
     `max(abs(g) for g in gs)`. One that reads a gradient no `backward()` has \
     computed yet (`f*L.grad` before any backward: `L.grad` reads 0) is not \
     graded: type the number you expect.",
    "A number is right within the question's tolerance either side of the answer \
     as shown (0.5, not 0.4999999999999999; the edges count) or as the step \
     states it (-0.084). The answer rounded to fewer decimals than the question \
     asks (-7.29 where three are asked) is told so, and one just outside is told \
     it is close: neither costs a try.",
    "A paste is judged by its first input that answers: the looks and helpers \
     before it run, the lines after it do not (you are told how many). Ctrl-C \
     while your loop is graded stops it, and does not count as an answer.",
    "Where a statement is asked (bind `loss` to ...), a helper under a new name \
     typed first (`errs = [...]`) runs and stays, costing no try; the question \
     waits for `loss`.",
    "From the shell: `micrograd lesson N`, `micrograd lessons`, \
     `micrograd lessons check`. Your own lessons: put `NN-name.toml` files in the \
     `lessons` folder of the data directory (`$MICROGRAD_DATA_DIR`, or your \
     platform's data folder + micrograd).",
];

/// The pages `:help` has besides names.
pub const TOPICS: [&str; 6] = [
    "language",
    "views",
    "functions",
    "networks",
    "lessons",
    "commands",
];

/// Writes the help page for `topic` (empty: the overview).
pub fn write(out: &mut dyn Write, style: Style, topic: &str) -> io::Result<()> {
    let topic = topic.trim().trim_start_matches(':');
    let page = match topic {
        "" => return overview(out, style),
        t if "language".starts_with(t) || t == "syntax" || t == "python" => {
            return writeln!(
                out,
                "{}\n{}",
                wrap::fit_lines(LANGUAGE, style.width),
                wrap::fit_lines(SMALL_PYTHON, style.width)
            );
        }
        t if "views".starts_with(t) => VIEWS,
        t if "functions".starts_with(t) => return functions(out, style.width),
        t if is_networks_topic(t) => return networks(out, style.width),
        t if "lessons".starts_with(t) => return lessons(out, style.width),
        t if "commands".starts_with(t) => return commands(out, style),
        other => return name(out, style, other),
    };
    writeln!(out, "{}", wrap::fit_lines(page, style.width))
}

/// The lessons page: the commands, then how answers are judged.
fn lessons(out: &mut dyn Write, width: usize) -> io::Result<()> {
    writeln!(out, "{}\n", wrap::fit_lines(LESSONS, width))?;
    for rule in LESSON_RULES {
        writeln!(out, "{}", wrap::paragraph(rule, width))?;
    }
    Ok(())
}

/// Help on one name (`:help tanh`, `tanh?`, `help(tanh)`), else on the
/// command a prefix means (`:help n` is `:next`), else what there is.
pub fn name(out: &mut dyn Write, style: Style, name: &str) -> io::Result<()> {
    let width = style.width;
    if let Some(text) = name_help::help_on(name, style.palette, width) {
        return writeln!(out, "{text}");
    }
    if let Some(command) = super::meta::resolve(name.trim_start_matches(':')) {
        let full = format!(":{}", command.name);
        let text = name_help::help_on(&full, style.palette, width).unwrap_or(full);
        return writeln!(out, "{text}");
    }
    let topics = name_help::topics();
    let close = crate::eval::closest(name, topics.iter().map(String::as_str))
        .filter(|_| name.chars().count() > 2);
    let guess = close.map_or(String::new(), |c| format!(" Did you mean `{c}`?"));
    let text = format!(
        "No help on `{name}`: it is not a built-in function, method, keyword or command.{guess} Topics: language, views, functions, networks, lessons, commands; or any built-in, as in :help tanh."
    );
    writeln!(out, "{}", wrap::paragraph(&text, width))
}

/// The math functions, listed from the table, and how they behave.
fn functions(out: &mut dyn Write, width: usize) -> io::Result<()> {
    let usages: Vec<&str> = BUILTINS
        .iter()
        .filter(|b| b.kind == Kind::NumberFunction && b.op().is_some())
        .map(|b| b.usage)
        .collect();
    for line in wrap::pack(&usages, " ", width - 2) {
        writeln!(out, "  {line}")?;
    }
    writeln!(out, "{}", wrap::fit_lines(FUNCTIONS_NOTES, width))
}

/// The networks page: its prose around `train`'s keywords from the table.
fn networks(out: &mut dyn Write, width: usize) -> io::Result<()> {
    writeln!(out, "{}", wrap::fit_lines(NETWORKS, width))?;
    let heading = "train(n, d, ...) trains n on d, printing progress; keywords and defaults:";
    writeln!(out, "{}", wrap::paragraph(heading, width))?;
    for keyword in TRAIN_KEYWORDS {
        let label = format!("  {:<18}", format!("{}={}", keyword.name, keyword.default));
        writeln!(out, "{}", wrap::balanced(keyword.help, &label, width))?;
    }
    writeln!(out, "{}", wrap::fit_lines(NETWORKS_EXAMPLE, width))
}

/// `networks` or `training` from the third letter (`:help n` and `:help ne`
/// stay `:next`), and the other names a learner would try: nn, mlp.
fn is_networks_topic(topic: &str) -> bool {
    let topic = topic.to_ascii_lowercase();
    (topic.len() >= 3
        && ["networks", "training"]
            .iter()
            .any(|t| t.starts_with(&topic)))
        || ["nn", "mlp"].contains(&topic.as_str())
}

fn overview(out: &mut dyn Write, style: Style) -> io::Result<()> {
    let title = "micrograd: type a formula, call backward, see every gradient.";
    writeln!(
        out,
        "{}",
        style.palette.bold(&wrap::balanced(title, "", style.width))
    )?;
    writeln!(out, "{}\n", wrap::fit_lines(LANGUAGE, style.width))?;
    commands(out, style)?;
    writeln!(
        out,
        "\n{}",
        // Two lines, fitted apart: the second is not the first's sentence.
        [
            "More: :help language | views | functions | networks | lessons",
            "New here? Type :lesson 1"
        ]
        .map(|line| wrap::fit_lines(line, style.width))
        .join("\n")
    )
}

fn commands(out: &mut dyn Write, style: Style) -> io::Result<()> {
    // `:reset` forgets work, so no prefix reaches it (see `meta`): say so
    // where the prefixes are promised.
    let title = "Commands (any prefix works: :h, :sh; but :reset only in full):";
    writeln!(
        out,
        "{}",
        style.palette.bold(&wrap::paragraph(title, style.width))
    )?;
    for c in COMMANDS {
        let usage = format!("  {:<16} ", format!(":{} {}", c.name, c.args));
        writeln!(out, "{}", wrap::balanced(c.about, &usage, style.width))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Palette;

    fn page(topic: &str) -> String {
        let mut out = Vec::new();
        write(&mut out, Style::plain(), topic).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn networks_page_answers_to_its_aliases_but_not_to_next_prefixes() {
        let networks = page("networks");
        assert!(networks.contains("train(n, d, ...)"), "{networks}");
        for alias in [
            "nn", "train", "tra", "training", "mlp", "MLP", "net", "network",
        ] {
            assert_eq!(page(alias), networks, "{alias}");
        }
        assert!(page("n").starts_with(":next"));
        assert!(page("ne").starts_with(":next"));
    }

    #[test]
    fn every_page_fits_eighty_columns() {
        for topic in TOPICS.iter().copied().chain(["", "help", "zzz"]) {
            for line in page(topic).lines() {
                assert!(
                    textwrap::core::display_width(line) <= 80,
                    ":help {topic}: {line:?}"
                );
            }
        }
    }

    #[test]
    fn overview_functions_and_the_unknown_topic_point_to_networks() {
        assert!(page("").contains("networks"));
        assert!(page("functions").contains(":help networks"));
        assert!(page("zzz").contains("networks"));
    }

    /// Finding A406: the rules were pre-broken for 80 columns, so at 60
    /// they came out in lines of two widths, code broke across lines
    /// (`len(MLP(2,` / `[8, 1]).parameters())`), and the paste rule still
    /// said the last statement is graded.
    #[test]
    fn the_lessons_rules_wrap_to_the_terminal_and_keep_code_whole() {
        for width in [60, 80, 100] {
            let mut out = Vec::new();
            write(&mut out, Style::new(Palette::plain(), width), "lessons").unwrap();
            let text = String::from_utf8(out).unwrap();
            for line in text.lines() {
                assert!(
                    textwrap::core::display_width(line) <= width.min(80),
                    "{line:?}"
                );
                assert_eq!(line.matches('`').count() % 2, 0, "code broken: {line:?}");
            }
            assert!(
                text.contains("`len(MLP(2, [8, 1]).parameters())`"),
                "{text}"
            );
            let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(flat.contains("A paste is judged by its first input that answers"));
            assert!(!flat.contains("last statement"), "{text}");
        }
    }

    #[test]
    fn the_lessons_page_lines_up_its_first_line_with_the_rest() {
        let lessons = page("lessons");
        let mut lines = lessons.lines();
        assert!(
            lines.next().unwrap().starts_with("  :lessons      list"),
            "{lessons}"
        );
        assert!(
            lines.next().unwrap().starts_with("  :lesson 1     start"),
            "{lessons}"
        );
    }
}
