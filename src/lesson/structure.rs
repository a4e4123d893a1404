//! What a `type` answer is built like, beyond what it means. Grading by
//! meaning accepts `a*b + c` for `d = e + c`; but a later step reads
//! `e.grad`, and that `d` does not use `e`. Two things live here: the
//! requirements a lesson declares (`uses`, `built_from`, `multiplies_by`:
//! the exercise's point, refused with their own hint), and the safety net
//! every `type` question gets for free: when the learner's form leaves out
//! a named node the lesson's own form is built from, the answer counts,
//! but the lesson binds its own form so later steps still find what they
//! read.

use super::block;
use super::format::{Question, QuestionKind, Requirement, Rule};
use super::grade::{self, split_statement, statement_to_run, Verdict};
use crate::engine::{NodeId, Op};
use crate::eval::{Session, Value};

/// What a right `type` answer binds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Binding {
    /// The learner's own statement.
    Theirs(String),
    /// The lesson's form, because the learner's leaves out named nodes that
    /// later steps read (`missing`, in the order they were bound), or
    /// (`missing` empty) is built with more or fewer operations.
    Lessons {
        /// The lesson's statement, as run.
        statement: String,
        /// The names the learner's form does not use.
        missing: Vec<String>,
    },
}

impl Binding {
    /// The statement to run in the lesson's session.
    pub fn statement(&self) -> &str {
        match self {
            Binding::Theirs(statement) | Binding::Lessons { statement, .. } => statement,
        }
    }
}

/// The statement to run once `answer` to `question` was judged right: the
/// learner's, unless it would leave later steps without a node they read.
/// `None` for questions that bind nothing.
pub fn binding(session: &Session, question: &Question, answer: &str) -> Option<Binding> {
    let theirs = statement_to_run(question, answer)?;
    let QuestionKind::Type { answer: expected } = &question.kind else {
        return Some(Binding::Theirs(theirs));
    };
    let missing = missing_named_nodes(session, expected, answer);
    if missing.is_empty() && same_operation_count(session, expected, answer) {
        return Some(Binding::Theirs(theirs));
    }
    let statement = statement_to_run(question, expected).unwrap_or_else(|| expected.clone());
    Some(Binding::Lessons { statement, missing })
}

/// The names bound to computed nodes (not leaves) that `expected` is built
/// from and `answer` is not.
fn missing_named_nodes(session: &Session, expected: &str, answer: &str) -> Vec<String> {
    let mut scratch = session.clone();
    let (Some(want), Some(got)) = (
        root_of(&mut scratch, expected),
        root_of(&mut scratch, answer),
    ) else {
        return Vec::new();
    };
    let graph = &scratch.graph;
    let (in_want, in_got) = (graph.ancestors(want), graph.ancestors(got));
    let marked = |mark: &[bool], id: NodeId| mark.get(id.index()).copied().unwrap_or(false);
    let mut missing = Vec::new();
    for (name, value) in session.bindings() {
        let Value::Node(id) = value else { continue };
        let computed = !matches!(graph.op(*id), Op::Leaf | Op::Const);
        if computed && marked(&in_want, *id) && !marked(&in_got, *id) && !missing.contains(name) {
            missing.push(name.clone());
        }
    }
    missing
}

/// True unless `answer` and `expected` are both nodes built with a
/// different number of operations, counted over everything each is
/// computed from: `L = d*f*1` (or `d*f + 0`, `d/(1/f)`) for `L = d * f`
/// means the same, but a later step that walks L's graph (lesson 3's
/// `:step L`, "how many steps?") would find an extra node (finding A310).
/// The order of operands, the names they are read through (a helper
/// `errs`) and a regrouping with as many operations (`5 - 4*x + 3*x*x`)
/// do not count.
fn same_operation_count(session: &Session, expected: &str, answer: &str) -> bool {
    let mut scratch = session.clone();
    let (Some(want), Some(got)) = (
        root_of(&mut scratch, expected),
        root_of(&mut scratch, answer),
    ) else {
        return true;
    };
    let graph = &scratch.graph;
    let operations = |root: NodeId| {
        (graph.ancestors(root).iter().enumerate())
            .filter(|(index, &marked)| marked && !graph.op(NodeId(*index as u32)).is_leaf_like())
            .count()
    };
    operations(want) == operations(got)
}

/// Evaluates the expression of `text` (`name = expr` or `expr`) in
/// `scratch` and returns its node.
fn root_of(scratch: &mut Session, text: &str) -> Option<NodeId> {
    let statement = split_statement(text).ok()?;
    match scratch.eval_expr(statement.expression) {
        Ok(Value::Node(id)) => Some(id),
        _ => None,
    }
}

/// [`grade::judge_asked`], with the question's requirements: an answer
/// that means the same but breaks one is wrong (its hint says why). What
/// the runner and `lessons check` judge with.
pub fn judge_asked(
    asked: &Session,
    session: &Session,
    question: &Question,
    answer: &str,
) -> Result<Verdict, String> {
    let verdict = grade::judge_asked(asked, session, question, answer)?;
    if verdict == Verdict::Right && unmet(session, question, answer).is_some() {
        return Ok(Verdict::Wrong(NOT_BUILT_AS_ASKED.into()));
    }
    Ok(verdict)
}

/// A block answer's `judged` (a loop or a `def`, run while the grader
/// watches Ctrl-C), held to the question's requirements as
/// [`judge_asked`] holds every other answer.
pub fn held_to_requirements(
    session: &Session,
    question: &Question,
    answer: &str,
    mut judged: block::Judged,
) -> block::Judged {
    if matches!(judged.verdict, Ok(Verdict::Right)) && unmet(session, question, answer).is_some() {
        judged.verdict = Ok(Verdict::Wrong(NOT_BUILT_AS_ASKED.into()));
    }
    judged
}

