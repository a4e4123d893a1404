//! Hints aimed at the mistake behind a wrong answer, not just at the
//! question. A lesson lists its likely mistakes (`mistakes = [{ answer,
//! hint }]`: the forgotten chain, the sign slip, paths multiplied instead of
//! added); besides those, two slips are recognised in any answer: an
//! operator that binds tighter than the learner meant (`x - y / h`, where
//! `(x - y) / h` would be right), and a formula right but for its sign.

use super::format::{Question, QuestionKind};
use super::grade::{self, split_statement, Verdict};
use super::structure;
use crate::eval::Session;

/// The hint aimed at `answer`'s mistake, if it is one the question (or
/// the grader) knows. `asked` is the session the question found, as in
/// [`structure::judge_asked`].
pub fn aimed_hint(
    asked: &Session,
    session: &Session,
    question: &Question,
    answer: &str,
) -> Option<String> {
    // A mistake of the answer's own form is tried first: the number 0 is
    // the number mistake 0, and `s*1 - s` (also 0) the formula mistake
    // written so, whichever the lesson lists first (finding B313).
    let is_number = |text: &str| text.trim().parse::<f64>().is_ok();
    let typed_number = !grade::reads_names(session, answer);
    let (same_form, other_form): (Vec<_>, Vec<_>) =
        (question.mistakes.iter()).partition(|mistake| is_number(&mistake.answer) == typed_number);
    let listed = (same_form.into_iter().chain(other_form))
        .find(|mistake| matches_mistake(asked, session, question, &mistake.answer, answer));
    if let Some(mistake) = listed {
        return Some(mistake.hint.clone());
    }
    if let Some(requirement) = structure::unmet(session, question, answer) {
        return Some(requirement.hint.clone());
    }
    if matches!(question.kind, QuestionKind::Choose { .. }) {
        return None;
    }
    if let QuestionKind::Type { answer: expected } = &question.kind {
        if zeroes_gradients(expected) && !zeroes_gradients(answer) && answer.contains(".backward(")
        {
            return Some(
                "The gradients are never zeroed: backward() adds to .grad, so each step's \
                 gradient piles onto all the ones before. Zero them before each backward(): \
                 zero_grad(L) with your loss for L, or p.grad = 0.0 for every parameter p."
                    .to_string(),
            );
        }
    }
    if let Some((op, _)) = regrouped(answer)
        .into_iter()
        .find(|(_, variant)| is_right(asked, session, question, variant))
    {
        let what = if op == '/' { "divided" } else { "multiplied" };
        return Some(format!(
            "Mind the order of operations: `{op}` binds tighter than + and −, so only \
             the terms right beside the `{op}` were {what}. Put parentheses around \
             each whole side."
        ));
    }
    if let Some(call) = closed_early(answer)
        .into_iter()
        .find_map(|(call, variant)| is_right(asked, session, question, &variant).then_some(call))
    {
        return Some(format!(
            "The `)` of `{call}(` closes too early: everything it applies to goes inside \
             its parentheses."
        ));
    }
    let flipped = match split_statement(answer) {
        Ok(statement) => format!("{}-({})", &answer[..statement.offset], statement.expression),
        Err(_) => return None,
    };
    is_right(asked, session, question, &flipped)
        .then(|| "Right size, wrong sign: look again at which way round it goes.".to_string())
}

fn is_right(asked: &Session, session: &Session, question: &Question, answer: &str) -> bool {
    structure::judge_asked(asked, session, question, answer) == Ok(Verdict::Right)
}

/// True when `answer` is the listed `mistake`: the same option, a number
/// within the question's tolerance, or the same formula by meaning. At a
/// prediction, a formula typed over the session's names is held to a
/// mistake written as a formula by meaning, not by its number: lesson 5's
/// `1 - o**2` (n.grad alone, at "x2.grad?") and `o**2` both give 0.5, and
/// each has its own hint (finding A220).
fn matches_mistake(
    asked: &Session,
    session: &Session,
    question: &Question,
    mistake: &str,
    answer: &str,
) -> bool {
    if matches!(question.kind, QuestionKind::Predict { .. })
        && mistake.trim().parse::<f64>().is_err()
        && grade::reads_names(session, answer)
    {
        return grade::same_formula(session, answer, mistake);
    }
    let as_if = |kind: QuestionKind| Question {
        kind,
        reveal: None,
        truth: None,
        require: Vec::new(),
        // Judged against the mistake alone, not told apart from it again
        // (see `grade::formula_mistake`).
        mistakes: Vec::new(),
        ..question.clone()
    };
    let pretend = match &question.kind {
        QuestionKind::Choose { options, .. } => {
            let Ok(option) = mistake.trim().parse::<usize>() else {
                return false;
            };
            as_if(QuestionKind::Choose {
                options: options.clone(),
                answer: option,
            })
        }
        QuestionKind::Predict { tolerance, .. } => as_if(QuestionKind::Predict {
            answer: mistake.to_string(),
            tolerance: tolerance.min(1e-3),
        }),
        QuestionKind::Type { .. } => as_if(QuestionKind::Type {
            answer: mistake.to_string(),
        }),
    };
    is_right(asked, session, &pretend, answer)
}