/// Said of an answer that means the same but breaks a requirement.
const NOT_BUILT_AS_ASKED: &str =
    "it means the same, but it is not built the way this exercise asks";

/// The first of `question`'s requirements that `answer` breaks, if any.
/// An answer that names what it must avoid breaks that rule whatever it
/// is (a def too); otherwise an answer that does not evaluate breaks none
/// (it is judged otherwise).
pub fn unmet<'q>(
    session: &Session,
    question: &'q Question,
    answer: &str,
) -> Option<&'q Requirement> {
    if question.require.is_empty() {
        return None;
    }
    if let Some(broken) = question
        .require
        .iter()
        .find(|requirement| matches!(&requirement.rule, Rule::Avoids(name) if names(answer, name)))
    {
        return Some(broken);
    }
    let mut scratch = session.clone();
    let before = scratch.graph.len();
    let root = root_of(&mut scratch, answer)?;
    let graph = &scratch.graph;
    let nodes = graph.subgraph(root);
    let built: Vec<NodeId> = nodes
        .iter()
        .copied()
        .filter(|id| id.index() >= before && !matches!(graph.op(*id), Op::Leaf | Op::Const))
        .collect();
    let constant = |id: NodeId| graph.subgraph(id).iter().all(|&n| graph.op(n) != Op::Leaf);
    question.require.iter().find(|requirement| {
        let holds = match &requirement.rule {
            Rule::Uses(name) => session.node(name).is_some_and(|id| nodes.contains(&id)),
            Rule::BuiltFrom(words) => built
                .iter()
                .all(|&id| words.iter().any(|w| w == operation_word(graph.op(id)))),
            Rule::MultipliesBy(factor) => built.iter().any(|&id| match graph.op(id) {
                Op::Mul(x, y) => [x, y]
                    .iter()
                    .any(|&side| constant(side) && graph.value(side) == *factor),
                _ => false,
            }),
            // Checked above, on the text.
            Rule::Avoids(_) => true,
        };
        !holds
    })
}

/// True when `code` names `name`: the whole identifier, outside string
/// literals and not as an attribute (`x.n` is not the name n).
fn names(code: &str, name: &str) -> bool {
    let is_part = |c: char| c.is_alphanumeric() || c == '_';
    let mut quote = None;
    let mut word = String::new();
    let mut before = ' ';
    for c in code.chars().chain([' ']) {
        if let Some(open) = quote {
            if c == open {
                quote = None;
            }
        } else if is_part(c) {
            if word.is_empty() && before == '.' {
                word.push('.');
            }
            word.push(c);
            continue;
        } else {
            if word == name {
                return true;
            }
            word.clear();
            if c == '"' || c == '\'' {
                quote = Some(c);
            }
        }
        before = c;
    }
    false
}

/// The word `built_from` uses for an operation: the views' symbol.
fn operation_word(op: Op) -> &'static str {
    match op {
        Op::Leaf | Op::Const => "",
        other => other.symbol(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lesson::format;

    fn question(extra: &str) -> Question {
        let source = format!(
            "title = \"T\"\nsummary = \"S\"\n[[step]]\ntype = \"?\"\nanswer = \"d = e + c\"\nhints = [\"h\"]\n{extra}"
        );
        match format::parse("t.toml", &source)
            .unwrap()
            .steps
            .remove(0)
            .kind
        {
            format::StepKind::Question(q) => *q,
            other => panic!("{other:?}"),
        }
    }

    fn session() -> Session {
        let mut session = Session::new();
        session
            .run("a = 2; b = -3; c = 10; e = a*b", &mut Vec::new())
            .unwrap();
        session
    }

    #[test]
    fn a_form_without_a_named_node_binds_the_lessons_form() {
        let q = question("");
        let s = session();
        assert_eq!(
            binding(&s, &q, "d = a*b + c"),
            Some(Binding::Lessons {
                statement: "d = e + c".into(),
                missing: vec!["e".into()],
            })
        );
        assert_eq!(
            binding(&s, &q, "c + e"),
            Some(Binding::Theirs("d = c + e".into()))
        );
    }

    #[test]
    fn requirements_name_the_first_broken_rule() {
        let q = question(
            "require = [{ uses = \"e\", hint = \"use e\" }, { built_from = [\"+\"], hint = \"only +\" }]",
        );
        let s = session();
        assert_eq!(
            unmet(&s, &q, "a*b + c").map(|r| r.hint.as_str()),
            Some("use e")
        );
        assert_eq!(
            unmet(&s, &q, "e - -c").map(|r| r.hint.as_str()),
            Some("only +")
        );
        assert_eq!(unmet(&s, &q, "c + e"), None);
        let q = question("require = [{ multiplies_by = -1, hint = \"by -1\" }]");
        assert!(unmet(&s, &q, "a - b").is_some());
        assert!(unmet(&s, &q, "a + (-1)*b").is_none());
        assert!(unmet(&s, &q, "a + b*-1").is_none());
    }

    /// C219: `avoids` refuses an answer that names the built-in it is to
    /// be built without, a def too (it does not evaluate to a node); the
    /// name inside another word, an attribute or a string does not count.
    #[test]
    fn an_avoided_name_breaks_its_rule_even_in_a_def() {
        let q = question("require = [{ avoids = \"e\", hint = \"not e\" }]");
        let s = session();
        assert_eq!(
            unmet(&s, &q, "def mlp(xs):\n    return e*xs").map(|r| r.hint.as_str()),
            Some("not e")
        );
        assert!(unmet(&s, &q, "d = e + c").is_some());
        assert!(unmet(&s, &q, "a*b + c").is_none());
        assert!(unmet(&s, &q, "exp(a.e) + \"e\"").is_none());
    }
}