/// True when `code` sets gradients to zero: `zero_grad(...)`,
/// `x.zero_grad()` or `p.grad = 0` (any spacing, `0.0` too).
fn zeroes_gradients(code: &str) -> bool {
    let squeezed: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    squeezed.contains("zero_grad(")
        || squeezed.match_indices(".grad=").any(|(at, found)| {
            let value: String = squeezed[at + found.len()..]
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            value.parse::<f64>() == Ok(0.0)
        })
}

/// `answer` with a call's closing `)` moved to the end of the expression,
/// for each call that closes before it, with the called name: what a
/// learner meant by `sigmoid(x1*w11) + x2*w12 + b1` (the `)` too early).
fn closed_early(answer: &str) -> Vec<(String, String)> {
    let Ok(statement) = split_statement(answer) else {
        return Vec::new();
    };
    let (head, expression) = (&answer[..statement.offset], statement.expression);
    let bytes = expression.as_bytes();
    let mut variants = Vec::new();
    for (open, &byte) in bytes.iter().enumerate() {
        if byte != b'(' {
            continue;
        }
        let name_start = expression[..open]
            .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
            .map_or(0, |at| at + 1);
        let name = &expression[name_start..open];
        if name.is_empty() {
            continue;
        }
        let mut depth = 0i32;
        let close = bytes[open..].iter().position(|&b| {
            depth += match b {
                b'(' => 1,
                b')' => -1,
                _ => 0,
            };
            depth == 0
        });
        let Some(close) = close.map(|at| open + at) else {
            continue;
        };
        if expression[close + 1..].trim().is_empty() || name_start > 0 {
            // Nothing after the call to take in, or the call is not where
            // the expression starts (then the intent is not clear).
            continue;
        }
        let moved = format!(
            "{head}{}{})",
            &expression[..close],
            &expression[close + 1..]
        );
        variants.push((name.to_string(), moved));
    }
    variants
}

/// `answer` regrouped at each top-level `*` or `/`: everything before it
/// in parentheses, and everything after it, as a learner who forgot the
/// parentheses meant (`x - y / h` → `(x - y) / (h)`).
fn regrouped(answer: &str) -> Vec<(char, String)> {
    let Ok(statement) = split_statement(answer) else {
        return Vec::new();
    };
    let (head, expression) = (&answer[..statement.offset], statement.expression);
    let mut depth = 0i32;
    let mut variants = Vec::new();
    let bytes = expression.as_bytes();
    for (at, &byte) in bytes.iter().enumerate() {
        match byte {
            b'(' | b'[' => depth += 1,
            b')' | b']' => depth -= 1,
            b'*' | b'/' if depth == 0 => {
                let is_power =
                    bytes.get(at + 1) == Some(&b'*') || (at > 0 && bytes[at - 1] == b'*');
                let (left, right) = (expression[..at].trim(), expression[at + 1..].trim());
                let loose = |side: &str| side.contains(['+', '-']);
                if !is_power
                    && !left.is_empty()
                    && !right.is_empty()
                    && (loose(left) || loose(right))
                {
                    let op = byte as char;
                    variants.push((op, format!("{head}({left}) {op} ({right})")));
                }
            }
            _ => {}
        }
    }
    variants
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regrouping_puts_parentheses_around_each_side_of_a_loose_division() {
        let variants = |answer: &str| -> Vec<String> {
            regrouped(answer).into_iter().map(|(_, v)| v).collect()
        };
        assert!(variants("((a+h)*b + c)*f - L / h")
            .contains(&"(((a+h)*b + c)*f - L) / (h)".to_string()));
        assert_eq!(
            variants("t2 = exp(2*x) - 1 / exp(2*x) + 1"),
            vec!["t2 = (exp(2*x) - 1) / (exp(2*x) + 1)"]
        );
        assert!(regrouped("x**2 + 1").is_empty());
        assert!(regrouped("a*b").is_empty());
    }

    #[test]
    fn a_call_closed_too_early_is_reopened_to_the_end() {
        assert_eq!(
            closed_early("h1 = sigmoid(x1*w11) + x2*w12 + b1"),
            vec![(
                "sigmoid".to_string(),
                "h1 = sigmoid(x1*w11 + x2*w12 + b1)".to_string()
            )]
        );
        assert!(closed_early("tanh(n)").is_empty());
        assert!(closed_early("2 * exp(x) + 1").is_empty());
    }

    #[test]
    fn zeroing_is_seen_in_each_way_the_lessons_write_it() {
        assert!(zeroes_gradients("zero_grad(L); L.backward()"));
        assert!(zeroes_gradients("L.zero_grad()"));
        assert!(zeroes_gradients("for p in ps:\n    p.grad = 0.0"));
        assert!(zeroes_gradients("p.grad=0"));
        assert!(!zeroes_gradients("p.grad = 0.5 * p.grad"));
        assert!(!zeroes_gradients(
            "L.backward()\nfor p in ps:\n    p.data -= 0.1 * p.grad"
        ));
    }
}
